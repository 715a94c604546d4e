// The CLI's logic, apart from the process it runs in.
// Exit codes: 0 all subscribed, 1 an API or network failure, 2 bad usage or invalid input.
import { createRedactor } from "@wawp/presence-client";
import { parseCommand, UsageError, type SubscribeCommand } from "./args.js";
import { USAGE } from "./usage.js";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Replaces the token in anything the CLI prints, in every spelling it can take (the clients' own
 * redactor). Both places a token can come from are covered: the flag and the environment.
 */
export function tokenScrubber(argv: string[], env: NodeJS.ProcessEnv): (text: string) => string {
  return createRedactor([tokenIn(argv), env["WAWP_ACCESS_TOKEN"]]);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (argv[0] === "simulate-events") {
    const { runSimulateCommand } = await import("./simulate.js");
    return runSimulateCommand(argv.slice(1), env, out, err);
  }
  const scrub = tokenScrubber(argv, env);
  const print = (stream: NodeJS.WritableStream, line: string): void => {
    stream.write(`${scrub(line)}\n`);
  };
  let command;
  try {
    command = parseCommand(argv, env);
  } catch (error) {
    if (error instanceof UsageError) {
      print(err, `wawp-presence: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (command.command === "help") {
    out.write(USAGE);
    return EXIT_OK;
  }
  return subscribeAll(command, (line) => print(out, line), (line) => print(err, line));
}

async function subscribeAll(command: SubscribeCommand, stdout: (line: string) => void, stderr: (line: string) => void): Promise<number> {
  const { createSubscriber } = await import("./subscriber.js");
  let subscriber;
  const chatIds: string[] = [];
  try {
    subscriber = await createSubscriber(command.client, command);
    // Every chatId is checked before the first request: invalid input sends nothing.
    const invalid: string[] = [];
    for (const chatId of command.chatIds) {
      try {
        chatIds.push(subscriber.check(chatId));
      } catch (error) {
        invalid.push((error as Error).message);
      }
    }
    if (invalid.length > 0) {
      for (const message of invalid) stderr(`wawp-presence: ${message}`);
      stderr("wawp-presence: nothing was sent.");
      return EXIT_USAGE;
    }
  } catch (error) {
    // A client refusing its options (empty credentials, a bad base URL) is bad usage too.
    stderr(`wawp-presence: ${(error as Error).message}`);
    return EXIT_USAGE;
  }

  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once("SIGINT", onInterrupt);
  try {
    // Requests run a few at a time; results print in the order the chatIds were given.
    const pending = runLimited(chatIds, 4, (chatId) => subscriber.subscribe(chatId, controller.signal));
    let failed = false;
    for (const result of pending) {
      const outcome = await result;
      failed ||= !outcome.ok;
      if (command.json) {
        stdout(JSON.stringify({ chatId: outcome.chatId, ok: outcome.ok, status: outcome.status, message: outcome.message }));
      } else if (outcome.ok) {
        stdout(`✓ ${outcome.chatId}: subscribed (${outcome.status}) ${outcome.message}`);
      } else {
        stdout(`✗ ${outcome.chatId}: ${outcome.message}`);
      }
    }
    return failed ? EXIT_FAILURE : EXIT_OK;
  } finally {
    process.removeListener("SIGINT", onInterrupt);
  }
}

/** Starts `task` for each item with at most `limit` running; returns the promises in input order. */
function runLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = (): void => {
    running -= 1;
    queue.shift()?.();
  };
  return items.map(
    (item) =>
      new Promise<R>((resolve, reject) => {
        const start = (): void => {
          running += 1;
          task(item).then(resolve, reject).finally(release);
        };
        if (running < limit) start();
        else queue.push(start);
      }),
  );
}

/** The --access-token value as parseArgs reads it: the last one given wins. */
export function tokenIn(argv: string[]): string | undefined {
  let token: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "--access-token") token = argv[i + 1];
    else if (arg.startsWith("--access-token=")) token = arg.slice("--access-token=".length);
  }
  return token;
}

