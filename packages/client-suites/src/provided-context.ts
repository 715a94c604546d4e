// What the global setup provides to the tests (read with `inject`).
declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock started for this test run. */
    prismUrl: string;
  }
}

export {};
