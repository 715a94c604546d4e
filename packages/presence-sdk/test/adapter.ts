// How the shared suites see @wawp/presence-sdk. The SDK resolves to the success model and rejects
// with a PresenceError; the suites expect `{ data, error }`, so the adapter turns a PresenceError
// rejection into `{ error }`. Anything else the SDK throws is a bug: it is rethrown, so the test
// fails instead of comparing a stray TypeError or SyntaxError as if it were a typed error.
import type { ClientUnderTest } from "@wawp/contract-harness";
import { createPresenceSdk, PresenceError } from "../src/index.js";

export const presenceSdk: ClientUnderTest = {
  name: "@wawp/presence-sdk",
  create: ({ baseUrl, ...options }) => {
    // Construction errors are thrown as they are: the suites expect them to throw.
    const sdk = createPresenceSdk({ ...options, basePath: baseUrl });
    return {
      async subscribe(chatId, call) {
        try {
          return { data: await sdk.subscribe(chatId, call) };
        } catch (error) {
          if (error instanceof PresenceError) return { error };
          throw error;
        }
      },
    };
  },
};
