// The shared timeout/retry/abort policy, with scripted attempts (no network).
import { describe, expect, it } from "vitest";
import {
  PresenceApiError,
  PresenceConnectionError,
  parseRetryAfter,
  resolvePolicy,
  retryDelayMs,
  runWithPolicy,
  DEFAULT_RETRY,
  PresenceValidationError,
  checkPolicyNumbers,
  isRetryableFailure,
  isRetryableStatus,
  type AttemptOutcome,
  type ResolvedPolicy,
} from "../src/index.js";

const URL_FOR_ERRORS = "http://127.0.0.1:1/v2/example/1@c.us/act?access_token=[REDACTED]";

function apiFailure(status: number, attempts: number, retryAfterMs?: number): AttemptOutcome<string> {
  const error = new PresenceApiError({ status, contentType: "", body: "", url: URL_FOR_ERRORS, serverMessage: undefined, headers: {}, attempts });
  return { ok: false, error, retryable: isRetryableStatus(status, true), retryAfterMs };
}

const success = (value: string): AttemptOutcome<string> => ({ ok: true, value, response: new Response() });

function run(attempt: Parameters<typeof runWithPolicy<string>>[0], policy: ResolvedPolicy, signal?: AbortSignal, idempotent = true) {
  return runWithPolicy<string>(attempt, { policy, signal, idempotent, url: () => URL_FOR_ERRORS });
}

const fast = { timeoutMs: 1_000, retry: { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 2 } };

function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter(" 0 ")).toBe(0);
    const now = Date.parse("2026-11-25T10:00:00Z");
    expect(parseRetryAfter("Wed, 25 Nov 2026 10:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("-1")).toBeUndefined();
  });

  it("is honoured and capped", () => {
    expect(retryDelayMs(1, DEFAULT_RETRY, 1_000)).toBe(1_000);
    expect(retryDelayMs(1, DEFAULT_RETRY, 3_600_000)).toBe(DEFAULT_RETRY.maxRetryAfterMs);
  });
});

describe("backoff", () => {
  it("doubles from the initial delay, with jitter in the upper half, up to the cap", () => {
    for (let retry = 1; retry <= 8; retry += 1) {
      const full = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.initialDelayMs * 2 ** (retry - 1));
      for (let i = 0; i < 50; i += 1) {
        const delay = retryDelayMs(retry, DEFAULT_RETRY);
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  it("merges client and call settings over the defaults", () => {
    expect(resolvePolicy({ timeoutMs: 5, retry: { maxRetries: 7 } }, { retry: { maxRetries: 0 } })).toEqual({
      timeoutMs: 5,
      retry: { ...DEFAULT_RETRY, maxRetries: 0 },
    });
    expect(resolvePolicy({}, undefined).timeoutMs).toBe(10_000);
  });
});

describe("runWithPolicy", () => {
  it("retries retryable failures and reports the attempts", async () => {
    const statuses = [502, 503, 200];
    const outcome = await run(
      async ({ attempt }) => (statuses[attempt - 1] === 200 ? success(`ok on ${attempt}`) : apiFailure(statuses[attempt - 1] ?? 0, attempt)),
      fast,
    );
    expect(outcome.ok && outcome.value).toBe("ok on 3");
  });

  it("stops after maxRetries with the last error", async () => {
    let calls = 0;
    const outcome = await run(async ({ attempt }) => (calls++, apiFailure(502, attempt)), fast);
    expect(calls).toBe(3);
    expect(outcome.ok || outcome.error.attempts).toBe(3);
  });

  for (const status of [400, 401, 403, 404, 409, 422, 500]) {
    it(`never retries ${status}`, async () => {
      let calls = 0;
      await run(async ({ attempt }) => (calls++, apiFailure(status, attempt)), fast);
      expect(calls).toBe(1);
    });
  }

  it("maxRetries: 0 turns retrying off", async () => {
    let calls = 0;
    await run(
      async ({ attempt }) => (calls++, { ok: false, error: new PresenceConnectionError({ attempts: attempt, url: "u", detail: "reset" }), retryable: true }),
      { ...fast, retry: { ...fast.retry, maxRetries: 0 } },
    );
    expect(calls).toBe(1);
  });

  it("times out an attempt that never settles, even if it ignores its signal, and leaves no timer", async () => {
    const before = timers();
    const outcome = await run(() => new Promise(() => undefined), { timeoutMs: 30, retry: { ...fast.retry, maxRetries: 1 } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.name).toBe("PresenceTimeoutError");
    expect(outcome.error.attempts).toBe(2);
    expect(outcome.error.message).toContain("30 ms");
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("aborts at once during the backoff wait", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    const outcome = await run(
      async ({ attempt }) => apiFailure(503, attempt, 60_000),
      { timeoutMs: 1_000, retry: DEFAULT_RETRY },
      controller.signal,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.name).toBe("PresenceAbortError");
    expect(outcome.error.message).toContain("backoff");
    expect(outcome.error.attempts).toBe(1);
  });

  it("aborts during a request, distinct from a timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const outcome = await run(() => new Promise(() => undefined), { timeoutMs: 5_000, retry: DEFAULT_RETRY }, controller.signal);
    expect(outcome.ok ? undefined : outcome.error.kind).toBe("abort");
  });

  it("keeps the reason of the caller's signal as the abort's cause", async () => {
    const outcome = await run(() => new Promise(() => undefined), { timeoutMs: 5_000, retry: DEFAULT_RETRY }, AbortSignal.timeout(5));
    expect(outcome.ok ? undefined : (outcome.error.cause as Error).name).toBe("TimeoutError");
  });

  it("does not repeat a timed-out attempt of an operation that is not idempotent", async () => {
    let calls = 0;
    const outcome = await run(() => (calls++, new Promise(() => undefined)), { timeoutMs: 20, retry: { ...fast.retry, maxRetries: 2 } }, undefined, false);
    expect(outcome.ok ? undefined : outcome.error.kind).toBe("timeout");
    expect(calls).toBe(1);
  });

  it("ends as an abort, without sending, when the caller aborts just as a shared pause ends", async () => {
    const controller = new AbortController();
    const pause = { wait: async () => (controller.abort(), true), extend: () => undefined };
    let calls = 0;
    const outcome = await runWithPolicy<string>(() => (calls++, new Promise(() => undefined)), {
      policy: { timeoutMs: 5_000, retry: DEFAULT_RETRY },
      signal: controller.signal,
      idempotent: false,
      url: () => URL_FOR_ERRORS,
      pause,
    });
    expect(outcome.ok ? undefined : [outcome.error.kind, outcome.error.attempts]).toEqual(["abort", 0]);
    expect(calls).toBe(0);
  }, 2_000);

  it("does not send at all when the signal is already aborted", async () => {
    let calls = 0;
    const outcome = await run(async () => (calls++, success("x")), fast, AbortSignal.abort());
    expect(calls).toBe(0);
    expect(outcome.ok ? undefined : outcome.error.attempts).toBe(0);
  });
});

describe("what is retried", () => {
  it("retries 429 and 503 for every operation, 502 and 504 for idempotent ones only", () => {
    expect([429, 503, 502, 504, 500, 400].map((s) => isRetryableStatus(s, false))).toEqual([true, true, false, false, false, false]);
    expect([429, 503, 502, 504, 500, 400].map((s) => isRetryableStatus(s, true))).toEqual([true, true, true, true, false, false]);
  });

  it("retries a connection failure that never reached a server for every operation", () => {
    expect(isRetryableFailure("ECONNREFUSED", false)).toBe(true);
    expect(isRetryableFailure("ECONNRESET", false)).toBe(false);
    expect(isRetryableFailure("ECONNRESET", true)).toBe(true);
  });
});

describe("policy numbers", () => {
  it("keeps a default when a field is given as undefined", () => {
    const policy = resolvePolicy({ retry: { maxRetries: undefined as unknown as number, initialDelayMs: undefined as unknown as number } }, { timeoutMs: undefined as unknown as number });
    expect(policy).toEqual({ timeoutMs: 10_000, retry: DEFAULT_RETRY });
  });

  const refused: Array<[string, Record<string, unknown>]> = [
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: 3_000_000_000 }],
    ["timeoutMs", { timeoutMs: Number.NaN }],
    ["retry.maxRetries", { retry: { maxRetries: 1.5 } }],
    ["retry.maxRetries", { retry: { maxRetries: Number.POSITIVE_INFINITY } }],
    ["retry.maxRetries", { retry: { maxRetries: -1 } }],
    ["retry.initialDelayMs", { retry: { initialDelayMs: "5" } }],
    ["timeoutMs", { timeoutMs: "5000" }],
    ["retry", { retry: 3 }],
  ];
  for (const [field, options] of refused) {
    it(`refuses ${JSON.stringify(options, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))} naming ${field}`, () => {
      expect(() => checkPolicyNumbers(options)).toThrow(PresenceValidationError);
      expect(() => checkPolicyNumbers(options)).toThrow(new RegExp(`Invalid ${field.replace(".", "\\.")}:`));
    });
  }

  it("accepts the documented ranges", () => {
    expect(() => checkPolicyNumbers({ timeoutMs: 1, retry: { maxRetries: 0, initialDelayMs: 0, maxDelayMs: 2_147_483_647, maxRetryAfterMs: 0 } })).not.toThrow();
  });
});
