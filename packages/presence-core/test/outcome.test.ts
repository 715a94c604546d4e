// Reading and classifying responses: bounded body reads, and every status/body to its outcome.
import { describe, expect, it } from "vitest";
import { createRedactor, outcomeFromResponse, readBodyText, MAX_BODY_BYTES } from "../src/index.js";

const context = { url: "http://x/?access_token=[REDACTED]", attempts: 1, redact: createRedactor(["tok"]) };

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

  it("bounds a Response whose body is not a web stream (a fetch polyfill)", async () => {
    const polyfilled = { body: {}, headers: new Headers(), text: async () => "y".repeat(50) } as unknown as Response;
    expect(await readBodyText(polyfilled, 10)).toEqual({ text: "y".repeat(10), truncated: true });
  });
});

describe("outcomeFromResponse", () => {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

  it("accepts the documented success body", () => {
    const outcome = outcomeFromResponse(json(200, { success: true, message: "ok" }), { text: '{"success":true,"message":"ok"}', truncated: false }, context);
    expect(outcome).toEqual({ ok: true, value: { success: true, message: "ok" } });
  });

  it("marks 429/502/503/504 retryable with their Retry-After, and nothing else", () => {
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
    expect(failure.ok ? "" : (failure.error as unknown as { body: string }).body).toMatch(/body cut at/);
  });
});
