/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: openapi-typescript 7.13.0
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
/** The info.version of the spec these types were generated from. */
export const GENERATED_FROM_SPEC_VERSION = "1.0.0";
