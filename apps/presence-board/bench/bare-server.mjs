// The yardstick for the board's receiver: a bare node:http handler doing the same work with no
// framework, namely read the body, check the HMAC-SHA512 signature, parse the JSON, write the event
// to SQLite (the board's own schema, pragmas and statements, from dist/store-schema.js: the history
// row and the contact's state), answer 200 after the commit.
// Modes: per-request (one transaction each), group (group commit, node:crypto HMAC), package
// (group commit, with @wawp/presence-webhooks verifying and validating instead of node:crypto),
// history-only (group commit of one plain INSERT per event into a table of its own, no contact state).
// Usage: node bare-server.mjs per-request|group|package|history-only DB_PATH  (secret in WAWP_WEBHOOK_SECRET)
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Webhooks } from "@wawp/presence-webhooks";
import { nodeHmac } from "@wawp/presence-webhooks/node";
import { createWriter, openDatabase, toRecord } from "../dist/store-schema.js";

const MODES = ["per-request", "group", "package", "history-only"];
const [mode, dbPath] = process.argv.slice(2);
if (!MODES.includes(mode) || !dbPath) throw new Error(`usage: bare-server.mjs ${MODES.join("|")} DB_PATH`);
const secret = process.env.WAWP_WEBHOOK_SECRET ?? "";
const db = openDatabase(dbPath);

/** Writes a batch of parsed events in one transaction. */
const writeBatch = (() => {
  if (mode !== "history-only") {
    const { writeBatch: write } = createWriter(db);
    // The board's own record of an event. A raw JSON.parse has no `presence`: the package sets it in
    // place from `payload.type`, and so does this (the bench sends only known types, so they match).
    return (events) =>
      write(
        events.map((e) => {
          e.presence ??= e.payload.type;
          return toRecord(e);
        }),
        false,
      );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE, chat_id TEXT NOT NULL, type TEXT, occurred_at INTEGER, received_at INTEGER)`);
  const insert = db.prepare("INSERT INTO events (event_id, chat_id, type, occurred_at, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING");
  return db.transaction((events) => {
    for (const e of events) insert.run(e.id, e.payload.chatId, e.payload.type, e.timestamp, Date.now());
  });
})();

let queue = [];
function flush() {
  const batch = queue;
  queue = [];
  try {
    writeBatch(batch.map(({ event }) => event));
    for (const { res } of batch) res.writeHead(200).end();
  } catch {
    for (const { res } of batch) res.writeHead(500).end();
  }
}

const webhooks = new Webhooks({ secret, hmac: nodeHmac });

function enqueue(event, res) {
  if (queue.length === 0) setImmediate(flush);
  queue.push({ event, res });
}

createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/webhooks/wawp") return void res.writeHead(404).end();
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (mode === "package") {
      webhooks.verifyAndReceive(body, req.headers).then(
        (event) => enqueue(event, res),
        () => res.writeHead(401).end(),
      );
      return;
    }
    const given = Buffer.from(String(req.headers["x-webhook-hmac"] ?? ""), "hex");
    const expected = createHmac("sha512", secret).update(body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
    let event;
    try {
      event = JSON.parse(body.toString("utf8"));
    } catch {
      return void res.writeHead(400).end();
    }
    if (mode === "per-request") {
      try {
        writeBatch([event]);
        res.writeHead(200).end();
      } catch {
        res.writeHead(500).end();
      }
    } else {
      enqueue(event, res);
    }
  });
}).listen(0, "127.0.0.1", function () {
  process.stdout.write(`Presence board: http://127.0.0.1:${this.address().port}/ (bare ${mode})\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(0));
