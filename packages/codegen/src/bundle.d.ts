import type { Options } from "tsup";

export declare function clientBundleConfig(options: { from: string; entry?: string[]; external?: string[]; tsconfig?: string; core?: boolean }): Options;
