// The Webhooks class: typed handlers, verifyAndReceive, and the HTTP answers, once, for every
// transport. `answer()` knows nothing of any server; `handler` (Web-standard Request/Response)
// and the Node middleware (@wawp/presence-webhooks/node) only adapt to it.
import { WebhookHandlerError, WebhookPayloadError, WebhookSignatureError } from "./errors.js";
import type { PresenceUpdate, WebhookEventMap, WebhookEventName } from "./event.js";
import { PRESENCE_UPDATE_EVENT } from "./generated/spec.gen.js";
import { readHeader, type HeadersInput } from "./headers.js";
import type { VerifyOptions } from "./signature.js";
import { verificationFor, verifyWith, type Verification } from "./verify.js";

/** @default 65536 (64 KiB): a presence event is a few hundred bytes; the rest is room for metadata. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface WebhooksOptions {
  /** The largest body accepted, in bytes; a larger one is answered 413 without being read further. @default 65536 */
  maxBodyBytes?: number;
  /**
   * Called with every error that turns an answer into a 500: a WebhookHandlerError when your
   * handlers failed (the sender is told nothing more and retries), or a receiver misconfiguration.
   * @default console.error
   */
  onError?: (error: unknown) => void;
}

export type WebhookHandler<E extends WebhookEventName> = (event: WebhookEventMap[E]) => unknown;

/** How a body read ended. */
export type BodyResult =
  | { ok: true; body: string | Uint8Array }
  /** More than the limit was sent; reading stopped there. */
  | { ok: false; reason: "too-large" }
  /** The client went away or the stream failed. */
  | { ok: false; reason: "aborted" }
  /** Something (a body parser) consumed the body before us; `message` says what to change. */
  | { ok: false; reason: "unavailable"; message: string };

/** A webhook request as any server sees it: what `answer()` needs, and a bounded body reader. */
export interface WebhookRequest {
  method: string;
  headers: HeadersInput;
  /** Reads the body, stopping as soon as more than `limit` bytes arrived. */
  readBody(limit: number): Promise<BodyResult>;
}

/** The HTTP answer to send back: a status, headers, and a small JSON body. */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const OK_BODY = JSON.stringify({ ok: true });

function json(status: number, body: object, headers: Record<string, string> = {}): WebhookAnswer {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

function failure(status: number, error: string, message: string, extra: object = {}, headers: Record<string, string> = {}): WebhookAnswer {
  return json(status, { ok: false, error, message, ...extra }, headers);
}

/** `application/json`, with no charset or a UTF-8 one (JSON is UTF-8). */
function isJsonContentType(value: string): boolean {
  if (value === "application/json") return true; // what senders send: no need to take it apart
  const [type = "", ...parameters] = value.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  return parameters.every((parameter) => {
    const [name, raw = ""] = parameter.split("=", 2).map((part) => part.trim());
    if (name !== "charset") return true;
    const charset = raw.replace(/^"(.*)"$/, "$1");
    return charset === "utf-8" || charset === "utf8";
  });
}

type Registration = { handler: (event: PresenceUpdate) => unknown };

/**
 * Receives WAWP `presence.update` webhooks: verifies the signature, checks the event against the
 * spec, runs your handlers, and answers the sender.
 */
export class Webhooks {
  readonly #verification: Verification;
  readonly #handlers = new Map<WebhookEventName, Registration[]>();
  readonly #onError: (error: unknown) => void;
  /** The largest body accepted, in bytes. */
  readonly maxBodyBytes: number;

  constructor(verify: VerifyOptions, options: WebhooksOptions = {}) {
    this.#verification = verificationFor(verify);
    const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, onError = (error: unknown) => console.error(error) } = options;
    if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TypeError("maxBodyBytes must be a positive whole number of bytes.");
    if (typeof onError !== "function") throw new TypeError("onError must be a function.");
    this.maxBodyBytes = maxBodyBytes;
    this.#onError = onError;
  }

  /**
   * Runs `handler` for every verified event of that name; several handlers may be registered.
   * Returns a function that removes this registration.
   */
  on<E extends WebhookEventName>(event: E, handler: WebhookHandler<E>): () => void {
    if (event !== PRESENCE_UPDATE_EVENT) throw new TypeError(`Unknown webhook event ${JSON.stringify(String(event))}; this package receives "${PRESENCE_UPDATE_EVENT}".`);
    if (typeof handler !== "function") throw new TypeError("on() needs a handler function.");
    const registration: Registration = { handler };
    const list = this.#handlers.get(event) ?? [];
    this.#handlers.set(event, [...list, registration]);
    return () => {
      this.#handlers.set(event, (this.#handlers.get(event) ?? []).filter((entry) => entry !== registration));
    };
  }

  /**
   * Verifies and parses the request (see verifyAndParse), then runs every handler for the event
   * and waits for all of them. Resolves with the event once all succeeded; rejects with
   * WebhookSignatureError, WebhookPayloadError, or WebhookHandlerError when any handler failed.
   */
  async verifyAndReceive(rawBody: string | Uint8Array, headers: HeadersInput): Promise<PresenceUpdate> {
    const event = await verifyWith(this.#verification, rawBody, headers);
    const handlers = this.#handlers.get(event.event) ?? [];
    if (handlers.length === 1) {
      // The usual case, without allSettled's bookkeeping per event.
      try {
        await handlers[0]!.handler(event);
      } catch (error) {
        throw new WebhookHandlerError(event.id, [error], 1);
      }
      return event;
    }
    const results = await Promise.allSettled(handlers.map(async ({ handler }) => handler(event)));
    const errors = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    if (errors.length > 0) throw new WebhookHandlerError(event.id, errors, handlers.length);
    return event;
  }

  /**
   * Answers one webhook request, for any server: 200 once every handler finished; 405 not POST;
   * 415 not application/json; 413 body over maxBodyBytes; 401 bad or missing signature; 400 not
   * JSON or not a valid event; 500 a handler failed. Never rejects.
   */
  async answer(request: WebhookRequest): Promise<WebhookAnswer> {
    try {
      return await this.#answer(request);
    } catch (error) {
      this.#report(error);
      return failure(500, "internal_error", "The receiver failed unexpectedly.");
    }
  }

  /** The Web-standard handler: `(request: Request) => Promise<Response>`, for Bun, Deno, Hono, edge runtimes and Node adapters. */
  readonly handler = async (request: Request): Promise<Response> => {
    const answer = await this.answer({
      method: request.method,
      headers: request.headers,
      readBody: (limit) => readStream(request.body, limit),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };

  async #answer(request: WebhookRequest): Promise<WebhookAnswer> {
    if (request.method.toUpperCase() !== "POST") {
      return failure(405, "method_not_allowed", "Webhooks are delivered with POST.", {}, { allow: "POST" });
    }
    const contentType = readHeader(request.headers, "content-type");
    if (contentType.kind !== "one" || !isJsonContentType(contentType.value)) {
      return failure(415, "unsupported_media_type", "The body must be sent as application/json (UTF-8).");
    }
    const tooLarge = () => failure(413, "payload_too_large", `The body is larger than ${this.maxBodyBytes} bytes.`);
    const length = readHeader(request.headers, "content-length");
    if (length.kind === "one" && /^\d+$/.test(length.value) && Number(length.value) > this.maxBodyBytes) return tooLarge();

    const read = await request.readBody(this.maxBodyBytes);
    if (!read.ok) {
      if (read.reason === "too-large") return tooLarge();
      if (read.reason === "aborted") return failure(400, "body_unreadable", "The body could not be read to its end.");
      this.#report(new Error(read.message));
      return failure(500, "body_unavailable", "The receiver could not read the raw body.");
    }
    try {
      await this.verifyAndReceive(read.body, request.headers);
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: OK_BODY };
    } catch (error) {
      if (error instanceof WebhookSignatureError) return failure(401, "invalid_signature", error.message);
      if (error instanceof WebhookPayloadError) return failure(400, "invalid_payload", error.message, error.field === undefined ? {} : { field: error.field });
      if (error instanceof WebhookHandlerError) {
        this.#report(error);
        // The handlers' own messages stay here: they are the receiver's business, not the sender's.
        return failure(500, "handler_failed", "The event was verified but could not be handled; deliver it again later.");
      }
      throw error;
    }
  }

  #report(error: unknown): void {
    try {
      this.#onError(error);
    } catch {
      // A failing error reporter must not change the answer.
    }
  }
}

/** Reads a Web stream to its end, or stops (and cancels it) once it passed `limit` bytes. */
async function readStream(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyResult> {
  if (stream === null) return { ok: true, body: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "aborted" };
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}
