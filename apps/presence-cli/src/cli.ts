#!/usr/bin/env node
// wawp-presence: subscribe to contacts' presence from the command line.
// Exit codes: 0 all subscribed, 1 any failed, 2 bad usage (nothing sent), 130 interrupted (Ctrl-C).
import { EXIT_FAILURE, EXIT_INTERRUPTED, main, tokenScrubber } from "./main.js";

main(process.argv.slice(2), process.env, process.stdin, process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
    // An interrupted run may leave stdin open (a terminal): leave once stdout holds nothing unwritten.
    if (code === EXIT_INTERRUPTED) {
      if (process.stdout.writableLength === 0) process.exit(code);
      else process.stdout.once("drain", () => process.exit(code));
    }
  },
  (error: unknown) => {
    // An unexpected bug: one line, never a stack that could hold a token.
    const scrub = tokenScrubber(process.argv, process.env);
    process.stderr.write(`wawp-presence: internal error: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
