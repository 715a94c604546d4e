// ESM + CJS with declarations. @wawp/presence-core is internal (never published), so it is
// bundled in, code and types both; openapi-fetch stays an ordinary runtime dependency.
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

// The .d.ts bundler keeps imports of anything it finds under node_modules/ (and tsup's
// `dts.resolve` wants a top-level "types" field the core does not have), so the core's built
// declarations are mapped by their real path: then they are inlined, and the published types never
// import @wawp/presence-core, which consumers cannot install.
const require = createRequire(import.meta.url);
const coreTypes = (entry: string) => require.resolve(entry).replace(/\.js$/, ".d.ts");

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  target: "node20",
  platform: "neutral",
  dts: {
    compilerOptions: {
      paths: {
        "@wawp/presence-core": [coreTypes("@wawp/presence-core")],
        "@wawp/presence-core/public": [coreTypes("@wawp/presence-core/public")],
      },
    },
  },
  noExternal: [/^@wawp\/presence-core/],
  external: ["openapi-fetch"],
  sourcemap: true,
  clean: true,
  splitting: false,
  treeshake: true,
});
