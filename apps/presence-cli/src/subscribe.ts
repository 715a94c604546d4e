// `wawp-presence subscribe`: subscribes every id given as an argument or read from --from-file,
// through the chosen client's subscribeMany. stdout gets one result line per id, in order of
// completion, each written whole; stderr gets the progress line (on a terminal) and the summary.
import { once } from "node:events";
import { parseSubscribe, UsageError } from "./args.js";
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, type CliIo, type Output } from "./command.js";
import { countIds, idsToSend, openInputs, readResume, type Counters } from "./input.js";
import { ProgressLine, summaryLine, Tally } from "./progress.js";
import { createSubscriber, type Outcome, type Subscriber } from "./subscriber.js";

export async function run(args: string[], io: CliIo): Promise<number> {
  const command = parseSubscribe(args, io.env);
  const say = (line: string): void => void io.stderr.write(`${io.scrub(line)}\n`);

  let subscriber: Subscriber;
  try {
    subscriber = await createSubscriber(command.client, command);
  } catch (error) {
    // A client refusing its options (empty credentials, a bad base URL) is bad usage too.
    throw new UsageError((error as Error).message);
  }
  // Ids given as arguments are checked before the first request: invalid ones send nothing. Ids
  // from a file are data, read as they come: an invalid one is a failed result.
  const invalid: string[] = [];
  for (const chatId of command.chatIds) {
    try {
      subscriber.check(chatId);
    } catch (error) {
      invalid.push((error as Error).message);
    }
  }
  if (invalid.length > 0) {
    for (const message of invalid) say(`wawp-presence: ${message}`);
    say("wawp-presence: nothing was sent.");
    return EXIT_USAGE;
  }

  const interrupt = new Interrupt(io.stdout);
  try {
    const inputs = await openInputs(command.fromFiles, io.stdin);
    const skip = command.resume === undefined ? undefined : await readResume(command.resume, interrupt.signal);
    const stdoutFd = (io.stdout as { fd?: unknown }).fd;
    const appending = typeof stdoutFd === "number" && skip !== undefined && skip.isFile(stdoutFd);
    if (appending && !command.json) {
      for (const input of inputs) input.discard();
      throw new UsageError(`--resume ${command.resume} is also where the results go, but without --json they would be written as text the next --resume cannot read; add --json`);
    }
    if (skip && skip.unreadable > 0) say(`wawp-presence: --resume ${command.resume}: ignored ${skip.unreadable} line(s) that are not --json results`);
    // Appending to a file whose last line an earlier run left cut off (killed mid-write): start on a
    // line of our own, or the first result would be glued to the broken one.
    if (appending && skip.endsMidLine()) io.stdout.write("\n");

    const tally = new Tally();
    let total: number | undefined;
    const progress = io.stderr.isTTY ? new ProgressLine(io.stderr, tally, () => total) : undefined;
    interrupt.onFirst = () => progress?.interrupted();
    interrupt.onSecond = () => progress?.stop();
    progress?.start();
    // Counted in the background: the batch starts at once, and the line shows a total when known.
    if (progress) {
      void countIds(inputs, interrupt.signal).then(
        (lines) => (total = lines === undefined ? undefined : command.chatIds.length + lines),
        () => undefined,
      );
    }

    const counters: Counters = { taken: 0, skipped: 0 };
    const ids = idsToSend(command.chatIds, inputs, skip ? (chatId) => skip.has(subscriber.normalize(chatId) ?? chatId) : () => false, interrupt.signal, counters);
    const writer = new LineWriter(io.stdout, io.stdout.isTTY && progress ? progress : undefined);
    let inputError: unknown;
    try {
      const outcomes = subscriber.subscribeMany(ids, { concurrency: command.concurrency, signal: interrupt.signal, onPause: (until) => progress?.paused(until) });
      for await (const outcome of outcomes) {
        tally.add(outcome.failure);
        writer.write(io.scrub(resultLine(outcome, command.json)));
        await writer.ready(interrupt);
      }
    } catch (error) {
      inputError = error;
    }
    tally.skipped = counters.skipped;
    writer.flush();
    progress?.stop();

    // The reader going away (`| head`) is how a pipeline ends early, not an error worth a line.
    const readerLeft = writer.error === "EPIPE";
    if (writer.error && !readerLeft) say(`wawp-presence: could not write the results (${writer.error}); stopped.`);
    if (inputs.length > 0 && counters.taken + counters.skipped === 0 && inputError === undefined && !interrupt.signal.aborted) {
      say(`wawp-presence: no chatIds in ${inputs.map((input) => input.name).join(", ")}: nothing to do`);
    }
    const stopped = !interrupt.signal.aborted ? undefined : writer.error ? (readerLeft ? "stopped, stdout was closed" : "stopped") : "interrupted";
    say(summaryLine(tally, stopped === undefined ? undefined : { why: stopped, cancelled: counters.taken - tally.results }));
    if (writer.error) return EXIT_FAILURE;
    if (inputError !== undefined) {
      say(`wawp-presence: reading the ids failed: ${inputError instanceof Error ? inputError.message : String(inputError)}`);
      return EXIT_FAILURE;
    }
    if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
    return tally.failed > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    interrupt.dispose();
  }
}

function resultLine(outcome: Outcome, json: boolean): string {
  const { chatId, ok, status, message } = outcome;
  if (json) return JSON.stringify({ chatId, ok, status, message });
  return printable(ok ? `✓ ${chatId}: subscribed (${status}) ${message}` : `✗ ${chatId}: ${message}`);
}

/**
 * A text line with its control characters (C0, DEL, C1, line and paragraph separators, bidi
 * overrides) written as \u escapes: an id file is data, and must not move the cursor, retitle the
 * terminal or reorder what is shown.
 */
function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** How long a second Ctrl-C lets a reader that is still reading take the line being written. */
const LAST_LINE_GRACE_MS = 250;

/**
 * Ctrl-C: the first stops the batch (no new id is sent, the requests in flight are cancelled, the
 * results that finished are written, however slow the reader); the second exits at once. A reader
 * still reading gets a moment to take the line being written; one that is stuck does not hold the
 * exit, and results not yet written are then left out (--resume sends them again).
 */
class Interrupt {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  onFirst: (() => void) | undefined;
  onSecond: (() => void) | undefined;
  private readonly onSignal = (): void => {
    if (!this.signal.aborted) {
      this.controller.abort();
      this.onFirst?.();
      return;
    }
    this.onSecond?.();
    const exit = (): never => process.exit(EXIT_INTERRUPTED);
    if (!this.stdout.writableLength) exit();
    this.stdout.once("drain", exit);
    setTimeout(exit, LAST_LINE_GRACE_MS);
  };

  constructor(private readonly stdout: Output) {
    process.on("SIGINT", this.onSignal);
  }

  /** Stops the batch as Ctrl-C does, for a broken stdout. */
  stop(): void {
    this.controller.abort();
  }

  dispose(): void {
    process.off("SIGINT", this.onSignal);
  }
}

/**
 * Result lines, written in whole lines and in batches (one write per turn of the event loop, not
 * one per line), with stdout's backpressure passed on to the batch. On a terminal shared with the
 * progress line, the line is taken off before results are written and drawn again after.
 */
class LineWriter {
  private pending: string[] = [];
  private scheduled = false;
  /** Why stdout failed (EPIPE: the reader went away), once it has. */
  error: string | undefined;

  constructor(
    private readonly out: Output,
    private readonly progress: ProgressLine | undefined,
  ) {
    out.on("error", (error: NodeJS.ErrnoException) => {
      this.error ??= error.code ?? error.message;
    });
  }

  write(line: string): void {
    if (this.error) return;
    this.pending.push(line);
    if (this.pending.length >= 512) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.error) return;
    const chunk = `${this.pending.join("\n")}\n`;
    this.pending = [];
    this.progress?.clear();
    this.out.write(chunk);
    this.progress?.draw();
  }

  /** Waits while stdout is full, so a slow reader slows the batch instead of filling memory. */
  async ready(interrupt: Interrupt): Promise<void> {
    if (this.error) interrupt.stop();
    if (!this.out.writableNeedDrain || this.error) return;
    try {
      await once(this.out, "drain");
    } catch {
      interrupt.stop();
    }
  }
}
