// A closed-loop load driver: keeps exactly `concurrency` calls in flight until `total` have been
// sent, and accounts for every call exactly once. It looks for the ways a client can lose calls
// under load — a call that never settles, a call that settles twice — and reports latency and the
// peak resident memory of the process while it ran.
//
// A settled call is either "answered" or "failed". A rejection, a synchronous throw, and a resolved
// error value (presence-client resolves `{ error }`) are all failures: the call was accounted for,
// it just did not succeed. Only calls still pending when the time limit ends are "unresolved".

export interface LoadOptions {
  /** Starts one call. Called `total` times at most. */
  subscribe: () => PromiseLike<unknown> | unknown;
  /** How many calls to send in all. */
  total: number;
  /** How many calls to keep in flight at once. */
  concurrency: number;
  /** The run stops after this long: nothing new is sent and pending calls count as unresolved. */
  timeLimitMs: number;
  /**
   * Decides whether a resolved value is a failure.
   * @default a value that is an object with an `error` property other than undefined
   */
  isFailure?: (value: unknown) => boolean;
  /**
   * How often to sample `process.memoryUsage.rss()` while the run lasts (it is also sampled at the
   * start, the end and every 64 settlements).
   * @default 5
   */
  rssSampleEveryMs?: number;
}

export interface LoadResult {
  /** Calls started. */
  sent: number;
  /** Calls that settled with a success value. */
  answered: number;
  /** Calls that settled with an error value, rejected, or threw. */
  failed: number;
  /** Calls that had not settled when the time limit ended. */
  unresolved: number;
  /** Calls whose promise (or thenable) reported a second settlement; each call counts once. */
  resolvedTwice: number;
  /** Median time from sending to settling, over settled calls (ms). NaN when none settled. */
  p50Ms: number;
  /** 99th percentile of the same (nearest rank, ms). NaN when none settled. */
  p99Ms: number;
  /** The highest `process.memoryUsage.rss()` sampled during the run. */
  peakRssBytes: number;
  /** From the first call to the end of the run (ms). */
  wallMs: number;
  /** The most calls seen in flight at once: `min(concurrency, total)` in a healthy run. */
  maxInFlight: number;
  /** Whether the time limit ended the run. */
  timedOut: boolean;
}

/** The default failure test: `{ error }` with an error set, as presence-client and openapi-fetch resolve. */
export function isErrorValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && "error" in value && (value as { error?: unknown }).error !== undefined;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`runLoad: ${name} must be an integer >= ${min}, got ${String(value)}`);
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { subscribe, total, concurrency, timeLimitMs } = options;
  if (typeof subscribe !== "function") throw new TypeError("runLoad: subscribe must be a function");
  checkCount("total", total, 0);
  checkCount("concurrency", concurrency, 1);
  if (!(timeLimitMs > 0)) throw new RangeError(`runLoad: timeLimitMs must be > 0, got ${String(timeLimitMs)}`);
  const isFailure = options.isFailure ?? isErrorValue;
  const sampleEvery = options.rssSampleEveryMs ?? 5;

  let sent = 0;
  let answered = 0;
  let failed = 0;
  let resolvedTwice = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let finished = false;
  let timedOut = false;
  const latencies = new Float64Array(total);
  let settledCount = 0;
  let peakRss = process.memoryUsage.rss();
  const sampleRss = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  };

  return new Promise<LoadResult>((resolveRun) => {
    const started = performance.now();
    const sampler = setInterval(sampleRss, sampleEvery);
    const deadline = setTimeout(() => {
      timedOut = true;
      finish();
    }, timeLimitMs);

    function finish(): void {
      if (finished) return;
      finished = true;
      clearInterval(sampler);
      clearTimeout(deadline);
      sampleRss();
      const wallMs = performance.now() - started;
      const sorted = latencies.slice(0, settledCount).sort();
      const result = (): LoadResult => ({
        sent,
        answered,
        failed,
        unresolved: sent - answered - failed,
        resolvedTwice,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        peakRssBytes: peakRss,
        wallMs,
        maxInFlight,
        timedOut,
      });
      // One more turn of the event loop, so a thenable that settles twice in a row is caught.
      setImmediate(() => resolveRun(result()));
    }

    // Tops the window up to `concurrency`. A call that settles synchronously re-enters here through
    // its settlement; the flag turns that into another turn of the outer loop instead of recursion.
    let pumping = false;
    function pump(): void {
      if (pumping) return;
      pumping = true;
      try {
        while (!finished && sent < total && inFlight < concurrency) startOne();
      } finally {
        pumping = false;
      }
      if (!finished && sent === total && inFlight === 0) finish();
    }

    function startOne(): void {
      sent += 1;
      inFlight += 1;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
      const at = performance.now();
      let settled = false;
      const settle = (failure: boolean): void => {
        if (settled) {
          resolvedTwice += 1;
          return;
        }
        settled = true;
        // After the time limit the run is over: a late settlement stays "unresolved".
        if (finished) return;
        inFlight -= 1;
        latencies[settledCount] = performance.now() - at;
        settledCount += 1;
        if (failure) failed += 1;
        else answered += 1;
        if ((settledCount & 63) === 0) sampleRss();
        pump();
      };
      let value: unknown;
      try {
        value = subscribe();
      } catch {
        settle(true);
        return;
      }
      if (value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as PromiseLike<unknown>).then === "function") {
        try {
          (value as PromiseLike<unknown>).then(
            (resolved) => settle(isFailure(resolved)),
            () => settle(true),
          );
        } catch {
          settle(true);
        }
      } else {
        settle(isFailure(value));
      }
    }

    // Fill the window; each settlement then starts the next call, so exactly `concurrency` stay in flight.
    pump();
  });
}
