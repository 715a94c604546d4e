// What both clients send besides the path: the headers (checked once, when the client is built)
// and the fetch to send them with. One place, so the two clients cannot drift apart.
import type { ResolvedCredentials } from "./config.js";
import { PresenceValidationError } from "./errors.js";

/** A `fetch` the clients call as `fetch(url, init)`, like the global one. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The header that carries the token with `credentialsIn: "header"` (the spec's accessTokenHeader scheme). */
export const ACCESS_TOKEN_HEADER = "access-token";
const CREDENTIAL_HEADERS = new Set([ACCESS_TOKEN_HEADER, "authorization"]);

/** The fetch to use: the caller's, or the global one (looked up per call, so it can be patched later). */
export function resolveFetch(fetch: unknown): FetchLike {
  if (fetch === undefined) return (url, init) => globalThis.fetch(url, init);
  if (typeof fetch !== "function") {
    throw new PresenceValidationError({ field: "fetch", problem: `must be a function, got ${typeof fetch}`, expected: "a fetch-compatible function (url, init) => Promise<Response>" });
  }
  return fetch as FetchLike;
}

/**
 * The headers of every request, with lower-case names: JSON accepted and declared as the endpoint
 * page's sample does, the caller's extra headers (which replace ours, whatever their case), and, in
 * header mode, the token. A name or value that fetch would refuse is refused here, at construction,
 * so it never surfaces later as a "network" failure; the token's value is never shown.
 */
export function resolveHeaders(credentials: ResolvedCredentials, extra: unknown): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (extra !== undefined && (extra === null || typeof extra !== "object" || Array.isArray(extra))) {
    throw new PresenceValidationError({ field: "headers", problem: "is not an object", expected: "an object of header names to string values" });
  }
  for (const [name, value] of Object.entries((extra ?? {}) as Record<string, unknown>)) {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) {
      throw new PresenceValidationError({
        field: "headers",
        problem: `sets the credential header '${name}'`,
        expected: "credentials set with instanceId, accessToken and credentialsIn",
      });
    }
    if (typeof value !== "string") {
      throw new PresenceValidationError({ field: `headers.${name}`, problem: `must be a string, got ${typeof value}`, expected: "a header value string" });
    }
    if (!isHeaderName(name) || !isHeaderValue(value)) {
      throw new PresenceValidationError({ field: `headers.${name}`, problem: "is not a valid HTTP header", expected: "a token name and a value without line breaks or non-Latin-1 characters", received: value });
    }
    headers[lower] = value;
  }
  if (credentials.credentialsIn === "header") {
    if (!isHeaderValue(credentials.accessToken)) {
      throw new PresenceValidationError({ field: "accessToken", problem: "cannot travel in a header (it holds characters outside Latin-1)", expected: 'credentialsIn: "query" for this token' });
    }
    headers[ACCESS_TOKEN_HEADER] = credentials.accessToken;
  }
  return headers;
}

function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name);
}

function isHeaderValue(value: string): boolean {
  // Latin-1 without control characters other than tab (what fetch's Headers accepts).
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}
