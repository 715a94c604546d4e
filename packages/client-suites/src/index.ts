// Test-only: the suites every client must pass, the cases read from the spec, and leak checks.
export type { CallOptionsView, CallResult, ClientHandle, ClientOptionsView, ClientUnderTest, ErrorView } from "./client-under-test.js";
export { registerClientSuites } from "./register.js";
export { CONTRACT_ACCESS_TOKEN, CONTRACT_INSTANCE_ID, defineContractSuite } from "./contract-suite.js";
export { defineBehaviourSuite } from "./behaviour-suite.js";
export { defineFaultSuite, FAULT_ACCESS_TOKEN } from "./fault-suite.js";
export { defineDynamicSuite, DYNAMIC_SEED } from "./dynamic-suite.js";
export { defineLoadSuite } from "./load-suite.js";
export { defineBulkSuite, type BulkClientUnderTest, type BulkOptionsView, type BulkResultView } from "./bulk-suite.js";
export { everythingAnErrorShows, expectNoToken, tokenSpellings, UNIT_ACCESS_TOKEN } from "./leaks.js";
export { credentialParams, loadApi, operationCases, pathFor, productionUrl, refusedValues, type OperationCases, type ResponseCase } from "./spec-cases.js";
