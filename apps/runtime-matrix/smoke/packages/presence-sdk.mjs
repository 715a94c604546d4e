// @wawp/presence-sdk: `subscribe` resolves the success model or throws a typed error.
import { clientChecks } from "../checks.mjs";

export const name = "@wawp/presence-sdk";
export const exports = ["createPresenceSdk", "UnauthorizedError", "PresenceTimeoutError", "PresenceAbortError", "isPresenceError"];
export const importEsm = () => import("@wawp/presence-sdk");

export function checks(mod) {
  return clientChecks(mod, (sdk, { baseUrl, ...options }) => {
    const wawp = sdk.createPresenceSdk({ ...options, basePath: baseUrl });
    return async (chatId, callOptions) => {
      try {
        return { data: await wawp.subscribe(chatId, callOptions) };
      } catch (error) {
        return { error };
      }
    };
  });
}
