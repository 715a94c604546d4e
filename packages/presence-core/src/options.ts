// Checks a client's options once, at construction, so a misconfigured client fails at start-up with
// a message that names the option, not later, on the first request, with a 401. Every message is
// redacted with the credentials known at that point, and never shows a URL's userinfo or query.

import { PresenceValidationError } from "./errors.js";
import { checkHeaders, isHeaderValue } from "./headers.js";
import { checkKnownKeys } from "./option-keys.js";
import { checkPolicyNumbers, type PolicyOptions, type RetryPolicy } from "./policy.js";
import { createRedactor, type Redactor } from "./redact.js";
import { type Credentials, type CredentialsIn } from "./credentials.js";
import { PRODUCTION_BASE_URL, TOKEN_CARRIERS } from "./api.js";
import { isRecord } from "./is-record.js";

/** The options both clients share. */
export interface PresenceClientOptions extends PolicyOptions {
  /** The WhatsApp instance (session) id from your WAWP dashboard. */
  instanceId: string;
  /** The API access token from your WAWP dashboard. Never logged and never shown in errors. */
  accessToken: string;
  /**
   * Where the access token travels: a query parameter, as the endpoint page's sample does, or a
   * header, which keeps it out of URLs and proxy logs. The spec names both. Left unset, an
   * operation whose own `security` takes the token only in one place gets it there; set, an
   * operation that does not take it there is refused before anything is sent.
   * @default "query"
   */
  credentialsIn?: CredentialsIn | undefined;
  /** Extra headers for every request (a User-Agent, tracing). Credentials cannot be set here. */
  headers?: Record<string, string> | undefined;
  /**
   * The fetch to send requests with; inject one for tests, a proxy, or logging.
   * @default globalThis.fetch (looked up per request, so it can be patched later)
   */
  fetch?: typeof globalThis.fetch | undefined;
}

/** Per-call options, the same for every operation of both clients. */
export interface CallOptions extends PolicyOptions {
  /** Cancels the call at once, also while waiting to retry. Its reason becomes the error's `cause`. */
  signal?: AbortSignal | undefined;
  /** Extra headers for this call only, over the client's. Credentials cannot be set here. */
  headers?: Record<string, string> | undefined;
}

export interface ResolvedClientOptions {
  credentials: Credentials;
  redact: Redactor;
  baseUrl: string;
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch;
  policy: PolicyOptions;
}

const RETRY_KEYS = ["retry.maxRetries", "retry.initialDelayMs", "retry.maxDelayMs", "retry.maxRetryAfterMs"] as const satisfies ReadonlyArray<`retry.${keyof RetryPolicy}`>;
const SHARED_KEYS = ["instanceId", "accessToken", "credentialsIn", "headers", "fetch", "timeoutMs", "retry"] as const;
/** Every key a call's options may have (dotted for `retry`). */
export const CALL_KEYS = ["signal", "headers", "timeoutMs", "retry", ...RETRY_KEYS] as const;

/**
 * @param baseUrlKey the client's name for the base URL: `baseUrl` (openapi-fetch's) or `basePath`
 *   (openapi-generator's). Each client keeps its generator's word; the other one is refused by name.
 */
export function resolveClientOptions(given: unknown, baseUrlKey: "baseUrl" | "basePath"): ResolvedClientOptions {
  if (!isRecord(given)) {
    throw new PresenceValidationError({ field: "options", problem: "are missing", expected: "an object such as { instanceId, accessToken }" });
  }
  // A redactor for the token as given, before it is checked: any message below may echo input.
  const redact = createRedactor([typeof given["accessToken"] === "string" ? given["accessToken"] : undefined], TOKEN_CARRIERS);
  checkKnownKeys("option", given, [...SHARED_KEYS, baseUrlKey, ...RETRY_KEYS]);
  if (isRecord(given["retry"])) checkKnownKeys("option", given["retry"], RETRY_KEYS, "retry.");
  const instanceId = requireText(given["instanceId"], "instanceId", "the instance id from your WAWP dashboard", redact);
  const accessToken = requireText(given["accessToken"], "accessToken", "the access token from your WAWP dashboard", undefined);
  const credentialsIn = given["credentialsIn"] ?? "query";
  if (credentialsIn !== "query" && credentialsIn !== "header") {
    throw new PresenceValidationError({ field: "credentialsIn", problem: "is not a known place", expected: '"query" or "header"', received: redact(String(credentialsIn)) });
  }
  if (credentialsIn === "header" && !isHeaderValue(accessToken)) {
    throw new PresenceValidationError({ field: "accessToken", problem: "cannot travel in a header (it holds characters outside Latin-1)", expected: 'credentialsIn: "query" for this token' });
  }
  checkPolicyNumbers(given);
  const fetch = given["fetch"];
  if (fetch !== undefined && typeof fetch !== "function") {
    throw new PresenceValidationError({ field: "fetch", problem: `must be a function, got ${typeof fetch}`, expected: "a fetch-compatible function" });
  }
  return {
    credentials: { instanceId, accessToken, credentialsIn, credentialsInGiven: given["credentialsIn"] !== undefined },
    redact,
    baseUrl: resolveBaseUrl(given[baseUrlKey], baseUrlKey, redact),
    headers: checkHeaders(given["headers"]),
    // The global fetch is looked up per request, so a later patch (a test's, a tracer's) applies.
    fetch: typeof fetch === "function" ? (fetch as typeof globalThis.fetch) : (input, init) => globalThis.fetch(input, init),
    policy: { timeoutMs: given["timeoutMs"] as number | undefined, retry: given["retry"] as RetryPolicy | undefined },
  };
}

/** Checks a call's options; returns them typed, with the headers' names lower-cased. */
export function checkCallOptions(call: unknown): CallOptions {
  if (call === undefined) return {};
  if (!isRecord(call)) throw new PresenceValidationError({ field: "options", problem: "is not an object", expected: "an object such as { signal, timeoutMs }" });
  checkKnownKeys("call option", call, CALL_KEYS);
  if (isRecord(call["retry"])) checkKnownKeys("call option", call["retry"], RETRY_KEYS, "retry.");
  checkPolicyNumbers(call);
  const signal = call["signal"];
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new PresenceValidationError({ field: "signal", problem: "is not an AbortSignal", expected: "an AbortSignal, e.g. from new AbortController()" });
  }
  const headers = call["headers"] === undefined ? undefined : checkHeaders(call["headers"]);
  return { ...(call as CallOptions), headers };
}

/** Checks a base URL and returns it without a trailing slash. */
function resolveBaseUrl(value: unknown, field: string, redact: Redactor): string {
  if (value === undefined) return PRODUCTION_BASE_URL;
  const expected = "an absolute http(s) URL without a query, such as https://api.wawp.net";
  if (typeof value !== "string") throw new PresenceValidationError({ field, problem: `must be a string, got ${typeof value}`, expected });
  const shown = redact(withoutSecrets(value));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PresenceValidationError({ field, problem: "is not a URL", expected, received: shown });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PresenceValidationError({ field, problem: `uses ${url.protocol}`, expected, received: shown });
  }
  if (url.username || url.password) {
    throw new PresenceValidationError({ field, problem: "holds a user name or password", expected: `${expected}; credentials go in instanceId and accessToken`, received: shown });
  }
  if (url.search || url.hash) {
    throw new PresenceValidationError({
      field,
      problem: "has a query or fragment (a base URL takes no query: pass the server's root, not a full endpoint URL)",
      expected,
      received: shown,
    });
  }
  return value.replace(/\/+$/, "");
}

/** The URL with any userinfo and everything from `?` or `#` on replaced, so an error never echoes them. */
function withoutSecrets(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1…@").replace(/[?#][\s\S]*$/, (rest) => `${rest[0]}…`);
}

function requireText(value: unknown, field: string, expected: string, redact: Redactor | undefined): string {
  // A credential's value is never shown; the instance id is, redacted.
  const received = redact && typeof value === "string" ? redact(value) : undefined;
  if (value === undefined || value === null) {
    throw new PresenceValidationError({ field, problem: "is missing", expected: `${expected} (a non-empty string)` });
  }
  if (typeof value !== "string") throw new PresenceValidationError({ field, problem: `must be a string, got ${typeof value}`, expected });
  if (value.trim().length === 0) throw new PresenceValidationError({ field, problem: "is empty", expected: `${expected} (a non-empty string)`, received });
  if (/\s/.test(value)) throw new PresenceValidationError({ field, problem: "contains whitespace", expected: `${expected}, without spaces or line breaks`, received });
  return value;
}
