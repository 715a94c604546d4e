// The tsup settings both published clients build with: ESM + CJS with declarations, and the
// internal @wawp/presence-core bundled in, code and types both (it is never published, so the
// packages must not import it).
import { createRequire } from "node:module";

/**
 * @param {{ from: string, external?: string[], tsconfig?: string }} options
 *   `from`: the calling config's import.meta.url, to resolve @wawp/presence-core from its package.
 */
export function clientBundleConfig({ from, external = [], tsconfig }) {
  const require = createRequire(from);
  // The core's built declarations by their real path. tsup's `dts.resolve` looks for a top-level
  // "types" field, which the core does not have (only "exports"), and the .d.ts bundler treats
  // anything under node_modules/ as external: either way the bundle would keep
  // `from "@wawp/presence-core"`. Mapping each entry to its real file makes the bundler inline it.
  const coreTypes = (entry) => require.resolve(entry).replace(/\.js$/, ".d.ts");
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    target: "node20",
    platform: "neutral",
    ...(tsconfig ? { tsconfig } : {}),
    dts: {
      compilerOptions: {
        paths: {
          "@wawp/presence-core": [coreTypes("@wawp/presence-core")],
          "@wawp/presence-core/public": [coreTypes("@wawp/presence-core/public")],
        },
      },
    },
    noExternal: [/^@wawp\/presence-core/],
    external,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
  };
}
