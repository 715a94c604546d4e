// The writer thread: the only connection that writes. Commits (and their fsync) happen here, so
// the main thread goes on parsing and checking requests while a batch is being made durable.
import { parentPort, workerData } from "node:worker_threads";
import { createWriter, openDatabase, type PresenceRecord } from "./store-schema.js";

export type WriterRequest =
  /** `records` is the batch as JSON text: one string crosses threads faster than a structured clone of many small objects. */
  | { id: number; op: "presence"; records: string; describe: boolean }
  | { id: number; op: "subscription"; chatId: string }
  | { id: number; op: "close" };

export type WriterReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error("store-writer.js runs as a worker thread");
const db = openDatabase((workerData as { path: string }).path);
const writer = createWriter(db);

port.on("message", (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    if (request.op === "presence") reply = { id: request.id, ok: true, result: writer.writeBatch(JSON.parse(request.records) as PresenceRecord[], request.describe) };
    else if (request.op === "subscription") reply = { id: request.id, ok: true, result: writer.subscribe(request.chatId) };
    else {
      db.close();
      reply = { id: request.id, ok: true, result: null };
    }
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  if (request.op === "close") port.close();
});
port.postMessage({ id: 0, ok: true, result: "ready" } satisfies WriterReply);
