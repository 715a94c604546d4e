// The board's storage: SQLite (better-sqlite3) in WAL mode with synchronous=FULL.
//
// Two tables. `changes` is the append-only history: one row per accepted presence event (unique by
// the event's id, so a redelivery adds nothing) and one per subscription. Its row id `seq` only
// grows (AUTOINCREMENT never reuses an id) and is the SSE event id. `contacts` is each contact's
// current state, derived from the history as rows are added: the status of the newest event by the
// event's own timestamp (an older event never overwrites it) and the newest time it was seen online.
//
// Durability: an event is acknowledged only after the transaction holding it has committed, and with
// synchronous=FULL a WAL commit is fsynced before it returns. synchronous=NORMAL would survive the
// process being killed (the WAL is in the OS's page cache), but not a power cut or kernel crash;
// the sender never redelivers an event it got a 200 for, so the board pays for the fsync, once per
// batch: events that arrive together are written in one transaction (group commit) and each request
// is answered when its batch has committed.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** Presence types that show the contact was online at that moment; `lastSeen` follows them. */
export const ONLINE_TYPES: ReadonlySet<string> = new Set(["available", "composing", "recording", "paused"]);

/** One contact as `GET /api/presence` and the page show it. */
export interface ContactState {
  chatId: string;
  /** The presence type of the newest event (by its timestamp), or "unknown". */
  status: string;
  /** ISO time of that event, or null when no event has arrived yet. */
  since: string | null;
  /** ISO time of the newest event that showed the contact online, or null. */
  lastSeen: string | null;
  subscribed: boolean;
}

/** One row of the history, with the contact's state after it: what the SSE stream sends. */
export interface Change {
  seq: number;
  kind: "presence" | "subscription";
  chatId: string;
  /** The webhook event's id for a presence change; null for a subscription. */
  eventId: string | null;
  /** The presence type (or "unknown") for a presence change; null for a subscription. */
  type: string | null;
  /** ISO time the change happened: the event's timestamp, or when the subscription was made. */
  at: string;
  contact: ContactState;
}

/** What the board keeps of a validated presence.update event. */
export interface PresenceRecord {
  eventId: string;
  chatId: string;
  from: string;
  /** A known presence type, or "unknown". */
  presence: string;
  /** The type as it arrived (differs from `presence` only for an unknown type). */
  rawType: string;
  /** The event's time, in milliseconds since the epoch. */
  timestamp: number;
}

interface ContactRow {
  chat_id: string;
  status: string;
  since_ms: number | null;
  last_seen_ms: number | null;
  subscribed: number;
}

interface ChangeRow extends ContactRow {
  seq: number;
  event_id: string | null;
  kind: "presence" | "subscription";
  type: string | null;
  occurred_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('presence', 'subscription')),
  event_id TEXT UNIQUE,
  chat_id TEXT NOT NULL,
  sender TEXT,
  type TEXT,
  raw_type TEXT,
  occurred_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
  chat_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'unknown',
  since_ms INTEGER,
  since_event TEXT,
  last_seen_ms INTEGER,
  subscribed INTEGER NOT NULL DEFAULT 0
);
`;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toContact(row: ContactRow): ContactState {
  return { chatId: row.chat_id, status: row.status, since: iso(row.since_ms), lastSeen: iso(row.last_seen_ms), subscribed: row.subscribed === 1 };
}

function toChange(row: ChangeRow): Change {
  return { seq: row.seq, kind: row.kind, chatId: row.chat_id, eventId: row.event_id, type: row.type, at: iso(row.occurred_at) as string, contact: toContact(row) };
}

interface Pending {
  record: PresenceRecord;
  resolve: (change: Change | null) => void;
  reject: (error: unknown) => void;
}

export type ChangeListener = (change: Change) => void;

export class PresenceStore {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #listeners = new Set<ChangeListener>();
  #queue: Pending[] = [];
  #flushScheduled = false;
  readonly #writeBatch: (records: PresenceRecord[]) => Array<Change | null>;
  readonly #subscribe: (chatId: string, now: number) => Change;
  readonly #contacts: () => ContactRow[];
  readonly #lastSeq: () => number;
  readonly #changesAfter: (seq: number, limit: number) => ChangeRow[];

  constructor(path: string) {
    this.path = path;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    this.#db = db;
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    // Another process may hold the write lock for a moment (a second board on the same file).
    db.pragma("busy_timeout = 5000");
    db.exec(SCHEMA);

    const insertPresence = db.prepare<[string, string, string, string, string, number, number], { seq: number }>(
      `INSERT INTO changes (kind, event_id, chat_id, sender, type, raw_type, occurred_at, received_at)
       VALUES ('presence', ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id) DO NOTHING RETURNING seq`,
    );
    // Newer means a later timestamp; equal timestamps are ordered by event id, so the final state
    // does not depend on the order of arrival. In an UPDATE every expression sees the old row.
    const applyPresence = db.prepare<{ chatId: string; status: string; ts: number; eventId: string; seenMs: number | null }, ContactRow>(
      `INSERT INTO contacts (chat_id, status, since_ms, since_event, last_seen_ms)
       VALUES (@chatId, @status, @ts, @eventId, @seenMs)
       ON CONFLICT (chat_id) DO UPDATE SET
         status = CASE WHEN contacts.since_ms IS NULL OR (excluded.since_ms, excluded.since_event) > (contacts.since_ms, contacts.since_event)
                  THEN excluded.status ELSE contacts.status END,
         since_event = CASE WHEN contacts.since_ms IS NULL OR (excluded.since_ms, excluded.since_event) > (contacts.since_ms, contacts.since_event)
                  THEN excluded.since_event ELSE contacts.since_event END,
         since_ms = CASE WHEN contacts.since_ms IS NULL OR (excluded.since_ms, excluded.since_event) > (contacts.since_ms, contacts.since_event)
                  THEN excluded.since_ms ELSE contacts.since_ms END,
         last_seen_ms = max(coalesce(contacts.last_seen_ms, excluded.last_seen_ms), coalesce(excluded.last_seen_ms, contacts.last_seen_ms))
       RETURNING chat_id, status, since_ms, last_seen_ms, subscribed`,
    );
    const insertSubscription = db.prepare<[string, number, number], { seq: number }>(
      `INSERT INTO changes (kind, chat_id, occurred_at, received_at) VALUES ('subscription', ?, ?, ?) RETURNING seq`,
    );
    const applySubscription = db.prepare<[string], ContactRow>(
      `INSERT INTO contacts (chat_id, subscribed) VALUES (?, 1)
       ON CONFLICT (chat_id) DO UPDATE SET subscribed = 1
       RETURNING chat_id, status, since_ms, last_seen_ms, subscribed`,
    );
    const selectContacts = db.prepare<[], ContactRow>(
      "SELECT chat_id, status, since_ms, last_seen_ms, subscribed FROM contacts ORDER BY chat_id",
    );
    const selectLastSeq = db.prepare<[], { seq: number | null }>("SELECT max(seq) AS seq FROM changes");
    const selectChanges = db.prepare<[number, number], ChangeRow>(
      `SELECT c.seq, c.kind, c.event_id, c.type, c.occurred_at, k.chat_id, k.status, k.since_ms, k.last_seen_ms, k.subscribed
       FROM changes c JOIN contacts k ON k.chat_id = c.chat_id
       WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
    );

    // IMMEDIATE takes the write lock at BEGIN, so two writers never deadlock upgrading a read lock.
    this.#writeBatch = db.transaction((records: PresenceRecord[]) => {
      const now = Date.now();
      return records.map((r): Change | null => {
        const inserted = insertPresence.get(r.eventId, r.chatId, r.from, r.presence, r.rawType, r.timestamp, now);
        if (!inserted) return null; // a redelivery: already stored, nothing changes
        const seenMs = ONLINE_TYPES.has(r.presence) ? r.timestamp : null;
        const row = applyPresence.get({ chatId: r.chatId, status: r.presence, ts: r.timestamp, eventId: r.eventId, seenMs }) as ContactRow;
        return { seq: inserted.seq, kind: "presence", chatId: r.chatId, eventId: r.eventId, type: r.presence, at: iso(r.timestamp) as string, contact: toContact(row) };
      });
    }).immediate;
    this.#subscribe = db.transaction((chatId: string, now: number): Change => {
      const { seq } = insertSubscription.get(chatId, now, now) as { seq: number };
      const row = applySubscription.get(chatId) as ContactRow;
      return { seq, kind: "subscription", chatId, eventId: null, type: null, at: iso(now) as string, contact: toContact(row) };
    }).immediate;
    this.#contacts = () => selectContacts.all();
    this.#lastSeq = () => selectLastSeq.get()?.seq ?? 0;
    this.#changesAfter = (seq, limit) => selectChanges.all(seq, limit);
  }

  /**
   * Stores a presence event and resolves once it is committed, with the change it made, or null
   * when an event with that id was already stored. Events recorded in the same turn of the event
   * loop share one transaction.
   */
  recordPresence(record: PresenceRecord): Promise<Change | null> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(this.#flush);
      }
    });
  }

  readonly #flush = (): void => {
    const batch = this.#queue;
    this.#queue = [];
    this.#flushScheduled = false;
    let changes: Array<Change | null>;
    try {
      changes = this.#writeBatch(batch.map((pending) => pending.record));
    } catch (error) {
      // Nothing in the batch was committed: every sender gets an error and will redeliver.
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => pending.resolve(changes[i] ?? null));
    for (const change of changes) if (change) this.#emit(change);
  };

  /** Marks a contact as subscribed (adding it if new); committed when this returns. */
  recordSubscription(chatId: string): Change {
    const change = this.#subscribe(chatId, Date.now());
    this.#emit(change);
    return change;
  }

  /** Every contact, and the seq of the newest change they include, read together. */
  snapshot(): { contacts: ContactState[]; lastSeq: number } {
    return this.#db.transaction(() => ({ contacts: this.#contacts().map(toContact), lastSeq: this.#lastSeq() }))();
  }

  /** Changes after `seq`, oldest first, each with its contact's current state. */
  changesAfter(seq: number, limit: number): Change[] {
    return this.#changesAfter(seq, limit).map(toChange);
  }

  /** Calls `listener` with every change this process commits, right after the commit. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: Change): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Writes what is queued, then closes the database. */
  close(): void {
    if (this.#queue.length > 0) this.#flush();
    this.#db.close();
  }
}
