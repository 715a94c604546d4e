import { definePackageConfig } from "@wawp/client-suites/vitest";

export default definePackageConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
