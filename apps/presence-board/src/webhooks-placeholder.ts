// TEMPORARY stand-in for @wawp/presence-webhooks (being built on another branch), with only what the
// board uses. Delete this file when the real package is merged; src/webhooks.ts is the one importer.
import { createHmac, timingSafeEqual } from "node:crypto";

export const PRESENCE_TYPES = ["composing", "recording", "paused", "available", "unavailable"] as const;
export type PresenceType = (typeof PRESENCE_TYPES)[number];

export interface PresenceUpdateEvent {
  id: string;
  timestamp: number;
  session: string;
  metadata?: Record<string, unknown>;
  engine: string;
  event: "presence.update";
  payload: { chatId: string; type: string; from: string };
  me: { id: string; lid?: string; pushName?: string };
}
export type PresenceUpdate = PresenceUpdateEvent & { presence: PresenceType | "unknown"; unknownType?: string };

type Auth = { secret: string } | { insecureAcceptUnsigned: true };
type Handler = (event: PresenceUpdate) => Promise<void> | void;

export class Webhooks {
  readonly #auth: Auth;
  readonly #maxBodyBytes: number;
  readonly #handlers: Handler[] = [];
  constructor(auth: Auth, options: { maxBodyBytes?: number } = {}) {
    this.#auth = auth;
    this.#maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  }
  on(_event: "presence.update", handler: Handler): void {
    this.#handlers.push(handler);
  }
  readonly handler = async (request: Request): Promise<Response> => {
    if (!(request.headers.get("content-type") ?? "").startsWith("application/json")) return new Response("wrong content type", { status: 415 });
    const raw = new Uint8Array(await request.arrayBuffer());
    if (raw.byteLength > this.#maxBodyBytes) return new Response("too large", { status: 413 });
    if ("secret" in this.#auth) {
      const given = Buffer.from(request.headers.get("x-webhook-hmac") ?? "", "hex");
      const expected = createHmac("sha512", this.#auth.secret).update(raw).digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return new Response("bad signature", { status: 401 });
    }
    let event: PresenceUpdateEvent;
    try {
      event = JSON.parse(Buffer.from(raw).toString("utf8")) as PresenceUpdateEvent;
    } catch {
      return new Response("malformed JSON", { status: 400 });
    }
    if (typeof event?.id !== "string" || typeof event.timestamp !== "number" || typeof event.payload?.chatId !== "string" || typeof event.payload.type !== "string") {
      return new Response("schema", { status: 400 });
    }
    const known = (PRESENCE_TYPES as readonly string[]).includes(event.payload.type);
    const update: PresenceUpdate = known
      ? { ...event, presence: event.payload.type as PresenceType }
      : { ...event, presence: "unknown", unknownType: event.payload.type };
    try {
      for (const handler of this.#handlers) await handler(update);
    } catch {
      return new Response("handler failed", { status: 500 });
    }
    return new Response(null, { status: 200 });
  };
}

export async function sign(rawBody: string | Uint8Array, secret: string): Promise<Record<string, string>> {
  return { "X-Webhook-Hmac": createHmac("sha512", secret).update(rawBody).digest("hex"), "X-Webhook-Hmac-Algorithm": "sha512" };
}
