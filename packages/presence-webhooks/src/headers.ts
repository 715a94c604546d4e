// Reading one header from either a Web `Headers` object or a Node-style record
// (`IncomingHttpHeaders`: lower-case names, a string or a list of strings per name).

/** Request headers as a Web `Headers` or a plain record, such as Node's `req.headers`. */
export type HeadersInput = Headers | Record<string, string | string[] | undefined>;

/** What `readHeader` found: nothing, one value, a header sent more than once, or a non-string value. */
export type HeaderValue = { kind: "absent" } | { kind: "one"; value: string } | { kind: "repeated" } | { kind: "invalid" };

const ABSENT: HeaderValue = { kind: "absent" };
const REPEATED: HeaderValue = { kind: "repeated" };
const INVALID: HeaderValue = { kind: "invalid" };

function isHeaders(headers: object): headers is Headers {
  // Duck-typed rather than `instanceof Headers`: a Headers from another realm or polyfill counts.
  return typeof (headers as { get?: unknown }).get === "function" && typeof (headers as { has?: unknown }).has === "function";
}

/**
 * The value of header `name` (any case). A Web `Headers` joins repeats with ", ", which the
 * callers' format checks then reject; a record's list of several values is reported as repeated.
 * Throws a TypeError for something that is neither kind of headers; callers turn it into their
 * own error.
 */
export function readHeader(headers: HeadersInput, name: string): HeaderValue {
  if (headers === null || typeof headers !== "object") throw new TypeError("headers must be a Headers object or a record of header values");
  if (isHeaders(headers)) {
    const value = headers.get(name);
    return typeof value === "string" ? { kind: "one", value } : ABSENT;
  }
  const wanted = name.toLowerCase();
  let found: HeaderValue = ABSENT;
  for (const key of Object.keys(headers)) {
    // The length check first: most names differ in length, and lower-casing each was a visible cost per request.
    if (key.length !== wanted.length || key.toLowerCase() !== wanted) continue;
    const value: unknown = headers[key];
    let next: HeaderValue;
    if (value === undefined) continue;
    if (typeof value === "string") next = { kind: "one", value: value.trim() };
    else if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") next = { kind: "one", value: value[0].trim() };
    else if (Array.isArray(value) && value.length === 0) continue;
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) next = REPEATED;
    else next = INVALID;
    // The same name twice in different cases ("X-Webhook-Hmac" and "x-webhook-hmac") is a repeat too.
    if (found.kind !== "absent") return REPEATED;
    found = next;
  }
  return found;
}
