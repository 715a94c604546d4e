// What the CLI tells the person at the terminal: a progress line on stderr, redrawn in place while
// the batch runs (only when stderr is a terminal), and one summary line at the end (always).

/** The run's counts so far. */
export class Tally {
  subscribed = 0;
  failed = 0;
  skipped = 0;
  /** Failures by kind ("invalid", "HTTP 404", "timeout"...), in the order first seen. */
  readonly failures = new Map<string, number>();
  readonly startedAt = performance.now();

  add(failure: string | undefined): void {
    if (failure === undefined) {
      this.subscribed += 1;
      return;
    }
    this.failed += 1;
    this.failures.set(failure, (this.failures.get(failure) ?? 0) + 1);
  }

  get results(): number {
    return this.subscribed + this.failed;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }
}

const CLEAR_LINE = "\r\x1b[2K";
const REDRAW_EVERY_MS = 200;

/** The line `1,234/10,000 12% · 245/s · 3 failed · ETA 36 s`, kept at the bottom of the terminal. */
export class ProgressLine {
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  private pausedUntil: number | undefined;
  private stopping = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly tally: Tally,
    private readonly total: () => number | undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), REDRAW_EVERY_MS);
    this.timer.unref();
    this.draw();
  }

  paused(until: number | undefined): void {
    this.pausedUntil = until;
    this.draw();
  }

  /** Shown after the first Ctrl-C, until the requests in flight have been cancelled. */
  interrupted(): void {
    this.stopping = true;
    this.draw();
  }

  /** Takes the line off the screen (before other output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write(CLEAR_LINE);
    this.shown = false;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  draw(): void {
    if (this.timer === undefined) return;
    this.stream.write(`${CLEAR_LINE}${this.text()}`);
    this.shown = true;
  }

  private text(): string {
    const { tally } = this;
    const seconds = tally.elapsedMs() / 1000;
    const rate = seconds > 0 ? tally.results / seconds : 0;
    const done = tally.results + tally.skipped;
    const total = this.total();
    const parts: string[] = [];
    if (total === undefined) parts.push(`${count(done)} done`);
    else parts.push(`${count(done)}/${count(total)} ${total > 0 ? Math.floor((100 * done) / total) : 100}%`);
    parts.push(`${count(Math.round(rate))}/s`);
    parts.push(`${count(tally.failed)} failed`);
    if (total !== undefined && rate > 0 && done < total) parts.push(`ETA ${duration(((total - done) / rate) * 1000)}`);
    const pause = this.pausedUntil === undefined ? 0 : this.pausedUntil - Date.now();
    if (pause > 0) parts.push(`paused ${Math.ceil(pause / 1000)} s (Retry-After)`);
    if (this.stopping) parts.push("stopping (Ctrl-C again to quit at once)");
    return parts.join(" · ");
  }
}

/**
 * `wawp-presence: 998 subscribed, 2 failed (1 invalid, 1 HTTP 404), 10 skipped, in 12.3 s`; for a
 * batch stopped early, why first and the ids cancelled in flight last.
 */
export function summaryLine(tally: Tally, stopped: { why: string; cancelled: number } | undefined): string {
  const failures = [...tally.failures].map(([kind, n]) => `${count(n)} ${kind}`).join(", ");
  const parts = [`${count(tally.subscribed)} subscribed`, `${count(tally.failed)} failed${failures ? ` (${failures})` : ""}`, `${count(tally.skipped)} skipped`];
  if (stopped !== undefined) parts.push(`${count(stopped.cancelled)} cancelled`);
  return `wawp-presence: ${stopped === undefined ? "" : `${stopped.why}: `}${parts.join(", ")}, in ${duration(tally.elapsedMs())}`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")} min`;
}
