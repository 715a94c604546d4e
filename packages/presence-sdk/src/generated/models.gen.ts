/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: packages/presence-sdk/scripts/generate.mjs, from openapi-generator's output
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
import type * as Models from "./models/index";

/**
 * A generated type as JSON. typescript-fetch 4.3.1 makes a string enum a TypeScript enum, which
 * refuses the spec's plain strings, and a `date`/`date-time` string a Date; here both are strings.
 */
export type Json<T> = T extends Date
  ? string
  : T extends string
    ? `${T}`
    : T extends ReadonlyArray<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

export type ErrorResponse = Json<Models.ErrorResponse>;
export type PresenceUpdateEvent = Json<Models.PresenceUpdateEvent>;
export type PresenceUpdateEventEventEnum = Json<Models.PresenceUpdateEventEventEnum>;
export type PresenceUpdatePayload = Json<Models.PresenceUpdatePayload>;
export type SubscribeResponse = Json<Models.SubscribeResponse>;
export type WebhookMe = Json<Models.WebhookMe>;
