// The part of the core that every published package exposes, re-exported whole by each entry point:
// one list, so the packages cannot drift apart in what they expose.
import { TOKEN_CARRIERS } from "./credentials.js";
import { createRedactor as createCoreRedactor, type Redactor } from "./redact.js";

export {
  BadGatewayError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  NotFoundError,
  PresenceAbortError,
  PresenceApiError,
  PresenceConnectionError,
  PresenceError,
  PresenceTimeoutError,
  PresenceValidationError,
  RateLimitError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  UnsuccessfulResponseError,
  isPresenceError,
  type AnyApiError,
  type AnyPresenceError,
  API_ERROR_CLASSES,
  type ApiErrorByStatus,
  type ApiErrorFor,
  type HttpStatus,
  type OperationError,
  type PresenceErrorKind,
} from "./errors.js";
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RetryPolicy } from "./policy.js";
export type { CallOptions, PresenceClientOptions } from "./options.js";
export type { CredentialsIn } from "./credentials.js";
export { REDACTED, type Redactor } from "./redact.js";

/**
 * A redactor for your own logs: replaces each secret in every spelling the clients know (raw,
 * percent-, form-, JSON- and HTML-encoded), and the value of every query parameter or header the spec
 * uses for the token, whatever its length. Use it on URLs and bodies you log from a `fetch` wrapper.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  return createCoreRedactor(secrets, TOKEN_CARRIERS);
}
