// Errors, redaction and validation with an injected fetch (no network).
import { defineBehaviourSuite } from "@wawp/contract-harness";
import { presenceSdk } from "./adapter.js";

defineBehaviourSuite(presenceSdk);
