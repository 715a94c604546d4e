// What every subcommand gets from main, and the exit codes they share.

/** Exit codes, documented in the usage text and the README. */
export const EXIT_OK = 0;
/** An API, network or input failure for at least one id. */
export const EXIT_FAILURE = 1;
/** Bad usage or invalid arguments: nothing was sent. */
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (128 + SIGINT), after writing the results that had finished. */
export const EXIT_INTERRUPTED = 130;

/** A stream the CLI writes to: process.stdout or process.stderr. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean; writableLength?: number; writableNeedDrain?: boolean };

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: Output;
  stderr: Output;
  /** Removes the access token, in every spelling, from anything about to be printed. */
  scrub(text: string): string;
}

/** A subcommand: `wawp-presence <name> ...args`. A UsageError it throws is printed and exits 2. */
export interface Command {
  run(args: string[], io: CliIo): Promise<number>;
}
