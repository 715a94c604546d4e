// The one vitest configuration every package of the repository uses. Plain JavaScript (typed by
// vitest-preset.d.ts): vitest loads config files with Node, before any TypeScript transform.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** @param {import("./vitest-preset.js").PackageTestOptions} [options] */
export function definePackageConfig(options = {}) {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      // One Prism mock of the spec for the run; tests read its URL with `inject("prismUrl")`.
      globalSetup: options.prism ? [fileURLToPath(new URL("./prism-global-setup.ts", import.meta.url))] : [],
      // The JSON report feeds the CI summary line (.ci/summary.mjs).
      reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
      testTimeout: options.testTimeout ?? 20_000,
      ...(options.hookTimeout === undefined ? {} : { hookTimeout: options.hookTimeout }),
    },
  });
}
