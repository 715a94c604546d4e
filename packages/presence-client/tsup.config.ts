// ESM + CJS with declarations. @wawp/presence-core is internal (never published), so it is
// bundled in, code and types both; openapi-fetch stays an ordinary runtime dependency.
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  target: "node20",
  platform: "neutral",
  dts: { resolve: ["@wawp/presence-core"] },
  noExternal: ["@wawp/presence-core"],
  external: ["openapi-fetch"],
  sourcemap: true,
  clean: true,
  splitting: false,
  treeshake: true,
});
