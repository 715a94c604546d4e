// subscribeMany: subscribe a whole contact list, written once for both clients. Ids are read lazily
// from an array or an (async) iterable, at most `concurrency` calls run at once, each under the
// usual per-call policy, and the results come back in order of completion: one per id taken.
//
// Memory stays flat whatever the input's length: an id is taken from the input only when a slot is
// free, and a slot stays held until its result has been handed to the caller. So at most
// `concurrency` ids are ever taken and not yet handed back, and a caller that stops reading stops
// the sending too.
//
// The calls of a batch share one pause (policy.ts, SharedPause): a 429 or 503 with Retry-After
// holds every call off until it has passed, not only the one that got it.

import { PresenceAbortError, PresenceValidationError, type PresenceError } from "./errors.js";
import type { RunOperation } from "./operation-flow.js";
import { checkKnownKeys } from "./option-keys.js";
import { CALL_KEYS, checkCallOptions, type CallOptions } from "./options.js";
import { checkNumber, sleep, type SharedPause } from "./policy.js";
import { isRecord } from "./is-record.js";

/**
 * Calls in flight at once when the caller does not say.
 *
 * The vendor documents no rate limit. Each instance is one WhatsApp session behind WAWP, and what
 * that session tolerates is not published either, so the default is modest: 8 in flight hide the
 * network's latency (at 200 ms a round trip, 40 subscriptions a second, a thousand contacts in
 * 25 s), and the shared pause answers a 429 for the whole batch. Raise it once you have measured
 * your own instance: the client itself keeps up to 128 and more (the bulk benchmark in the
 * project's repository).
 */
export const DEFAULT_CONCURRENCY = 8;
/** The most calls a batch may run at once. */
export const MAX_CONCURRENCY = 1024;

/** The ids to subscribe: an array, or any iterable or async iterable of strings (read lazily). */
export type ChatIdSource = Iterable<string> | AsyncIterable<string>;

/** Where a batch stands; handed to `onProgress` before each result is yielded, and when a shared pause starts. */
export interface BulkProgress {
  /** How many ids there are, when the input is an array; undefined for an iterable. */
  total: number | undefined;
  /** Ids taken from the input so far. */
  started: number;
  /** Results yielded so far (`succeeded + failed`). */
  done: number;
  succeeded: number;
  failed: number;
  /** Calls running now (sending, or waiting to retry). */
  inFlight: number;
  /**
   * While every call waits out a Retry-After: when sending resumes, in whole ms since the epoch (the
   * same value for every report of one pause); undefined when nothing waits.
   */
  pausedUntil: number | undefined;
}

export interface SubscribeManyOptions extends CallOptions {
  /**
   * Calls in flight at once, from 1 to 1024.
   * @default 8 (see DEFAULT_CONCURRENCY for why)
   */
  concurrency?: number | undefined;
  /**
   * Called with the batch's counts before each result is yielded, and when a shared pause starts.
   * An exception thrown here ends the batch: the iterator stops its calls and rethrows it.
   */
  onProgress?: ((progress: BulkProgress) => void) | undefined;
  /**
   * Stops the batch: no further id is taken, the calls in flight are cancelled, and the iterator
   * ends after yielding the results that had finished. Ids in flight at that moment yield nothing.
   */
  signal?: AbortSignal | undefined;
}

/** One id's result: exactly one of `data` and `error` is set. `chatId` is the id as it was given. */
export type BulkResult<Data, Failure> = { chatId: string; data: Data; error?: undefined } | { chatId: string; data?: undefined; error: Failure };

const MANY_KEYS = [...CALL_KEYS, "concurrency", "onProgress"] as const;

/**
 * Runs `operationId` once per id with `{ chatId: id }` as its params, and yields the results in
 * order of completion. Bad options or an input that is not iterable throw a
 * `PresenceValidationError` at once; an invalid id is a result (a validation error), and nothing
 * is sent for it. The iterator throws only if the input itself throws (after yielding the results
 * of the ids already taken) or if `onProgress` does.
 *
 * Breaking out of a `for await` early, like the signal, cancels the calls in flight; either way,
 * when the iterator has ended, no call of the batch is left running.
 */
export function subscribeMany<Data, Failure extends PresenceError>(
  run: RunOperation,
  operationId: string,
  chatIds: ChatIdSource,
  options?: SubscribeManyOptions,
): AsyncGenerator<BulkResult<Data, Failure>, void, undefined> {
  const checked = checkManyOptions(options);
  const input = openInput(chatIds);
  return runBatch<Data, Failure>(run, operationId, input, checked);
}

interface CheckedManyOptions {
  concurrency: number;
  onProgress: ((progress: BulkProgress) => void) | undefined;
  signal: AbortSignal | undefined;
  call: CallOptions;
}

function checkManyOptions(options: unknown): CheckedManyOptions {
  if (options === undefined) return { concurrency: DEFAULT_CONCURRENCY, onProgress: undefined, signal: undefined, call: {} };
  if (!isRecord(options)) {
    throw new PresenceValidationError({ field: "options", problem: "is not an object", expected: "an object such as { concurrency: 8, signal }" });
  }
  checkKnownKeys("subscribeMany option", options, MANY_KEYS);
  const { concurrency = DEFAULT_CONCURRENCY, onProgress, ...call } = options;
  checkNumber("concurrency", concurrency, 1, MAX_CONCURRENCY, true, `a whole number from 1 to ${MAX_CONCURRENCY}`);
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new PresenceValidationError({ field: "onProgress", problem: `must be a function, got ${typeof onProgress}`, expected: "a function that takes the batch's progress" });
  }
  const checkedCall = checkCallOptions(call);
  return { concurrency: concurrency as number, onProgress: onProgress as CheckedManyOptions["onProgress"], signal: checkedCall.signal, call: checkedCall };
}

/** The input, read one id at a time: synchronously for an iterable, by promise for an async one. */
type Input = { total: number | undefined; close(): unknown } & (
  | { async: false; next(): IteratorResult<unknown> }
  | { async: true; next(): Promise<IteratorResult<unknown>> }
);

function openInput(chatIds: unknown): Input {
  const expected = "an array of chatIds, or an iterable or async iterable of them";
  if (typeof chatIds === "string") throw new PresenceValidationError({ field: "chatIds", problem: "is a single string", expected: `${expected}: [chatId] for one` });
  const source = chatIds as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null | undefined;
  const openAsync = source?.[Symbol.asyncIterator];
  if (typeof openAsync === "function") {
    const iterator = openAsync.call(source);
    // Promise.resolve: an async iterator may hand back any thenable.
    return { async: true, total: undefined, next: () => Promise.resolve(iterator.next()), close: () => iterator.return?.() };
  }
  const openSync = source?.[Symbol.iterator];
  if (typeof openSync === "function") {
    const iterator = openSync.call(source);
    return { async: false, total: Array.isArray(source) ? source.length : undefined, next: () => iterator.next(), close: () => iterator.return?.() };
  }
  throw new PresenceValidationError({ field: "chatIds", problem: `is not iterable (got ${chatIds === null ? "null" : typeof chatIds})`, expected });
}

/** The pause the calls of one batch share; `onStart` hears of each pause that starts or grows. */
function createSharedPause(onStart: () => void): SharedPause & { until(): number | undefined } {
  // performance.now() is monotonic: a clock change neither ends nor stretches a pause. The end in
  // epoch ms is fixed when the pause is set, so every report of one pause gives the same time.
  let until = 0;
  let endsAt = 0;
  const open = Promise.resolve(true);
  const waitOut = async (signal: AbortSignal | undefined): Promise<boolean> => {
    // A timer may fire a little early, and the pause may grow meanwhile: check again after each.
    for (let left = until - performance.now(); left > 0; left = until - performance.now()) {
      if (!(await sleep(left, signal))) return false;
    }
    return true;
  };
  return {
    wait: (signal) => (performance.now() >= until ? open : waitOut(signal)),
    extend(ms) {
      const end = performance.now() + ms;
      if (!(ms > 0) || end <= until) return;
      until = end;
      endsAt = Math.ceil(Date.now() + ms);
      onStart();
    },
    until: () => (performance.now() < until ? endsAt : undefined),
  };
}

async function* runBatch<Data, Failure extends PresenceError>(
  run: RunOperation,
  operationId: string,
  input: Input,
  { concurrency, onProgress, signal, call }: CheckedManyOptions,
): AsyncGenerator<BulkResult<Data, Failure>, void, undefined> {
  // Each call gets a signal of its own, aborted with the batch: a long-lived signal shared by a
  // million calls would collect a dependant per attempt's AbortSignal.any (Node 20 keeps them).
  const running = new Set<AbortController>();
  let ended = false;
  const cancelAll = (reason?: unknown): void => {
    for (const controller of running) controller.abort(reason);
  };

  const ready: Array<BulkResult<Data, Failure>> = [];
  /** Ids taken whose result has not been yielded (or dropped) yet: at most `concurrency`. */
  let held = 0;
  let inFlight = 0;
  let started = 0;
  let succeeded = 0;
  let failed = 0;
  let pulling = false;
  let inputDone = false;
  /** Why the batch must end in a throw: the input threw, or a call rejected (a bug in a client). */
  let failure: { error: unknown } | undefined;
  let progressDue = false;

  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const sleepUntilNotified = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  const pause = createSharedPause(() => {
    progressDue = true;
    notify();
  });
  const batch = { pause };

  const stopped = (): boolean => ended || signal?.aborted === true || failure !== undefined;
  const settle = (chatId: string, outcome: Awaited<ReturnType<RunOperation>>): void => {
    if (outcome.ok) ready.push({ chatId, data: outcome.value as Data });
    // A call cut short by the batch's end did not finish: it yields nothing.
    else if (stopped() && outcome.error instanceof PresenceAbortError) held -= 1;
    else ready.push({ chatId, error: outcome.error as Failure });
  };
  const start = (chatId: unknown): void => {
    started += 1;
    inFlight += 1;
    const id = chatId as string;
    const controller = new AbortController();
    running.add(controller);
    run(operationId, { chatId: id }, { ...call, signal: controller.signal }, batch)
      .then(
        (outcome) => settle(id, outcome),
        (error: unknown) => {
          // Only a bug in a client rejects (every failure of a call is an outcome): end the batch.
          held -= 1;
          failure ??= { error };
          cancelAll();
        },
      )
      .finally(() => {
        running.delete(controller);
        inFlight -= 1;
        notify();
      });
  };

  /** Takes ids while a slot is free. One read of an async input at a time. */
  const pump = (): void => {
    while (!pulling && !inputDone && !stopped() && held < concurrency) {
      held += 1;
      if (!input.async) {
        if (!take(() => input.next())) return;
        continue;
      }
      pulling = true;
      input.next().then(
        (step) => {
          pulling = false;
          if (take(() => step)) pump();
          notify();
        },
        (error: unknown) => {
          pulling = false;
          held -= 1;
          inputFailed(error);
        },
      );
    }
  };
  /** Starts the id of one step of the input; false when the input failed. */
  const take = (read: () => IteratorResult<unknown>): boolean => {
    let step: IteratorResult<unknown>;
    try {
      step = read();
      if (step === null || typeof step !== "object") throw new TypeError(`the chatIds iterator returned ${String(step)} instead of a { value, done } result`);
    } catch (error) {
      held -= 1;
      inputFailed(error);
      return false;
    }
    // An id that arrives after the batch stopped is not started.
    if (step.done || stopped()) {
      held -= 1;
      if (step.done) inputDone = true;
      return true;
    }
    start(step.value);
    return true;
  };
  const inputFailed = (error: unknown): void => {
    inputDone = true;
    failure ??= { error };
    notify();
  };

  const progress = (): BulkProgress => ({
    total: input.total,
    started,
    done: succeeded + failed,
    succeeded,
    failed,
    inFlight,
    // A pause that outlasts the batch holds nothing back.
    pausedUntil: inFlight > 0 || !inputDone ? pause.until() : undefined,
  });

  const onAbort = (): void => {
    cancelAll(signal?.reason);
    notify();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    pump();
    for (;;) {
      const result = ready.shift();
      if (result) {
        if (result.error) failed += 1;
        else succeeded += 1;
        onProgress?.(progress());
        yield result;
        held -= 1;
        pump();
        continue;
      }
      if (progressDue) {
        progressDue = false;
        onProgress?.(progress());
        continue;
      }
      if (inFlight === 0 && (inputDone || stopped())) break;
      await sleepUntilNotified();
    }
    if (failure) throw failure.error;
  } finally {
    ended = true;
    cancelAll();
    signal?.removeEventListener("abort", onAbort);
    // The calls just cancelled settle within a few ticks; the batch ends only when they have.
    while (inFlight > 0) await sleepUntilNotified();
    // An input cut short is asked to close (a file, a stream). If a read is still pending, an
    // async generator would only close after it, which may be never (a terminal): do not wait.
    if (!inputDone) {
      const closing = (async () => input.close())();
      if (pulling) closing.catch(() => undefined);
      else await closing.catch(() => undefined);
    }
  }
}
