// Parses and checks the subscribe command's arguments (options.ts, over node:util's parseArgs),
// falling back to the WAWP_* environment variables. Everything that can be wrong with the command
// line is found here, before anything is read or sent.
import { parseOptions } from "./options.js";

export type ClientKind = "fetch" | "sdk";
export type CredentialsIn = "query" | "header";

export interface SubscribeCommand {
  /** Ids given as arguments, as typed. */
  chatIds: string[];
  /** Files to read ids from, one per line; "-" is stdin. */
  fromFiles: string[];
  /** An earlier --json output: ids it reports ok are skipped. */
  resume: string | undefined;
  baseUrl: string | undefined;
  instanceId: string;
  accessToken: string;
  client: ClientKind;
  credentialsIn: CredentialsIn;
  timeoutMs: number | undefined;
  retries: number | undefined;
  concurrency: number | undefined;
  json: boolean;
}

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
  concurrency: { type: "string" },
  "from-file": { type: "string", multiple: true },
  resume: { type: "string" },
  json: { type: "boolean" },
} as const;

/** The highest --concurrency; the clients' own limit. */
export const MAX_CONCURRENCY = 1024;

/** Parses `subscribe`'s arguments (the command name already removed). */
export function parseSubscribe(args: string[], env: NodeJS.ProcessEnv): SubscribeCommand {
  let parsed;
  try {
    parsed = parseOptions(args, OPTIONS, true);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for usage.`);
  }
  const { values, positionals: chatIds } = parsed;
  const fromFiles = values["from-file"] ?? [];
  if (chatIds.length === 0 && fromFiles.length === 0) {
    throw new UsageError("subscribe needs at least one chatId, e.g. subscribe 447441429009@c.us, or --from-file PATH (- for stdin)");
  }
  if (fromFiles.filter((file) => file === "-").length > 1) throw new UsageError("--from-file - (stdin) can be given once");
  if (fromFiles.some((file) => file === "")) throw new UsageError("--from-file needs a path, or - for stdin");
  if (values.resume === "") throw new UsageError("--resume needs the path of an earlier --json output");

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
    chatIds,
    fromFiles,
    resume: values.resume,
    baseUrl: values["base-url"] ?? (env["WAWP_BASE_URL"] || undefined),
    instanceId,
    accessToken,
    client,
    credentialsIn,
    timeoutMs: wholeNumber(values.timeout, "--timeout", 1, 2_147_483_647, "milliseconds, e.g. --timeout 5000"),
    retries: wholeNumber(values.retries, "--retries", 0, 100, "0 turns retries off"),
    concurrency: wholeNumber(values.concurrency, "--concurrency", 1, MAX_CONCURRENCY, "requests in flight at once, e.g. --concurrency 16"),
    json: values.json ?? false,
  };
}

function wholeNumber(value: string | undefined, flag: string, min: 0 | 1, max: number, hint: string): number | undefined {
  if (value === undefined) return undefined;
  const kind = min === 1 ? "a positive integer" : "a whole number ≥ 0";
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be ${kind} (at most ${max}; ${hint}), got '${value}'`);
  }
  return Number(value);
}
