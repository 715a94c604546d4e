// ESM + CJS with declarations (settings shared with presence-sdk in packages/codegen/src/bundle.js).
// openapi-fetch stays an ordinary runtime dependency; @wawp/presence-core is bundled in.
import { defineConfig } from "tsup";
import { clientBundleConfig } from "@wawp/codegen/bundle";

export default defineConfig(clientBundleConfig({ from: import.meta.url, entry: ["src/index.ts", "src/testing.ts"], external: ["openapi-fetch"] }));
