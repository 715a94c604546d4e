// The CLI's logic, apart from the process it runs in: global flags, then one subcommand.
// Exit codes (command.ts): 0 all subscribed, 1 any failed, 2 bad usage, 130 interrupted.
import { createRequire } from "node:module";
import { createRedactor } from "@wawp/presence-client";
import { UsageError } from "./args.js";
import { EXIT_OK, EXIT_USAGE, type CliIo, type Command, type Output } from "./command.js";
import { USAGE } from "./usage.js";

export { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "./command.js";

/** The subcommands, each loaded only when chosen. One line per command. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  subscribe: () => import("./subscribe.js"),
  "simulate-events": () => import("./simulate.js"),
};
/** Commands with a help text of their own, for `<command> --help`. */
const OWN_HELP = new Set(["simulate-events"]);

/**
 * Replaces the token in anything the CLI prints, in every spelling it can take (the clients' own
 * redactor). Both places a token can come from are covered: the flag and the environment.
 */
export function tokenScrubber(argv: string[], env: NodeJS.ProcessEnv): (text: string) => string {
  return createRedactor([tokenIn(argv), env["WAWP_ACCESS_TOKEN"]]);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, stdin: NodeJS.ReadableStream, stdout: Output, stderr: Output): Promise<number> {
  const io: CliIo = { env, stdin, stdout, stderr, scrub: tokenScrubber(argv, env) };
  const options = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length);
  if ((options.includes("--help") || options.includes("-h")) && !OWN_HELP.has(argv[0] ?? "")) {
    stdout.write(USAGE);
    return EXIT_OK;
  }
  if (options.includes("--version")) {
    stdout.write(`${version()}\n`);
    return EXIT_OK;
  }
  try {
    const [name, ...args] = argv;
    const commands = Object.keys(COMMANDS).join(", ");
    if (name === undefined || name.startsWith("-")) throw new UsageError(`No command given. Usage: wawp-presence <command> ..., commands: ${commands} (see --help)`);
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) throw new UsageError(`Unknown command '${name}'. Commands: ${commands} (see --help)`);
    return await (await load()).run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`${io.scrub(`wawp-presence: ${error.message}`)}\n`);
    return EXIT_USAGE;
  }
}

/** This package's version, from its package.json (shipped in every install). */
function version(): string {
  const manifest: unknown = createRequire(import.meta.url)("../package.json");
  return String((manifest as { version?: unknown }).version);
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
