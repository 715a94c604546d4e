// The board's storage, as the rest of the board sees it: SQLite (better-sqlite3) in WAL mode with
// synchronous=FULL; the schema and the statements are in store-schema.ts.
//
// Durability: an event is acknowledged only after the transaction holding it has committed, and with
// synchronous=FULL a WAL commit is fsynced before it returns. synchronous=NORMAL would survive the
// process being killed (the WAL is in the OS's page cache) but not a power cut or a kernel crash,
// and the sender never redelivers an event it got a 200 for; so the board pays for the fsync, once
// per batch (group commit): the events read in one turn of the event loop are written in one
// transaction at the end of that turn, and each request is answered once its batch has committed.
//
// The commit runs on this thread, as the bare handler of the bench does. While it runs (one fsync,
// a fraction of a millisecond on a local disk), the next requests wait in the socket buffers, so
// the next batch holds every connection that sent meanwhile: batches grow with the load by
// themselves. A writer thread was measured instead (README, Performance): it kept the event loop
// free during the fsync, but paid twice the commits for half-size batches, and a thread handoff
// each way, for more CPU per event and fewer events per second on two cores.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { createWriter, openDatabase, toChange, toContact, type Change, type ChangeRow, type ContactRow, type ContactState, type PresenceRecord } from "./store-schema.js";

export { ONLINE_TYPES, type Change, type ContactState, type PresenceRecord } from "./store-schema.js";

export type ChangeListener = (change: Change) => void;

interface Pending {
  record: PresenceRecord;
  resolve: (seq: number | null) => void;
  reject: (error: Error) => void;
}

export class PresenceStore {
  /** The file as given (`:memory:` is a temporary file, deleted at close). */
  readonly path: string;
  readonly #temporaryDir: string | undefined;
  readonly #db: Database.Database;
  readonly #writer: ReturnType<typeof createWriter>;
  readonly #listeners = new Set<ChangeListener>();
  #queue: Pending[] = [];
  #commitScheduled = false;
  #closed = false;
  readonly #statements: {
    contacts: Database.Statement<[], ContactRow>;
    lastSeq: Database.Statement<[], { seq: number | null }>;
    changesAfter: Database.Statement<[number, number], ChangeRow>;
  };

  private constructor(path: string, db: Database.Database, temporaryDir: string | undefined) {
    this.path = path;
    this.#temporaryDir = temporaryDir;
    this.#db = db;
    this.#writer = createWriter(db);
    this.#statements = {
      contacts: db.prepare("SELECT chat_id, status, since_ms, last_seen_ms, subscribed FROM contacts ORDER BY chat_id"),
      lastSeq: db.prepare("SELECT max(seq) AS seq FROM changes"),
      changesAfter: db.prepare(
        `SELECT c.seq, c.kind, c.event_id, c.type, c.occurred_at, k.chat_id, k.status, k.since_ms, k.last_seen_ms, k.subscribed
         FROM changes c JOIN contacts k ON k.chat_id = c.chat_id
         WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
      ),
    };
  }

  /** Opens (or creates) the database at `path`. */
  static async open(path: string): Promise<PresenceStore> {
    const temporaryDir = path === ":memory:" ? mkdtempSync(join(tmpdir(), "presence-board-memory-")) : undefined;
    try {
      return new PresenceStore(path, openDatabase(temporaryDir ? join(temporaryDir, "presence.db") : path), temporaryDir);
    } catch (error) {
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
      throw new Error(`Cannot open the database ${path}: ${(error as Error).message}`);
    }
  }

  /**
   * Stores a presence event and resolves once it is committed, with its row's seq, or null when an
   * event with that id was already stored.
   */
  recordPresence(record: PresenceRecord): Promise<number | null> {
    return new Promise((resolve, reject) => {
      if (this.#closed) return reject(new Error("the store is closed"));
      this.#queue.push({ record, resolve, reject });
      if (!this.#commitScheduled) {
        this.#commitScheduled = true;
        // After the I/O of this turn: every request already read joins the batch.
        setImmediate(() => this.#commitQueued());
      }
    });
  }

  /** Commits everything queued as one transaction; settles each record, then announces the new rows. */
  #commitQueued(): void {
    this.#commitScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    let result;
    try {
      result = this.#writer.writeBatch(
        batch.map((pending) => pending.record),
        this.#listeners.size > 0,
      );
    } catch (error) {
      // Nothing in the batch was committed: every sender gets an error and will redeliver.
      const failure = new Error(`storing failed: ${(error as Error).message}`);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    batch.forEach((pending, i) => pending.resolve(result.seqs[i] ?? null));
    for (const change of result.changes) this.#emit(change);
  }

  /** Marks a contact as subscribed (adding it if new); committed when this resolves. */
  async recordSubscription(chatId: string): Promise<Change> {
    if (this.#closed) throw new Error("the store is closed");
    // Events queued before it are committed (and announced) first, in order.
    this.#commitQueued();
    const change = this.#writer.subscribe(chatId);
    this.#emit(change);
    return change;
  }

  /** Every contact, and the seq of the newest change they include, read together. */
  snapshot(): { contacts: ContactState[]; lastSeq: number } {
    const { contacts, lastSeq } = this.#statements;
    return this.#db.transaction(() => ({ contacts: contacts.all().map(toContact), lastSeq: lastSeq.get()?.seq ?? 0 }))();
  }

  /** Changes after `seq`, oldest first, each with its contact's current state. */
  changesAfter(seq: number, limit: number): Change[] {
    return this.#statements.changesAfter.all(seq, limit).map(toChange);
  }

  /** Calls `listener` with every change this process commits, right after the commit. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: Change): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        // The change is committed and its senders answered: one broken listener must not take the
        // process (and every request in flight) down, nor keep the others from hearing of it.
        this.#listeners.delete(listener);
        process.emitWarning(`A change listener threw and was removed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Commits what is queued and closes the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#commitQueued();
    this.#closed = true;
    this.#db.close();
    if (this.#temporaryDir) rmSync(this.#temporaryDir, { recursive: true, force: true });
  }
}
