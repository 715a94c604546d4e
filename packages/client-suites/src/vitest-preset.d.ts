import type { ViteUserConfig } from "vitest/config";

export interface PackageTestOptions {
  /** Start one Prism mock of the spec for the run (tests read it with `inject("prismUrl")`). */
  prism?: boolean;
  /** @default 20000 */
  testTimeout?: number;
  /** @default vitest's own */
  hookTimeout?: number;
}

export declare function definePackageConfig(options?: PackageTestOptions): ViteUserConfig;
