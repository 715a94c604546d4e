// GET /events: Server-Sent Events, one message per stored change, `id` = the change's seq.
//
// A client that sends Last-Event-ID (or ?lastEventId=) first gets every change after it, read from
// the database page by page as it consumes them, then live changes. The switch from replay to live
// happens in the same synchronous step as the last database read; a commit that lands after that
// read is announced after it too, and one already read is skipped by its seq, so none is missed
// or sent twice.
// The history is the buffer: a client too slow to keep up is disconnected rather than buffered in
// memory, and its browser reconnects with its Last-Event-ID and catches up from the database.
import type { Change, PresenceStore } from "./store.js";

const REPLAY_PAGE = 500;
/** Bytes queued for one client before it counts as stuck and is disconnected. */
const MAX_QUEUED_BYTES = 1 << 20;
const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting (the SSE `retry` field). */
const RECONNECT_MS = 1_000;

const encoder = new TextEncoder();

export function formatChange(change: Change): string {
  const event = change.kind === "presence" ? "presence" : "subscription";
  return `event: ${event}\nid: ${change.seq}\ndata: ${JSON.stringify(change)}\n\n`;
}

/** Parses a Last-Event-ID value: a seq, or null when absent. Throws on anything else. */
export function parseLastEventId(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  if (!/^\d{1,15}$/.test(value)) throw new RangeError(`Last-Event-ID must be a change number (digits only), got '${value.slice(0, 40)}'`);
  return Number(value);
}

export interface EventsHub {
  /** The response for one GET /events. */
  open(lastEventId: number | null): Response;
  /** Ends every open stream (at shutdown: browsers reconnect to the next process). */
  closeAll(): void;
}

export function createEventsHub(store: PresenceStore): EventsHub {
  const open = new Set<() => void>();
  return {
    open: (lastEventId) => eventsResponse(store, lastEventId, open),
    closeAll() {
      for (const end of open) end();
    },
  };
}

function eventsResponse(store: PresenceStore, lastEventId: number | null, open: Set<() => void>): Response {
  let lastSent = lastEventId;
  let live = false;
  let unsubscribe: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let end = (): void => {};
  const stop = (): void => {
    unsubscribe?.();
    clearInterval(heartbeat);
    open.delete(end);
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        end = () => {
          stop();
          controller.close();
        };
        open.add(end);
        controller.enqueue(encoder.encode(`retry: ${RECONNECT_MS}\n\n`));
        heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
        // Without a Last-Event-ID the client starts from now: it has (or needs) no history.
        if (lastSent === null) goLive(controller);
      },
      pull(controller) {
        if (live || lastSent === null) return;
        const page = store.changesAfter(lastSent, REPLAY_PAGE);
        for (const change of page) controller.enqueue(encoder.encode(formatChange(change)));
        if (page.length > 0) lastSent = page[page.length - 1]!.seq;
        if (page.length < REPLAY_PAGE) goLive(controller);
      },
      cancel: stop,
    },
    // Counted in bytes, so desiredSize tells how much a slow client has left unread.
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );

  function goLive(controller: ReadableStreamDefaultController<Uint8Array>): void {
    live = true;
    unsubscribe = store.onChange((change) => {
      if (lastSent !== null && change.seq <= lastSent) return;
      lastSent = change.seq;
      if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) {
        // Errored, not closed: a close would keep the queued bytes (and the socket) until the
        // client read them. It reconnects with Last-Event-ID and replays from the database.
        stop();
        controller.error(new Error("event stream client too slow: disconnected"));
        return;
      }
      controller.enqueue(encoder.encode(formatChange(change)));
    });
  }

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
