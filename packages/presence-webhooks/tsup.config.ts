// ESM + CJS with declarations (settings shared with the clients in packages/codegen/src/bundle.js).
// Two entries: the Web-standard main entry, which imports no `node:` module, and ./node.
import { defineConfig } from "tsup";
import { clientBundleConfig } from "@wawp/codegen/bundle";

export default defineConfig(clientBundleConfig({ from: import.meta.url, entry: ["src/index.ts", "src/node.ts"], core: false }));
