// The part of the core that every published package exposes, re-exported whole by each entry point:
// one list, so the packages cannot drift apart in what they expose.
import { OPERATIONS, operationNamed, type OperationId } from "./api.js";
import { TOKEN_CARRIERS } from "./api.js";
import { PresenceValidationError } from "./errors.js";
import { checkParams as checkOperationParams } from "./params.js";
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
export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, type BulkProgress, type BulkResult, type ChatIdSource, type SubscribeManyOptions } from "./subscribe-many.js";
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

/**
 * Checks an operation's parameters against the spec without sending anything: returns them as they
 * would be sent (a percent-encoded path value decoded, `%40` read as `@`), or throws the
 * `PresenceValidationError` a call would end in. For validating a batch before the first request.
 */
export function checkParams(operationId: OperationId, params: unknown): Record<string, unknown> {
  const operation = operationNamed(operationId);
  if (!operation) throw new PresenceValidationError({ field: "operationId", problem: "is not an operation of the spec", expected: Object.keys(OPERATIONS).join(", "), received: String(operationId) });
  const checked = checkOperationParams(operationId, operation, params);
  const byKey: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    const value = checked[parameter.in][parameter.name];
    if (value !== undefined) byKey[parameter.key] = value;
  }
  if (operation.body && checked.body !== undefined) byKey[operation.body.key] = checked.body;
  return byKey;
}
