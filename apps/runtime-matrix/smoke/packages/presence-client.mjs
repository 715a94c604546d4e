// @wawp/presence-client: `subscribe` resolves `{ data }` or `{ error }` and never rejects.
import { clientChecks } from "../checks.mjs";

export const name = "@wawp/presence-client";
export const exports = ["createPresenceClient", "UnauthorizedError", "PresenceTimeoutError", "PresenceAbortError", "isPresenceError"];
export const importEsm = () => import("@wawp/presence-client");

export function checks(mod) {
  return clientChecks(mod, (client, { baseUrl, ...options }) => {
    const wawp = client.createPresenceClient({ ...options, baseUrl });
    return (chatId, callOptions) => wawp.subscribe(chatId, callOptions);
  });
}
