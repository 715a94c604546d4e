// How the shared suites see @wawp/presence-sdk. The SDK resolves the model and rejects with a
// PresenceError; the suites expect `{ data, error, response }`, so a call goes through the `…Raw`
// method and a PresenceError rejection becomes `{ error }`. Anything else the SDK throws is a bug:
// it is rethrown, so the test fails instead of comparing a stray TypeError as if it were typed.
import type { ClientUnderTest } from "@wawp/client-suites";
import { API_ERROR_CLASSES, PresenceApiError, PresenceError, createPresenceSdk, type PresenceSdk } from "../src/index.js";

async function settle(pending: Promise<{ raw: Response; value(): Promise<unknown> }>) {
  try {
    const { raw, value } = await pending;
    return { data: await value(), response: raw };
  } catch (error) {
    if (error instanceof PresenceError) return { error };
    throw error;
  }
}

export const presenceSdk: ClientUnderTest = {
  name: "@wawp/presence-sdk",
  errorClasses: { ...API_ERROR_CLASSES, base: PresenceApiError },
  create: ({ baseUrl, ...options }) => {
    // Construction errors are thrown as they are: the suites expect them to throw.
    const sdk = createPresenceSdk({ ...options, basePath: baseUrl });
    return {
      call: (operationId, params, call) => settle(sdk[`${operationId}Raw` as keyof PresenceSdk & "subscribeToPresenceRaw"](params as { chatId: string }, call)),
      subscribe: (chatId, call) => settle(sdk.subscribeToPresenceRaw({ chatId }, call)),
    };
  },
};
