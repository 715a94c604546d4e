// Internal to this repository: bundled into @wawp/presence-client and @wawp/presence-sdk at build time.
export * from "./errors.js";
export * from "./chat-id.js";
export * from "./redact.js";
export * from "./response-body.js";
export * from "./policy.js";
export * from "./outcome.js";
export * from "./config.js";
export { SPEC_VERSION, DOCUMENTED_ERROR_STATUSES, CHAT_ID_PATTERN_SOURCE, SUBSCRIBE_PATH_TEMPLATE } from "./generated/spec.gen.js";
export * from "./subscribe-flow.js";
export * from "./transport.js";
