/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: openapi-generator 4.3.1 (typescript-fetch)
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
/** The info.version of the spec this SDK was generated from. */
export const GENERATED_FROM_SPEC_VERSION = "1.0.0";
