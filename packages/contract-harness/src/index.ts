export { startPrism, type PrismOptions, type PrismServer } from "./prism.js";
export { prismGlobalSetup } from "./global-setup.js";
export { freePort } from "./free-port.js";
export {
  contractCases,
  loadSpecDocument,
  productionUrl,
  PAGE_EXAMPLE_CHAT_ID,
  PAGE_EXAMPLE_SUCCESS,
  SUBSCRIBE_PATH,
  type ContractCase,
} from "./cases.js";
export {
  defineContractSuite,
  CONTRACT_ACCESS_TOKEN,
  CONTRACT_INSTANCE_ID,
  ERROR_CLASS_BY_STATUS,
  type CallOptionsView,
  type ClientOptionsView,
  type ClientUnderTest,
  type ErrorView,
  type FetchLike,
} from "./contract-suite.js";
export { defineBehaviourSuite, everythingAnErrorShows, expectNoToken, tokenSpellings, UNIT_ACCESS_TOKEN } from "./behaviour-suite.js";
export { defineFaultSuite, FAULT_ACCESS_TOKEN } from "./fault-suite.js";
export { startFaultServer, type Fault, type FaultServer, type RecordedRequest } from "./fault-server.js";
export { runLoad, isErrorValue, type LoadOptions, type LoadResult } from "./load.js";
export { runLiveCheck, formatLiveReport, probes, type ProbeResult, type Violation, type LiveCheckOptions } from "./live-check.js";
export { defineDynamicSuite, DYNAMIC_SEED } from "./dynamic-suite.js";
export { defineLoadSuite } from "./load-suite.js";
