import { definePackageConfig } from "@wawp/client-suites/vitest";

export default definePackageConfig({ prism: true, testTimeout: 30_000 });
