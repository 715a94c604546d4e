// subscribeMany against a real local server (the shared bulk suite), and its result types: the
// SDK yields failures as results too, it does not throw them.
import { describe, expectTypeOf, it } from "vitest";
import { defineBulkSuite } from "@wawp/client-suites";
import { API_ERROR_CLASSES, createPresenceSdk, type OperationFailure, type SubscribeManyResult, type SubscribeResponse } from "../src/index.js";

defineBulkSuite({ name: "@wawp/presence-sdk", errorClasses: API_ERROR_CLASSES, create: ({ baseUrl, ...options }) => createPresenceSdk({ ...options, basePath: baseUrl }) });

describe("subscribeMany's types", () => {
  it("yields { chatId, data } or { chatId, error } with the subscribe types", () => {
    const sdk = createPresenceSdk({ instanceId: "i", accessToken: "t" });
    expectTypeOf(sdk.subscribeMany).parameter(0).toEqualTypeOf<Iterable<string> | AsyncIterable<string>>();
    const narrow = (result: SubscribeManyResult) => {
      if (result.error) {
        expectTypeOf(result.error).toEqualTypeOf<OperationFailure<"subscribeToPresence">>();
      } else {
        expectTypeOf(result.data).toMatchTypeOf<SubscribeResponse>();
        expectTypeOf(result.data.success).toEqualTypeOf<true>();
      }
    };
    void narrow;
  });
});
