// The store's group commit (the built dist, as the board runs it): the records of one turn go in one
// transaction, each record still gets its own seq (or null for a redelivery), and every new row is
// announced once, in seq order.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Change, PresenceRecord, PresenceStore as Store } from "../src/store.js";

const { PresenceStore } = (await import(new URL("../dist/store.js", import.meta.url).href)) as { PresenceStore: typeof Store };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function record(i: number, chatId = `4477009002${String(i % 3).padStart(2, "0")}@c.us`): PresenceRecord {
  return { eventId: `evt_store_${i}`, chatId, from: chatId, presence: "available", rawType: "available", timestamp: 1_764_000_000_000 + i };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function openTemp(): Promise<{ store: Store; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), "board-store-test-"));
  dirs.push(dir);
  const path = join(dir, "store.db");
  return { store: await PresenceStore.open(path), path };
}

/** Records 0..59 in six turns of ten (each turn one commit), and event 5 again in turn 2. */
async function sixTurns(store: Store, onTurn: (turn: number) => void = () => {}): Promise<{ seqs: Array<number | null>; redelivery: number | null }> {
  const results: Array<Promise<number | null>> = [];
  let redelivery: Promise<number | null> = Promise.resolve(null);
  for (let turn = 0; turn < 6; turn += 1) {
    for (let i = turn * 10; i < turn * 10 + 10; i += 1) results.push(store.recordPresence(record(i)));
    if (turn === 2) redelivery = store.recordPresence(record(5));
    onTurn(turn);
    await nextTurn();
  }
  return { seqs: await Promise.all(results), redelivery: await redelivery };
}

describe("PresenceStore group commit", () => {
  it("answers every record of a batch with its own seq, and announces each new row once, in order", async () => {
    const { store } = await openTemp();
    const seen: Change[] = [];
    store.onChange((change) => seen.push(change));
    try {
      const { seqs, redelivery } = await sixTurns(store);
      // A row id is never reused and rows are inserted in arrival order: event i is row i + 1.
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(redelivery).toBeNull();
      expect(seen.map((change) => [change.seq, change.eventId])).toEqual(seqs.map((seq) => [seq, `evt_store_${seq! - 1}`]));
    } finally {
      await store.close();
    }
  });

  it("announces to a listener that joins partway everything after its first change", async () => {
    const { store } = await openTemp();
    const seen: Change[] = [];
    try {
      await sixTurns(store, (turn) => {
        if (turn === 3) store.onChange((change) => seen.push(change));
      });
      const first = seen[0]?.seq ?? 0;
      expect(first).toBeLessThanOrEqual(31); // turn 3's own records are announced at least
      expect(seen.map((change) => change.seq)).toEqual(Array.from({ length: 61 - first }, (_, i) => first + i));
    } finally {
      await store.close();
    }
  });

  it("rejects every record of a batch that fails, stores none of them and announces nothing", async () => {
    const { store } = await openTemp();
    const seen: Change[] = [];
    store.onChange((change) => seen.push(change));
    try {
      // chat_id is NOT NULL: this record makes the whole transaction fail.
      const broken = { ...record(1), chatId: null } as unknown as PresenceRecord;
      const results = await Promise.allSettled([store.recordPresence(record(0)), store.recordPresence(broken), store.recordPresence(record(2))]);
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/storing failed: .*NOT NULL/);
      expect(seen).toEqual([]);
      expect(store.snapshot()).toEqual({ contacts: [], lastSeq: 0 });
      // The store goes on: the next batch commits.
      expect(await store.recordPresence(record(3))).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("commits the events queued before a subscription first, so their seqs come first", async () => {
    const { store } = await openTemp();
    try {
      const events = [store.recordPresence(record(0)), store.recordPresence(record(1))];
      const subscription = await store.recordSubscription("447700900299@c.us");
      expect(await Promise.all(events)).toEqual([1, 2]);
      expect(subscription.seq).toBe(3);
    } finally {
      await store.close();
    }
  });

  it("removes a listener that throws; the others still hear of every change, and the senders are answered", async () => {
    const { store } = await openTemp();
    const seen: number[] = [];
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    store.onChange(() => {
      throw new Error("listener bug");
    });
    store.onChange((change) => seen.push(change.seq));
    try {
      expect(await Promise.all([store.recordPresence(record(0)), store.recordPresence(record(1))])).toEqual([1, 2]);
      expect(await store.recordPresence(record(2))).toBe(3);
      expect(seen).toEqual([1, 2, 3]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual(["A change listener threw and was removed: listener bug"]);
    } finally {
      process.off("warning", onWarning);
      await store.close();
    }
  });

  it("refuses records once closed, and a second close does nothing", async () => {
    const { store } = await openTemp();
    await store.close();
    await expect(store.recordPresence(record(0))).rejects.toThrow("the store is closed");
    await expect(store.recordSubscription("447700900299@c.us")).rejects.toThrow("the store is closed");
    await expect(store.close()).resolves.toBeUndefined();
  });

  it("commits what is queued when it closes", async () => {
    const { store, path } = await openTemp();
    const pending = Array.from({ length: 25 }, (_, i) => store.recordPresence(record(i)));
    await store.close();
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const reopened = await PresenceStore.open(path);
    try {
      expect(reopened.snapshot().lastSeq).toBe(25);
    } finally {
      await reopened.close();
    }
  });
});
