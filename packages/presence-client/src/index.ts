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
// The shared error classes, policy defaults and chatId helpers (see presence-core/src/public.ts).
export * from "@wawp/presence-core/public";
