// ESM + CJS with declarations (settings shared with presence-client in packages/codegen/src/bundle.js),
// and no runtime dependencies: the generated typescript-fetch runtime is self-contained, and
// @wawp/presence-core is bundled in.
//
// tsup compiles with tsconfig.build.json, the relaxed settings the generated code needs: its
// imports have no file extensions (a bundler resolves them), and with verbatimModuleSyntax on,
// esbuild would keep its value-style imports of interfaces. The strict check of the hand-written
// code is `pnpm typecheck` (tsconfig.json).
import { defineConfig } from "tsup";
import { clientBundleConfig } from "@wawp/codegen/bundle";

export default defineConfig(clientBundleConfig({ from: import.meta.url, entry: ["src/index.ts", "src/testing.ts"], tsconfig: "tsconfig.build.json" }));
