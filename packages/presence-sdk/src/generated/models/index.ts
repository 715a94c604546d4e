/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: openapi-generator 4.3.1 (typescript-fetch)
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
export * from './ErrorResponse';
export * from './PresenceUpdateEvent';
export * from './PresenceUpdatePayload';
export * from './SubscribeResponse';
export * from './WebhookMe';
