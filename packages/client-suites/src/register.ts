// Registers every shared suite against one client: a client package's whole suite is one call.
import { inject } from "vitest";
import type { ClientUnderTest } from "./client-under-test.js";
import type {} from "./provided-context.js";
import { defineBehaviourSuite } from "./behaviour-suite.js";
import { defineContractSuite } from "./contract-suite.js";
import { defineDynamicSuite } from "./dynamic-suite.js";
import { defineFaultSuite } from "./fault-suite.js";
import { defineLoadSuite } from "./load-suite.js";

export function registerClientSuites(client: ClientUnderTest): void {
  defineContractSuite(client, () => inject("prismUrl"));
  defineBehaviourSuite(client);
  defineFaultSuite(client);
  defineDynamicSuite(client);
  defineLoadSuite(client);
}
