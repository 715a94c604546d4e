import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/prism.global-setup.ts"],
    include: ["test/**/*.test.ts"],
    // The board tests start real server processes and a browser: one file at a time on 2 cores.
    fileParallelism: false,
    // The JSON report feeds the CI summary line (.ci/summary.mjs).
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
