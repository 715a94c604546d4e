// The event as the spec describes it: its example validates with the very validator the package
// ships (generated from the spec), every field the spec requires is enforced by name, and the
// documented presence types come from the spec's x-extensible-enum.
import { describe, expect, expectTypeOf, it } from "vitest";
import { validatePresenceUpdateEvent } from "../src/generated/validate-event.gen.js";
import {
  PRESENCE_TYPES,
  PRESENCE_UPDATE_EVENT,
  verifyAndParse,
  WebhookPayloadError,
  type PresenceType,
  type PresenceUpdate,
  type PresenceUpdateEvent,
} from "../src/index.js";
import { exampleEvent, spec } from "./support.js";

const schemas = spec.document.components.schemas;
const unsigned = { insecureAcceptUnsigned: true } as const;

describe("the spec's presence.update event", () => {
  it("is declared as a webhook under x-webhooks, with the event schema as its body", () => {
    const webhook = spec.document["x-webhooks"]?.[PRESENCE_UPDATE_EVENT]?.post;
    expect(webhook?.requestBody?.content?.["application/json"]?.schema?.$ref).toBe("#/components/schemas/PresenceUpdateEvent");
  });

  it("has an example that the package's generated validator accepts", () => {
    expect(validatePresenceUpdateEvent(schemas.PresenceUpdateEvent.example), JSON.stringify(validatePresenceUpdateEvent.errors)).toBe(true);
  });

  it("has payload and me examples that validate inside an event", () => {
    const event = exampleEvent((e) => {
      e.payload = schemas.PresenceUpdatePayload.example;
      e.me = schemas.WebhookMe.example;
    });
    expect(validatePresenceUpdateEvent(event)).toBe(true);
  });

  it("lists the known presence types in x-extensible-enum, and the package exports exactly those", () => {
    expect(schemas.PresenceUpdatePayload.properties.type["x-extensible-enum"]).toEqual([...PRESENCE_TYPES]);
    expect(PRESENCE_TYPES).toEqual(["composing", "recording", "paused", "available", "unavailable"]);
  });

  it("keeps `type` an open string, not a closed enum", () => {
    expect(schemas.PresenceUpdatePayload.properties.type.enum).toBeUndefined();
    expect(validatePresenceUpdateEvent(exampleEvent((e) => (e.payload.type = "typing-in-the-future")))).toBe(true);
  });

  const required: Array<[string, string]> = [
    ...schemas.PresenceUpdateEvent.required.map((name: string) => [name, name] as [string, string]),
    ...schemas.PresenceUpdatePayload.required.map((name: string) => [`payload.${name}`, name] as [string, string]),
  ];
  it("requires at least id, timestamp, event, payload, payload.chatId and payload.type", () => {
    expect(required.map(([field]) => field)).toEqual(expect.arrayContaining(["id", "timestamp", "event", "payload", "payload.chatId", "payload.type"]));
  });
  for (const [field, name] of required) {
    it(`rejects an event without ${field}, naming it`, async () => {
      const event = exampleEvent((e) => {
        if (field.startsWith("payload.")) delete e.payload[name];
        else delete e[name];
      });
      const error = await verifyAndParse(JSON.stringify(event), {}, unsigned).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect((error as WebhookPayloadError).field).toBe(field);
      expect((error as WebhookPayloadError).message).toContain(`${field} is missing`);
    });
  }

  it("accepts an event without the fields the schema leaves optional (metadata, engine, me, payload.from)", async () => {
    const event = exampleEvent((e) => {
      delete e.metadata;
      delete e.engine;
      delete e.me;
      delete e.payload.from;
    });
    await expect(verifyAndParse(JSON.stringify(event), {}, unsigned)).resolves.toMatchObject({ id: event.id, presence: "composing" });
  });
});

describe("types generated from the spec", () => {
  it("type the event's fields", () => {
    expectTypeOf<PresenceUpdateEvent["id"]>().toEqualTypeOf<string>();
    expectTypeOf<PresenceUpdateEvent["timestamp"]>().toEqualTypeOf<number>();
    expectTypeOf<PresenceUpdateEvent["event"]>().toEqualTypeOf<"presence.update">();
    expectTypeOf<PresenceUpdateEvent["payload"]["chatId"]>().toEqualTypeOf<string>();
    expectTypeOf<PresenceUpdateEvent["payload"]["type"]>().toEqualTypeOf<string>();
    expectTypeOf<PresenceType>().toEqualTypeOf<"composing" | "recording" | "paused" | "available" | "unavailable">();
  });

  it("narrow unknownType to a string when presence is unknown", () => {
    const check = (event: PresenceUpdate) => {
      if (event.presence === "unknown") expectTypeOf(event.unknownType).toEqualTypeOf<string>();
      else expectTypeOf(event.presence).toEqualTypeOf<PresenceType>();
    };
    expect(typeof check).toBe("function");
  });
});
