// Timeouts, retries, aborts and broken responses against the real fault server on 127.0.0.1.
import { defineFaultSuite } from "@wawp/contract-harness";
import { presenceSdk } from "./adapter.js";

defineFaultSuite(presenceSdk);
