// Type-level guarantees, checked by `tsc` in the typecheck task (expectTypeOf is a no-op at run time).
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createPresenceClient,
  NotFoundError,
  PRESENCE_API_VERSION,
  type ApiErrorByStatus,
  type operations,
  type SubscribeError,
  type SubscribeSuccess,
} from "../src/index.js";
import { SPEC_VERSION } from "@wawp/presence-core";

type Documented = keyof operations["subscribeToPresence"]["responses"];

describe("types", () => {
  it("has an error class for every documented error status, and no other", () => {
    expectTypeOf<keyof ApiErrorByStatus>().toEqualTypeOf<Exclude<Documented, 200>>();
  });

  it("types the success value from the spec", () => {
    expectTypeOf<SubscribeSuccess>().toEqualTypeOf<{ success: boolean; message: string }>();
    const client = createPresenceClient({ instanceId: "i", accessToken: "t", fetch: async () => new Response() });
    expectTypeOf(client.subscribe).returns.resolves.toEqualTypeOf<
      { data: SubscribeSuccess; error?: undefined } | { data?: undefined; error: SubscribeError }
    >();
  });

  it("narrows the error by class and by kind", () => {
    const narrow = (error: SubscribeError) => {
      if (error instanceof NotFoundError) expectTypeOf(error.status).toEqualTypeOf<404>();
      if (error.kind === "validation") expectTypeOf(error.field).toBeString();
      if (error.kind === "timeout") expectTypeOf(error.timeoutMs).toBeNumber();
    };
    expectTypeOf(narrow).toBeFunction();
    expectTypeOf<ApiErrorByStatus[404]>().toEqualTypeOf<NotFoundError>();
  });

  it("exposes the spec version it was generated from", () => {
    expect(PRESENCE_API_VERSION).toBe(SPEC_VERSION);
    expect(PRESENCE_API_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
