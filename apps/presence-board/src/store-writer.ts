// The writer thread: the only connection that writes. Commits (and their fsync) happen here, so
// the main thread goes on parsing and checking requests while a batch is being made durable.
//
// Group commit: presence handoffs that arrive while a commit is under way wait here and all go in
// the next transaction, which starts as soon as the port has delivered them; each handoff is
// answered once that transaction has committed (or has failed: then none of it was stored).
import { parentPort, workerData } from "node:worker_threads";
import { createWriter, openDatabase, type BatchResult, type Change, type PresenceRecord } from "./store-schema.js";

export type WriterRequest =
  /** `records` is the batch as JSON text: one string crosses threads faster than a structured clone of many small objects. */
  | { id: number; op: "presence"; records: string; describe: boolean }
  | { id: number; op: "subscription"; chatId: string }
  | { id: number; op: "close" };

export type WriterReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

type PresenceRequest = Extract<WriterRequest, { op: "presence" }>;

const port = parentPort;
if (!port) throw new Error("store-writer.js runs as a worker thread");
const db = openDatabase((workerData as { path: string }).path);
const writer = createWriter(db);

let waiting: PresenceRequest[] = [];
let commitScheduled = false;

const failed = (id: number, error: unknown): WriterReply => ({ id, ok: false, message: error instanceof Error ? error.message : String(error) });

/** Commits every waiting handoff as one transaction, then answers each with its own part. */
function commitWaiting(): void {
  commitScheduled = false;
  const requests = waiting;
  waiting = [];
  if (requests.length === 0) return;
  let replies: WriterReply[];
  try {
    const batches = requests.map((request) => JSON.parse(request.records) as PresenceRecord[]);
    const result = writer.writeBatch(batches.length === 1 ? batches[0]! : batches.flat(), requests.some((request) => request.describe));
    replies = split(requests, batches, result);
  } catch (error) {
    replies = requests.map((request) => failed(request.id, error));
  }
  for (const reply of replies) port!.postMessage(reply);
}

/** Each handoff's seqs, and its changes when it asked for them. */
function split(requests: PresenceRequest[], batches: PresenceRecord[][], result: BatchResult): WriterReply[] {
  if (requests.length === 1) return [{ id: requests[0]!.id, ok: true, result: requests[0]!.describe ? result : { seqs: result.seqs, changes: [] } }];
  const bySeq = new Map<number, Change>(result.changes.map((change) => [change.seq, change]));
  let offset = 0;
  return requests.map((request, i) => {
    const seqs = result.seqs.slice(offset, (offset += batches[i]!.length));
    const changes = request.describe ? seqs.flatMap((seq) => (seq === null ? [] : (bySeq.get(seq) ?? []))) : [];
    return { id: request.id, ok: true, result: { seqs, changes } satisfies BatchResult };
  });
}

port.on("message", (request: WriterRequest) => {
  if (request.op === "presence") {
    waiting.push(request);
    // After the port has delivered every message already queued: they join this commit.
    if (!commitScheduled) {
      commitScheduled = true;
      setImmediate(commitWaiting);
    }
    return;
  }
  // Presence handoffs sent before this request are committed (and answered) first, in order.
  commitWaiting();
  let reply: WriterReply;
  try {
    if (request.op === "subscription") reply = { id: request.id, ok: true, result: writer.subscribe(request.chatId) };
    else {
      db.close();
      reply = { id: request.id, ok: true, result: null };
    }
  } catch (error) {
    reply = failed(request.id, error);
  }
  port.postMessage(reply);
  if (request.op === "close") port.close();
});
port.postMessage({ id: 0, ok: true, result: "ready" } satisfies WriterReply);
