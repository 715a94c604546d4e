// A vitest globalSetup that starts one Prism for the whole test run and always stops it. The preset
// (./vitest-preset.ts) lists it; tests read the URL with `inject("prismUrl")`.
import type { TestProject } from "vitest/node";
import { startPrism } from "@wawp/mock-server";

import type {} from "./provided-context.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism({ errors: true });
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
