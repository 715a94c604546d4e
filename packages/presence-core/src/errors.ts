// The one error hierarchy of the presence clients. Both clients re-export these classes, so a
// caller handles failures the same way whichever generator they picked.
//
// Every field here is already redacted by the time an error is built (see redact.ts): errors are
// logged, serialised and shown, so they must never hold the access token.

/** What kind of failure an error is; a stable discriminant for `switch`. */
export type PresenceErrorKind = "validation" | "api" | "unexpected_response" | "connection" | "timeout" | "abort";

export interface PresenceErrorInit {
  /** Requests sent before giving up (0 when nothing was sent). */
  attempts: number;
  cause?: unknown;
}

/** Base class of everything the clients throw or return as an error. */
export abstract class PresenceError extends Error {
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
}

export interface ValidationErrorInit {
  /** The option or argument that is wrong, e.g. `chatId` or `accessToken`. */
  field: string;
  /** What is wrong with it. */
  problem: string;
  /** The form it must take. */
  expected: string;
  /** The offending value, when it is safe to show (never for a credential). */
  received?: string | undefined;
}

/** Input the client refused before sending anything. `attempts` is always 0. */
export class PresenceValidationError extends PresenceError {
  readonly kind = "validation" as const;
  readonly field: string;
  readonly expected: string;
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
  /** The message the server put in the body (JSON `message`, XML `<message>`, text, or HTML title), if any. */
  serverMessage: string | undefined;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
}

export interface ApiErrorInit extends ResponseInfo, PresenceErrorInit {}

/** The server answered with an error status. Documented statuses get their own subclass. */
export class PresenceApiError<S extends number = number> extends PresenceError {
  readonly kind = "api" as const;
  readonly status: S;
  readonly contentType: string;
  readonly body: string;
  readonly url: string;
  readonly serverMessage: string | undefined;
  readonly headers: Record<string, string>;

  constructor(init: ApiErrorInit & { status: S }) {
    const detail = init.serverMessage ?? "no message in the body";
    super(`${init.status} ${reasonPhrase(init.status)}: ${detail}`, init);
    this.status = init.status;
    this.contentType = init.contentType;
    this.body = init.body;
    this.url = init.url;
    this.serverMessage = init.serverMessage;
    this.headers = init.headers;
  }
}

/** 400: a required parameter is missing or malformed. */
export class BadRequestError extends PresenceApiError<400> {}
/** 401: the access token is invalid or missing. */
export class UnauthorizedError extends PresenceApiError<401> {}
/** 404: the session (instance) does not exist. */
export class NotFoundError extends PresenceApiError<404> {}
/** 500: an unexpected failure on the server. */
export class InternalServerError extends PresenceApiError<500> {}
/** 502: the server could not reach the upstream WhatsApp session. Retried by default. */
export class BadGatewayError extends PresenceApiError<502> {}

/** The error class for each status the spec documents. */
export interface ApiErrorByStatus {
  400: BadRequestError;
  401: UnauthorizedError;
  404: NotFoundError;
  500: InternalServerError;
  502: BadGatewayError;
}

const API_ERROR_CLASSES: { [S in keyof ApiErrorByStatus]: new (init: ApiErrorInit & { status: S }) => ApiErrorByStatus[S] } = {
  400: BadRequestError,
  401: UnauthorizedError,
  404: NotFoundError,
  500: InternalServerError,
  502: BadGatewayError,
};

/** Builds the most specific error class for a status. */
export function apiErrorFor(init: ApiErrorInit): PresenceApiError {
  const ErrorClass = (API_ERROR_CLASSES as Record<number, new (init: ApiErrorInit) => PresenceApiError>)[init.status];
  return ErrorClass ? new ErrorClass(init) : new PresenceApiError(init);
}

/**
 * The server answered 2xx, but not in the form the spec allows: a body that is not the documented
 * JSON (an HTML page from a captive proxy, truncated JSON, a missing or mistyped field, a body over
 * the size limit). Error statuses, documented or not, are PresenceApiErrors instead.
 */
export class UnexpectedResponseError extends PresenceError {
  readonly kind = "unexpected_response" as const;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** What does not match the spec. */
  readonly reason: string;

  constructor(init: Omit<ApiErrorInit, "serverMessage"> & { reason: string }) {
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
  readonly url: string;
  readonly timeoutMs: number;

  constructor(init: PresenceErrorInit & { url: string; timeoutMs: number }) {
    super(`No response from ${init.url} within ${init.timeoutMs} ms (attempt ${init.attempts})`, init);
    this.url = init.url;
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's AbortSignal fired. Never retried. */
export class PresenceAbortError extends PresenceError {
  readonly kind = "abort" as const;

  constructor(init: PresenceErrorInit & { during: "request" | "backoff" | "before sending" }) {
    super(`Request aborted by the caller (${init.during}, after ${init.attempts} attempt(s))`, init);
  }
}

/** Every error a subscribe call can end in. */
export type SubscribeError =
  | PresenceValidationError
  | ApiErrorByStatus[keyof ApiErrorByStatus]
  | PresenceApiError
  | UnexpectedResponseError
  | PresenceConnectionError
  | PresenceTimeoutError
  | PresenceAbortError;

export function isPresenceError(value: unknown): value is PresenceError {
  return value instanceof PresenceError;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "HTTP error";
}

// Names live on the prototypes, not on `constructor.name`: a consumer's minifier may rename classes,
// and V8 reads `name` while building the stack, before any instance field exists.
for (const [ErrorClass, name] of [
  [PresenceError, "PresenceError"],
  [PresenceValidationError, "PresenceValidationError"],
  [PresenceApiError, "PresenceApiError"],
  [BadRequestError, "BadRequestError"],
  [UnauthorizedError, "UnauthorizedError"],
  [NotFoundError, "NotFoundError"],
  [InternalServerError, "InternalServerError"],
  [BadGatewayError, "BadGatewayError"],
  [UnexpectedResponseError, "UnexpectedResponseError"],
  [PresenceConnectionError, "PresenceConnectionError"],
  [PresenceTimeoutError, "PresenceTimeoutError"],
  [PresenceAbortError, "PresenceAbortError"],
] as const) {
  Object.defineProperty(ErrorClass.prototype, "name", { value: name, writable: true, configurable: true });
}
