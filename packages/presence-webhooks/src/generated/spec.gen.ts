/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: packages/presence-webhooks/scripts/generate.mjs
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
import type { components } from "./schema.gen.js";

/** The spec's info.version. */
export const GENERATED_FROM_SPEC_VERSION = "1.0.0";

/** The webhook event this package receives (x-webhooks, and PresenceUpdateEvent.event). */
export const PRESENCE_UPDATE_EVENT = "presence.update";

/** The presence types the spec documents (x-extensible-enum of PresenceUpdatePayload.type). The set is open. */
export const PRESENCE_TYPES = ["composing","recording","paused","available","unavailable"] as const;

/** The spec's example event (PresenceUpdateEvent.example): for tests, and for the simulator. */
export const PRESENCE_UPDATE_EXAMPLE: components["schemas"]["PresenceUpdateEvent"] = {"id":"evt_01...","timestamp":1634567890123,"session":"default","metadata":{"user.id":"123","user.email":"email@example.com"},"engine":"WEBJS","event":"presence.update","payload":{"chatId":"11111111111@c.us","type":"composing","from":"11111111111@c.us"},"me":{"id":"11111111111@c.us","lid":"123@lid","pushName":"Instance"}};
