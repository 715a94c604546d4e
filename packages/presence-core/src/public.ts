// The part of the core that both clients publish, re-exported whole by each client's entry point:
// one list, so the two packages cannot drift apart in what they expose.
export {
  BadGatewayError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PresenceAbortError,
  PresenceApiError,
  PresenceConnectionError,
  PresenceError,
  PresenceTimeoutError,
  PresenceValidationError,
  UnauthorizedError,
  UnexpectedResponseError,
  isPresenceError,
  type ApiErrorByStatus,
  type PresenceErrorKind,
  type SubscribeError,
} from "./errors.js";
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, RETRYABLE_STATUSES, type CallOptions, type RetryPolicy } from "./policy.js";
export { isChatId, normalizeChatId } from "./chat-id.js";
export type { CredentialsIn } from "./config.js";
export { createRedactor, REDACTED, type Redactor } from "./redact.js";
