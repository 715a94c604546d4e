// The presence.update event: its types (from the spec, through openapi-typescript), and turning
// verified bytes into a checked event (the spec's schema, compiled by Ajv at generate time).
import { WebhookPayloadError } from "./errors.js";
import type { components } from "./generated/schema.gen.js";
import { PRESENCE_TYPES, PRESENCE_UPDATE_EVENT } from "./generated/spec.gen.js";
import { validatePresenceUpdateEvent, type ValidationError } from "./generated/validate-event.gen.js";

/** The event as the spec describes it (components.schemas.PresenceUpdateEvent). */
export type PresenceUpdateEvent = components["schemas"]["PresenceUpdateEvent"];
/** What changed, and for whom (components.schemas.PresenceUpdatePayload). */
export type PresenceUpdatePayload = components["schemas"]["PresenceUpdatePayload"];
/** The instance's own WhatsApp account (components.schemas.WebhookMe). */
export type WebhookMe = components["schemas"]["WebhookMe"];

/** A presence the spec documents. */
export type PresenceType = (typeof PRESENCE_TYPES)[number];

/**
 * A verified, schema-checked event, plus `presence`: `payload.type` when it is one of
 * PRESENCE_TYPES, else "unknown", with the raw value in `unknownType`. An event of an undocumented
 * type is kept, never dropped: WAWP may add presences the spec does not list yet.
 */
export type PresenceUpdate = PresenceUpdateEvent &
  ({ presence: PresenceType; unknownType?: undefined } | { presence: "unknown"; unknownType: string });

/** The event names `Webhooks.on()` accepts, with what each handler receives. */
export interface WebhookEventMap {
  "presence.update": PresenceUpdate;
}
export type WebhookEventName = keyof WebhookEventMap;

export { PRESENCE_TYPES, PRESENCE_UPDATE_EVENT };

const decoder = new TextDecoder("utf-8", { fatal: true });
const knownTypes: ReadonlySet<string> = new Set(PRESENCE_TYPES);

/** Whether `type` is one of the presences the spec documents. */
export function isPresenceType(type: string): type is PresenceType {
  return knownTypes.has(type);
}

/** Decodes, parses and validates a verified body. Throws only WebhookPayloadError. */
export function parsePresenceUpdate(body: Uint8Array): PresenceUpdate {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new WebhookPayloadError("The body is not valid UTF-8; a webhook body is JSON, which is UTF-8.");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's own message quotes the body; the body is not ours to echo into logs.
    throw new WebhookPayloadError(text.trim() === "" ? "The body is empty; expected a presence.update event as JSON." : "The body is not valid JSON.");
  }
  dropProtoKeys(data);
  if (!validatePresenceUpdateEvent(data)) throw payloadError(validatePresenceUpdateEvent.errors?.[0]);
  // Completed in place rather than copied: the object is this call's own, fresh from JSON.parse.
  const event = data as PresenceUpdate;
  const type = data.payload.type;
  if (isPresenceType(type)) event.presence = type;
  else {
    event.presence = "unknown";
    event.unknownType = type;
  }
  return event;
}

/**
 * Removes every own `__proto__` key, at any depth. JSON.parse makes them plain properties, but
 * code that later copies or merges the event (Object.assign, a deep merge) would set a
 * prototype from them. Iterative, so a deeply nested body cannot overflow the stack.
 */
function dropProtoKeys(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Object.hasOwn(node, "__proto__")) delete (node as Record<string, unknown>)["__proto__"];
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") stack.push(value);
  }
}

/** The validator's first complaint as an error naming the field (`payload.chatId`). */
function payloadError(problem: ValidationError | undefined): WebhookPayloadError {
  if (!problem) return new WebhookPayloadError("The body is not a valid presence.update event.");
  const path = problem.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  const missing = problem.keyword === "required" ? problem.params["missingProperty"] : undefined;
  if (typeof missing === "string") path.push(missing);
  const field = path.length > 0 ? path.join(".") : undefined;
  let what: string;
  if (typeof missing === "string") what = "is missing";
  else if (problem.keyword === "enum" && Array.isArray(problem.params["allowedValues"])) {
    what = `must be ${problem.params["allowedValues"].map((v) => JSON.stringify(v)).join(" or ")}`;
  } else if (!field && problem.keyword === "type") what = "must be a JSON object";
  else what = problem.message ?? "is not valid";
  const subject = field ?? "The body";
  const hint = field === "event" ? " (this receiver handles presence.update only; subscribe the webhook to that event alone)" : "";
  return new WebhookPayloadError(`${subject} ${what}${hint}: the body is not a valid presence.update event.`, field);
}
