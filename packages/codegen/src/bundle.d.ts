import type { Options } from "tsup";

export declare function clientBundleConfig(options: { from: string; external?: string[]; tsconfig?: string }): Options;
