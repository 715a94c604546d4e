// Random schema-valid responses from Prism's dynamic mode: typed value or typed error, every time.
import { defineDynamicSuite } from "@wawp/contract-harness";
import { presenceSdk } from "./adapter.js";

defineDynamicSuite(presenceSdk);
