// Internal to this repository: bundled into each published package at build time.
export * from "./api.js";
export * from "./body-reader.js";
export * from "./credentials.js";
export * from "./errors.js";
export * from "./headers.js";
export * from "./message.js";
export * from "./operation-flow.js";
export * from "./option-keys.js";
export * from "./options.js";
export * from "./outcome.js";
export * from "./params.js";
export * from "./policy.js";
export * from "./redact.js";
export * from "./safe-json.js";
export * from "./subscribe-many.js";
