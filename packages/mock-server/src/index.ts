// Tools for running and exercising the clients locally. Subpaths keep the heavy parts apart:
// `@wawp/mock-server/fault-server` and `@wawp/mock-server/load`.
export { startPrism, type PrismOptions, type PrismServer } from "./prism.js";
export { freePort } from "./free-port.js";
export { exampleParams, productionUrl } from "./spec-examples.js";
