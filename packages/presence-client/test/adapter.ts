// How the shared suites see @wawp/presence-client: its `{ data, error }` result is already the
// suites' shape, so the adapter only builds the client.
import type { ClientUnderTest } from "@wawp/contract-harness";
import { createPresenceClient } from "../src/index.js";

export const presenceClient: ClientUnderTest = {
  name: "@wawp/presence-client",
  create: (options) => createPresenceClient(options),
};
