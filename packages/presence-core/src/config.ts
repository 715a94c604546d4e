// Checks a client's options once, at construction, so a misconfigured client fails at start-up
// with a message that names the option — not later, on the first request, with a 401.

import { PresenceValidationError } from "./errors.js";
import { PRODUCTION_BASE_URL } from "./generated/spec.gen.js";
import type { RetryPolicy } from "./policy.js";
import { createRedactor, type Redactor } from "./redact.js";

/** Where the access token travels. */
export type CredentialsIn = "query" | "header";

/** The options both clients share. */
export interface PresenceClientOptions {
  /** The WhatsApp instance (session) id: the `instance_id` query parameter. */
  instanceId: string;
  /** The API access token. Never logged and never shown in errors. */
  accessToken: string;
  /**
   * Where the access token is sent: the `access_token` query parameter, as the endpoint page does,
   * or the `access-token` header, which keeps it out of URLs and proxy logs.
   * @default "query"
   */
  credentialsIn?: CredentialsIn | undefined;
  /**
   * Time allowed for one attempt, in ms.
   * @default 10000
   */
  timeoutMs?: number | undefined;
  /** Retry policy; `{ maxRetries: 0 }` turns retries off. */
  retry?: RetryPolicy | undefined;
}

export interface ResolvedCredentials {
  instanceId: string;
  accessToken: string;
  credentialsIn: CredentialsIn;
  redact: Redactor;
}

export { PRODUCTION_BASE_URL };

export function resolveCredentials(options: PresenceClientOptions | undefined): ResolvedCredentials {
  if (options === null || typeof options !== "object") {
    throw new PresenceValidationError({
      field: "options",
      problem: "are missing",
      expected: "an object such as { instanceId, accessToken }",
    });
  }
  const instanceId = requireText(options.instanceId, "instanceId", "the instance id from your WAWP dashboard", true);
  const accessToken = requireText(options.accessToken, "accessToken", "the access token from your WAWP dashboard", false);
  const credentialsIn = options.credentialsIn ?? "query";
  if (credentialsIn !== "query" && credentialsIn !== "header") {
    throw new PresenceValidationError({
      field: "credentialsIn",
      problem: "is not a known place",
      expected: '"query" or "header"',
      received: String(credentialsIn),
    });
  }
  checkPolicyNumbers(options);
  return { instanceId, accessToken, credentialsIn, redact: createRedactor([accessToken]) };
}

/** Checks a base URL and returns it without a trailing slash. */
export function resolveBaseUrl(baseUrl: string | undefined, field: string): string {
  const value = baseUrl ?? PRODUCTION_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PresenceValidationError({ field, problem: "is not a URL", expected: "an absolute http(s) URL such as https://api.wawp.net", received: value });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PresenceValidationError({ field, problem: `uses ${url.protocol}`, expected: "an http: or https: URL", received: value });
  }
  if (url.search || url.hash) {
    throw new PresenceValidationError({ field, problem: "has a query or fragment", expected: "a URL without ? or #", received: value });
  }
  return value.replace(/\/+$/, "");
}

function requireText(value: unknown, field: string, expected: string, showValue: boolean): string {
  const received = showValue && typeof value === "string" ? value : undefined;
  if (value === undefined || value === null) {
    throw new PresenceValidationError({ field, problem: "is missing", expected: `${expected} (a non-empty string)` });
  }
  if (typeof value !== "string") {
    throw new PresenceValidationError({ field, problem: `must be a string, got ${typeof value}`, expected });
  }
  if (value.trim().length === 0) {
    throw new PresenceValidationError({ field, problem: "is empty", expected: `${expected} (a non-empty string)`, received });
  }
  if (value !== value.trim() || /[\s]/.test(value)) {
    throw new PresenceValidationError({ field, problem: "contains whitespace", expected: `${expected}, without spaces or line breaks`, received });
  }
  return value;
}

/** The longest delay a Node.js timer takes; a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Checks the timeout and retry numbers, of a client or of one call, so a bad one fails with a message
 * instead of turning into a timer that fires at once or a retry loop without end. Undefined fields
 * keep their defaults.
 */
export function checkPolicyNumbers(options: { timeoutMs?: unknown; retry?: { [K in keyof RetryPolicy]?: unknown } | undefined }): void {
  checkNumber("timeoutMs", options.timeoutMs, 1, MAX_TIMER_MS, false, "milliseconds from 1 to 2147483647 (about 24.8 days)");
  const retry = options.retry;
  if (retry === undefined) return;
  if (retry === null || typeof retry !== "object") {
    throw new PresenceValidationError({ field: "retry", problem: "is not an object", expected: "an object such as { maxRetries: 2 }" });
  }
  checkNumber("retry.maxRetries", retry.maxRetries, 0, 100, true, "a whole number from 0 (no retries) to 100");
  for (const key of ["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    checkNumber(`retry.${key}`, retry[key], 0, MAX_TIMER_MS, false, "milliseconds from 0 to 2147483647");
  }
}

function checkNumber(field: string, value: unknown, min: number, max: number, whole: boolean, expected: string): void {
  if (value === undefined) return;
  const ok = typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value));
  if (!ok) {
    throw new PresenceValidationError({ field, problem: "is out of range", expected, received: String(value) });
  }
}
