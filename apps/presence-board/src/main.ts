#!/usr/bin/env node
// `pnpm board`: starts the presence board. Exit codes: 0 stopped by a signal, 1 failed to start,
// 2 bad usage (e.g. no webhook secret).
import { parseBoardArgs, USAGE, UsageError } from "./args.js";
import { runDemo } from "./demo.js";
import { startBoard } from "./server.js";

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const warn = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<number> {
  let config;
  try {
    config = parseBoardArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(`presence-board: ${error.message}`);
    return 2;
  }
  if (config.command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (config.webhookAuth.kind === "unsigned") {
    warn("WARNING: --insecure-unsigned: webhooks are accepted WITHOUT a signature; anyone who can reach this port can write presence.");
  }

  const board = await startBoard({ ...config, log });
  log(`Storing events in ${config.dbPath === ":memory:" ? "memory (nothing is kept after exit)" : config.dbPath}`);
  log(`Presence board: ${board.url}/  (webhooks: POST ${board.url}/webhooks/wawp)`);

  const stopDemo = config.demo ? runDemo(board, log) : undefined;
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  log("Stopping...");
  await stopDemo?.();
  await board.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    warn(`presence-board: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
