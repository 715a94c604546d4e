// Puts the board together: the store, the webhook receiver, the API client (real or the embedded
// mock), the routes, and the HTTP server; and takes it apart again.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createPresenceClient } from "@wawp/presence-client";
import { createBoardApp } from "./app.js";
import type { ApiTarget, WebhookAuth } from "./args.js";
import { loadAssets } from "./assets.js";
import { createEventsHub } from "./events-stream.js";
import { startMockServer, type MockServer } from "./mock-server.js";
import { toRecord } from "./store-schema.js";
import { PresenceStore } from "./store.js";
import { createSubscribeRoute, subscribeAndRecord } from "./subscribe-route.js";
import { createNodeMiddleware, nodeHmac, Webhooks } from "./webhooks.js";

export interface BoardOptions {
  port: number;
  host: string;
  dbPath: string;
  webhookAuth: WebhookAuth;
  api: ApiTarget;
  log: (line: string) => void;
}

export interface RunningBoard {
  /** The base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  store: PresenceStore;
  /** The secret webhooks must be signed with, or null when unsigned ones are accepted. Never printed. */
  secret: string | null;
  /** Subscribes through the board's own client, as POST /api/subscribe does. */
  subscribe(chatId: string): Promise<boolean>;
  /** Stops accepting, closes open streams, writes what is queued, stops the mock. */
  close(): Promise<void>;
}

/** Credentials the mock accepts: Prism checks that they are present, never their values. */
const MOCK_CREDENTIALS = { instanceId: "demo-instance", accessToken: "demo-token" };

/** Where webhooks are delivered. */
export const WEBHOOK_PATH = "/webhooks/wawp";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

export async function startBoard(options: BoardOptions): Promise<RunningBoard> {
  const { log } = options;
  const secret =
    options.webhookAuth.kind === "secret" ? options.webhookAuth.secret : options.webhookAuth.kind === "generated" ? randomBytes(32).toString("base64url") : null;

  const store = await PresenceStore.open(options.dbPath);
  let mock: MockServer | undefined;
  let server: Server | undefined;
  try {
    let credentials: { instanceId: string; accessToken: string; baseUrl?: string };
    if (options.api.kind === "real") {
      const { instanceId, accessToken, baseUrl } = options.api;
      credentials = { instanceId, accessToken, ...(baseUrl === undefined ? {} : { baseUrl }) };
    } else {
      log("Starting the embedded Prism mock of spec/openapi.yaml (set WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN to use the real API)...");
      mock = await startMockServer({ errors: true });
      credentials = { ...MOCK_CREDENTIALS, baseUrl: mock.url };
      log(`Subscribing through the mock at ${mock.url}.`);
    }
    // Built before anything is logged: it refuses a base URL that carries credentials, without echoing it.
    const client = createPresenceClient(credentials);
    if (options.api.kind === "real") log(`Subscribing through the WAWP API at ${client.baseUrl} (WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN are set).`);

    // node:crypto's HMAC: the Web Crypto default costs several times more per event on Node.
    const webhooks = new Webhooks(secret === null ? { insecureAcceptUnsigned: true } : { secret, hmac: nodeHmac }, {
      // A failed commit answers 500 (the sender redelivers); one line in the log says why.
      onError: (error) => log(`webhook not stored: ${error instanceof Error ? error.message : String(error)}`),
    });
    // The receiver answers 200 only once this resolves, that is once the event is committed.
    // The store's promise itself, not an async wrapper around it: one resumption less per event.
    webhooks.on("presence.update", (event) => store.recordPresence(toRecord(event)));

    const host = options.host;
    const events = createEventsHub(store);
    const app = createBoardApp({
      store,
      events,
      subscribe: createSubscribeRoute(client, store, credentials.accessToken),
      assets: loadAssets(),
      allowedHosts: LOOPBACK.test(host) ? new Set(["127.0.0.1", "localhost", "[::1]", host.toLowerCase()]) : null,
      log,
    });

    // Webhook deliveries go straight to the receiver's Node adapter: the same Webhooks answers as
    // `webhooks.handler`, without a Web Request and Response built per delivery, which measured
    // as the largest cost of the hot path (see README, Performance). The middleware takes every
    // method on its path (anything but POST gets 405 and `Allow: POST`) and passes every other
    // path on to Hono.
    const receive = createNodeMiddleware(webhooks, { path: WEBHOOK_PATH });
    const routes = getRequestListener(app.fetch);
    const listening = createServer((req, res) => receive(req, res, () => void routes(req, res)));
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(options.port, host, () => resolve());
    });
    server = listening;
    const { port } = listening.address() as AddressInfo;
    const url = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;

    let closed = false;
    return {
      url,
      store,
      secret,
      async subscribe(chatId) {
        const { error } = await subscribeAndRecord(client, store, chatId);
        return error === undefined;
      },
      async close() {
        if (closed) return;
        closed = true;
        // Stop accepting, let requests in flight finish (their events commit and are answered),
        // end the event streams, which never end by themselves; cut whatever is left after 5 s.
        await new Promise<void>((resolve) => {
          const cut = setTimeout(() => listening.closeAllConnections(), 5_000);
          listening.close(() => {
            clearTimeout(cut);
            resolve();
          });
          listening.closeIdleConnections();
          events.closeAll();
        });
        await store.close();
        await mock?.stop();
      },
    };
  } catch (error) {
    server?.close();
    await store.close();
    await mock?.stop();
    throw error;
  }
}
