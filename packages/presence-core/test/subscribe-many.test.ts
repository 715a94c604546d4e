// subscribeMany, the batch runner both clients expose: exactly one result per id, the concurrency
// bound, the pause a 429/503 with Retry-After imposes on the whole batch, abort and early break,
// and flat memory over a million ids. Calls go through the real call runner with a scripted `send`
// (no network); the clients' own tests run the same batch against a real server.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CONCURRENCY,
  NotFoundError,
  PresenceConnectionError,
  PresenceValidationError,
  RateLimitError,
  createOperationRunner,
  resolveClientOptions,
  subscribeMany,
  type BulkProgress,
  type BulkResult,
  type CallOutcome,
  type OutgoingCall,
  type PresenceError,
  type RunOperation,
  type SubscribeManyOptions,
} from "../src/index.js";

const OK_BODY = JSON.stringify({ success: true, message: "Operation completed successfully" });
const OPERATION = "subscribeToPresence";

/** The id of contact number `n`, valid for the spec's pattern. */
const id = (n: number): string => `44${String(n).padStart(10, "0")}@c.us`;

type Reply = { status: number; headers?: Record<string, string> } | "refused" | "hang";

/** The call runner over a `send` that answers each chatId with `reply(chatId, attempt)` after `delayMs`. */
function scripted(reply: (chatId: string, attempt: number) => Reply, delayMs = 0) {
  /** Each request: when it was sent and, once it has been, when its answer came back. */
  const sent: Array<{ chatId: string; at: number; answeredAt?: number }> = [];
  const attempts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (call: OutgoingCall) => {
    const chatId = call.params.path["chatId"] ?? "";
    const attempt = (attempts.get(chatId) ?? 0) + 1;
    attempts.set(chatId, attempt);
    const record: { chatId: string; at: number; answeredAt?: number } = { chatId, at: performance.now() };
    sent.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const answer = reply(chatId, attempt);
      await new Promise<void>((resolve, reject) => {
        // Like fetch: an abort rejects at once, and a hung request waits for one.
        let timer: NodeJS.Timeout | undefined;
        const onAbort = () => {
          clearTimeout(timer);
          reject(Object.assign(new Error("This operation was aborted"), { name: "AbortError" }));
        };
        call.signal.addEventListener("abort", onAbort, { once: true });
        if (answer !== "hang") timer = setTimeout(() => (call.signal.removeEventListener("abort", onAbort), resolve()), delayMs);
      });
      if (answer === "refused") throw Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
      if (answer === "hang") throw new Error("unreachable");
      record.answeredAt = performance.now();
      const body = answer.status === 200 ? OK_BODY : JSON.stringify({ message: `status ${answer.status}` });
      return { response: new Response(body, { status: answer.status, headers: { "content-type": "application/json", ...answer.headers } }) };
    } finally {
      inFlight -= 1;
    }
  };
  const client = resolveClientOptions({ instanceId: "bulk", accessToken: "bulk-token-long", retry: { initialDelayMs: 1, maxDelayMs: 2 } }, "baseUrl");
  return { run: createOperationRunner(client, send), sent, attempts, maxInFlight: () => maxInFlight, inFlight: () => inFlight };
}

function many(run: RunOperation, chatIds: Iterable<string> | AsyncIterable<string>, options?: SubscribeManyOptions) {
  return subscribeMany<unknown, PresenceError>(run, OPERATION, chatIds, options);
}

async function collect<T>(results: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const result of results) all.push(result);
  return all;
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}

/** Unhandled rejections seen while a test ran. */
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

describe("one result per id", () => {
  it("yields exactly one result for every valid, invalid and failing id, and sends nothing for the invalid", async () => {
    const ids = Array.from({ length: 200 }, (_, n) => (n % 10 === 3 ? `+${n}@c.us` : id(n)));
    const { run, sent, attempts } = scripted((chatId, attempt) => {
      const n = Number(chatId.slice(2, 12));
      if (n % 10 === 5) return { status: 404 };
      if (n % 10 === 7) return attempt === 1 ? { status: 502 } : { status: 200 };
      if (n % 10 === 9) return "refused";
      return { status: 200 };
    });
    const results = await collect(many(run, ids, { concurrency: 16 }));

    expect(results).toHaveLength(ids.length);
    const byId = new Map<string, BulkResult<unknown, PresenceError>>();
    for (const result of results) {
      expect(byId.has(result.chatId)).toBe(false);
      byId.set(result.chatId, result);
    }
    for (const [n, chatId] of ids.entries()) {
      const result = byId.get(chatId);
      if (n % 10 === 3) {
        expect(result?.error).toBeInstanceOf(PresenceValidationError);
        expect(result?.error?.attempts).toBe(0);
        expect(attempts.has(chatId)).toBe(false);
      } else if (n % 10 === 5) expect(result?.error).toBeInstanceOf(NotFoundError);
      else if (n % 10 === 9) {
        expect(result?.error).toBeInstanceOf(PresenceConnectionError);
        expect(attempts.get(chatId)).toBe(3);
      } else {
        expect(result?.error).toBeUndefined();
        expect(result?.data).toEqual(JSON.parse(OK_BODY));
        expect(attempts.get(chatId)).toBe(n % 10 === 7 ? 2 : 1);
      }
    }
    expect(sent.some((s) => s.chatId.startsWith("+"))).toBe(false);
  });

  it("keeps `concurrency` calls in flight, no more, and yields in order of completion", async () => {
    const { run, maxInFlight } = scripted(() => ({ status: 200 }), 5);
    const results = await collect(many(run, Array.from({ length: 60 }, (_, n) => id(n)), { concurrency: 6 }));
    expect(results).toHaveLength(60);
    expect(maxInFlight()).toBe(6);

    // id 0 is answered 50 ms late: it comes last.
    const quick = scripted(() => ({ status: 200 }));
    const slow: RunOperation = async (operationId, params, call, batch) => {
      if ((params as { chatId: string }).chatId === id(0)) await new Promise((resolve) => setTimeout(resolve, 50));
      return quick.run(operationId, params, call, batch);
    };
    const order = (await collect(many(slow, [id(0), id(1), id(2)], { concurrency: 3 }))).map((r) => r.chatId);
    expect(order).toEqual([id(1), id(2), id(0)]);
  });

  it(`runs ${DEFAULT_CONCURRENCY} at a time by default`, async () => {
    const { run, maxInFlight } = scripted(() => ({ status: 200 }), 2);
    await collect(many(run, Array.from({ length: 40 }, (_, n) => id(n))));
    expect(maxInFlight()).toBe(DEFAULT_CONCURRENCY);
  });

  it("reads a sync generator, an async generator and a Set alike", async () => {
    const { run } = scripted(() => ({ status: 200 }));
    function* sync() {
      for (let n = 0; n < 20; n += 1) yield id(n);
    }
    async function* stream() {
      for (let n = 0; n < 20; n += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        yield id(n);
      }
    }
    for (const input of [sync(), stream(), new Set(Array.from({ length: 20 }, (_, n) => id(n)))]) {
      const results = await collect(many(run, input, { concurrency: 4 }));
      expect(results.map((r) => r.chatId).sort()).toEqual(Array.from({ length: 20 }, (_, n) => id(n)));
    }
  });

  it("turns a non-string id into a validation result", async () => {
    const { run, sent } = scripted(() => ({ status: 200 }));
    const results = await collect(many(run, [42 as unknown as string, null as unknown as string]));
    expect(results.map((r) => r.error?.kind)).toEqual(["validation", "validation"]);
    expect(sent).toHaveLength(0);
  });
});

describe("options", () => {
  const { run } = scripted(() => ({ status: 200 }));
  it.each([
    [{ concurrency: 0 }, /Invalid concurrency.*from 1 to 1024/],
    [{ concurrency: 2.5 }, /Invalid concurrency/],
    [{ concurrency: 5000 }, /Invalid concurrency/],
    [{ concurrency: "8" }, /Invalid concurrency: must be a number, got string; convert it with Number\(\) \(got "8"\)/],
    [{ concurency: 8 }, /did you mean "concurrency"/],
    // Nested keys are listed under their parent, never as dotted keys to pass as they are.
    [{ concurency: 8 }, /one of "signal", "headers", "timeoutMs", "retry" \(with "maxRetries", "initialDelayMs", "maxDelayMs", "maxRetryAfterMs"\), "concurrency", "onProgress"\./],
    [{ onProgress: "yes" }, /Invalid onProgress/],
    [{ signal: {} }, /Invalid signal/],
    [{ timeoutMs: -1 }, /Invalid timeoutMs/],
    [null, /Invalid options/],
  ])("refuses %j at once, before anything is read", (options, message) => {
    let read = false;
    const input = {
      *[Symbol.iterator]() {
        read = true;
        yield id(1);
      },
    };
    expect(() => many(run, input, options as SubscribeManyOptions)).toThrow(message);
    expect(read).toBe(false);
  });

  it.each([["447441429009@c.us", /single string.*\[chatId\]/], [42, /not iterable \(got number\)/], [undefined, /not iterable/]])("refuses chatIds %j", (input, message) => {
    expect(() => many(run, input as unknown as string[])).toThrow(message);
  });

  it("passes the call options to every call", async () => {
    const seen: Array<Record<string, string>> = [];
    const client = resolveClientOptions({ instanceId: "i", accessToken: "bulk-token-long" }, "baseUrl");
    const run = createOperationRunner(client, async (call) => {
      seen.push(call.headers);
      return { response: new Response(OK_BODY, { headers: { "content-type": "application/json" } }) };
    });
    await collect(many(run, [id(1), id(2)], { headers: { "x-trace": "t1" } }));
    expect(seen).toEqual([expect.objectContaining({ "x-trace": "t1" }), expect.objectContaining({ "x-trace": "t1" })]);
  });
});

describe("the shared pause", () => {
  it("holds every call off while a 429 with Retry-After lasts, not only the one that got it", async () => {
    let limited = false;
    const { run, sent } = scripted(() => {
      // The 6th request sent is told to wait a second.
      if (!limited && sent.length === 6) {
        limited = true;
        return { status: 429, headers: { "retry-after": "1" } };
      }
      return { status: 200 };
    }, 5);
    const started = performance.now();
    const results = await collect(many(run, Array.from({ length: 40 }, (_, n) => id(n)), { concurrency: 4 }));
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(results).toHaveLength(40);

    // From the moment the client had the 429, nothing is sent until the second has passed. The
    // three other calls in flight then had been sent already; a few ms of slack cover the turns of
    // the event loop between the answer and the pause taking effect.
    const answeredAt = sent[5]!.answeredAt!;
    const inside = sent.filter((s) => s.at > answeredAt + 20 && s.at < answeredAt + 995);
    expect(inside).toEqual([]);
    // Every request went out before the pause or after it: 40 ids and one retry.
    expect(sent).toHaveLength(41);
    expect(sent.filter((s) => s.at <= answeredAt + 20 || s.at >= answeredAt + 995)).toHaveLength(41);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it("pauses the batch for a 503 with Retry-After even when that call has no retry left", async () => {
    let first = true;
    const { run, sent } = scripted(() => {
      if (first) {
        first = false;
        return { status: 503, headers: { "retry-after": "1" } };
      }
      return { status: 200 };
    });
    const results = await collect(many(run, [id(1), id(2), id(3)], { concurrency: 1, retry: { maxRetries: 0 } }));
    expect(results.map((r) => r.error?.constructor.name ?? "ok")).toEqual(["ServiceUnavailableError", "ok", "ok"]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(995);
  });

  it("counts the paused call's wait as one of its retries", async () => {
    const { run, attempts } = scripted(() => ({ status: 429, headers: { "retry-after": "0" } }));
    const [result] = await collect(many(run, [id(1)], { retry: { maxRetries: 2 } }));
    expect(result?.error).toBeInstanceOf(RateLimitError);
    expect(result?.error?.attempts).toBe(3);
    expect(attempts.get(id(1))).toBe(3);
  });

  it("leaves other failures to back off alone: a 502, or a 429 without Retry-After", async () => {
    for (const failure of [{ status: 502 }, { status: 429 }]) {
      const { run, sent } = scripted((chatId, attempt) => (chatId === id(0) && attempt === 1 ? failure : { status: 200 }), 2);
      const ids = Array.from({ length: 20 }, (_, n) => id(n));
      const results = await collect(many(run, ids, { concurrency: 2, retry: { initialDelayMs: 300, maxDelayMs: 300 } }));
      expect(results).toHaveLength(20);
      expect(results.find((r) => r.chatId === id(0))?.error).toBeUndefined();
      // The other calls went on while id 0 waited for its own retry.
      const retryAt = sent.filter((s) => s.chatId === id(0))[1]!.at;
      expect(sent.filter((s) => s.chatId !== id(0) && s.at < retryAt).length).toBeGreaterThan(10);
    }
  });

  it("reports the pause to onProgress", async () => {
    let first = true;
    const { run } = scripted(() => {
      if (first) {
        first = false;
        return { status: 429, headers: { "retry-after": "1" } };
      }
      return { status: 200 };
    });
    const seen: Array<BulkProgress & { at: number }> = [];
    await collect(many(run, [id(1), id(2)], { concurrency: 1, onProgress: (p) => seen.push({ ...p, at: Date.now() }) }));
    // Reported when the pause starts, before any result.
    const paused = seen[0];
    expect(paused?.done).toBe(0);
    expect(paused!.pausedUntil! - paused!.at).toBeGreaterThan(900);
    expect(Number.isInteger(paused!.pausedUntil)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ total: 2, started: 2, done: 2, succeeded: 2, failed: 0, inFlight: 0, pausedUntil: undefined });
  });

  it("reports one pause with one end time, and no pause once nothing is left to wait", async () => {
    // One call's answer is a 503 with Retry-After: 1 and it has no retry left, so the batch ends
    // within a second, with the pause still running.
    const { run } = scripted((chatId) => (chatId === id(1) ? { status: 503, headers: { "retry-after": "1" } } : { status: 200 }), 4);
    const seen: BulkProgress[] = [];
    const started = performance.now();
    const results = await collect(many(run, [id(1), id(2)], { concurrency: 2, retry: { maxRetries: 0 }, onProgress: (p) => seen.push({ ...p }) }));
    expect(performance.now() - started).toBeLessThan(900);
    expect(results.find((r) => r.chatId === id(1))?.error?.kind).toBe("api");
    const ends = seen.map((p) => p.pausedUntil).filter((until) => until !== undefined);
    expect(ends.length).toBeGreaterThan(0);
    expect(new Set(ends).size).toBe(1);
    expect(seen.at(-1)).toMatchObject({ done: 2, inFlight: 0, pausedUntil: undefined });
  });
});

describe("stopping early", () => {
  /** Ids 0-4 answer at once; the rest hang until aborted. */
  const halfHung = () => scripted((chatId) => (Number(chatId.slice(2, 12)) < 5 ? { status: 200 } : "hang"));

  it("on abort: takes no new id, cancels the calls in flight, yields what finished and ends", async () => {
    const { run, sent, inFlight } = halfHung();
    const timersBefore = timers();
    const controller = new AbortController();
    let pulled = 0;
    function* ids() {
      for (let n = 0; n < 1_000; n += 1) {
        pulled += 1;
        yield id(n);
      }
    }
    const results: string[] = [];
    for await (const result of many(run, ids(), { concurrency: 8, signal: controller.signal })) {
      results.push(result.chatId);
      if (results.length === 5) setTimeout(() => controller.abort(new Error("enough")), 20);
    }
    expect(results.sort()).toEqual([0, 1, 2, 3, 4].map(id));
    expect(sent).toHaveLength(5 + 8);
    expect(pulled).toBe(13);
    expect(inFlight()).toBe(0);
    expect(timers()).toBe(timersBefore);
  });

  it("on break: the same, and the input is closed", async () => {
    const { run, sent, inFlight } = halfHung();
    const timersBefore = timers();
    let closed = false;
    function* ids() {
      try {
        for (let n = 0; ; n += 1) yield id(n);
      } finally {
        closed = true;
      }
    }
    let seen = 0;
    const hung = many(run, ids(), { concurrency: 8 });
    for await (const result of hung) {
      expect(result.error).toBeUndefined();
      seen += 1;
      if (seen === 3) break;
    }
    expect(closed).toBe(true);
    expect(sent.length).toBeLessThanOrEqual(5 + 8);
    expect(inFlight()).toBe(0);
    expect(timers()).toBe(timersBefore);
    expect(await hung.next()).toEqual({ done: true, value: undefined });
  });

  it("ends at once when aborted while the input is still waiting for its next id", async () => {
    const { run } = scripted(() => ({ status: 200 }));
    const controller = new AbortController();
    let returned = false;
    const stalled: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => {
        let given = 0;
        return {
          next: () => (given++ < 2 ? Promise.resolve({ value: id(given), done: false }) : new Promise<IteratorResult<string>>(() => undefined)),
          return: async () => {
            returned = true;
            return { value: undefined, done: true };
          },
        };
      },
    };
    const results: string[] = [];
    const done = (async () => {
      for await (const result of many(run, stalled, { signal: controller.signal })) results.push(result.chatId);
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await done;
    expect(results).toHaveLength(2);
    expect(returned).toBe(true);
  });

  it("yields nothing and sends nothing when the signal is aborted before the start", async () => {
    const { run, sent } = scripted(() => ({ status: 200 }));
    expect(await collect(many(run, [id(1)], { signal: AbortSignal.abort() }))).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it("rethrows an input's failure after yielding the results of the ids it gave", async () => {
    const { run } = scripted(() => ({ status: 200 }), 5);
    async function* broken() {
      yield id(1);
      yield id(2);
      throw new Error("disk read failed");
    }
    const results: string[] = [];
    await expect(
      (async () => {
        for await (const result of many(run, broken())) results.push(result.chatId);
      })(),
    ).rejects.toThrow("disk read failed");
    expect(results.sort()).toEqual([id(1), id(2)]);
  });

  it("ends the batch when onProgress throws, and rethrows it", async () => {
    const { run, inFlight } = scripted(() => ({ status: 200 }), 5);
    const iterate = async () => {
      for await (const _ of many(run, Array.from({ length: 50 }, (_, n) => id(n)), {
        onProgress: (p) => {
          if (p.done === 3) throw new Error("progress bar broke");
        },
      })) {
        // read on
      }
    };
    await expect(iterate()).rejects.toThrow("progress bar broke");
    expect(inFlight()).toBe(0);
  });
});

describe("memory", () => {
  it("reads a stream of 1,000,000 ids with at most `concurrency` taken ahead of the results, and flat heap", { timeout: 120_000 }, async () => {
    const concurrency = 32;
    const total = 1_000_000;
    // A fake call: the answer comes back on a later turn of the event loop, as from a socket.
    let calls = 0;
    const run: RunOperation = async (_operationId, params): Promise<CallOutcome> => {
      calls += 1;
      if (calls % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      return { ok: true, value: (params as { chatId: string }).chatId, response: new Response(null) };
    };
    let pulled = 0;
    async function* ids() {
      for (let n = 0; n < total; n += 1) {
        pulled += 1;
        yield id(n % 1e9);
      }
    }
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    let yielded = 0;
    let maxAhead = 0;
    let failed = 0;
    for await (const result of many(run, ids(), { concurrency })) {
      if (result.error) failed += 1;
      yielded += 1;
      maxAhead = Math.max(maxAhead, pulled - yielded);
      if (yielded % 50_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(yielded).toBe(total);
    expect(failed).toBe(0);
    // Deterministic: an id is taken only for a free slot, and a slot is freed when its result is read.
    expect(maxAhead).toBeLessThanOrEqual(concurrency + 1);
    // Loose: a million results kept would be well over 100 MB.
    expect(heapPeak - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it("stops taking ids while the caller does not read", async () => {
    const { run } = scripted(() => ({ status: 200 }));
    let pulled = 0;
    function* ids() {
      for (let n = 0; n < 10_000; n += 1) {
        pulled += 1;
        yield id(n);
      }
    }
    const iterator = many(run, ids(), { concurrency: 5 });
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled).toBeLessThanOrEqual(6);
    await iterator.return();
  });
});
