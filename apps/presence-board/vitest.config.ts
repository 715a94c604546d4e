import { definePackageConfig } from "@wawp/client-suites/vitest";
import { mergeConfig } from "vitest/config";

// The board tests start real server processes and a browser: one file at a time on 2 cores.
export default mergeConfig(definePackageConfig({ prism: true, testTimeout: 60_000, hookTimeout: 60_000 }), { test: { fileParallelism: false } });
