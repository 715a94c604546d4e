// The tsup settings the published packages build with: ESM + CJS with declarations, and the
// internal @wawp/presence-core bundled in, code and types both (it is never published, so the
// packages must not import it). A package that does not use the core says `core: false`.
import { createRequire } from "node:module";

/**
 * @param {{ from: string, entry?: string[], external?: string[], tsconfig?: string, core?: boolean }} options
 *   `from`: the calling config's import.meta.url, to resolve @wawp/presence-core from its package.
 */
export function clientBundleConfig({ from, entry = ["src/index.ts"], external = [], tsconfig, core = true }) {
  const require = createRequire(from);
  // The core's built declarations by their real path. tsup's `dts.resolve` looks for a top-level
  // "types" field, which the core does not have (only "exports"), and the .d.ts bundler treats
  // anything under node_modules/ as external: either way the bundle would keep
  // `from "@wawp/presence-core"`. Mapping each entry to its real file makes the bundler inline it.
  const coreTypes = (specifier) => require.resolve(specifier).replace(/\.js$/, ".d.ts");
  return {
    entry,
    format: ["esm", "cjs"],
    target: "node20",
    platform: "neutral",
    ...(tsconfig ? { tsconfig } : {}),
    dts: core
      ? {
          compilerOptions: {
            paths: {
              "@wawp/presence-core": [coreTypes("@wawp/presence-core")],
              "@wawp/presence-core/public": [coreTypes("@wawp/presence-core/public")],
              "@wawp/presence-core/testing": [coreTypes("@wawp/presence-core/testing")],
            },
          },
        }
      : true,
    noExternal: core ? [/^@wawp\/presence-core/] : [],
    external,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
  };
}
