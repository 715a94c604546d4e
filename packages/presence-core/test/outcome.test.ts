// Reading and classifying responses: bounded body reads, and every status/body to its outcome.
import { describe, expect, it } from "vitest";
import { BadRequestError, BodyReadError, OPERATIONS, PresenceApiError, UnsuccessfulResponseError, createRedactor, outcomeFromResponse, readBodyText, MAX_BODY_BYTES } from "../src/index.js";

const context = { operation: OPERATIONS["subscribeToPresence"]!, url: "http://x/?access_token=[REDACTED]", attempts: 1, redact: createRedactor(["tok-long-enough"]) };

describe("readBodyText", () => {
  it("reads a small body whole", async () => {
    expect(await readBodyText(new Response("héllo"))).toEqual({ text: "héllo", truncated: false });
  });

  it("stops at the limit and cancels the rest of the stream", async () => {
    let cancelled = false;
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        if (pulls > 1_000) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    const body = await readBodyText(new Response(stream), 100_000);
    expect(body.truncated).toBe(true);
    expect(body.text).toHaveLength(100_000);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(10);
  });

  it("keeps what arrived when the connection fails part-way", async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error("socket hang up"));
        else controller.enqueue(new TextEncoder().encode("partial"));
        sent = true;
      },
    });
    const failure = await readBodyText(new Response(stream)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BodyReadError);
    expect((failure as BodyReadError).partial).toBe("partial");
  });
});

describe("outcomeFromResponse", () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

  it("accepts the documented success body", () => {
    const outcome = outcomeFromResponse(json(200, { success: true, message: "ok" }), { text: '{"success":true,"message":"ok"}', truncated: false }, context);
    expect(outcome.ok && outcome.value).toEqual({ success: true, message: "ok" });
  });

  it("marks 429/502/503/504 retryable for an idempotent operation, with their Retry-After, and nothing else", () => {
    for (const status of [400, 401, 404, 500, 429, 502, 503, 504]) {
      const outcome = outcomeFromResponse(json(status, {}, { "retry-after": "2" }), { text: "{}", truncated: false }, context);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.retryable).toBe([429, 502, 503, 504].includes(status));
      expect(outcome.retryAfterMs).toBe(outcome.retryable ? 2_000 : undefined);
    }
  });

  it("calls a success body over the limit unexpected, and cuts an error body", () => {
    const big = { text: "x".repeat(10), truncated: true };
    const success = outcomeFromResponse(json(200, {}), big, context);
    expect(success.ok ? "" : success.error.message).toMatch(new RegExp(`larger than ${MAX_BODY_BYTES} bytes`));
    const failure = outcomeFromResponse(json(500, {}), big, context);
    expect(failure.ok ? "" : (failure.error as PresenceApiError).body).toMatch(/body cut at/);
  });

  it("reports a 2xx whose success flag is false as unsuccessful, not retried", () => {
    const text = '{"success":false,"message":"Session is not connected"}';
    const outcome = outcomeFromResponse(json(200, JSON.parse(text)), { text, truncated: false }, context);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(UnsuccessfulResponseError);
    expect(outcome.error.message).toContain("Session is not connected");
    expect(outcome.retryable).toBe(false);
  });

  it("keeps an error status whose body was cut off, marked, with the status's own retry rule", () => {
    const outcome = outcomeFromResponse(json(400, {}), { text: '{"mess', truncated: false }, context, "socket hang up");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(BadRequestError);
    expect((outcome.error as PresenceApiError).body).toContain("body cut off: socket hang up");
    expect(outcome.retryable).toBe(false);
  });
});
