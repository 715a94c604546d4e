// Public entry of @wawp/presence-sdk.
export { createPresenceSdk } from "./sdk.js";
export type { CreatePresenceSdkOptions, PresenceSdk, SubscribeManyResult } from "./sdk.js";
export type { OperationData, OperationFailure, OperationMethods, OperationParams, RawResult } from "./types.js";
// The models openapi-generator made from the spec's schemas, as JSON (types only: the SDK hands
// back the checked JSON as it came, so the generated converters and enum objects are not its API).
export type * from "./generated/models.gen.js";
export { GENERATED_FROM_SPEC_VERSION as PRESENCE_API_VERSION } from "./generated/spec-version.gen.js";
// The shared error classes, policy defaults and redactor (see presence-core/src/public.ts).
export * from "@wawp/presence-core/public";
