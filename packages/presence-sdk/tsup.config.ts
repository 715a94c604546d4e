// ESM + CJS with declarations, and no runtime dependencies: the generated typescript-fetch runtime
// is self-contained, and @wawp/presence-core is internal (never published), so it is bundled in,
// code and types both.
//
// tsup compiles with tsconfig.build.json, the relaxed settings the generated code needs: its
// imports have no file extensions (a bundler resolves them), and with verbatimModuleSyntax on,
// esbuild would keep its value-style imports of interfaces. The strict check of the hand-written
// code is `pnpm typecheck` (tsconfig.json).
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

// The built declarations of @wawp/presence-core, by their real path. tsup's `dts.resolve` looks for
// a top-level "types" field, which the core does not have (only "exports"), and the .d.ts bundler
// treats anything under node_modules/ as external: either way the bundle would keep
// `from "@wawp/presence-core"`, a package consumers cannot install. Mapping the name to the real
// path (Node's resolution follows the workspace symlink) makes the bundler inline the types.
const require = createRequire(import.meta.url);
const coreTypes = (entry: string) => require.resolve(entry).replace(/\.js$/, ".d.ts");

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  target: "node20",
  platform: "neutral",
  tsconfig: "tsconfig.build.json",
  dts: {
    compilerOptions: {
      paths: {
        "@wawp/presence-core": [coreTypes("@wawp/presence-core")],
        "@wawp/presence-core/public": [coreTypes("@wawp/presence-core/public")],
      },
    },
  },
  noExternal: [/^@wawp\/presence-core/],
  sourcemap: true,
  clean: true,
  splitting: false,
  treeshake: true,
});
