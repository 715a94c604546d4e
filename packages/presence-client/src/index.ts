// Public entry of @wawp/presence-client.
export { createPresenceClient } from "./client.js";
export type {
  CreatePresenceClientOptions,
  ErrorResponse,
  FetchLike,
  PresenceClient,
  SubscribeResult,
  SubscribeSuccess,
} from "./client.js";
export type { components, operations, paths } from "./generated/schema.gen.js";
export { GENERATED_FROM_SPEC_VERSION as PRESENCE_API_VERSION } from "./generated/spec-version.gen.js";
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
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  RETRYABLE_STATUSES,
  isChatId,
  isPresenceError,
  normalizeChatId,
} from "@wawp/presence-core";
export type {
  ApiErrorByStatus,
  CallOptions,
  CredentialsIn,
  PresenceErrorKind,
  RetryPolicy,
  SubscribeError,
} from "@wawp/presence-core";
