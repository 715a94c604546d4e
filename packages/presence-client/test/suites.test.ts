// Every shared suite (contract against Prism, behaviour, faults, fuzz, load), run against this client.
// `{ data, error, response }` is already the suites' shape; a call by operationId is a method call.
import { registerClientSuites } from "@wawp/client-suites";
import { API_ERROR_CLASSES, PresenceApiError, createPresenceClient, type PresenceClient } from "../src/index.js";

registerClientSuites({
  name: "@wawp/presence-client",
  errorClasses: { ...API_ERROR_CLASSES, base: PresenceApiError },
  create: (options) => {
    const client = createPresenceClient(options);
    return {
      // The suites call operations by name from the spec; the typed surface is tested in types.test.ts.
      call: (operationId, params, call) => client[operationId as keyof PresenceClient & "subscribeToPresence"](params as { chatId: string }, call),
      subscribe: (chatId, call) => client.subscribe(chatId, call),
    };
  },
});
