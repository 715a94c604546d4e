import { definePackageConfig } from "@wawp/client-suites/vitest";

export default definePackageConfig({ prism: true });
