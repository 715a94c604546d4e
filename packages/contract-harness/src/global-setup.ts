// A vitest globalSetup that starts one Prism for the whole test run and always stops it.
// Use it from a package's vitest config:  globalSetup: ["./test/prism.global-setup.ts"]
// with that file re-exporting `prismGlobalSetup()`. Tests read the URL with `inject("prismUrl")`.
import type { TestProject } from "vitest/node";
import { startPrism, type PrismOptions } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock started for this test run. */
    prismUrl: string;
  }
}

export function prismGlobalSetup(options: PrismOptions = { errors: true }) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const prism = await startPrism(options);
    project.provide("prismUrl", prism.url);
    return () => prism.stop();
  };
}
