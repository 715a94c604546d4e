// subscribeMany, the same for every client, against a real server on 127.0.0.1 that answers each
// contact by its number: exactly one result per id across valid, invalid and failing ids; the
// pause a 429 with Retry-After imposes on the whole batch, measured from the server's receive
// times; abort and early break with requests in flight; and a long stream through a fake fetch
// with at most `concurrency` ids taken ahead of the results.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClientOptionsView, ErrorView } from "./client-under-test.js";
import { operationCases } from "./spec-cases.js";

/** What the suite needs of one result. */
export interface BulkResultView {
  chatId: string;
  data?: unknown;
  error?: ErrorView | undefined;
}

export interface BulkOptionsView {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { pausedUntil: number | undefined }) => void;
  retry?: { maxRetries?: number; initialDelayMs?: number };
}

export interface BulkClientUnderTest {
  name: string;
  /** The client's fixed table of error classes by status. */
  errorClasses: Readonly<Record<number, abstract new (...args: never[]) => unknown>>;
  create(options: ClientOptionsView): {
    subscribeMany(chatIds: Iterable<string> | AsyncIterable<string>, options?: BulkOptionsView): AsyncIterable<BulkResultView>;
  };
}

type Answer = { status: number; headers?: Record<string, string>; delayMs?: number } | "hang";

interface Received {
  chatId: string;
  /** ms since the epoch */
  at: number;
}

/** A local server that answers each request by the contact it names; records what it received. */
async function startContactServer() {
  const subscribe = operationCases().find((c) => c.operationId === "subscribeToPresence");
  if (!subscribe) throw new Error("no subscribeToPresence in the spec");
  const [before, after] = subscribe.operation.path.split("{chatId}") as [string, string];
  const okBody = subscribe.responses.find((r) => r.status === 200)?.exampleText ?? "{}";
  let answer: (chatId: string, attempt: number, index: number) => Answer = () => ({ status: 200 });
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const hung = new Set<IncomingMessage>();
  let closedWhileHung = 0;

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "").split("?")[0] ?? "";
    const chatId = decodeURIComponent(path.slice(before.length, path.length - after.length));
    const attempt = (attempts.get(chatId) ?? 0) + 1;
    attempts.set(chatId, attempt);
    received.push({ chatId, at: Date.now() });
    const reply = answer(chatId, attempt, received.length - 1);
    if (reply === "hang") {
      hung.add(request);
      request.socket.once("close", () => {
        if (hung.delete(request)) closedWhileHung += 1;
      });
      return;
    }
    const body = reply.status === 200 ? okBody : JSON.stringify({ status: reply.status, message: `status ${reply.status}` });
    const send = () => response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(body);
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    received,
    attempts,
    /** Requests still held open without an answer. */
    hung: () => hung.size,
    closedWhileHung: () => closedWhileHung,
    reset(next: typeof answer) {
      answer = next;
      received.length = 0;
      attempts.clear();
      closedWhileHung = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Contact number `n` as a chatId the spec's pattern accepts; `number()` reads it back. */
const id = (n: number): string => `44${String(n).padStart(10, "0")}@c.us`;
const number = (chatId: string): number => Number(chatId.slice(2, 12));

export function defineBulkSuite(client: BulkClientUnderTest): void {
  describe(`${client.name}: subscribeMany`, () => {
    let server: Awaited<ReturnType<typeof startContactServer>>;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    beforeAll(async () => {
      server = await startContactServer();
    });
    afterAll(() => server.close());
    beforeEach(() => {
      unhandled.length = 0;
      process.on("unhandledRejection", onUnhandled);
    });
    afterEach(() => {
      process.off("unhandledRejection", onUnhandled);
      expect(unhandled).toEqual([]);
    });

    const make = (extra: Partial<ClientOptionsView> = {}) =>
      client.create({ baseUrl: server.url, instanceId: "bulk-instance", accessToken: "bulk-token-0123", timeoutMs: 5_000, retry: { maxRetries: 2, initialDelayMs: 5 }, ...extra });

    it("yields exactly one result per id across valid, invalid and failing ids", async () => {
      // By the last digit: 3 invalid (never sent), 5 a 404, 7 a 502 then success, 9 a 500; the rest succeed.
      server.reset((chatId, attempt) => {
        const digit = number(chatId) % 10;
        if (digit === 5) return { status: 404 };
        if (digit === 7 && attempt === 1) return { status: 502 };
        if (digit === 9) return { status: 500 };
        return { status: 200, delayMs: number(chatId) % 4 };
      });
      const ids = Array.from({ length: 300 }, (_, n) => (n % 10 === 3 ? `+${id(n)}` : id(n)));
      const results: BulkResultView[] = [];
      for await (const result of make().subscribeMany(ids, { concurrency: 16 })) results.push(result);

      expect(results).toHaveLength(ids.length);
      const byId = new Map(results.map((r) => [r.chatId, r]));
      expect(byId.size).toBe(ids.length);
      for (const [n, chatId] of ids.entries()) {
        const result = byId.get(chatId);
        expect(result, chatId).toBeDefined();
        expect(result?.data === undefined).toBe(result?.error !== undefined);
        const digit = n % 10;
        if (digit === 3) {
          expect(result?.error).toMatchObject({ kind: "validation", field: "chatId", attempts: 0 });
        } else if (digit === 5) {
          expect(result?.error).toBeInstanceOf(client.errorClasses[404]!);
        } else if (digit === 9) {
          expect(result?.error).toBeInstanceOf(client.errorClasses[500]!);
          expect(result?.error?.attempts).toBe(1);
        } else {
          expect(result?.error).toBeUndefined();
          expect(result?.data).toMatchObject({ success: true });
        }
      }
      // Nothing was sent for an invalid id; each other id reached the server as often as its answer says.
      expect(server.received.some((r) => r.chatId.startsWith("+"))).toBe(false);
      for (const chatId of ids.filter((_, n) => n % 10 !== 3)) expect(server.attempts.get(chatId), chatId).toBe(number(chatId) % 10 === 7 ? 2 : 1);
    });

    it("sends nothing while a 429's Retry-After lasts, from any worker (measured at the server)", async () => {
      let limitedAt = 0;
      server.reset((_chatId, _attempt, index) => {
        if (index === 40) {
          limitedAt = Date.now();
          return { status: 429, headers: { "retry-after": "1" } };
        }
        return { status: 200, delayMs: 2 };
      });
      const ids = Array.from({ length: 120 }, (_, n) => id(n));
      const results: BulkResultView[] = [];
      // When the client saw the 429 (its first progress report with a pause), and until when it paused.
      let sawAt = 0;
      let pausedUntil = 0;
      const onProgress = (progress: { pausedUntil: number | undefined }): void => {
        if (progress.pausedUntil !== undefined && sawAt === 0) [sawAt, pausedUntil] = [Date.now(), progress.pausedUntil];
      };
      for await (const result of make().subscribeMany(ids, { concurrency: 8, onProgress })) results.push(result);

      expect(results.filter((r) => r.error === undefined)).toHaveLength(120);
      expect(limitedAt).toBeGreaterThan(0);
      expect(sawAt).toBeGreaterThanOrEqual(limitedAt);
      expect(pausedUntil - limitedAt).toBeGreaterThanOrEqual(990);
      // Once the client has seen the 429, no new request starts before the pause ends: what reaches
      // the server in that window can only be the other workers' requests already under way (at
      // most concurrency - 1), however slow the machine is.
      const inside = server.received.filter((r) => r.at > sawAt && r.at < pausedUntil - 10);
      expect(inside.length).toBeLessThanOrEqual(7);
      expect(server.received.filter((r) => r.at >= limitedAt + 990).length).toBeGreaterThan(70);
      expect(server.received).toHaveLength(121);
    });

    for (const how of ["abort", "break"] as const) {
      it(`on ${how} with requests in flight: stops sending, leaves no request open, ends with what finished`, async () => {
        // Contacts 0-9 are answered; the rest are held open until the client lets go.
        server.reset((chatId) => (number(chatId) < 10 ? { status: 200 } : "hang"));
        const controller = new AbortController();
        let pulled = 0;
        function* ids() {
          for (let n = 0; n < 10_000; n += 1) {
            pulled += 1;
            yield id(n);
          }
        }
        const results: BulkResultView[] = [];
        const started = Date.now();
        for await (const result of make().subscribeMany(ids(), { concurrency: 8, signal: controller.signal })) {
          results.push(result);
          if (results.length === 10) {
            if (how === "break") break;
            // Let the hung requests reach the server first.
            setTimeout(() => controller.abort(), 100);
          }
        }
        // Did not hang (a generous bound: the machine may be busy).
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(results.every((r) => r.error === undefined && number(r.chatId) < 10)).toBe(true);
        expect(results).toHaveLength(10);
        expect(pulled).toBeLessThanOrEqual(10 + 8 + 1);
        // Every request the server still held has been let go: its connection closed.
        const deadline = Date.now() + 2_000;
        await new Promise((resolve) => setTimeout(resolve, 100));
        while (server.hung() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(server.hung()).toBe(0);
        // Only ids taken were ever sent, each once, and nothing goes on in the background.
        const sent = server.received.length;
        expect(sent).toBeLessThanOrEqual(pulled);
        expect(new Set(server.received.map((r) => r.chatId)).size).toBe(sent);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(server.received.length).toBe(sent);
      });
    }

    it("reads a stream of 10,000 ids through a fake fetch with at most `concurrency` taken ahead", async () => {
      const okBody = operationCases().find((c) => c.operationId === "subscribeToPresence")?.responses.find((r) => r.status === 200)?.exampleText ?? "{}";
      // The answer arrives on a later turn of the event loop, as from a socket.
      const fetch = async (): Promise<Response> => {
        await new Promise((resolve) => setImmediate(resolve));
        return new Response(okBody, { headers: { "content-type": "application/json" } });
      };
      const total = 10_000;
      const concurrency = 16;
      let pulled = 0;
      async function* ids() {
        for (let n = 0; n < total; n += 1) {
          pulled += 1;
          yield id(n);
        }
      }
      let yielded = 0;
      let failed = 0;
      let maxAhead = 0;
      for await (const result of make({ fetch }).subscribeMany(ids(), { concurrency })) {
        yielded += 1;
        if (result.error) failed += 1;
        maxAhead = Math.max(maxAhead, pulled - yielded);
      }
      expect(yielded).toBe(total);
      expect(failed).toBe(0);
      expect(maxAhead).toBeLessThanOrEqual(concurrency + 1);
    });
  });
}
