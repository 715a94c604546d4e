// subscribeMany against a real local server (the shared bulk suite), and its result types.
import { describe, expectTypeOf, it } from "vitest";
import { defineBulkSuite } from "@wawp/client-suites";
import { API_ERROR_CLASSES, createPresenceClient, type OperationFailure, type SubscribeManyResult, type SubscribeSuccess } from "../src/index.js";

defineBulkSuite({ name: "@wawp/presence-client", errorClasses: API_ERROR_CLASSES, create: (options) => createPresenceClient(options) });

describe("subscribeMany's types", () => {
  it("yields { chatId, data } or { chatId, error } with the subscribe types", () => {
    const client = createPresenceClient({ instanceId: "i", accessToken: "t" });
    expectTypeOf(client.subscribeMany).parameter(0).toEqualTypeOf<Iterable<string> | AsyncIterable<string>>();
    expectTypeOf<SubscribeManyResult["chatId"]>().toEqualTypeOf<string>();
    const narrow = (result: SubscribeManyResult) => {
      if (result.error) {
        expectTypeOf(result.error).toEqualTypeOf<OperationFailure<"subscribeToPresence">>();
        expectTypeOf(result.data).toEqualTypeOf<undefined>();
      } else {
        expectTypeOf(result.data).toMatchTypeOf<SubscribeSuccess>();
        expectTypeOf(result.data.success).toEqualTypeOf<true>();
      }
    };
    void narrow;
  });
});
