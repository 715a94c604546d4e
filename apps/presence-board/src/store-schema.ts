// The board's database: its schema, the shapes read from it, and the statements that write it.
//
// Two tables. `changes` is the append-only history: one row per accepted presence event (unique by
// the event's id, so a redelivery adds nothing) and one per subscription. Its row id `seq` is the
// SSE event id; rows are never deleted, so each new row id is the largest so far plus one and ids
// only grow (AUTOINCREMENT would promise the same after deletes too, for an extra write per insert).
// `contacts` is each contact's current state, derived from the history as rows are added: the
// status of the newest event by the event's own timestamp (an older event never overwrites it) and
// the newest time it was seen online.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { PresenceUpdate } from "./webhooks.js";

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

/** One row of the history, with its contact's state: what the SSE stream sends. */
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

/** What the board keeps of a verified event. */
export function toRecord(event: PresenceUpdate): PresenceRecord {
  return {
    eventId: event.id,
    chatId: event.payload.chatId,
    // `from` is optional in the spec; in a one-to-one chat it is the chat itself.
    from: event.payload.from ?? event.payload.chatId,
    presence: event.presence,
    rawType: event.payload.type,
    timestamp: event.timestamp,
  };
}

/** What one group commit did. */
interface BatchResult {
  /** Per record: its new row's seq, or null for a redelivery. */
  seqs: Array<number | null>;
  /** The new rows as changes (only when asked for: someone is listening). */
  changes: Change[];
}

export interface ContactRow {
  chat_id: string;
  status: string;
  since_ms: number | null;
  last_seen_ms: number | null;
  subscribed: number;
}

export interface ChangeRow extends ContactRow {
  seq: number;
  kind: "presence" | "subscription";
  event_id: string | null;
  type: string | null;
  occurred_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY,
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

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toContact(row: ContactRow): ContactState {
  return { chatId: row.chat_id, status: row.status, since: iso(row.since_ms), lastSeen: iso(row.last_seen_ms), subscribed: row.subscribed === 1 };
}

export function toChange(row: ChangeRow): Change {
  return { seq: row.seq, kind: row.kind, chatId: row.chat_id, eventId: row.event_id, type: row.type, at: iso(row.occurred_at) as string, contact: toContact(row) };
}

/**
 * Opens the database file (creating its folder and the schema). WAL appends each commit to one
 * file and lets other processes read meanwhile; synchronous=FULL fsyncs the WAL at every commit.
 */
export function openDatabase(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // Another process may hold a lock for a moment (a second board writing to the same file, or
    // a checkpoint run from outside). Waiting blocks the event loop, so not for long: past this a
    // batch fails (its senders get a 500 and redeliver), and so does a read.
    db.pragma("busy_timeout = 250");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The write statements, as transactions. */
export function createWriter(db: Database.Database) {
  // Positional parameters and no RETURNING on the hot path: in better-sqlite3 a named-parameter
  // upsert with RETURNING took 15 µs against 3 µs for this form (measured on this machine).
  const insertPresence = db.prepare<[string, string, string, string, string, number, number]>(
    `INSERT INTO changes (kind, event_id, chat_id, sender, type, raw_type, occurred_at, received_at)
     VALUES ('presence', ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (event_id) DO NOTHING`,
  );
  // Newer means a later timestamp; equal timestamps are ordered by event id, so the final state
  // does not depend on the order of arrival. In an UPDATE every expression sees the old row.
  const newer = "contacts.since_ms IS NULL OR (excluded.since_ms, excluded.since_event) > (contacts.since_ms, contacts.since_event)";
  const applyPresence = db.prepare<[string, string, number, string, number | null]>(
    `INSERT INTO contacts (chat_id, status, since_ms, since_event, last_seen_ms)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET
       status = CASE WHEN ${newer} THEN excluded.status ELSE contacts.status END,
       since_event = CASE WHEN ${newer} THEN excluded.since_event ELSE contacts.since_event END,
       since_ms = CASE WHEN ${newer} THEN excluded.since_ms ELSE contacts.since_ms END,
       last_seen_ms = max(coalesce(contacts.last_seen_ms, excluded.last_seen_ms), coalesce(excluded.last_seen_ms, contacts.last_seen_ms))`,
  );
  const selectContact = db.prepare<[string], ContactRow>("SELECT chat_id, status, since_ms, last_seen_ms, subscribed FROM contacts WHERE chat_id = ?");
  const insertSubscription = db.prepare<[string, number, number]>(
    "INSERT INTO changes (kind, chat_id, occurred_at, received_at) VALUES ('subscription', ?, ?, ?)",
  );
  const applySubscription = db.prepare<[string]>("INSERT INTO contacts (chat_id, subscribed) VALUES (?, 1) ON CONFLICT (chat_id) DO UPDATE SET subscribed = 1");

  // IMMEDIATE takes the write lock at BEGIN, so two writers never deadlock upgrading a read lock.
  const writeBatch = db.transaction((records: PresenceRecord[], describe: boolean): BatchResult => {
    const now = Date.now();
    const seqs = records.map((r): number | null => {
      const { changes, lastInsertRowid } = insertPresence.run(r.eventId, r.chatId, r.from, r.presence, r.rawType, r.timestamp, now);
      if (changes === 0) return null; // a redelivery: already stored, nothing changes
      applyPresence.run(r.chatId, r.presence, r.timestamp, r.eventId, ONLINE_TYPES.has(r.presence) ? r.timestamp : null);
      return Number(lastInsertRowid);
    });
    if (!describe) return { seqs, changes: [] };
    // Each new row with its contact's state once the whole batch is in.
    const states = new Map<string, ContactState>();
    const stateOf = (chatId: string): ContactState => {
      let state = states.get(chatId);
      if (!state) states.set(chatId, (state = toContact(selectContact.get(chatId) as ContactRow)));
      return state;
    };
    const changes = records.flatMap((r, i): Change[] => {
      const seq = seqs[i];
      if (seq === null || seq === undefined) return [];
      return [{ seq, kind: "presence", chatId: r.chatId, eventId: r.eventId, type: r.presence, at: iso(r.timestamp) as string, contact: stateOf(r.chatId) }];
    });
    return { seqs, changes };
  }).immediate;

  const subscribe = db.transaction((chatId: string): Change => {
    const now = Date.now();
    const seq = Number(insertSubscription.run(chatId, now, now).lastInsertRowid);
    applySubscription.run(chatId);
    const contact = toContact(selectContact.get(chatId) as ContactRow);
    return { seq, kind: "subscription", chatId, eventId: null, type: null, at: iso(now) as string, contact };
  }).immediate;

  return { writeBatch, subscribe };
}
