// The spec-driven contract suite against the real Prism mock started by the global setup.
import { inject } from "vitest";
import { defineContractSuite } from "@wawp/contract-harness";
import { presenceSdk } from "./adapter.js";

defineContractSuite(presenceSdk, () => inject("prismUrl"));
