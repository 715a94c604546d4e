// The yardstick for the board's receiver: a bare node:http handler doing the same work with no
// framework, namely read the body, check the HMAC-SHA512 signature, parse the JSON, insert the
// event into SQLite (same pragmas, unique event id), answer 200 after the commit.
// Modes: per-request (one transaction each), group (group commit, node:crypto HMAC), package
// (group commit, with @wawp/presence-webhooks verifying and validating instead of node:crypto).
// Usage: node bare-server.mjs per-request|group|package DB_PATH  (secret in WAWP_WEBHOOK_SECRET)
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { Webhooks } from "@wawp/presence-webhooks";
import { nodeHmac } from "@wawp/presence-webhooks/node";
import Database from "better-sqlite3";

const [mode, dbPath] = process.argv.slice(2);
const secret = process.env.WAWP_WEBHOOK_SECRET ?? "";
const db = new Database(dbPath);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.exec(`CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE, chat_id TEXT NOT NULL, type TEXT, occurred_at INTEGER, received_at INTEGER)`);
const insert = db.prepare("INSERT INTO events (event_id, chat_id, type, occurred_at, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING");
const store = (e) => insert.run(e.id, e.payload.chatId, e.payload.type, e.timestamp, Date.now());

let queue = [];
const writeBatch = db.transaction((batch) => {
  for (const { event } of batch) store(event);
});
function flush() {
  const batch = queue;
  queue = [];
  try {
    writeBatch(batch);
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
    if (mode === "group") {
      enqueue(event, res);
    } else {
      store(event);
      res.writeHead(200).end();
    }
  });
}).listen(0, "127.0.0.1", function () {
  process.stdout.write(`Presence board: http://127.0.0.1:${this.address().port}/ (bare ${mode})\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(0));
