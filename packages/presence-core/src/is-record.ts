// The one test for "a JSON-style object": options, params and bodies are all checked with it.

/** An object that is not null and not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
