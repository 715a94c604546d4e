// The board's HTTP routes for the page and its API, as a Hono app over Web-standard
// Request/Response. Webhook deliveries (POST /webhooks/wawp) are answered before this app, by the
// receiver's Node adapter (server.ts).
import { Hono } from "hono";
import type { Assets } from "./assets.js";
import { parseLastEventId, type EventsHub } from "./events-stream.js";
import type { PresenceStore } from "./store.js";

export interface BoardAppOptions {
  store: PresenceStore;
  events: EventsHub;
  /** POST /api/subscribe. */
  subscribe: (request: Request) => Promise<Response>;
  assets: Assets;
  /**
   * Host names the page and its API answer to (DNS rebinding: a hostile site resolving its own name
   * to 127.0.0.1 would otherwise be same-origin with the board). null accepts any.
   */
  allowedHosts: ReadonlySet<string> | null;
  /** Where unexpected errors are reported (never with a request body). */
  log: (line: string) => void;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

function hostname(hostHeader: string | undefined): string {
  if (!hostHeader) return "";
  // "[::1]:8787" -> "[::1]", "127.0.0.1:8787" -> "127.0.0.1"
  return hostHeader.startsWith("[") ? hostHeader.slice(0, hostHeader.indexOf("]") + 1) : (hostHeader.split(":")[0] ?? "");
}

export function createBoardApp(options: BoardAppOptions): Hono {
  const { store, assets, allowedHosts } = options;
  const app = new Hono();

  // Everything here is for the page. (The webhook receiver, signed and maybe behind a tunnel with
  // any Host, is not subject to the Host check.)
  app.use("*", async (c, next) => {
    if (allowedHosts && !allowedHosts.has(hostname(c.req.header("host")).toLowerCase())) {
      return c.json({ ok: false, message: "Unexpected Host header: open the board at the address it printed." }, 403);
    }
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });

  app.get("/api/presence", (c) => {
    const { contacts, lastSeq } = store.snapshot();
    // The page opens /events from this seq, so nothing between the two requests is missed.
    return c.json(contacts, 200, { "cache-control": "no-store", "x-last-event-id": String(lastSeq) });
  });

  app.post("/api/subscribe", (c) => options.subscribe(c.req.raw));

  app.get("/events", (c) => {
    let lastEventId: number | null;
    try {
      lastEventId = parseLastEventId(c.req.header("last-event-id") ?? c.req.query("lastEventId"));
    } catch (error) {
      return c.json({ ok: false, message: (error as Error).message }, 400);
    }
    return options.events.open(lastEventId);
  });

  for (const asset of assets.list()) {
    app.get(asset.route, () => new Response(asset.body, { headers: { "content-type": asset.contentType, "cache-control": "no-cache" } }));
  }

  // JSON, like every other answer of the API, rather than Hono's plain-text default.
  app.notFound((c) => c.json({ ok: false, message: `Nothing at ${c.req.method} ${c.req.path}: the board serves /, /api/presence, /api/subscribe and /events.` }, 404));

  app.onError((error, c) => {
    options.log(`error on ${c.req.method} ${c.req.path}: ${error.message}`);
    return c.json({ ok: false, message: "Internal error; see the board's log." }, 500);
  });
  return app;
}
