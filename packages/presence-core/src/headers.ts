// Extra request headers, of a client or of one call, checked before anything is sent: a name or value
// that fetch would refuse fails here with a message instead of later as a "network" failure, and no
// header may carry a credential (credentials are set with instanceId, accessToken and credentialsIn).
import { PresenceValidationError } from "./errors.js";
import { TOKEN_CARRIERS } from "./api.js";
import { isRecord } from "./is-record.js";

const CREDENTIAL_HEADERS = new Set([...TOKEN_CARRIERS.headers, "authorization", "cookie"]);

/** The headers as a record with lower-case names. */
export function checkHeaders(extra: unknown, field = "headers"): Record<string, string> {
  const headers: Record<string, string> = {};
  if (extra === undefined) return headers;
  if (!isRecord(extra) || extra instanceof Headers) {
    throw new PresenceValidationError({ field, problem: "is not a plain object", expected: "an object of header names to string values" });
  }
  for (const [name, value] of Object.entries(extra)) {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) {
      throw new PresenceValidationError({ field, problem: `sets the credential header '${name}'`, expected: "credentials set with instanceId, accessToken and credentialsIn" });
    }
    if (typeof value !== "string") {
      throw new PresenceValidationError({ field: `${field}.${name}`, problem: `must be a string, got ${typeof value}`, expected: "a header value string" });
    }
    if (!isHeaderName(name) || !isHeaderValue(value)) {
      throw new PresenceValidationError({ field: `${field}.${name}`, problem: "is not a valid HTTP header", expected: "a token name and a value without line breaks or non-Latin-1 characters", received: value });
    }
    headers[lower] = value;
  }
  return headers;
}

function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name);
}

/** Latin-1 without control characters other than tab (what fetch's Headers accepts). */
export function isHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}
