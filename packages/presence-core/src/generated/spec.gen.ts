/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 94f0112add40)
 * Generator: packages/presence-core/scripts/generate.mjs
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
/** The spec's info.version. Every client exposes it as PRESENCE_API_VERSION. */
export const SPEC_VERSION = "1.0.0";

/** The operation's path template. */
export const SUBSCRIBE_PATH_TEMPLATE = "/v2/presence/{chatId}/subscribe";

/** The spec's first server: production. */
export const PRODUCTION_BASE_URL = "https://api.wawp.net";

/** The spec's pattern for the chatId path parameter (a contact id). */
export const CHAT_ID_PATTERN_SOURCE = "^[1-9][0-9]{6,14}@c\\.us$";

/** The success body's required fields and their JSON types. */
export const SUCCESS_BODY_REQUIRED_FIELDS = {"success":"boolean","message":"string"} as const;

/** Every error status the spec documents for the operation. */
export const DOCUMENTED_ERROR_STATUSES = [400,401,404,500,502] as const;
