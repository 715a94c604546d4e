// Every shared suite (contract against Prism, behaviour, faults, fuzz, load), run against this client.
import { registerClientSuites } from "@wawp/client-suites";
import { presenceSdk } from "./adapter.js";

registerClientSuites(presenceSdk);
