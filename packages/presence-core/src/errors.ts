// The one error hierarchy of the presence clients. Both clients re-export these classes, so a
// caller handles failures the same way whichever generator they picked.
//
// Every field is already redacted when an error is built: errors are logged, serialised and shown,
// so they must never hold the access token.
//
// `instanceof` works across copies of this code (the ESM and CJS builds, or the two clients, each of
// which bundles its own copy): every class carries a brand under a global symbol, and
// `Symbol.hasInstance` compares brands when the prototype chain does not match.

/** What kind of failure an error is; a stable discriminant for `switch`. */
export type PresenceErrorKind = "validation" | "api" | "unsuccessful" | "unexpected_response" | "connection" | "timeout" | "abort";

const BRAND = Symbol.for("@wawp/presence-error");

type Constructor = abstract new (...args: never[]) => unknown;
/**
 * What `value instanceof C` narrows to: the union of concrete errors for the base classes (so `kind`
 * and `status` discriminate after `instanceof PresenceError`), the class's own instances otherwise.
 */
type InstanceNarrowing<C> = [typeof PresenceError] extends [C]
  ? AnyPresenceError
  : [typeof PresenceApiError] extends [C]
    ? [C] extends [typeof PresenceApiError]
      ? AnyApiError
      : C extends abstract new (...args: never[]) => infer I
        ? I
        : never
    : C extends abstract new (...args: never[]) => infer I
      ? I
      : never;

export interface PresenceErrorInit {
  /** Requests sent before giving up (0 when nothing was sent). */
  attempts: number;
  cause?: unknown;
}

/** Base class of everything the clients throw or return as an error. */
export abstract class PresenceError extends Error {
  /** What kind of failure this is: a discriminant for `switch`. */
  abstract readonly kind: PresenceErrorKind;
  /** How many HTTP requests were sent for this call, retries included. 0 means nothing was sent. */
  readonly attempts: number;

  constructor(message: string, init: PresenceErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.attempts = init.attempts;
  }

  /** A plain, token-free view for structured logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, kind: this.kind, message: this.message };
  }

  static override [Symbol.hasInstance]<C extends Constructor>(this: C, value: unknown): value is InstanceNarrowing<C> {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // Another copy of this hierarchy: look for this class's brand on the value's prototype chain.
    const brand: unknown = (this.prototype as Record<symbol, unknown>)[BRAND];
    if (typeof brand !== "string" || value === null || typeof value !== "object") return false;
    for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && typeof proto === "object"; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto, BRAND) && (proto as Record<symbol, unknown>)[BRAND] === brand) return true;
    }
    return false;
  }
}

export interface ValidationErrorInit {
  /** The option or argument that is wrong, e.g. `chatId` or `accessToken`. */
  field: string;
  /** What is wrong with it. */
  problem: string;
  /** The form it must take. */
  expected: string;
  /** The offending value, when it is safe to show (never a credential). */
  received?: string | undefined;
}

/** Input the client refused before sending anything. `attempts` is always 0. */
export class PresenceValidationError extends PresenceError {
  readonly kind = "validation" as const;
  /** The option, parameter or argument that is wrong, e.g. `chatId`, `timeoutMs` or `retry.maxRetries`. */
  readonly field: string;
  /** The form the value must take. */
  readonly expected: string;
  /** The offending value as given, when it is safe to show; never a credential. */
  readonly received: string | undefined;

  constructor(init: ValidationErrorInit) {
    const shown = init.received === undefined ? "" : ` (got ${JSON.stringify(init.received)})`;
    super(`Invalid ${init.field}: ${init.problem}${shown}. Expected ${init.expected}.`, { attempts: 0 });
    this.field = init.field;
    this.expected = init.expected;
    this.received = init.received;
  }
}

/** What the client saw of an HTTP response, redacted. */
export interface ResponseInfo {
  status: number;
  /** The response's Content-Type without parameters, or "" when it had none. */
  contentType: string;
  /** The raw body text (redacted, and cut to a bounded length for huge bodies). */
  body: string;
  /** The request URL with the access token replaced by `[REDACTED]`. */
  url: string;
  /** Response headers: lower-case names, redacted; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

export interface ApiErrorInit extends ResponseInfo, PresenceErrorInit {
  /** The message the server put in the body, redacted. */
  serverMessage: string | undefined;
  /** The body parsed as JSON, when it was JSON. */
  json?: unknown;
}

/**
 * The server answered with an error status. Common statuses have their own subclass (a fixed table,
 * as in the best generated SDKs); any other status is this class. `D` is the JSON error body's type
 * as the spec documents it for the status.
 */
export class PresenceApiError<S extends number = number, D = unknown> extends PresenceError {
  readonly kind = "api" as const;
  /** The HTTP status. */
  readonly status: S;
  /** The response's media type, lower-cased and without parameters ("" when absent). */
  readonly contentType: string;
  /** The body as text: redacted, and cut at 64 KiB for huge bodies. */
  readonly body: string;
  /** The body parsed as JSON (typed as the spec's schema for this status), or undefined when it was not JSON. */
  readonly json: D | undefined;
  /** The request URL, with the access token replaced by `[REDACTED]`. */
  readonly url: string;
  /** The server's own message: the JSON `message` (else `error`, `detail`, `title`), the XML `<message>`, the text, or the HTML `<title>`. Redacted. */
  readonly serverMessage: string | undefined;
  /** The response headers: lower-case names, redacted; repeated headers (such as set-cookie) joined with ", ". */
  readonly headers: Record<string, string>;

  // `init.status` is S: apiErrorFor picks the class by the status.
  constructor(init: ApiErrorInit) {
    // The server's message leads: it says what went wrong in this case; the status only classifies it.
    const status = `${init.status} ${reasonPhrase(init.status)}`;
    super(init.serverMessage ? `${init.serverMessage} (${status})` : `${status} (no message in the body)`, init);
    this.status = init.status as S;
    this.contentType = init.contentType;
    this.body = init.body;
    this.json = init.json as D | undefined;
    this.url = init.url;
    this.serverMessage = init.serverMessage;
    this.headers = init.headers;
  }
}

/** 400: the request is malformed, for example a missing or invalid parameter. */
export class BadRequestError extends PresenceApiError<400> {}
/** 401: the access token is invalid or missing. */
export class UnauthorizedError extends PresenceApiError<401> {}
/** 403: the credentials are valid but not allowed to do this (a plan or permission limit). */
export class ForbiddenError extends PresenceApiError<403> {}
/** 404: what the request names was not found (for subscribing, the spec says: the session does not exist). A wrong base URL also answers 404. */
export class NotFoundError extends PresenceApiError<404> {}
/** 409: the request conflicts with the current state. */
export class ConflictError extends PresenceApiError<409> {}
/** 422: the request is well-formed but its content was refused. */
export class UnprocessableEntityError extends PresenceApiError<422> {}
/** 429: too many requests. Retried by default, honouring Retry-After. */
export class RateLimitError extends PresenceApiError<429> {}
/** 500: an unexpected failure on the server. */
export class InternalServerError extends PresenceApiError<500> {}
/** 502: the server could not reach its upstream (for WAWP, the WhatsApp session). Retried for idempotent operations. */
export class BadGatewayError extends PresenceApiError<502> {}
/** 503: the service is unavailable for now. Retried by default, honouring Retry-After. */
export class ServiceUnavailableError extends PresenceApiError<503> {}
/** 504: the server's upstream did not answer in time. Retried for idempotent operations. */
export class GatewayTimeoutError extends PresenceApiError<504> {}

/**
 * The fixed table of statuses with a class of their own, written once: the runtime maps statuses
 * with it, and the types below are read from it. Any other status is a plain `PresenceApiError`.
 */
export const API_ERROR_CLASSES = Object.freeze({
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
  502: BadGatewayError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
});

/** The error class of each status that has one. */
export type ApiErrorByStatus = { [S in keyof typeof API_ERROR_CLASSES]: InstanceType<(typeof API_ERROR_CLASSES)[S]> };

/** Builds the error class for a status: its own class when it has one, else `PresenceApiError`. */
export function apiErrorFor(init: ApiErrorInit): PresenceApiError {
  const classes: Readonly<Record<number, new (init: ApiErrorInit) => PresenceApiError>> = API_ERROR_CLASSES;
  const ErrorClass = Object.hasOwn(classes, init.status) ? classes[init.status] : undefined;
  return ErrorClass ? new ErrorClass(init) : new PresenceApiError(init);
}

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
type NumberOf<T> = T extends `${infer N extends number}` ? N : never;
/** Every three-digit HTTP status, 100 to 599, as a union of number literals. */
export type HttpStatus = NumberOf<`${1 | 2 | 3 | 4 | 5}${Digit}${Digit}`>;

/** The statuses with a class of their own. */
type ClassedStatus = keyof ApiErrorByStatus;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;

/**
 * The errors for the statuses `S`: the class of each status that has one, and one `PresenceApiError`
 * typed with the remaining status literals, so that `status === 404` narrows to `NotFoundError`.
 */
export type ApiErrorFor<S extends number, D = unknown> =
  | { [K in S & ClassedStatus]: unknown extends D ? ApiErrorByStatus[K] : ApiErrorByStatus[K] & { readonly json: D | undefined } }[S & ClassedStatus]
  | ([Exclude<S, ClassedStatus>] extends [never] ? never : PresenceApiError<Exclude<S, ClassedStatus>, D>);

/** Every API error, whatever the status. */
export type AnyApiError = ApiErrorFor<Exclude<HttpStatus, SuccessStatus>>;

/**
 * The server answered 2xx with a body that says the operation did not do what was asked: the flag
 * the spec names (`x-success-flag`, e.g. `"success": false`). A 2xx is not always a success.
 */
export class UnsuccessfulResponseError extends PresenceError {
  readonly kind = "unsuccessful" as const;
  /** The HTTP status (2xx). */
  readonly status: number;
  /** The server's message from the body, redacted. */
  readonly serverMessage: string | undefined;
  /** The body as text, redacted. */
  readonly body: string;
  /** The body parsed as JSON. */
  readonly json: unknown;
  /** The request URL, redacted. */
  readonly url: string;
  /** The response headers, redacted. */
  readonly headers: Record<string, string>;

  constructor(init: ResponseInfo & PresenceErrorInit & { serverMessage: string | undefined; json: unknown; flag: string }) {
    super(`The server answered ${init.status} but reported failure ("${init.flag}": false): ${init.serverMessage ?? "no message in the body"}`, init);
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.body = init.body;
    this.json = init.json;
    this.url = init.url;
    this.headers = init.headers;
  }
}

/**
 * The server answered 2xx, but not in the form the spec allows: a body that is not the documented
 * JSON (an HTML page from a captive proxy, truncated JSON, a missing or mistyped field, a body over
 * the size limit). Error statuses, documented or not, are `PresenceApiError`s instead.
 */
export class UnexpectedResponseError extends PresenceError {
  readonly kind = "unexpected_response" as const;
  /** The HTTP status. */
  readonly status: number;
  /** The response's media type ("" when absent). */
  readonly contentType: string;
  /** The body as text, redacted and bounded. */
  readonly body: string;
  /** The request URL, redacted. */
  readonly url: string;
  /** The response headers, redacted. */
  readonly headers: Record<string, string>;
  /** What does not match the spec. */
  readonly reason: string;

  constructor(init: ResponseInfo & PresenceErrorInit & { reason: string }) {
    super(`Unexpected response (${init.status}): ${init.reason}`, init);
    this.status = init.status;
    this.contentType = init.contentType;
    this.body = init.body;
    this.url = init.url;
    this.headers = init.headers;
    this.reason = init.reason;
  }
}

/** No HTTP response: DNS failure, refused or reset connection, a body cut off mid-way. */
export class PresenceConnectionError extends PresenceError {
  readonly kind = "connection" as const;
  /** The request URL, redacted. */
  readonly url: string;
  /** The system error code when there was one (ECONNREFUSED, ECONNRESET, ...). */
  readonly code: string | undefined;

  constructor(init: PresenceErrorInit & { url: string; detail: string; code?: string | undefined }) {
    super(`Could not reach ${init.url}: ${init.detail}`, init);
    this.url = init.url;
    this.code = init.code;
  }
}

/** The server did not answer within the timeout. */
export class PresenceTimeoutError extends PresenceError {
  readonly kind = "timeout" as const;
  /** The request URL, redacted. */
  readonly url: string;
  /** The time allowed for each attempt, in ms. */
  readonly timeoutMs: number;

  constructor(init: PresenceErrorInit & { url: string; timeoutMs: number }) {
    super(`No response from ${init.url} within ${init.timeoutMs} ms (attempt ${init.attempts})`, init);
    this.url = init.url;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's AbortSignal fired. Never retried. `cause` is the signal's reason. */
export class PresenceAbortError extends PresenceError {
  readonly kind = "abort" as const;

  constructor(init: PresenceErrorInit & { during: "request" | "backoff" | "before sending" }) {
    super(`Request aborted by the caller (${init.during}, after ${init.attempts} attempt(s))`, init);
  }
}

/** Every concrete error: `kind` and `status` discriminate it. */
export type AnyPresenceError =
  | PresenceValidationError
  | AnyApiError
  | UnsuccessfulResponseError
  | UnexpectedResponseError
  | PresenceConnectionError
  | PresenceTimeoutError
  | PresenceAbortError;

/**
 * The error an operation can end in, given the statuses the spec documents for it: the class of
 * each documented error status (with `Bodies[status]` as the type of its parsed JSON body), any
 * other error status, and the failures every call can have.
 */
export type OperationError<Documented extends number, Bodies = {}> =
  | PresenceValidationError
  | { [S in Exclude<Documented, SuccessStatus>]: ApiErrorFor<S, S extends keyof Bodies ? Bodies[S] : unknown> }[Exclude<Documented, SuccessStatus>]
  | ApiErrorFor<Exclude<HttpStatus, Documented | SuccessStatus>>
  | UnsuccessfulResponseError
  | UnexpectedResponseError
  | PresenceConnectionError
  | PresenceTimeoutError
  | PresenceAbortError;

/** True for any error from either client (or any copy of them); narrows so `kind` and `status` discriminate. */
export function isPresenceError(value: unknown): value is AnyPresenceError {
  return value instanceof PresenceError;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status === 304 ? "Not Modified" : status >= 300 && status < 400 ? "Redirect (not followed)" : "HTTP error");
}

// Names and brands live on the prototypes, not on `constructor.name`: a consumer's minifier may rename
// classes, and V8 reads `name` while building the stack, before any instance field exists.
for (const [ErrorClass, name] of [
  [PresenceError, "PresenceError"],
  [PresenceValidationError, "PresenceValidationError"],
  [PresenceApiError, "PresenceApiError"],
  [BadRequestError, "BadRequestError"],
  [UnauthorizedError, "UnauthorizedError"],
  [ForbiddenError, "ForbiddenError"],
  [NotFoundError, "NotFoundError"],
  [ConflictError, "ConflictError"],
  [UnprocessableEntityError, "UnprocessableEntityError"],
  [RateLimitError, "RateLimitError"],
  [InternalServerError, "InternalServerError"],
  [BadGatewayError, "BadGatewayError"],
  [ServiceUnavailableError, "ServiceUnavailableError"],
  [GatewayTimeoutError, "GatewayTimeoutError"],
  [UnsuccessfulResponseError, "UnsuccessfulResponseError"],
  [UnexpectedResponseError, "UnexpectedResponseError"],
  [PresenceConnectionError, "PresenceConnectionError"],
  [PresenceTimeoutError, "PresenceTimeoutError"],
  [PresenceAbortError, "PresenceAbortError"],
] as const) {
  Object.defineProperty(ErrorClass.prototype, "name", { value: name, writable: true, configurable: true });
  Object.defineProperty(ErrorClass.prototype, BRAND, { value: name });
}
