// What a verified body must be: UTF-8 JSON of a presence.update event. Each problem is a
// WebhookPayloadError naming the field; an unknown presence type is kept, not rejected; and a
// `__proto__` key cannot pollute anything.
import { describe, expect, it } from "vitest";
import { PRESENCE_TYPES, verifyAndParse, WebhookPayloadError, type PresenceUpdate } from "../src/index.js";
import { exampleEvent, SECRET, signedHeaders } from "./support.js";

async function receive(body: string | Uint8Array): Promise<PresenceUpdate> {
  return verifyAndParse(body, await signedHeaders(body), { secret: SECRET });
}

async function payloadError(body: string | Uint8Array): Promise<WebhookPayloadError> {
  const error = await receive(body).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WebhookPayloadError);
  return error as WebhookPayloadError;
}

const withEvent = (change: (event: Record<string, any>) => void) => JSON.stringify(exampleEvent(change));

describe("a body that is not a JSON object", () => {
  it("malformed JSON: says so, without quoting the body", async () => {
    const error = await payloadError('{"id": "evt_1", "secret-looking": tru');
    expect(error.message).toBe("The body is not valid JSON.");
    expect(error.field).toBeUndefined();
    expect(error.message).not.toContain("secret-looking");
  });

  it("an empty body", async () => {
    expect((await payloadError("")).message).toBe("The body is empty; expected a presence.update event as JSON.");
  });

  it("bytes that are not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect((await payloadError(bytes)).message).toContain("not valid UTF-8");
  });

  it("JSON that is not an object", async () => {
    for (const body of ["[]", "42", '"presence.update"', "null", "true"]) {
      const error = await payloadError(body);
      expect(error.message).toBe("The body must be a JSON object: the body is not a valid presence.update event.");
      expect(error.field).toBeUndefined();
    }
  });

  it("a deeply nested body is an ordinary error, not a stack overflow", async () => {
    const deep = `{"metadata":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    await payloadError(deep);
  });
});

describe("a schema violation names the field", () => {
  const cases: Array<[string, (event: Record<string, any>) => void, string, string]> = [
    ["payload.chatId missing", (e) => delete e.payload.chatId, "payload.chatId", "payload.chatId is missing"],
    ["payload.chatId empty", (e) => (e.payload.chatId = ""), "payload.chatId", "payload.chatId must NOT have fewer than 1 characters"],
    ["payload.type a number", (e) => (e.payload.type = 3), "payload.type", "payload.type must be string"],
    ["payload not an object", (e) => (e.payload = "composing"), "payload", "payload must be object"],
    ["event another name", (e) => (e.event = "message"), "event", 'event must be "presence.update" (this receiver handles presence.update only'],
    ["timestamp a string", (e) => (e.timestamp = "1634567890123"), "timestamp", "timestamp must be number"],
    ["timestamp negative", (e) => (e.timestamp = -1), "timestamp", "timestamp must be >= 0"],
    ["id empty", (e) => (e.id = ""), "id", "id must NOT have fewer than 1 characters"],
    ["me.pushName a number", (e) => (e.me.pushName = 1), "me.pushName", "me.pushName must be string"],
    ["metadata an array", (e) => (e.metadata = []), "metadata", "metadata must be object"],
  ];
  for (const [name, change, field, message] of cases) {
    it(name, async () => {
      const error = await payloadError(withEvent(change));
      expect(error.field).toBe(field);
      expect(error.message).toContain(message);
    });
  }

  it("never quotes the offending value", async () => {
    const error = await payloadError(withEvent((e) => (e.payload.type = { injected: "<script>alert(1)</script>" })));
    expect(error.field).toBe("payload.type");
    expect(error.message).not.toContain("script");
  });
});

describe("the presence type", () => {
  for (const type of PRESENCE_TYPES) {
    it(`"${type}" is documented: presence is "${type}", no unknownType`, async () => {
      const event = await receive(withEvent((e) => (e.payload.type = type)));
      expect(event.presence).toBe(type);
      expect(event.unknownType).toBeUndefined();
      expect("unknownType" in event).toBe(false);
    });
  }

  it('an undocumented type is kept: presence "unknown", the raw type in unknownType and payload.type', async () => {
    const event = await receive(withEvent((e) => (e.payload.type = "typing")));
    expect(event.presence).toBe("unknown");
    expect(event.unknownType).toBe("typing");
    expect(event.payload.type).toBe("typing");
    expect(event.id).toBe("evt_01...");
  });

  it("types are matched exactly (case matters)", async () => {
    expect((await receive(withEvent((e) => (e.payload.type = "Composing")))).presence).toBe("unknown");
  });
});

describe("the event as received", () => {
  it("keeps every field, including ones the spec does not know yet", async () => {
    const event = await receive(withEvent((e) => {
      e.newTopLevel = { nested: [1, 2] };
      e.payload.lastSeen = 1634567890;
    }));
    expect(event).toMatchObject({ ...exampleEvent(), newTopLevel: { nested: [1, 2] }, payload: { lastSeen: 1634567890 } });
  });

  it("drops __proto__ keys at any depth, so nothing is polluted even when the event is merged", async () => {
    const body =
      '{"__proto__":{"polluted":"top"},"id":"evt_1","timestamp":1,"session":"default","event":"presence.update",' +
      '"metadata":{"a":{"__proto__":{"polluted":"deep"}}},' +
      '"payload":{"chatId":"1@c.us","type":"composing","__proto__":{"polluted":"payload"}}}';
    const event = await receive(body);
    expect(Object.hasOwn(event, "__proto__")).toBe(false);
    expect(Object.hasOwn(event.payload, "__proto__")).toBe(false);
    expect(Object.hasOwn((event.metadata as { a: object }).a, "__proto__")).toBe(false);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    // What a careless receiver might do with the event: a shallow and a recursive merge.
    const merged = Object.assign({}, event, event.payload);
    const deepMerge = (target: Record<string, any>, source: Record<string, any>): Record<string, any> => {
      for (const key of Object.keys(source)) {
        const value = source[key];
        if (value && typeof value === "object") target[key] = deepMerge(target[key] ?? {}, value);
        else target[key] = value;
      }
      return target;
    };
    deepMerge({}, event);
    expect((merged as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
