/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: packages/presence-webhooks/scripts/generate.mjs
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
import type { components } from "./schema.gen.js";

/** The part of Ajv's error object the package reads (Ajv itself is not needed at run time). */
export interface ValidationError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Checks a parsed body against the spec's PresenceUpdateEvent schema; on failure `errors` holds the first problem. */
export declare const validatePresenceUpdateEvent: {
  (data: unknown): data is components["schemas"]["PresenceUpdateEvent"];
  errors?: ValidationError[] | null;
};
