// The board as a real process over loopback, with a real SQLite file: webhooks in, state and
// history out, durability across SIGKILL, the event stream's replay, the subscribe route's guards.
import { connect } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { simulateEvents } from "@wawp/presence-cli/simulate";
import type {} from "@wawp/client-suites/provided-context";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ONLINE_TYPES } from "../src/store-schema.js";
import { runBoard, startBoard, tempDb, type BoardProcess } from "./board-process.js";
import { startCredentialStrippingProxy } from "./credential-stripping-proxy.js";
import { sign } from "../src/webhooks.js";
import { readEvents, sendEvent } from "./webhook-sender.js";

const SECRET = "board-test-secret-4f1c9a";
const TOKEN = "tok-board-Secret-7d2e91";
const ALICE = "447700900101@c.us";
const BOB = "447700900102@c.us";

function boardEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { WAWP_WEBHOOK_SECRET: SECRET, WAWP_BASE_URL: inject("prismUrl"), WAWP_INSTANCE_ID: "test-instance", WAWP_ACCESS_TOKEN: TOKEN, ...extra };
}

interface ContactJson {
  chatId: string;
  status: string;
  since: string | null;
  lastSeen: string | null;
  subscribed: boolean;
}

async function presence(url: string): Promise<{ contacts: ContactJson[]; lastEventId: string }> {
  const response = await fetch(`${url}/api/presence`);
  expect(response.status).toBe(200);
  return { contacts: (await response.json()) as ContactJson[], lastEventId: response.headers.get("x-last-event-id") ?? "" };
}

function subscribeRequest(url: string, init: { body?: string; headers?: Record<string, string> }): Promise<Response> {
  return fetch(`${url}/api/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body ?? JSON.stringify({ chatId: ALICE }),
  });
}

describe("start-up", () => {
  it("refuses to start without a webhook secret (exit 2, says how to fix it)", async () => {
    const { code, output } = await runBoard(["--port", "0", "--db", ":memory:"], {});
    expect(code).toBe(2);
    expect(output).toContain("WAWP_WEBHOOK_SECRET");
    expect(output).toContain("--insecure-unsigned");
  });

  it("rejects bad options with exit 2", async () => {
    expect((await runBoard(["--port", "99999"], { WAWP_WEBHOOK_SECRET: SECRET })).output).toContain("--port must be a whole number");
    // A negative number is the option's value, not another option: it meets the range check.
    expect((await runBoard(["--port", "-1"], { WAWP_WEBHOOK_SECRET: SECRET })).output).toContain("--port must be a whole number from 0 to 65535, got '-1'");
    const misspelt = await runBoard(["--prot", "0"], { WAWP_WEBHOOK_SECRET: SECRET });
    expect(misspelt.code).toBe(2);
    expect(misspelt.output).toContain("Unknown option '--prot' (did you mean '--port'?). Run with --help for usage.");
    const half = await runBoard(["--port", "0", "--db", ":memory:"], { WAWP_WEBHOOK_SECRET: SECRET, WAWP_ACCESS_TOKEN: TOKEN });
    expect(half.code).toBe(2);
    expect(half.output).toContain("WAWP_INSTANCE_ID is not");
    expect(half.output).not.toContain(TOKEN);
  });

  it("with --insecure-unsigned, warns at start and accepts unsigned events", async () => {
    const board = await startBoard(["--port", "0", "--db", ":memory:", "--insecure-unsigned"], boardEnv({ WAWP_WEBHOOK_SECRET: "" }));
    try {
      expect(board.output()).toMatch(/WARNING: --insecure-unsigned/);
      expect(board.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${board.url}/webhooks/wawp`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "evt_unsigned", timestamp: 1_000, session: "s", metadata: {}, engine: "WEBJS", event: "presence.update", payload: { chatId: ALICE, type: "available", from: ALICE }, me: { id: "x@c.us" } }),
      });
      expect(response.status).toBe(200);
      expect((await presence(board.url)).contacts).toEqual([expect.objectContaining({ chatId: ALICE, status: "available" })]);
      // The webhook path exists for other methods too: it says which one it takes.
      const get = await fetch(`${board.url}/webhooks/wawp`);
      expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    } finally {
      await board.stop();
    }
  });
});

describe("--demo", () => {
  it("starts the mock, the board and the simulator, and the board fills with events; the secret is never printed", async () => {
    const board = await startBoard(["--port", "0", "--demo"], {});
    try {
      await expect
        .poll(async () => (await presence(board.url)).contacts.filter((c) => c.subscribed && c.since !== null).length, { timeout: 15_000, interval: 250 })
        .toBeGreaterThanOrEqual(2);
      expect(board.output()).toContain("Demo: subscribed");
      // The generated secret is 43 base64url characters; nothing of that shape is printed.
      expect(board.output()).not.toMatch(/[A-Za-z0-9_-]{43}/);
    } finally {
      await board.stop();
    }
  });

  it("leaves no Prism behind when the board is killed with SIGKILL", async () => {
    const board = await startBoard(["--port", "0", "--demo"], {});
    // Killed only once the demo's subscribe calls are answered: a request still in flight would make
    // Prism write a log line to the dead board's pipe, which ends it anyway.
    await expect.poll(() => board.output(), { timeout: 15_000, interval: 100 }).toContain("Demo: subscribed");
    const mockUrl = /Subscribing through the mock at (http:\/\/\S+?)\.?\n/.exec(board.output())?.[1];
    expect(mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // A bare TCP connect, not an HTTP request: Prism logs every request, and that write to the
    // dead board's pipe would end it anyway, hiding whether it noticed the board go by itself.
    const { port } = new URL(mockUrl!);
    const listening = (): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = connect(Number(port), "127.0.0.1");
        socket.once("connect", () => (socket.destroy(), resolve(true)));
        socket.once("error", () => resolve(false));
      });
    expect(await listening()).toBe(true);
    // No exit hook runs on SIGKILL: the mock must notice by itself that the board is gone.
    await board.kill();
    await expect.poll(listening, { timeout: 10_000, interval: 200 }).toBe(false);
  });
});

describe("receiving webhooks", () => {
  let board: BoardProcess;
  beforeAll(async () => {
    board = await startBoard(["--port", "0", "--db", tempDb()], boardEnv());
  });
  afterAll(() => board.stop());

  it("keeps the newest state by the event's timestamp, and last seen from the history", async () => {
    const t = Date.UTC(2026, 0, 1, 12);
    expect(await sendEvent(board.url, SECRET, { id: "evt_a2", chatId: ALICE, type: "composing", timestamp: t + 2_000 })).toBe(200);
    // Older: stored in the history, but the state stays.
    expect(await sendEvent(board.url, SECRET, { id: "evt_a1", chatId: ALICE, type: "available", timestamp: t + 1_000 })).toBe(200);
    let alice = (await presence(board.url)).contacts.find((c) => c.chatId === ALICE);
    expect(alice).toEqual({ chatId: ALICE, status: "composing", since: new Date(t + 2_000).toISOString(), lastSeen: new Date(t + 2_000).toISOString(), subscribed: false });
    // Offline now: last seen stays at the last online event.
    expect(await sendEvent(board.url, SECRET, { id: "evt_a3", chatId: ALICE, type: "unavailable", timestamp: t + 3_000 })).toBe(200);
    alice = (await presence(board.url)).contacts.find((c) => c.chatId === ALICE);
    expect(alice).toMatchObject({ status: "unavailable", since: new Date(t + 3_000).toISOString(), lastSeen: new Date(t + 2_000).toISOString() });
    // A type the board does not know shows as "unknown" and does not count as online.
    expect(await sendEvent(board.url, SECRET, { id: "evt_a4", chatId: ALICE, type: "gone-fishing", timestamp: t + 4_000 })).toBe(200);
    alice = (await presence(board.url)).contacts.find((c) => c.chatId === ALICE);
    expect(alice).toMatchObject({ status: "unknown", lastSeen: new Date(t + 2_000).toISOString() });
  });

  it("answers an unknown path with a JSON 404 that names the routes, with the page's security headers", async () => {
    const response = await fetch(`${board.url}/api/nope?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.json()).toEqual({ ok: false, message: "Nothing at GET /api/nope: the board serves /, /api/presence, /api/subscribe and /events." });
  });

  it("answers 401 to a bad signature, stores nothing, and keeps serving", async () => {
    const before = await presence(board.url);
    expect(await sendEvent(board.url, "not-the-secret", { id: "evt_forged", chatId: BOB, type: "available", timestamp: Date.now() })).toBe(401);
    const after = await presence(board.url);
    expect(after).toEqual(before);
  });

  it("answers malformed deliveries with the receiver's 4xx and keeps serving", async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${board.url}/webhooks/wawp`, { method: "POST", headers, body });
    const signed = async (body: string) => ({ "content-type": "application/json", ...(await sign(body, SECRET)) });
    expect((await post("{not json", await signed("{not json"))).status).toBe(400);
    expect((await post('{"id": "evt_x"}', await signed('{"id": "evt_x"}'))).status).toBe(400);
    expect((await post("{}", { "content-type": "text/plain" })).status).toBe(415);
    const huge = JSON.stringify({ padding: "x".repeat(70_000) });
    expect((await post(huge, await signed(huge))).status).toBe(413);
    expect(await sendEvent(board.url, SECRET, { id: "evt_after_bad", chatId: BOB, type: "available", timestamp: Date.now() })).toBe(200);
  });

  it("redeliveries and shuffled order leave the state the newest events say", async () => {
    const chatIds = ["447700900201@c.us", "447700900202@c.us", "447700900203@c.us"];
    const report = await simulateEvents(
      { to: `${board.url}/webhooks/wawp`, secret: SECRET, count: 300, rate: 100_000, chatIds, duplicates: 0.5, shuffle: true, seed: 42, concurrency: 16 },
    );
    expect(report.redeliveries).toBeGreaterThan(100);
    expect(report.byStatus).toEqual({ "200": 300 + report.redeliveries });

    // The oracle: per contact, the event with the greatest (timestamp, id), and the newest online one.
    const events = [...new Map(report.deliveries.map((d) => [d.event.id, d.event])).values()];
    const { contacts, lastEventId } = await presence(board.url);
    for (const chatId of chatIds) {
      const mine = events.filter((e) => e.payload.chatId === chatId);
      const newest = mine.reduce((a, b) => (b.timestamp > a.timestamp || (b.timestamp === a.timestamp && b.id > a.id) ? b : a));
      const online = mine.filter((e) => ONLINE_TYPES.has(e.payload.type)).map((e) => e.timestamp);
      expect(contacts.find((c) => c.chatId === chatId)).toEqual({
        chatId,
        status: newest.payload.type,
        since: new Date(newest.timestamp).toISOString(),
        lastSeen: online.length ? new Date(Math.max(...online)).toISOString() : null,
        subscribed: false,
      });
    }
    // Each event is stored once, however often it came.
    const stored = await readEvents(board.url, { lastEventId: "0", until: (c) => c.at(-1)?.seq === Number(lastEventId) });
    const simulated = stored.filter((c) => c.data.eventId?.startsWith("evt_sim_"));
    expect(simulated).toHaveLength(300);
    expect(new Set(simulated.map((c) => c.data.eventId)).size).toBe(300);
  });
});

describe("the event stream", () => {
  let board: BoardProcess;
  beforeAll(async () => {
    board = await startBoard(["--port", "0", "--db", tempDb()], boardEnv());
  });
  afterAll(() => board.stop());

  it("replays what came after Last-Event-ID, in order, then goes on live", async () => {
    const t = Date.now();
    for (let i = 1; i <= 5; i += 1) expect(await sendEvent(board.url, SECRET, { id: `evt_r${i}`, chatId: BOB, type: "available", timestamp: t + i })).toBe(200);
    const all = await readEvents(board.url, { lastEventId: "0", until: (c) => c.length >= 5 });
    expect(all.map((c) => c.data.eventId)).toEqual(["evt_r1", "evt_r2", "evt_r3", "evt_r4", "evt_r5"]);
    expect(all.every((c) => c.event === "presence" && c.seq === c.data.seq)).toBe(true);
    const ids = all.map((c) => c.seq);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    const after2 = all[1]!.seq;
    const replayed = await readEvents(board.url, {
      lastEventId: String(after2),
      until: (c) => c.length >= 4,
      onOpen: async () => {
        expect(await sendEvent(board.url, SECRET, { id: "evt_r6", chatId: BOB, type: "composing", timestamp: t + 6 })).toBe(200);
      },
    });
    expect(replayed.map((c) => c.data.eventId)).toEqual(["evt_r3", "evt_r4", "evt_r5", "evt_r6"]);
    expect(replayed.at(-1)!.data.contact).toMatchObject({ chatId: BOB, status: "composing" });
  });

  it("refuses a Last-Event-ID that is not a change number", async () => {
    const response = await fetch(`${board.url}/events`, { headers: { "last-event-id": "abc" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Last-Event-ID must be a change number");
  });
});

describe("POST /api/subscribe", () => {
  let board: BoardProcess;
  let refusingBoard: BoardProcess;
  let proxy: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    proxy = await startCredentialStrippingProxy(inject("prismUrl"));
    [board, refusingBoard] = await Promise.all([
      startBoard(["--port", "0", "--db", tempDb()], boardEnv()),
      startBoard(["--port", "0", "--db", ":memory:"], boardEnv({ WAWP_BASE_URL: proxy.url })),
    ]);
  });
  afterAll(async () => {
    await Promise.all([board.stop(), refusingBoard.stop()]);
    await proxy.close();
  });

  it("subscribes through the client (against Prism) and the contact appears, subscribed", async () => {
    const response = await subscribeRequest(board.url, { headers: { origin: board.url, "sec-fetch-site": "same-origin" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ chatId: ALICE, ok: true, status: 200, message: "Operation completed successfully" });
    expect((await presence(board.url)).contacts).toContainEqual({ chatId: ALICE, status: "unknown", since: null, lastSeen: null, subscribed: true });
  });

  it("refuses a chunked body over the limit with 413, without reading it all", async () => {
    const { request } = await import("node:http");
    const target = new URL(`${board.url}/api/subscribe`);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      // No Content-Length: the body is sent chunked, 64 KiB of it.
      const req = request(target, { method: "POST", headers: { "content-type": "application/json", host: target.host } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.write(`{"chatId":"${"1".repeat(32 * 1024)}`);
      req.end(`${"2".repeat(32 * 1024)}"}`);
    });
    expect(status).toBe(413);
  });

  it("refuses cross-origin requests with 403", async () => {
    for (const headers of [{ origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "null" }]) {
      const response = await subscribeRequest(board.url, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as { message: string }).message).toContain("Cross-origin request refused");
    }
  });

  it("refuses a Host that is not the board's (DNS rebinding)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${board.url}/api/presence`, { headers: { host: "rebound.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it("answers bad input with the right 4xx and a message that says what to send", async () => {
    const cases: Array<[{ body?: string; headers?: Record<string, string> }, number, RegExp]> = [
      [{ body: "{not json" }, 400, /not valid JSON/],
      [{ body: "[]" }, 400, /must be a JSON object/],
      [{ body: "{}" }, 400, /no "chatId"/],
      [{ body: '{"chatId": 12}' }, 400, /"chatId" must be a string, got number/],
      [{ headers: { "content-type": "text/plain" } }, 415, /application\/json/],
      [{ body: JSON.stringify({ chatId: "x".repeat(5_000) }) }, 413, /too large/],
    ];
    for (const [init, status, message] of cases) {
      const response = await subscribeRequest(board.url, init);
      expect(response.status, JSON.stringify(init).slice(0, 80)).toBe(status);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });

  it("answers an invalid chatId with 400 and the client's PresenceValidationError", async () => {
    const response = await subscribeRequest(board.url, { body: JSON.stringify({ chatId: "+44 7700 900101" }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ chatId: "+44 7700 900101", ok: false, status: null, error: { name: "PresenceValidationError", kind: "validation" } });
  });

  it("answers the API's 401 with 502 and the typed error, without the token", async () => {
    const response = await subscribeRequest(refusingBoard.url, {});
    expect(response.status).toBe(502);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ chatId: ALICE, ok: false, status: 401, error: { name: "UnauthorizedError", kind: "api" } });
    expect(body).not.toContain(TOKEN);
  });

  it("never lets the access token or the webhook secret reach a response or the log", async () => {
    const seen: string[] = [];
    const record = async (response: Response): Promise<void> => {
      response.headers.forEach((value, name) => seen.push(`${name}: ${value}`));
      seen.push(await response.text());
    };
    for (const path of ["/", "/board.js", "/board.css", "/favicon.svg", "/api/presence", "/nope"]) await record(await fetch(`${board.url}${path}`));
    await record(await subscribeRequest(board.url, {}));
    await record(await subscribeRequest(board.url, { body: '{"chatId": "bad"}' }));
    await record(await subscribeRequest(refusingBoard.url, {}));
    const stream = await readEvents(board.url, { lastEventId: "0", until: () => false, timeoutMs: 1_000 });
    seen.push(JSON.stringify(stream));
    seen.push(board.output(), refusingBoard.output());
    const everything = seen.join("\n");
    expect(everything).toContain("Presence board");
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(encodeURIComponent(TOKEN));
    expect(everything).not.toContain(SECRET);
  });
});

describe("durability", () => {
  it("loses nothing it acknowledged when SIGKILLed mid-stream and restarted", async () => {
    const db = tempDb();
    let board = await startBoard(["--port", "0", "--db", db], boardEnv());
    const total = 3_000;
    const killAt = 1_000;
    const acknowledged = new Set<string>();
    let sent = 0;
    let next = 0;
    let killing: Promise<void> | undefined;
    const t = Date.now();
    // 32 senders at once; the board is killed when 1,000 events have been acknowledged, with
    // requests in flight. A sender stops at its first unanswered request after the kill.
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < total) {
          const i = next++;
          const id = `evt_k${i}`;
          sent += 1;
          const status = await sendEvent(board.url, SECRET, { id, chatId: i % 2 ? ALICE : BOB, type: i % 3 ? "available" : "composing", timestamp: t + i });
          if (status === 200) acknowledged.add(id);
          if (acknowledged.size >= killAt && !killing) killing = board.kill();
          if (status === null && killing) return;
        }
      }),
    );
    await killing;
    expect(board.child.signalCode).toBe("SIGKILL");

    board = await startBoard(["--port", "0", "--db", db], boardEnv());
    try {
      const { lastEventId } = await presence(board.url);
      const stored = await readEvents(board.url, { lastEventId: "0", until: (c) => c.at(-1)?.seq === Number(lastEventId), timeoutMs: 10_000 });
      const found = new Set(stored.map((c) => c.data.eventId));
      const lost = [...acknowledged].filter((id) => !found.has(id));
      const figures = { sent, acknowledged: acknowledged.size, found: found.size, lost: lost.length, committedWithoutAnswer: found.size - acknowledged.size };
      console.log(`SIGKILL mid-stream: ${JSON.stringify(figures)}`);
      mkdirSync("test-results", { recursive: true });
      writeFileSync("test-results/sigkill.json", `${JSON.stringify(figures, null, 2)}\n`);
      expect(sent).toBeGreaterThan(acknowledged.size);
      expect(lost).toEqual([]);
      // And the restarted board goes on accepting.
      expect(await sendEvent(board.url, SECRET, { id: "evt_after", chatId: BOB, type: "unavailable", timestamp: t + total })).toBe(200);
    } finally {
      await board.stop();
    }
  });
});
