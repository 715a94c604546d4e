// What the runner hands the smoke script (smoke/checks.mjs reads the same fields), and the rows it
// gets back.

export interface SmokeEnv {
  prismUrl: string;
  /** A server that never answers (src/hanging-server.ts). */
  hangUrl: string;
  instanceId: string;
  /** A made-up token; the checks prove it appears in no error. */
  token: string;
  timeoutMs: number;
  abortAfterMs: number;
  /** Only when a webhooks package is published. */
  webhookSecret?: string;
  webhookEvent?: unknown;
}

export interface SmokeConfig {
  /** Files in smoke/packages/ to load. */
  modules: string[];
  env: SmokeEnv;
}

export interface SmokeRow {
  package: string;
  /** "ESM" or "CJS" for the package checks; "-" for checks about the runtime as a whole. */
  format: string;
  /** "load" is the import or require itself. */
  check: string;
  ok: boolean;
  detail: string;
}

export function isSmokeRows(value: unknown): value is SmokeRow[] {
  return (
    Array.isArray(value) &&
    value.every((row: unknown) => typeof row === "object" && row !== null && "package" in row && "check" in row && "ok" in row && typeof row.ok === "boolean")
  );
}
