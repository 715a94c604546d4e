// chatId validation, shared by both clients. The pattern comes from the spec (generated/spec.gen.ts),
// so the client accepts exactly what the spec documents and nothing is written twice.
import { PresenceValidationError } from "./errors.js";
import { CHAT_ID_PATTERN_SOURCE } from "./generated/spec.gen.js";

/** The spec's chatId pattern, compiled once. */
export const CHAT_ID_PATTERN: RegExp = new RegExp(CHAT_ID_PATTERN_SOURCE);

const EXPECTED = "<country code and number, digits only>@c.us, for example 447441429009@c.us";
const ESCAPED_AT = /%40/gi;

/**
 * Turns user input into the contact id the API expects, or throws a PresenceValidationError
 * that says what is wrong and how to write it.
 *
 * `%40` is read as `@`: the endpoint page writes the same contact both ways, and the client
 * then encodes it once on the way out, so both spellings reach the server identically.
 */
export function normalizeChatId(input: unknown): string {
  if (typeof input !== "string") {
    throw invalid(`must be a string, got ${input === null ? "null" : typeof input}`, input);
  }
  const value = input.includes("%") ? input.replace(ESCAPED_AT, "@") : input;
  if (CHAT_ID_PATTERN.test(value)) return value;
  throw invalid(explain(value), input);
}

/** True when `normalizeChatId` would accept the input. */
export function isChatId(input: unknown): boolean {
  return typeof input === "string" && CHAT_ID_PATTERN.test(input.replace(ESCAPED_AT, "@"));
}

function explain(value: string): string {
  if (value.length === 0) return "is empty";
  if (value.trim().length === 0) return "is only whitespace";
  if (value !== value.trim()) return "has leading or trailing whitespace; remove it";
  const [number = "", domain] = value.split("@");
  if (number.startsWith("+")) return "starts with '+'; write the number without it";
  if (domain === undefined) return "has no '@c.us' suffix; append @c.us to the number";
  if (domain !== "c.us") return `ends in '@${domain}', but only contacts ('@c.us') can be subscribed to`;
  if (!/^\d+$/.test(number)) return "the number may hold digits only (no spaces, dashes or brackets)";
  if (number.startsWith("0")) return "the number starts with 0; start with the country code instead";
  if (number.length > 15) return `the number has ${number.length} digits; E.164 numbers have at most 15`;
  if (number.length < 7) return `the number has ${number.length} digits; with its country code it has at least 7`;
  return "does not match the contact id pattern";
}

function invalid(problem: string, received: unknown): PresenceValidationError {
  return new PresenceValidationError({
    field: "chatId",
    problem,
    expected: EXPECTED,
    received: typeof received === "string" ? received : undefined,
  });
}
