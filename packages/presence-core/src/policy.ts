// The timeout, retry and cancellation policy, written once for both clients.
//
// Why these defaults (also in the README):
// - A request is repeated only when repeating it is safe: the spec marks an operation idempotent
//   (`x-idempotent`, or an idempotent HTTP method). Subscribing is: twice leaves one subscription.
// - 429 and 503 say "not now": the server did not act, so they are retried for every operation.
//   502 and 504, timeouts and connection failures may come after the server acted, so they are
//   retried for idempotent operations only (a connection that was refused never reached it).
// - Never retried: 400, 401, 403, 404, 409, 422 (the same request fails the same way), 500 (an
//   unexpected failure that repeating is unlikely to fix and may amplify), a 2xx the client rejects,
//   and aborts.
// - 2 retries (3 attempts), backoff from 500 ms doubling to at most 8 s with "equal jitter" (half
//   fixed, half random), so a fleet of clients does not retry in lockstep.
// - Retry-After (seconds or an HTTP date) replaces the computed delay, capped at 30 s, so a hostile
//   or confused server cannot park a caller for an hour.
// - In a batch (subscribeMany), a 429 or 503 with Retry-After pauses every call of the batch, not
//   only the one that got it: the server limits the client, so the others must not keep sending.
// - 10 s per attempt, from sending to the last byte of the body: a healthy answer takes well under a
//   second; 10 s rides out a slow upstream without hanging a caller's request handler.

import { PresenceAbortError, PresenceTimeoutError, PresenceValidationError, type PresenceError } from "./errors.js";
import { isRecord } from "./is-record.js";

export interface RetryPolicy {
  /**
   * Retries after the first attempt. `0` turns retrying off.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Delay before the first retry; each further retry doubles it.
   * @default 500
   */
  initialDelayMs?: number | undefined;
  /**
   * Upper bound of a computed backoff delay.
   * @default 8000
   */
  maxDelayMs?: number | undefined;
  /**
   * Upper bound of a wait that a Retry-After header asks for.
   * @default 30000
   */
  maxRetryAfterMs?: number | undefined;
}

/** The policy settings a client or a single call may set. */
export interface PolicyOptions {
  /**
   * Time allowed for one attempt, from sending the request to the last byte of the body, in ms.
   * @default 10000
   */
  timeoutMs?: number | undefined;
  /** Retry policy; `{ maxRetries: 0 }` turns retries off. */
  retry?: RetryPolicy | undefined;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** A retry policy with every field set. */
export type ResolvedRetry = { readonly [K in keyof RetryPolicy]-?: number };

export const DEFAULT_RETRY: ResolvedRetry = Object.freeze({
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
});

/**
 * Statuses that say the server did not act ("not now"): retried for every operation. With a
 * Retry-After they also pause every call of a batch (see SharedPause).
 */
const RETRIED_ALWAYS: ReadonlySet<number> = new Set([429, 503]);
/** Statuses that may follow an effect upstream: retried for idempotent operations only. */
const RETRIED_IF_IDEMPOTENT: ReadonlySet<number> = new Set([502, 504]);
/** Connection failures that happen before a request reaches any server. */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return RETRIED_ALWAYS.has(status) || (idempotent && RETRIED_IF_IDEMPOTENT.has(status));
}

export function isRetryableFailure(code: string | undefined, idempotent: boolean): boolean {
  return idempotent || (code !== undefined && NEVER_SENT_CODES.has(code));
}

export interface ResolvedPolicy {
  timeoutMs: number;
  retry: ResolvedRetry;
}

/** The longest delay a timer takes; a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Checks the timeout and retry numbers of a client or a call, so a bad one fails with a message
 * instead of turning into a timer that fires at once or a retry loop without end. Undefined fields
 * keep their defaults.
 */
export function checkPolicyNumbers(options: { timeoutMs?: unknown; retry?: unknown }): void {
  checkNumber("timeoutMs", options.timeoutMs, 1, MAX_TIMER_MS, false, "milliseconds from 1 to 2147483647 (about 24.8 days)");
  const retry = options.retry;
  if (retry === undefined) return;
  if (!isRecord(retry)) {
    throw new PresenceValidationError({ field: "retry", problem: "is not an object", expected: "an object such as { maxRetries: 2 }" });
  }
  checkNumber("retry.maxRetries", retry["maxRetries"], 0, 100, true, "a whole number from 0 (no retries) to 100");
  for (const key of ["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"]) {
    checkNumber(`retry.${key}`, retry[key], 0, MAX_TIMER_MS, false, "milliseconds from 0 to 2147483647");
  }
}

export function checkNumber(field: string, value: unknown, min: number, max: number, whole: boolean, expected: string): void {
  if (value === undefined) return;
  const received = typeof value === "string" ? value : String(value);
  if (typeof value !== "number" || Number.isNaN(value)) {
    // A number in a string is most often an environment variable passed on as it is.
    const convert = typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? "; convert it with Number()" : "";
    throw new PresenceValidationError({ field, problem: `must be a number, got ${value === null ? "null" : typeof value}${convert}`, expected, received });
  }
  if (whole && !Number.isInteger(value)) throw new PresenceValidationError({ field, problem: "must be a whole number", expected, received });
  if (!(value >= min && value <= max)) throw new PresenceValidationError({ field, problem: "is out of range", expected, received });
}

export function resolvePolicy(base: PolicyOptions, call?: PolicyOptions): ResolvedPolicy {
  // Field by field with ??: a field given as `undefined` (plain JavaScript, or a spread of optional
  // values) keeps its default instead of replacing it.
  const pick = (key: keyof RetryPolicy): number => call?.retry?.[key] ?? base.retry?.[key] ?? DEFAULT_RETRY[key];
  return {
    timeoutMs: call?.timeoutMs ?? base.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { maxRetries: pick("maxRetries"), initialDelayMs: pick("initialDelayMs"), maxDelayMs: pick("maxDelayMs"), maxRetryAfterMs: pick("maxRetryAfterMs") },
  };
}

/** The outcome of one attempt, as the client reports it to the policy. */
export type AttemptOutcome<T> =
  | { ok: true; value: T; response: Response }
  | {
      ok: false;
      error: PresenceError;
      /** The response, when the server answered. */
      response?: Response | undefined;
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

export interface PolicyRun {
  policy: ResolvedPolicy;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Whether a timed-out attempt may be sent again. */
  idempotent: boolean;
  /** The redacted request URL, for a timeout error. */
  url: () => string;
  /** The pause shared by the calls of a batch (subscribeMany); absent for a single call. */
  pause?: SharedPause | undefined;
}

/**
 * A wait shared by the calls of a batch. A 429 or 503 with Retry-After asks the client, not one
 * request, to hold off: so a batch's calls wait it out together instead of each backing off alone
 * while the others keep sending. It changes when an attempt may start, never how many there are:
 * the call that got the answer still spends one of its retries, and its wait is the shared one.
 * Other retryable failures (502, 504, timeouts, connection failures, a 429 without Retry-After)
 * concern one request and keep their own backoff.
 */
export interface SharedPause {
  /** Resolves true once attempts may start again (at once when no pause runs); false if `signal` aborts first. */
  wait(signal: AbortSignal | undefined): Promise<boolean>;
  /** Holds every call off for `ms` from now; a pause already running that ends later is kept. */
  extend(ms: number): void;
}

/**
 * Runs `attempt` under the policy: a timeout per attempt, the caller's signal, and bounded retries.
 * Resolves with the last outcome; never rejects for a failure of the request, and leaves no timer or
 * listener behind.
 */
export async function runWithPolicy<T>(attempt: (context: AttemptContext) => Promise<AttemptOutcome<T>>, run: PolicyRun): Promise<AttemptOutcome<T>> {
  const { policy, signal, pause } = run;
  const maxAttempts = 1 + policy.retry.maxRetries;
  for (let number = 1; ; number += 1) {
    // Checked again after the pause's wait: the caller may abort in the very turn it ends, and an
    // attempt's signal derived from an aborted one never fires its abort event.
    if ((pause && !(await pause.wait(signal))) || signal?.aborted) return aborted(number - 1, number === 1 ? "before sending" : "backoff", signal);
    const outcome = await runAttempt(attempt, number, run);
    if (outcome.ok) return outcome;
    // The server asked everyone to wait: the batch pauses, even when this call has no retry left.
    const shared = pause !== undefined && asksEveryoneToWait(outcome);
    if (shared) pause.extend(retryDelayMs(number, policy.retry, outcome.retryAfterMs));
    if (!outcome.retryable || number >= maxAttempts) return outcome;
    // A shared pause is waited out at the top of the loop, together with the rest of the batch.
    if (!shared && !(await sleep(retryDelayMs(number, policy.retry, outcome.retryAfterMs), signal))) return aborted(number, "backoff", signal);
  }
}

/** A "not now" status (429, 503) that came with a Retry-After: a limit on the client, not on this request. */
function asksEveryoneToWait(outcome: Extract<AttemptOutcome<unknown>, { ok: false }>): boolean {
  return outcome.retryAfterMs !== undefined && outcome.response !== undefined && RETRIED_ALWAYS.has(outcome.response.status);
}

function aborted(attempts: number, during: "request" | "backoff" | "before sending", signal: AbortSignal | undefined): AttemptOutcome<never> {
  return { ok: false, error: new PresenceAbortError({ attempts, during, cause: signal?.reason }), retryable: false };
}

/**
 * One attempt, ended by whichever comes first: the attempt settling, its timeout, or the caller's
 * abort. Either of the last two aborts the attempt's signal (so fetch cancels the request) and ends
 * the attempt at once, so a fetch that ignores its signal still cannot hang the caller.
 *
 * The attempt's signal is derived with `AbortSignal.any`, which puts no listener on the caller's
 * signal: one signal shared by many calls does not trip Node's MaxListenersExceededWarning.
 */
async function runAttempt<T>(attempt: (context: AttemptContext) => Promise<AttemptOutcome<T>>, number: number, run: PolicyRun): Promise<AttemptOutcome<T>> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), run.policy.timeoutMs);
  const signal = run.signal ? AbortSignal.any([run.signal, timeout.signal]) : timeout.signal;
  let onAbort: (() => void) | undefined;
  const ended = new Promise<AttemptOutcome<T>>((resolve) => {
    onAbort = () => {
      if (run.signal?.aborted) resolve(aborted(number, "request", run.signal));
      else {
        const error = new PresenceTimeoutError({ attempts: number, url: run.url(), timeoutMs: run.policy.timeoutMs });
        resolve({ ok: false, error, retryable: run.idempotent });
      }
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([attempt({ attempt: number, signal }), ended]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

/** The wait before retry number `retry` (1-based), honouring Retry-After when the server sent one. */
export function retryDelayMs(retry: number, policy: ResolvedRetry, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  return exponential / 2 + Math.random() * (exponential / 2);
}

/** Parses Retry-After: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date has a weekday and month names; anything else (e.g. "-1") is unreadable.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`; resolves false at once if `signal` aborts. Leaves no timer or listener behind. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  // A derived signal, so the listener is not added to the caller's signal (see runAttempt).
  const derived = signal ? AbortSignal.any([signal]) : undefined;
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      derived?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    derived?.addEventListener("abort", onAbort, { once: true });
  });
}
