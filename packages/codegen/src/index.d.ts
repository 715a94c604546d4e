export declare const specPath: string;
export declare const GENERATE_COMMAND: string;

export interface LoadedSpec {
  path: string;
  text: string;
  /** The parsed OpenAPI document. */
  document: any;
  version: string;
  sha256: string;
}

export declare function loadSpec(): Promise<LoadedSpec>;
export declare function generatedHeader(options: { spec: LoadedSpec; generator: string; packageDir: string }): string;
export declare function emitGenerated(options: {
  outDir: string;
  files: Record<string, string>;
  check: boolean;
  packageName: string;
}): Promise<{ written: number; checked: number }>;
export declare class StaleGeneratedCodeError extends Error {}
export declare function runGenerator(main: (options: { check: boolean; outDir: string | undefined }) => Promise<void>): Promise<void>;
