// Errors, redaction and validation with an injected fetch (no network).
import { defineBehaviourSuite } from "@wawp/contract-harness";
import { presenceClient } from "./adapter.js";

defineBehaviourSuite(presenceClient);
