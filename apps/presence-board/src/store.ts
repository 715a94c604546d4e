// The board's storage, as the rest of the board sees it: SQLite (better-sqlite3) in WAL mode with
// synchronous=FULL; the schema is in store-schema.ts.
//
// Durability: an event is acknowledged only after the transaction holding it has committed, and with
// synchronous=FULL a WAL commit is fsynced before it returns. synchronous=NORMAL would survive the
// process being killed (the WAL is in the OS's page cache) but not a power cut or a kernel crash,
// and the sender never redelivers an event it got a 200 for; so the board pays for the fsync, once
// per batch (group commit): events that arrive while a commit is under way wait and go together
// in the next one, and each request is answered when its batch has committed.
//
// Writes go to a worker thread (store-writer.ts) that owns the only writing connection, so the
// fsync never blocks the event loop; reads (the snapshot, the history for SSE replay) use a second
// connection here, which WAL lets read while the writer commits.
//
// Handoff: the events read in one turn of the event loop go to the writer together, at once, even
// while a commit is under way; the writer folds whatever arrived during a commit into the next one.
// So the next commit starts as soon as the last one ends, without waiting for this thread to take
// the reply and send more. Each handoff still gets its own reply, sent after the commit holding it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import {
  openDatabase,
  toChange,
  toContact,
  type BatchResult,
  type Change,
  type ChangeRow,
  type ContactRow,
  type ContactState,
  type PresenceRecord,
} from "./store-schema.js";
import type { WriterReply, WriterRequest } from "./store-writer.js";

export { ONLINE_TYPES, type Change, type ContactState, type PresenceRecord } from "./store-schema.js";

export type ChangeListener = (change: Change) => void;

interface Pending {
  record: PresenceRecord;
  resolve: (seq: number | null) => void;
  reject: (error: Error) => void;
}

type Distribute<T> = T extends unknown ? Omit<T, "id"> : never;

export class PresenceStore {
  /** The file as given (`:memory:` is a temporary file, deleted at close). */
  readonly path: string;
  readonly #temporaryDir: string | undefined;
  readonly #worker: Worker;
  readonly #reader: Database.Database;
  readonly #listeners = new Set<ChangeListener>();
  readonly #replies = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #queue: Pending[] = [];
  #handoffScheduled = false;
  /** Handoffs sent whose reply has not been handled yet. */
  #inFlight = 0;
  #failure: Error | undefined;
  readonly #statements: {
    contacts: Database.Statement<[], ContactRow>;
    lastSeq: Database.Statement<[], { seq: number | null }>;
    changesAfter: Database.Statement<[number, number], ChangeRow>;
  };

  private constructor(path: string, file: string, temporaryDir: string | undefined, worker: Worker) {
    this.path = path;
    this.#temporaryDir = temporaryDir;
    this.#worker = worker;
    this.#reader = openDatabase(file, { readonly: true });
    this.#statements = {
      contacts: this.#reader.prepare("SELECT chat_id, status, since_ms, last_seen_ms, subscribed FROM contacts ORDER BY chat_id"),
      lastSeq: this.#reader.prepare("SELECT max(seq) AS seq FROM changes"),
      changesAfter: this.#reader.prepare(
        `SELECT c.seq, c.kind, c.event_id, c.type, c.occurred_at, k.chat_id, k.status, k.since_ms, k.last_seen_ms, k.subscribed
         FROM changes c JOIN contacts k ON k.chat_id = c.chat_id
         WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
      ),
    };
    worker.on("message", (reply: WriterReply) => {
      const waiting = this.#replies.get(reply.id);
      this.#replies.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(`storing failed: ${reply.message}`));
    });
    const fail = (error: Error): void => {
      // The writer is gone: nothing more can be made durable, so nothing more is acknowledged.
      this.#failure = error;
      for (const waiting of this.#replies.values()) waiting.reject(error);
      this.#replies.clear();
      for (const pending of this.#queue.splice(0)) pending.reject(error);
    };
    worker.on("error", (error) => fail(new Error(`the database writer failed: ${error.message}`)));
    worker.on("exit", () => fail(new Error("the database writer has stopped")));
  }

  /** Opens (or creates) the database at `path` and starts its writer thread. */
  static async open(path: string): Promise<PresenceStore> {
    const temporaryDir = path === ":memory:" ? mkdtempSync(join(tmpdir(), "presence-board-memory-")) : undefined;
    const file = temporaryDir ? join(temporaryDir, "presence.db") : path;
    const worker = new Worker(new URL("./store-writer.js", import.meta.url), { workerData: { path: file } });
    const listeners: { ready?: () => void; error?: (error: Error) => void; exit?: (code: number) => void } = {};
    try {
      await new Promise<void>((resolve, reject) => {
        listeners.ready = () => resolve();
        listeners.error = reject;
        listeners.exit = (code) => reject(new Error(`the database writer exited (${code}) before it was ready`));
        worker.once("message", listeners.ready);
        worker.once("error", listeners.error);
        worker.once("exit", listeners.exit);
      });
    } catch (error) {
      await worker.terminate();
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
      throw new Error(`Cannot open the database ${path}: ${(error as Error).message}`);
    }
    // Only these: the Worker keeps listeners of its own.
    worker.off("error", listeners.error!).off("exit", listeners.exit!);
    return new PresenceStore(path, file, temporaryDir, worker);
  }

  #call<T>(request: Distribute<WriterRequest>): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#replies.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  /**
   * Stores a presence event and resolves once it is committed, with its row's seq, or null when an
   * event with that id was already stored.
   */
  recordPresence(record: PresenceRecord): Promise<number | null> {
    return new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#queue.push({ record, resolve, reject });
      if (!this.#handoffScheduled) {
        this.#handoffScheduled = true;
        // Let the requests already read in this turn of the event loop join the handoff.
        setImmediate(() => void this.#handOff());
      }
    });
  }

  /** Sends everything queued to the writer; settles each record once its commit is known. */
  async #handOff(): Promise<void> {
    this.#handoffScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    this.#inFlight += 1;
    try {
      const described = this.#listeners.size > 0;
      const result = await this.#call<BatchResult>({
        op: "presence",
        records: JSON.stringify(batch.map((pending) => pending.record)),
        describe: described,
      });
      batch.forEach((pending, i) => pending.resolve(result.seqs[i] ?? null));
      // A stream may have gone live while this batch was being written without descriptions:
      // read them here, so it misses nothing.
      const changes = described || this.#listeners.size === 0 ? result.changes : this.#changesIn(result.seqs);
      for (const change of changes) this.#emit(change);
    } catch (error) {
      // Nothing in the batch was committed: every sender gets an error and will redeliver.
      for (const pending of batch) pending.reject(error as Error);
    } finally {
      this.#inFlight -= 1;
    }
  }

  /** Marks a contact as subscribed (adding it if new); committed when this resolves. */
  async recordSubscription(chatId: string): Promise<Change> {
    const change = await this.#call<Change>({ op: "subscription", chatId });
    this.#emit(change);
    return change;
  }

  /** Every contact, and the seq of the newest change they include, read together. */
  snapshot(): { contacts: ContactState[]; lastSeq: number } {
    const { contacts, lastSeq } = this.#statements;
    return this.#reader.transaction(() => ({ contacts: contacts.all().map(toContact), lastSeq: lastSeq.get()?.seq ?? 0 }))();
  }

  /** Changes after `seq`, oldest first, each with its contact's current state. */
  changesAfter(seq: number, limit: number): Change[] {
    return this.#statements.changesAfter.all(seq, limit).map(toChange);
  }

  /** The changes with these seqs (nulls skipped), read back from the database. */
  #changesIn(seqs: Array<number | null>): Change[] {
    const wanted = new Set(seqs.filter((seq): seq is number => seq !== null));
    if (wanted.size === 0) return [];
    const first = Math.min(...wanted);
    return this.changesAfter(first - 1, Math.max(...wanted) - first + 1).filter((change) => wanted.has(change.seq));
  }

  /** Calls `listener` with every change this process commits, right after the commit. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: Change): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Commits what is queued, stops the writer, closes the database. */
  async close(): Promise<void> {
    while (this.#handoffScheduled || this.#inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
    if (!this.#failure) {
      await this.#call({ op: "close" }).catch(() => undefined);
      this.#failure = new Error("the store is closed");
    }
    this.#reader.close();
    await this.#worker.terminate();
    if (this.#temporaryDir) rmSync(this.#temporaryDir, { recursive: true, force: true });
  }
}
