// The mock fetch of the `testing` entry: every operation answered from the spec's examples,
// scripted sequences, recorded requests without the token.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/generated/examples.gen.js";
import { OPERATIONS } from "../src/index.js";
import { createMockFetch } from "../src/testing.js";

const op = OPERATIONS["subscribeToPresence"]!;
const url = (chatId: string, query = "instance_id=i&access_token=Tok3n-SECRET-1234") => `https://api.example.test${op.path.replace("{chatId}", encodeURIComponent(chatId))}?${query}`;
const send = (fetch: typeof globalThis.fetch, chatId = "447441429009@c.us", init: RequestInit = {}) => fetch(url(chatId), { method: op.method.toUpperCase(), ...init });

describe("createMockFetch", () => {
  it("answers every documented operation with its success example by default", async () => {
    const mock = createMockFetch();
    const response = await send(mock.fetch);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.text()).toBe(EXAMPLES.subscribeToPresence[200]["application/json"]);
  });

  it("plays a script in order, then falls back to the success", async () => {
    const mock = createMockFetch().script("subscribeToPresence", 502, { status: 400, contentType: "text/plain" });
    expect((await send(mock.fetch)).status).toBe(502);
    const text = await send(mock.fetch);
    expect([text.status, text.headers.get("content-type"), await text.text()]).toEqual([400, "text/plain", EXAMPLES.subscribeToPresence[400]["text/plain"]]);
    expect((await send(mock.fetch)).status).toBe(200);
  });

  it("serves every documented status and content type", async () => {
    for (const [status, byType] of Object.entries(EXAMPLES.subscribeToPresence)) {
      for (const [contentType, body] of Object.entries(byType)) {
        const mock = createMockFetch().script("subscribeToPresence", { status: Number(status), contentType } as never);
        const response = await send(mock.fetch);
        expect(response.status).toBe(Number(status));
        expect(await response.text()).toBe(body);
      }
    }
  });

  it("refuses to make up an undocumented answer, but plays one given in full", async () => {
    const mock = createMockFetch().script("subscribeToPresence", 418 as never);
    await expect(send(mock.fetch)).rejects.toThrow(/does not document 418; script it with a body of your own/);
    const custom = createMockFetch().script("subscribeToPresence", { status: 418, body: "teapot", contentType: "text/plain" });
    expect(await (await send(custom.fetch)).text()).toBe("teapot");
    expect(() => createMockFetch().script("nope" as never, 200 as never)).toThrow(/"nope" is not an operation of the spec/);
  });

  it("fails the connection when asked, and honours the request's signal during a delay", async () => {
    const failing = createMockFetch().script("subscribeToPresence", { networkError: "ECONNRESET" });
    await expect(send(failing.fetch)).rejects.toThrow(/fetch failed: ECONNRESET/);
    const slow = createMockFetch().script("subscribeToPresence", { status: 200, delayMs: 5_000 });
    await expect(send(slow.fetch, "447441429009@c.us", { signal: AbortSignal.timeout(10) })).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("honours the signal during a delay even when a garbage collection runs meanwhile", async () => {
    // The Request's signal follows the caller's only while the Request lives: a mock that kept
    // only the signal missed the abort after a collection, and answered once the delay was over.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const slow = createMockFetch().script("subscribeToPresence", { status: 200, delayMs: 5_000 });
    const pending = send(slow.fetch, "447441429009@c.us", { signal: AbortSignal.timeout(50) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    gc();
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("records each request: operation, decoded path parameters, headers, and never the token", async () => {
    const mock = createMockFetch();
    await send(mock.fetch, "447441429009@c.us", { headers: { "access-token": "Tok3n-SECRET-1234", "x-trace": "t" } });
    const [request] = mock.requests;
    expect(request?.operationId).toBe("subscribeToPresence");
    expect(request?.pathParams).toEqual({ chatId: "447441429009@c.us" });
    expect(request?.headers["x-trace"]).toBe("t");
    expect(JSON.stringify(mock.requests)).not.toContain("Tok3n-SECRET-1234");
    expect(request?.url).toContain("access_token=[REDACTED]");
  });

  it("answers a request no operation matches with a 404 that says so", async () => {
    const mock = createMockFetch();
    const response = await mock.fetch("https://api.example.test/nowhere", { method: "GET" });
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/No operation of the spec matches GET \/nowhere/);
    expect(mock.requests[0]?.operationId).toBeUndefined();
    mock.reset();
    expect(mock.requests).toEqual([]);
  });
});
