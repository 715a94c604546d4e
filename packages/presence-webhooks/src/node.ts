// @wawp/presence-webhooks/node: the Webhooks answers as Node middleware, for node:http, Express
// and Connect. Its own entry point, so the main entry stays free of Node APIs. It imports nothing
// from the main entry at run time (only types), so it works with whichever copy of the package
// created the Webhooks instance.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Hmac512 } from "./signature.js";
import type { BodyResult, WebhookAnswer, WebhookRequest } from "./webhooks.js";

/**
 * node:crypto's HMAC-SHA512, for `new Webhooks({ secret, hmac: nodeHmac })` on Node: synchronous,
 * and a fraction of Web Crypto's cost per event. The secret is kept only as a KeyObject.
 */
export const nodeHmac: Hmac512 = {
  key: (secret) => createSecretKey(Buffer.from(secret, "utf8")),
  verify: (key, signature, body) => {
    const expected = createHmac("sha512", key as KeyObject).update(body).digest();
    return signature.length === expected.length && timingSafeEqual(expected, signature);
  },
};

/** What the middleware uses of a `Webhooks` instance. */
export interface WebhookReceiver {
  readonly maxBodyBytes: number;
  answer(request: WebhookRequest): Promise<WebhookAnswer>;
}

export interface NodeMiddlewareOptions {
  /**
   * Handle only requests to this path (the query string is ignored); others go to `next()`, or
   * get a 404 when there is no `next`. Without it, every request is a webhook delivery: mount the
   * middleware on its route (`app.post("/webhooks/wawp", middleware)`).
   */
  path?: string;
}

/** A request as Node gives it, or as Express/Connect pass it on (maybe with a body already read). */
type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/**
 * `(req, res, next?) => void` middleware that answers WAWP webhook deliveries with `webhooks`:
 * `http.createServer(createNodeMiddleware(webhooks))`, `app.post(path, createNodeMiddleware(webhooks))`.
 * It reads the raw body itself; when a body parser ran first it uses a raw Buffer or string body
 * (`express.raw({ type: "application/json" })`), and answers 500 if the body was parsed as JSON.
 */
export function createNodeMiddleware(
  webhooks: WebhookReceiver,
  options: NodeMiddlewareOptions = {},
): (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void {
  const { path } = options;
  if (path !== undefined && (typeof path !== "string" || !path.startsWith("/"))) throw new TypeError('path must start with "/", like "/webhooks/wawp".');
  if (!webhooks || typeof webhooks.answer !== "function") throw new TypeError("createNodeMiddleware() needs a Webhooks instance.");

  return function wawpWebhookMiddleware(req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void): void {
    if (path !== undefined && pathname(req.originalUrl ?? req.url ?? "") !== path) {
      if (typeof next === "function") next();
      else send(res, { status: 404, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ ok: false, error: "not_found", message: "Not a webhook path." }) });
      return;
    }
    webhooks
      .answer({ method: req.method ?? "", headers: req.headers, readBody: (limit) => readNodeBody(req, limit) })
      .then((answer) => send(res, answer))
      // answer() never rejects; this only guards a response that could not be written.
      .catch(() => res.destroy());
  };
}

function pathname(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function send(res: ServerResponse, answer: WebhookAnswer): void {
  if (res.headersSent) return;
  // One writeHead with every header: cheaper per response than a setHeader call for each.
  const headers: Record<string, string | number> = { ...answer.headers, "content-length": Buffer.byteLength(answer.body) };
  // After a 413 the rest of the body is unread: close the connection rather than drain it.
  if (answer.status === 413) headers["connection"] = "close";
  res.writeHead(answer.status, headers).end(answer.body);
}

const PARSED_BODY =
  "The request body was already parsed (a JSON body parser ran before the webhook middleware), so its signature cannot be checked. " +
  'Mount the webhook middleware before body parsers, or give its route express.raw({ type: "application/json" }).';

/** The raw body: one a raw/text parser left on `req.body`, else read from the stream up to `limit`. */
function readNodeBody(req: NodeRequest, limit: number): Promise<BodyResult> {
  const { body } = req;
  if (typeof body === "string" || body instanceof Uint8Array) {
    const size = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
    return Promise.resolve(size > limit ? { ok: false, reason: "too-large" } : { ok: true, body });
  }
  if (req.readableEnded) return Promise.resolve({ ok: false, reason: "unavailable", message: PARSED_BODY });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the 413 goes out with `Connection: close`, so the rest is never read.
        req.pause();
        finish({ ok: false, reason: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const onAbort = () => finish({ ok: false, reason: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}
