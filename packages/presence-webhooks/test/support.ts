// Shared by the tests: the spec's own example event, a secret that is easy to search for, and
// signed requests built with the package's sign().
import { inspect } from "node:util";
import { loadSpec } from "@wawp/codegen";
import { sign, type PresenceUpdateEvent, type SignatureScheme } from "../src/index.js";

export const spec = await loadSpec();

/** A distinctive secret: any error, log or response that contains it (or a part of it) has leaked it. */
export const SECRET = "whsec_Test-Secret-7f3a9c-DoNotLeak";
/** Pieces of the secret that must not show up either. */
export const SECRET_PARTS = [SECRET, "7f3a9c-DoNotLeak", "DoNotLeak", "whsec_Test"];

/** A fresh copy of the spec's PresenceUpdateEvent example, optionally changed. */
export function exampleEvent(change: (event: Record<string, any>) => void = () => {}): PresenceUpdateEvent & Record<string, any> {
  const event = structuredClone(spec.document.components.schemas.PresenceUpdateEvent.example);
  change(event);
  return event;
}

/** The headers of a signed JSON delivery of `body`. */
export async function signedHeaders(body: string | Uint8Array, scheme: SignatureScheme = "hmac", secret = SECRET): Promise<Record<string, string>> {
  return { "content-type": "application/json", ...(await sign(body, secret, scheme)) };
}

/** A signed Web Request delivering `body` (a string, or an event serialised as JSON). */
export async function deliveryRequest(body: string | object, init: { scheme?: SignatureScheme; secret?: string; headers?: Record<string, string> } = {}): Promise<Request> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers = { ...(await signedHeaders(text, init.scheme, init.secret)), ...init.headers };
  return new Request("http://127.0.0.1/webhooks/wawp", { method: "POST", headers, body: text });
}

/** Everything a thrown value shows when printed, serialised or logged. */
export function everythingShown(error: unknown): string {
  const parts: string[] = [String(error), inspect(error, { depth: 8, showHidden: true })];
  if (error instanceof Error) parts.push(error.message, error.stack ?? "");
  try {
    parts.push(JSON.stringify(error));
  } catch {
    // not serialisable: nothing more to collect
  }
  return parts.join("\n");
}
