// Public entry of @wawp/presence-webhooks: Web-standard APIs only (Web Crypto, Request/Response,
// TextDecoder), so it bundles for browsers and edge runtimes. The Node middleware is in ./node.
export { Webhooks, DEFAULT_MAX_BODY_BYTES } from "./webhooks.js";
export type { BodyResult, WebhookAnswer, WebhookHandler, WebhookRequest, WebhooksOptions } from "./webhooks.js";
export { verifyAndParse } from "./verify.js";
export { sign, SIGNATURE_HEADERS } from "./signature.js";
export type { Hmac512, SignatureScheme, VerifyOptions } from "./signature.js";
export type { HeadersInput } from "./headers.js";
export { WebhookError, WebhookHandlerError, WebhookPayloadError, WebhookSignatureError } from "./errors.js";
export { isPresenceType, PRESENCE_TYPES, PRESENCE_UPDATE_EVENT } from "./event.js";
export type {
  PresenceType,
  PresenceUpdate,
  PresenceUpdateEvent,
  PresenceUpdatePayload,
  WebhookEventMap,
  WebhookEventName,
  WebhookMe,
} from "./event.js";
export { GENERATED_FROM_SPEC_VERSION as PRESENCE_API_VERSION, PRESENCE_UPDATE_EXAMPLE } from "./generated/spec.gen.js";
