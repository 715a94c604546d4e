import { definePackageConfig } from "@wawp/client-suites/vitest";

export default definePackageConfig({ testTimeout: 60_000 });
