/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: packages/presence-sdk/scripts/generate.mjs, from openapi-generator's output
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
import type { ErrorResponse } from "./models/ErrorResponse";
import type { PresenceApi } from "./apis/PresenceApi";

/** Per operationId: the generated API class that sends it, and the model of each JSON error body. */
export interface SdkOperations {
  subscribeToPresence: { api: PresenceApi; errorBodies: { 400: ErrorResponse; 401: ErrorResponse; 404: ErrorResponse; 500: ErrorResponse; 502: ErrorResponse } };
}
