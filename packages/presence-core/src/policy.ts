// The timeout, retry and cancellation policy, implemented once for both clients.
//
// Why these defaults (also in the README):
// - Subscribing is idempotent — subscribing twice to one contact leaves one subscription — so a
//   request that may or may not have reached the server is safe to send again.
// - Retried: connection failures, timeouts, 429 (rate limited), 502 (the page: "connection to
//   upstream failed", usually a WhatsApp session reconnecting), 503 and 504. These say "try later".
// - Never retried: 400, 401, 404 (the same request fails the same way), 500 (an unexpected failure
//   that repeating is unlikely to fix and may amplify), a 200 whose body breaks the spec, and aborts.
// - 2 retries (3 attempts) with exponential backoff from 500 ms, doubling, capped at 8 s, with
//   "equal jitter" (half fixed, half random) so a fleet of clients does not retry in lockstep.
// - Retry-After (seconds or an HTTP date) replaces the computed delay, capped at 30 s so a hostile or
//   confused server cannot park a caller for an hour.
// - 10 s per attempt: the endpoint only registers a subscription, so a healthy answer takes well
//   under a second; 10 s rides out a slow upstream without hanging a caller's request handler.

import { PresenceAbortError, PresenceError, PresenceTimeoutError } from "./errors.js";

export interface RetryPolicy {
  /**
   * Retries after the first attempt. `0` turns retrying off.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Delay before the first retry; each further retry doubles it.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * Upper bound of a computed backoff delay.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * Upper bound of a wait that a Retry-After header asks for.
   * @default 30000
   */
  maxRetryAfterMs?: number;
}

export interface CallOptions {
  /**
   * Time allowed for one attempt, from sending the request to the last byte of the body.
   * @default 10000
   */
  timeoutMs?: number;
  /** Cancels the call at once, also while waiting to retry. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's retry policy for this call. */
  retry?: RetryPolicy;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY: Required<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
});

/** Statuses that mean "try again later" for this endpoint. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export interface ResolvedPolicy {
  timeoutMs: number;
  retry: Required<RetryPolicy>;
}

export function resolvePolicy(base: { timeoutMs?: number | undefined; retry?: RetryPolicy | undefined }, call?: CallOptions): ResolvedPolicy {
  // Field by field with ??: a field given as `undefined` (plain JavaScript, or a spread of optional
  // values) keeps its default instead of replacing it.
  const pick = <K extends keyof RetryPolicy>(key: K): number => call?.retry?.[key] ?? base.retry?.[key] ?? DEFAULT_RETRY[key];
  return {
    timeoutMs: call?.timeoutMs ?? base.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: {
      maxRetries: pick("maxRetries"),
      initialDelayMs: pick("initialDelayMs"),
      maxDelayMs: pick("maxDelayMs"),
      maxRetryAfterMs: pick("maxRetryAfterMs"),
    },
  };
}

/** The outcome of one attempt, as the client reports it to the policy. */
export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: PresenceError;
      /** Whether the policy may try again. */
      retryable: boolean;
      /** The delay the server asked for (Retry-After), in ms. */
      retryAfterMs?: number | undefined;
    };

export interface AttemptContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** Aborts when the attempt times out or the caller aborts. Pass it to fetch. */
  signal: AbortSignal;
}

/** Abort reasons the attempt's signal carries, so a fetch can tell a timeout from the caller's abort. */
class AttemptTimeout extends Error {}
class CallerAbort extends Error {}

/**
 * Runs `attempt` under the policy: a timeout per attempt, the caller's signal, and bounded retries.
 * Resolves with the last outcome; it never rejects, and never leaves a timer or listener behind.
 * `url` (the redacted request URL, or a function that builds it) is only used in a timeout error.
 */
export async function runWithPolicy<T>(
  attempt: (context: AttemptContext) => Promise<AttemptOutcome<T>>,
  policy: ResolvedPolicy,
  signal: AbortSignal | undefined,
  url: string | (() => string),
): Promise<AttemptOutcome<T>> {
  if (signal?.aborted) {
    return { ok: false, error: new PresenceAbortError({ attempts: 0, during: "before sending" }), retryable: false };
  }
  const maxAttempts = 1 + Math.max(0, Math.floor(policy.retry.maxRetries));
  for (let number = 1; ; number += 1) {
    const outcome = await runAttempt(attempt, number, policy.timeoutMs, signal, url);
    if (outcome.ok || !outcome.retryable || number >= maxAttempts) return outcome;
    const delay = retryDelayMs(number, policy.retry, outcome.retryAfterMs);
    if (!(await sleep(delay, signal))) {
      return { ok: false, error: new PresenceAbortError({ attempts: number, during: "backoff" }), retryable: false };
    }
  }
}

/**
 * One attempt, ended by whichever comes first: the attempt settling, its timeout, or the caller's
 * abort. A timeout or abort aborts the attempt's signal (so a fetch that honours it cancels the
 * request) and settles at once, so a fetch that ignores its signal still cannot hang the caller.
 *
 * Written without Promise.race and without async functions: per attempt it allocates one promise,
 * one AbortController and one timer, and everything is cleared as soon as the attempt ends.
 */
function runAttempt<T>(
  attempt: (context: AttemptContext) => Promise<AttemptOutcome<T>>,
  number: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  url: string | (() => string),
): Promise<AttemptOutcome<T>> {
  return new Promise<AttemptOutcome<T>>((resolve, reject) => {
    const controller = new AbortController();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onCallerAbort = (): void => {
      if (settled) return;
      end();
      controller.abort(new CallerAbort());
      resolve({ ok: false, error: new PresenceAbortError({ attempts: number, during: "request" }), retryable: false });
    };
    const end = (): void => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    };
    if (Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        if (settled) return;
        end();
        controller.abort(new AttemptTimeout());
        resolve({
          ok: false,
          error: new PresenceTimeoutError({ attempts: number, url: typeof url === "function" ? url() : url, timeoutMs }),
          retryable: true,
        });
      }, timeoutMs);
    }
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    let pending: Promise<AttemptOutcome<T>>;
    try {
      // Promise.resolve hands a native promise back as it is; it only wraps a stray non-promise.
      pending = Promise.resolve(attempt({ attempt: number, signal: controller.signal }));
    } catch (error) {
      end();
      reject(error);
      return;
    }
    pending.then(
      (outcome) => {
        if (settled) return;
        end();
        resolve(outcome);
      },
      (error: unknown) => {
        if (settled) return;
        end();
        reject(error);
      },
    );
  });
}

/** The wait before retry number `retry` (1-based), honouring Retry-After when the server sent one. */
export function retryDelayMs(retry: number, policy: Required<RetryPolicy>, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  return exponential / 2 + Math.random() * (exponential / 2);
}

/** Parses Retry-After: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date has a weekday and month names; anything else (e.g. "-1") is unreadable.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`; resolves false at once if `signal` aborts. Leaves no timer or listener behind. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
