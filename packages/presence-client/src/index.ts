// Public entry of @wawp/presence-client.
export { createPresenceClient } from "./client.js";
export type { CreatePresenceClientOptions, PresenceClient, SubscribeManyResult } from "./client.js";
export type { OperationData, OperationFailure, OperationMethods, OperationParams, OperationResult } from "./types.js";
export type { components, operations, paths } from "./generated/schema.gen.js";
export { GENERATED_FROM_SPEC_VERSION as PRESENCE_API_VERSION } from "./generated/spec-version.gen.js";
// The shared error classes, policy defaults and redactor (see presence-core/src/public.ts).
export * from "@wawp/presence-core/public";

import type { components } from "./generated/schema.gen.js";
/** The subscribe success body, as the spec defines it. */
export type SubscribeSuccess = components["schemas"]["SubscribeResponse"];
/** The JSON error body, as the spec defines it. */
export type ErrorResponse = components["schemas"]["ErrorResponse"];
/** A `presence.update` webhook event, as the spec defines it (verify and parse one with @wawp/presence-webhooks). */
export type PresenceUpdateEvent = components["schemas"]["PresenceUpdateEvent"];
