// The Webhooks class through its Web-standard handler, with real Request and Response objects:
// handlers, and every answer the sender can get.
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_MAX_BODY_BYTES, Webhooks, WebhookHandlerError, type PresenceUpdate } from "../src/index.js";
import { deliveryRequest, exampleEvent, SECRET, signedHeaders } from "./support.js";

const quiet = { onError: () => {} };
const make = (options: ConstructorParameters<typeof Webhooks>[1] = quiet) => new Webhooks({ secret: SECRET }, options);

async function answerOf(webhooks: Webhooks, request: Request): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await webhooks.handler(request);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe("handlers", () => {
  it("runs every handler with the typed event, and answers 200 only after all of them finished", async () => {
    const webhooks = make();
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    webhooks.on("presence.update", async (event) => {
      await gate;
      seen.push(`slow:${event.presence}`);
    });
    webhooks.on("presence.update", (event) => {
      seen.push(`fast:${event.payload.chatId}`);
    });
    let settled = false;
    const pending = webhooks.handler(await deliveryRequest(exampleEvent())).then((response) => {
      settled = true;
      return response;
    });
    // Verification takes however long it takes on a busy machine: wait for the fast handler to run.
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual(["fast:11111111111@c.us"]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(seen).toEqual(["fast:11111111111@c.us", "slow:composing"]);
  });

  it("on() returns a function that removes that handler only", async () => {
    const webhooks = make();
    const first = vi.fn();
    const second = vi.fn();
    const off = webhooks.on("presence.update", first);
    webhooks.on("presence.update", second);
    off();
    off();
    await webhooks.verifyAndReceive(JSON.stringify(exampleEvent()), await signedHeaders(JSON.stringify(exampleEvent())));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it("verifyAndReceive resolves with the event; a failing handler makes it reject with WebhookHandlerError holding every failure", async () => {
    const webhooks = make();
    const body = JSON.stringify(exampleEvent());
    await expect(webhooks.verifyAndReceive(body, await signedHeaders(body))).resolves.toMatchObject({ presence: "composing" });
    const boom = new Error("database is down");
    webhooks.on("presence.update", () => {
      throw boom;
    });
    webhooks.on("presence.update", async () => Promise.reject(new Error("second")));
    webhooks.on("presence.update", () => "fine");
    const error = await webhooks.verifyAndReceive(body, await signedHeaders(body)).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(WebhookHandlerError);
    const handlerError = error as WebhookHandlerError;
    expect(handlerError.errors).toEqual([boom, new Error("second")]);
    expect(handlerError.cause).toBe(boom);
    expect(handlerError.eventId).toBe("evt_01...");
    expect(handlerError.message).toBe("2 of 3 presence.update handler(s) failed for event evt_01...; see `errors`.");
  });

  it("refuses unknown event names and non-functions", () => {
    const webhooks = make();
    expect(() => webhooks.on("message" as "presence.update", () => {})).toThrow('Unknown webhook event "message"; this package receives "presence.update".');
    expect(() => webhooks.on("presence.update", "nope" as unknown as () => void)).toThrow(TypeError);
  });

  it("checks its options", () => {
    expect(() => new Webhooks({ secret: "" })).toThrow(TypeError);
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Webhooks({ secret: SECRET }, { maxBodyBytes })).toThrow("maxBodyBytes must be a positive whole number of bytes.");
    }
    expect(make().maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(65536);
  });
});

describe("the Web handler's answers", () => {
  it("200 for a valid delivery, with either scheme", async () => {
    for (const scheme of ["hmac", "wawp"] as const) {
      expect(await answerOf(make(), await deliveryRequest(exampleEvent(), { scheme }))).toMatchObject({ status: 200, body: { ok: true } });
    }
  });

  it("200 for an event of an unknown type; the handler sees presence 'unknown'", async () => {
    const webhooks = make();
    const seen: PresenceUpdate[] = [];
    webhooks.on("presence.update", (event) => void seen.push(event));
    const { status } = await answerOf(webhooks, await deliveryRequest(exampleEvent((e) => (e.payload.type = "online"))));
    expect(status).toBe(200);
    expect(seen[0]).toMatchObject({ presence: "unknown", unknownType: "online" });
  });

  it("405 for anything but POST, with Allow: POST", async () => {
    for (const method of ["GET", "PUT", "DELETE", "HEAD"]) {
      const response = await make().handler(new Request("http://127.0.0.1/hook", { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("415 unless the body is application/json (a UTF-8 charset is fine)", async () => {
    const body = JSON.stringify(exampleEvent());
    for (const [contentType, status] of [
      ["application/json", 200],
      ["application/json; charset=utf-8", 200],
      ["Application/JSON;Charset=UTF-8", 200],
      ['application/json; charset="utf-8"', 200],
      ["text/plain", 415],
      ["application/json; charset=iso-8859-1", 415],
      ["application/jsonx", 415],
      ["application/x-www-form-urlencoded", 415],
    ] as const) {
      const request = await deliveryRequest(body, { headers: { "content-type": contentType } });
      expect((await answerOf(make(), request)).status, contentType).toBe(status);
    }
    const headers = await signedHeaders(body);
    delete headers["content-type"];
    const missing = await answerOf(make(), new Request("http://127.0.0.1/hook", { method: "POST", headers, body: new TextEncoder().encode(body) }));
    expect(missing).toMatchObject({ status: 415, body: { ok: false, error: "unsupported_media_type" } });
  });

  it("413 for a body over maxBodyBytes, declared or not, without reading the rest", async () => {
    const webhooks = make({ ...quiet, maxBodyBytes: 1024 });
    const big = JSON.stringify(exampleEvent((e) => (e.metadata.padding = "x".repeat(2000))));
    expect(await answerOf(webhooks, await deliveryRequest(big))).toMatchObject({ status: 413, body: { error: "payload_too_large", message: "The body is larger than 1024 bytes." } });

    // A stream with no Content-Length that never ends: reading must stop just past the limit.
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(100).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request("http://127.0.0.1/hook", { method: "POST", headers: await signedHeaders("{}"), body: endless, duplex: "half" } as RequestInit);
    expect((await answerOf(webhooks, request)).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(12);
    expect(cancelled).toBe(true);

    // Exactly at the limit is fine.
    const event = JSON.stringify(exampleEvent());
    const exact = new Webhooks({ secret: SECRET }, { ...quiet, maxBodyBytes: Buffer.byteLength(event) });
    expect((await answerOf(exact, await deliveryRequest(event))).status).toBe(200);
  });

  it("400 for malformed JSON and for a schema violation, naming the field", async () => {
    expect(await answerOf(make(), await deliveryRequest("{not json"))).toEqual({
      status: 400,
      headers: expect.any(Headers),
      body: { ok: false, error: "invalid_payload", message: "The body is not valid JSON." },
    });
    const violation = await answerOf(make(), await deliveryRequest(exampleEvent((e) => delete e.payload.chatId)));
    expect(violation.status).toBe(400);
    expect(violation.body).toEqual({
      ok: false,
      error: "invalid_payload",
      field: "payload.chatId",
      message: "payload.chatId is missing: the body is not a valid presence.update event.",
    });
  });

  it("401 for a missing or wrong signature", async () => {
    const unsigned = new Request("http://127.0.0.1/hook", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(exampleEvent()) });
    expect(await answerOf(make(), unsigned)).toMatchObject({ status: 401, body: { ok: false, error: "invalid_signature" } });
    const wrong = await deliveryRequest(exampleEvent(), { secret: "another-secret" });
    expect(await answerOf(make(), wrong)).toMatchObject({ status: 401, body: { error: "invalid_signature", message: expect.stringContaining("does not match the body") } });
  });

  it("500 when a handler fails, without the handler's error text; onError gets the WebhookHandlerError", async () => {
    const reported: unknown[] = [];
    const webhooks = make({ onError: (error) => reported.push(error) });
    webhooks.on("presence.update", () => {
      throw new Error("connection string postgres://admin:hunter2@db");
    });
    const answer = await answerOf(webhooks, await deliveryRequest(exampleEvent()));
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ ok: false, error: "handler_failed", message: "The event was verified but could not be handled; deliver it again later." });
    expect(JSON.stringify(answer.body)).not.toContain("hunter2");
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(WebhookHandlerError);
    expect(((reported[0] as WebhookHandlerError).errors[0] as Error).message).toContain("hunter2");
  });

  it("reports through console.error by default, and survives an onError that throws", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const webhooks = new Webhooks({ secret: SECRET });
      webhooks.on("presence.update", () => Promise.reject(new Error("nope")));
      expect((await webhooks.handler(await deliveryRequest(exampleEvent()))).status).toBe(500);
      expect(spy).toHaveBeenCalledWith(expect.any(WebhookHandlerError));
    } finally {
      spy.mockRestore();
    }
    const throwing = make({
      onError: () => {
        throw new Error("reporter down");
      },
    });
    throwing.on("presence.update", () => Promise.reject(new Error("nope")));
    expect((await throwing.handler(await deliveryRequest(exampleEvent()))).status).toBe(500);
  });

  it("400 for a body stream that fails midway", async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":'));
        controller.error(new Error("connection reset"));
      },
    });
    const request = new Request("http://127.0.0.1/hook", { method: "POST", headers: await signedHeaders("{}"), body: failing, duplex: "half" } as RequestInit);
    expect(await answerOf(make(), request)).toMatchObject({ status: 400, body: { error: "body_unreadable" } });
  });

  it("accepts unsigned deliveries only with insecureAcceptUnsigned", async () => {
    const webhooks = new Webhooks({ insecureAcceptUnsigned: true }, quiet);
    const request = new Request("http://127.0.0.1/hook", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(exampleEvent()) });
    expect((await answerOf(webhooks, request)).status).toBe(200);
  });

  it("keeps serving after bad requests", async () => {
    const webhooks = make();
    let handled = 0;
    webhooks.on("presence.update", () => void (handled += 1));
    for (const body of ["{", "[]", JSON.stringify(exampleEvent((e) => delete e.id))]) await webhooks.handler(await deliveryRequest(body));
    await webhooks.handler(new Request("http://127.0.0.1/hook", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect((await webhooks.handler(await deliveryRequest(exampleEvent()))).status).toBe(200);
    expect(handled).toBe(1);
  });
});
