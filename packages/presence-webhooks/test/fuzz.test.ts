// Property tests (fast-check): no body and no header set makes verification throw anything but
// its own typed errors, or hang; validly signed arbitrary JSON either becomes an event or a
// WebhookPayloadError; and the Web handler answers every request with one of its statuses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyAndParse, Webhooks, WebhookPayloadError, WebhookSignatureError, type HeadersInput, type PresenceUpdate } from "../src/index.js";
import { exampleEvent, SECRET, signedHeaders } from "./support.js";

const RUNS = 300;
const HANG_MS = 2_000;

/** The promise's outcome, or a failure if it takes longer than HANG_MS. */
async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS)));
  try {
    return { value: await Promise.race([promise, hang]) };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("no answer within")) throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

const typed = (error: unknown) => error instanceof WebhookSignatureError || error instanceof WebhookPayloadError;

const headerName = fc.oneof(
  fc.constantFrom("x-webhook-hmac", "X-Webhook-Hmac", "x-webhook-hmac-algorithm", "x-wawp-signature", "X-WAWP-SIGNATURE", "content-type", "__proto__", "constructor"),
  fc.string({ maxLength: 20 }),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.stringMatching(/^[0-9a-fA-F]{120,136}$/),
  fc.constantFrom("sha512", "SHA512", "sha256", "", SECRET, SECRET.slice(1)),
  fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
  fc.constant(undefined),
);
const headerRecord = fc.dictionary(headerName, headerValue, { maxKeys: 6 });
const bodyBytes = fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.string({ unit: "binary", maxLength: 1024 }));

/** Events near the valid one: each field kept, dropped or replaced by any JSON value. */
const nearEvent = fc
  .record({
    top: fc.dictionary(fc.constantFrom("id", "timestamp", "session", "metadata", "engine", "event", "payload", "me", "__proto__"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    payload: fc.dictionary(fc.constantFrom("chatId", "type", "from", "__proto__"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    drop: fc.subarray(["id", "timestamp", "session", "event", "payload", "me"]),
  })
  .map(({ top, payload, drop }) => {
    const event: Record<string, any> = exampleEvent();
    for (const key of drop) delete event[key];
    Object.assign(event, top);
    if (event.payload && typeof event.payload === "object" && !Array.isArray(event.payload)) Object.assign(event.payload, payload);
    return JSON.stringify(event);
  });

describe("verifyAndParse under arbitrary input", () => {
  it("any bytes with any headers: only WebhookSignatureError or WebhookPayloadError, never a hang", async () => {
    await fc.assert(
      fc.asyncProperty(bodyBytes, fc.oneof(headerRecord, headerRecord.map((r) => new Headers(Object.entries(r).flatMap(([k, v]) => (typeof v === "string" && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) && !/[\0\r\n]/.test(v) ? [[k, v] as [string, string]] : []))))), async (body, headers) => {
        const outcome = await settle(verifyAndParse(body, headers as HeadersInput, { secret: SECRET }));
        if ("error" in outcome) expect(typed(outcome.error), String(outcome.error)).toBe(true);
        else expect(outcome.value.id).toBeTypeOf("string"); // only a true signature could get here
      }),
      { numRuns: RUNS },
    );
  });

  it("validly signed arbitrary JSON and near-valid events: an event or a WebhookPayloadError naming a field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearEvent, fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null")), fc.constantFrom("hmac" as const, "wawp" as const), async (body, scheme) => {
        const outcome = await settle(verifyAndParse(body, await signedHeaders(body, scheme), { secret: SECRET }));
        if ("error" in outcome) {
          expect(outcome.error, String(outcome.error)).toBeInstanceOf(WebhookPayloadError);
        } else {
          const event: PresenceUpdate = outcome.value;
          expect(event.event).toBe("presence.update");
          expect(event.presence === "unknown" ? event.unknownType : event.presence).toBe(event.payload.type);
          expect(Object.hasOwn(event, "__proto__")).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("unsigned mode with any text: an event or a WebhookPayloadError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), nearEvent), async (body) => {
        const outcome = await settle(verifyAndParse(body, {}, { insecureAcceptUnsigned: true }));
        if ("error" in outcome) expect(outcome.error).toBeInstanceOf(WebhookPayloadError);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the Web handler under arbitrary requests", () => {
  it("answers every request with one of its documented statuses and a JSON body", async () => {
    const webhooks = new Webhooks({ secret: SECRET }, { maxBodyBytes: 1024, onError: () => {} });
    webhooks.on("presence.update", (event) => {
      if (event.presence === "unknown") throw new Error("a handler that fails on unknown types");
    });
    const method = fc.constantFrom("POST", "POST", "POST", "GET", "PUT", "PATCH");
    const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/json; charset=latin1", undefined);
    const body = fc.oneof(bodyBytes, nearEvent);
    const signWith = fc.constantFrom("hmac" as const, "wawp" as const, "none" as const, "wrong" as const);
    await fc.assert(
      fc.asyncProperty(method, contentType, body, signWith, async (m, type, raw, how) => {
        const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
        const headers = new Headers(how === "none" ? {} : await signedHeaders(bytes, how === "wrong" ? "hmac" : how, how === "wrong" ? "not-the-secret" : SECRET));
        if (type === undefined) headers.delete("content-type");
        else headers.set("content-type", type);
        const request = new Request("http://127.0.0.1/hook", { method: m, headers, ...(m === "GET" ? {} : { body: bytes }) });
        const outcome = await settle(webhooks.handler(request));
        expect("value" in outcome).toBe(true);
        if (!("value" in outcome)) return;
        const response = outcome.value;
        expect([200, 400, 401, 405, 413, 415, 500]).toContain(response.status);
        expect(await response.json()).toHaveProperty("ok", response.status === 200);
      }),
      { numRuns: RUNS },
    );
  });
});
