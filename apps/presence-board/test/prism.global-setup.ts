import { prismGlobalSetup } from "@wawp/contract-harness";

export default prismGlobalSetup({ errors: true });
