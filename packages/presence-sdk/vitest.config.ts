import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One real Prism for the run, started and stopped by the harness.
    globalSetup: ["./test/prism.global-setup.ts"],
    include: ["test/**/*.test.ts"],
    // The JSON report feeds the CI summary line (.ci/summary.mjs).
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 20_000,
  },
});
