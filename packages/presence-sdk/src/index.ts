// Public entry of @wawp/presence-sdk.
export { createPresenceSdk } from "./sdk.js";
export type { CreatePresenceSdkOptions, FetchLike, PresenceSdk } from "./sdk.js";
// The models openapi-generator made from the spec's schemas (types only: the SDK hands back the
// checked JSON as it came, so the generated FromJSON/ToJSON converters are not part of the API).
export type { ErrorResponse, SubscribeResponse } from "./generated/models/index.js";
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
