// POST /api/subscribe: the page's subscribe form, through @wawp/presence-client.
//
// The browser never sees a credential: the board holds the client, and answers with the CLI's
// `--json` shape `{ chatId, ok, status, message }` (plus `error: { name, kind }` on failure).
// Only same-origin JSON requests are served: a form on another site could otherwise make the board
// spend its credentials (a cross-site form can post, but cannot send application/json without a
// CORS preflight, and browsers mark the request with Origin and Sec-Fetch-Site).
import { checkParams, createRedactor, type AnyPresenceError, type PresenceClient } from "@wawp/presence-client";
import type { PresenceStore } from "./store.js";

export interface SubscribeOutcome {
  chatId: string;
  ok: boolean;
  /** The WAWP API's status, or null when no response came (bad input, network, timeout). */
  status: number | null;
  message: string;
  error?: { name: string; kind: string };
}

const MAX_BODY_BYTES = 4 * 1024;
const EXAMPLE = '{"chatId": "447441429009@c.us"}';

function problem(status: number, message: string): Response {
  return Response.json({ ok: false, status: null, message, error: { name: "BoardRequestError", kind: "request" } }, { status });
}

/** The board's answer status for a failed subscribe: the caller's fault, or the API's. */
function httpStatusFor(error: AnyPresenceError): number {
  switch (error.kind) {
    case "validation":
      return 400;
    case "timeout":
      return 504;
    default:
      return 502;
  }
}

/** Refuses requests a browser made from another origin; returns null when the request may go on. */
export function crossOriginRefusal(request: Request): Response | null {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return problem(403, `Cross-origin request refused (Sec-Fetch-Site: ${site.slice(0, 20)}): use the board's own page.`);
  }
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(request.url).origin) {
    return problem(403, "Cross-origin request refused: the Origin is not this board's. Use the board's own page.");
  }
  return null;
}

/** The body as text, or undefined once more than `limit` bytes arrived (the rest is not read). */
async function readBounded(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * Subscribes through the client and, once the API accepted, records the contact as the API names
 * it (447441429009%40c.us is 447441429009@c.us): the page's route and the demo both go through here.
 */
export async function subscribeAndRecord(client: PresenceClient, store: PresenceStore, chatId: string, signal?: AbortSignal) {
  const { data, error } = await client.subscribe(chatId, { signal });
  if (error) return { error };
  const change = await store.recordSubscription(String(checkParams("subscribeToPresence", { chatId })["chatId"]));
  return { data, change };
}

export function createSubscribeRoute(client: PresenceClient, store: PresenceStore, accessToken: string) {
  // The client's messages are token-free already; this is a second line, should that ever change.
  const redact = createRedactor([accessToken]);

  return async function subscribeRoute(request: Request): Promise<Response> {
    const refusal = crossOriginRefusal(request);
    if (refusal) return refusal;
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") {
      return problem(415, `Send the body as application/json (got ${type ? `'${type.slice(0, 60)}'` : "no Content-Type"}), e.g. ${EXAMPLE}`);
    }
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY_BYTES) return problem(413, `The body is too large (${declared} bytes; at most ${MAX_BODY_BYTES}).`);
    // Read with the bound, whatever the headers say: a chunked body declares no length.
    const text = await readBounded(request, MAX_BODY_BYTES);
    if (text === undefined) return problem(413, `The body is too large (at most ${MAX_BODY_BYTES} bytes).`);

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return problem(400, `The body is not valid JSON; send ${EXAMPLE}`);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return problem(400, `The body must be a JSON object: ${EXAMPLE}`);
    const chatId = (body as Record<string, unknown>)["chatId"];
    if (chatId === undefined) return problem(400, `The body has no "chatId"; send ${EXAMPLE}`);
    if (typeof chatId !== "string") return problem(400, `"chatId" must be a string, got ${chatId === null ? "null" : typeof chatId}; send ${EXAMPLE}`);

    const { data, error, change } = await subscribeAndRecord(client, store, chatId, request.signal);
    if (error) {
      const outcome: SubscribeOutcome = {
        chatId,
        ok: false,
        status: "status" in error && typeof error.status === "number" ? error.status : null,
        message: redact(error.message),
        error: { name: error.name, kind: error.kind },
      };
      return Response.json(outcome, { status: httpStatusFor(error) });
    }
    const outcome: SubscribeOutcome = { chatId: change.chatId, ok: true, status: 200, message: redact(data.message) };
    return Response.json(outcome);
  };
}
