// The Node middleware behind real node:http and Express servers on 127.0.0.1, driven by real
// HTTP requests (node:http's client, so a request can keep sending after an early answer).
import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeMiddleware, nodeHmac } from "../src/node.js";
import { Webhooks, WebhookHandlerError, type PresenceUpdate } from "../src/index.js";
import { exampleEvent, SECRET, signedHeaders } from "./support.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request; `chunks` are written one after another (chunked encoding unless a content-length is given). */
function send(url: string, init: { method?: string; headers?: Record<string, string>; chunks?: Array<string | Uint8Array> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? "POST", headers: init.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }));
      res.on("error", reject);
    });
    // The server may answer (413) and close before everything is written: that is the point.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    const chunks = init.chunks ?? [];
    const writeNext = (index: number) => {
      if (index >= chunks.length) return void req.end();
      if (req.destroyed) return;
      req.write(chunks[index], () => writeNext(index + 1));
    };
    writeNext(0);
  });
}

async function signedDelivery(body: string, extra: Record<string, string> = {}): Promise<{ headers: Record<string, string>; chunks: string[] }> {
  return { headers: { ...(await signedHeaders(body)), "content-length": String(Buffer.byteLength(body)), ...extra }, chunks: [body] };
}

function receiver(options: { maxBodyBytes?: number } = {}) {
  const errors: unknown[] = [];
  const events: PresenceUpdate[] = [];
  const webhooks = new Webhooks({ secret: SECRET }, { ...options, onError: (error) => errors.push(error) });
  webhooks.on("presence.update", (event) => void events.push(event));
  return { webhooks, errors, events };
}

const eventBody = JSON.stringify(exampleEvent());

describe("createNodeMiddleware on node:http", () => {
  it("200 for a signed delivery, after the handler ran", async () => {
    const { webhooks, events } = receiver();
    const url = await listen(createNodeMiddleware(webhooks));
    const reply = await send(`${url}/anything`, await signedDelivery(eventBody));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true });
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(events.map((event) => event.presence)).toEqual(["composing"]);
  });

  it("answers only its path when given one (the query string aside), 404 elsewhere", async () => {
    const { webhooks, events } = receiver();
    const url = await listen(createNodeMiddleware(webhooks, { path: "/webhooks/wawp" }));
    expect((await send(`${url}/webhooks/wawp?source=test`, await signedDelivery(eventBody))).status).toBe(200);
    const other = await send(`${url}/other`, await signedDelivery(eventBody));
    expect(other.status).toBe(404);
    expect(events).toHaveLength(1);
  });

  it("401, 400, 415 and 405 with JSON bodies, and keeps serving", async () => {
    const { webhooks, events } = receiver();
    const url = await listen(createNodeMiddleware(webhooks));
    const unsigned = await send(url, { headers: { "content-type": "application/json" }, chunks: [eventBody] });
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.body)).toMatchObject({ ok: false, error: "invalid_signature" });
    const invalid = await send(url, await signedDelivery(JSON.stringify(exampleEvent((e) => (e.payload.type = 7)))));
    expect(JSON.parse(invalid.body)).toMatchObject({ error: "invalid_payload", field: "payload.type" });
    expect(invalid.status).toBe(400);
    expect((await send(url, await signedDelivery("{oops"))).status).toBe(400);
    expect((await send(url, await signedDelivery(eventBody, { "content-type": "text/plain" }))).status).toBe(415);
    const get = await send(url, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers["allow"]).toBe("POST");
    expect((await send(url, await signedDelivery(eventBody))).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it("reads a chunked body in pieces", async () => {
    const { webhooks, events } = receiver();
    const url = await listen(createNodeMiddleware(webhooks));
    const pieces = [eventBody.slice(0, 10), eventBody.slice(10, 100), eventBody.slice(100)];
    expect((await send(url, { headers: await signedHeaders(eventBody), chunks: pieces })).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it("413 from a Content-Length over the limit, before reading the body, and closes the connection", async () => {
    const { webhooks, events } = receiver({ maxBodyBytes: 1024 });
    const url = await listen(createNodeMiddleware(webhooks));
    const big = JSON.stringify(exampleEvent((e) => (e.metadata.padding = "x".repeat(4096))));
    const reply = await send(url, await signedDelivery(big));
    expect(reply.status).toBe(413);
    expect(reply.headers["connection"]).toBe("close");
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: "payload_too_large", message: "The body is larger than 1024 bytes." });
    expect(events).toHaveLength(0);
  });

  it("413 for a chunked body that grows past the limit, and the server stops reading", async () => {
    const { webhooks } = receiver({ maxBodyBytes: 1024 });
    let received = 0;
    const middleware = createNodeMiddleware(webhooks);
    const url = await listen((req, res) => {
      req.on("data", (chunk: Buffer) => (received += chunk.length));
      middleware(req, res);
    });
    const chunk = "x".repeat(512);
    const reply = await send(url, { headers: await signedHeaders("{}"), chunks: Array.from({ length: 64 }, () => chunk) });
    expect(reply.status).toBe(413);
    // 32 KiB were offered; the server took little more than the limit (plus what was in flight).
    expect(received).toBeLessThan(16 * 1024);
  });

  it("500 when a handler fails, with the failure sent to onError and not to the sender", async () => {
    const { webhooks, errors } = receiver();
    webhooks.on("presence.update", () => {
      throw new Error("redis at 10.0.0.7 refused");
    });
    const url = await listen(createNodeMiddleware(webhooks));
    const reply = await send(url, await signedDelivery(eventBody));
    expect(reply.status).toBe(500);
    expect(reply.body).not.toContain("redis");
    expect(errors[0]).toBeInstanceOf(WebhookHandlerError);
  });

  it("refuses a bad path option and a missing Webhooks", () => {
    const { webhooks } = receiver();
    expect(() => createNodeMiddleware(webhooks, { path: "webhooks" })).toThrow(TypeError);
    expect(() => createNodeMiddleware(undefined as unknown as Webhooks)).toThrow(TypeError);
  });
});

describe("createNodeMiddleware in Express", () => {
  it("works as a route handler, and with a path it passes other requests to next()", async () => {
    const { webhooks, events } = receiver();
    const app = express();
    app.post("/hooks/wawp", createNodeMiddleware(webhooks));
    app.use(createNodeMiddleware(webhooks, { path: "/mounted" }));
    app.get("/health", (_req, res) => void res.send("up"));
    const url = await listen(app);
    expect((await send(`${url}/hooks/wawp`, await signedDelivery(eventBody))).status).toBe(200);
    expect((await send(`${url}/mounted`, await signedDelivery(eventBody))).status).toBe(200);
    expect(await send(`${url}/health`, { method: "GET" })).toMatchObject({ status: 200, body: "up" });
    expect(events).toHaveLength(2);
  });

  it("uses the raw Buffer that express.raw() left on req.body", async () => {
    const { webhooks, events } = receiver();
    const app = express();
    app.post("/hooks", express.raw({ type: "application/json" }), createNodeMiddleware(webhooks));
    const url = await listen(app);
    expect((await send(`${url}/hooks`, await signedDelivery(eventBody))).status).toBe(200);
    const tamperedBody = eventBody.replace("composing", "paused");
    const tampered = { headers: { ...(await signedHeaders(eventBody)), "content-length": String(Buffer.byteLength(tamperedBody)) }, chunks: [tamperedBody] };
    expect((await send(`${url}/hooks`, tampered)).status).toBe(401);
    expect(events).toHaveLength(1);
  });

  it("after express.json(): 500, and onError says to mount the middleware before body parsers", async () => {
    const { webhooks, errors } = receiver();
    const app = express();
    app.use(express.json());
    app.post("/hooks", createNodeMiddleware(webhooks));
    const url = await listen(app);
    const reply = await send(`${url}/hooks`, await signedDelivery(eventBody));
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toMatchObject({ error: "body_unavailable" });
    expect(String(errors[0])).toContain("Mount the webhook middleware before body parsers");
  });
});

describe("nodeHmac: node:crypto's HMAC-SHA512 in place of Web Crypto's", () => {
  it("accepts what Web Crypto accepts and refuses what it refuses", async () => {
    const body = JSON.stringify(exampleEvent());
    const headers = await signedHeaders(body);
    const viaNode = new Webhooks({ secret: SECRET, hmac: nodeHmac });
    const viaWeb = new Webhooks({ secret: SECRET });
    expect((await viaNode.verifyAndReceive(body, headers)).id).toBe((await viaWeb.verifyAndReceive(body, headers)).id);
    const tampered = body.replace("composing", "recording");
    await expect(viaNode.verifyAndReceive(tampered, headers)).rejects.toThrow(/does not match the body/);
    await expect(viaWeb.verifyAndReceive(tampered, headers)).rejects.toThrow(/does not match the body/);
    const wrongSecret = new Webhooks({ secret: `${SECRET}-other`, hmac: nodeHmac });
    await expect(wrongSecret.verifyAndReceive(body, headers)).rejects.toThrow(/does not match the body/);
  });

  it("refuses an hmac that is not one", () => {
    expect(() => new Webhooks({ secret: SECRET, hmac: {} as never })).toThrow(/`hmac` must be an Hmac512/);
  });
});
