// Type-level guarantees, checked by `tsc` in the typecheck task (expectTypeOf is a no-op at run time).
import { describe, expect, expectTypeOf, it } from "vitest";
import { API, SPEC_VERSION } from "@wawp/presence-core";
import {
  NotFoundError,
  PRESENCE_API_VERSION,
  PresenceApiError,
  PresenceError,
  createPresenceClient,
  isPresenceError,
  type AnyPresenceError,
  type ErrorResponse,
  type OperationData,
  type OperationFailure,
  type OperationParams,
  type OperationResult,
  type operations,
} from "../src/index.js";

type Op = "subscribeToPresence";
const client = createPresenceClient({ instanceId: "i", accessToken: "t", fetch: async () => new Response() });

describe("types", () => {
  it("takes each operation's parameters by name, typed from the spec", () => {
    expectTypeOf<keyof OperationParams<Op>>().toEqualTypeOf<"chatId">();
    expectTypeOf<OperationParams<Op>["chatId"]>().toEqualTypeOf<string>();
    expectTypeOf(client.subscribeToPresence).parameter(0).toEqualTypeOf<OperationParams<Op>>();
    // Type checks only: never called.
    const misuse = () => {
      // @ts-expect-error a number is not a chatId
      void client.subscribeToPresence({ chatId: 447441429009 });
      // @ts-expect-error chatId is required
      void client.subscribeToPresence({});
    };
    expectTypeOf(misuse).toBeFunction();
  });

  it("types the success value from the spec, with the success flag narrowed to true", () => {
    expectTypeOf<OperationData<Op>["message"]>().toEqualTypeOf<string>();
    expectTypeOf<OperationData<Op>["success"]>().toEqualTypeOf<true>();
    expectTypeOf(client.subscribe).returns.resolves.toEqualTypeOf<OperationResult<Op>>();
  });

  it("reads the same documented statuses as openapi-typescript", () => {
    expectTypeOf<keyof (typeof API.operations)[Op]["responses"]>().toEqualTypeOf<keyof operations[Op]["responses"]>();
  });

  it("narrows an operation's error by kind and status to the status's class, with the JSON body typed", () => {
    const narrow = (error: OperationFailure<Op>) => {
      if (error.kind === "api" && error.status === 404) {
        expectTypeOf(error).toEqualTypeOf<NotFoundError & { readonly json: ErrorResponse | undefined }>();
      }
      if (error.kind === "api" && error.status === 418) {
        expectTypeOf(error).toMatchTypeOf<PresenceApiError>();
        expectTypeOf(error.status).toEqualTypeOf<418>();
      }
      if (error instanceof NotFoundError) expectTypeOf(error.status).toEqualTypeOf<404>();
      if (error.kind === "validation") expectTypeOf(error.field).toBeString();
      if (error.kind === "timeout") expectTypeOf(error.timeoutMs).toBeNumber();
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it("narrows an unknown caught value with instanceof PresenceError or isPresenceError", () => {
    const caught = (e: unknown) => {
      if (e instanceof PresenceError && e.kind === "api") expectTypeOf(e.status).toBeNumber();
      if (isPresenceError(e)) expectTypeOf(e).toEqualTypeOf<AnyPresenceError>();
      if (e instanceof PresenceError && e.kind === "api" && e.status === 404) expectTypeOf(e).toEqualTypeOf<NotFoundError>();
    };
    expectTypeOf(caught).toBeFunction();
  });

  it("exposes the spec version it was generated from", () => {
    expect(PRESENCE_API_VERSION).toBe(SPEC_VERSION);
    expect(PRESENCE_API_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
