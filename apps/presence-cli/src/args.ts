// Parses and checks the command line (with node:util's parseArgs), falling back to the
// WAWP_* environment variables. Everything that can be wrong with the input is found here,
// before any request is made.
import { parseArgs } from "node:util";

export type ClientKind = "fetch" | "sdk";
export type CredentialsIn = "query" | "header";

export interface SubscribeCommand {
  command: "subscribe";
  chatIds: string[];
  baseUrl: string | undefined;
  instanceId: string;
  accessToken: string;
  client: ClientKind;
  credentialsIn: CredentialsIn;
  timeoutMs: number | undefined;
  retries: number | undefined;
  json: boolean;
}

export type ParsedCommand = { command: "help" } | SubscribeCommand;

/** Bad usage: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const OPTIONS = {
  "base-url": { type: "string" },
  "instance-id": { type: "string" },
  "access-token": { type: "string" },
  client: { type: "string" },
  "credentials-in": { type: "string" },
  timeout: { type: "string" },
  retries: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs names the option, never a value, so its message is safe to show.
    throw new UsageError(`${(error as Error).message}. Run with --help for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  const [command, ...chatIds] = positionals;
  if (command === undefined) throw new UsageError("No command given. Usage: subscribe <chatId>... (see --help)");
  if (command !== "subscribe") throw new UsageError(`Unknown command '${command}'. The only command is 'subscribe' (see --help)`);
  if (chatIds.length === 0) throw new UsageError("subscribe needs at least one chatId, e.g. subscribe 447441429009@c.us");

  const instanceId = values["instance-id"] ?? env["WAWP_INSTANCE_ID"];
  const accessToken = values["access-token"] ?? env["WAWP_ACCESS_TOKEN"];
  if (!instanceId) throw new UsageError("Missing instance id: pass --instance-id ID or set WAWP_INSTANCE_ID");
  if (!accessToken) throw new UsageError("Missing access token: pass --access-token TOKEN or set WAWP_ACCESS_TOKEN");

  const client = values.client ?? "fetch";
  if (client !== "fetch" && client !== "sdk") throw new UsageError(`--client must be 'fetch' or 'sdk', got '${client}'`);
  const credentialsIn = values["credentials-in"] ?? "query";
  if (credentialsIn !== "query" && credentialsIn !== "header") {
    throw new UsageError(`--credentials-in must be 'query' or 'header', got '${credentialsIn}'`);
  }

  return {
    command: "subscribe",
    chatIds,
    baseUrl: values["base-url"] ?? (env["WAWP_BASE_URL"] || undefined),
    instanceId,
    accessToken,
    client,
    credentialsIn,
    timeoutMs: wholeNumber(values.timeout, "--timeout", "milliseconds, e.g. --timeout 5000", 1, 2_147_483_647),
    retries: wholeNumber(values.retries, "--retries", "a count, e.g. --retries 0", 0, 100),
    json: values.json ?? false,
  };
}

function wholeNumber(value: string | undefined, flag: string, expected: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (${expected}), got '${value}'`);
  }
  return Number(value);
}
