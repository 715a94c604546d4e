#!/usr/bin/env node
// wawp-presence: subscribe to contacts' presence from the command line.
// Exit codes: 0 all subscribed, 1 an API or network failure, 2 bad usage or invalid input.
import { EXIT_FAILURE, main, tokenScrubber } from "./main.js";

main(process.argv.slice(2), process.env, process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected bug: one line, never a stack that could hold a token.
    const scrub = tokenScrubber(process.argv, process.env);
    process.stderr.write(`wawp-presence: internal error: ${scrub(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
