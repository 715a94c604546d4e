/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 db17ebda187a)
 * Generator: openapi-generator 4.3.1 (typescript-fetch)
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
export * from './ErrorResponse';
export * from './SubscribeResponse';
