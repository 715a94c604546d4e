/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: Ajv 8.20.0 standalone code (packages/presence-core/scripts/generate.mjs)
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
// @ts-nocheck

/** The part of Ajv's error object the core reads (Ajv itself is not needed at run time). */
export interface BodyProblem {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Checks a request body against the spec's schema; on failure `errors` holds the first problem. */
export interface BodyValidator {
  (body: unknown): boolean;
  errors?: BodyProblem[] | null;
}

/** Per operationId, the validator of its JSON request body. */
export const BODY_VALIDATORS: Readonly<Record<string, BodyValidator>> = {};
