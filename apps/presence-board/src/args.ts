// `pnpm board` options and environment, checked before anything starts.
import { homedir } from "node:os";
import { join } from "node:path";
import { parseOptions } from "@wawp/presence-cli/options";

export const USAGE = `A live board of who is online, fed by WAWP presence.update webhooks.

Usage:
  pnpm board [--port N] [--host H] [--db PATH] [--demo] [--insecure-unsigned]

Options:
  --port N              port to listen on; 0 picks a free one          (default 8787)
  --host H              address to bind                                (default 127.0.0.1)
  --db PATH             SQLite file; ':memory:' keeps nothing          (default
                        $XDG_DATA_HOME/wawp-presence-board/presence.db, i.e.
                        ~/.local/share/wawp-presence-board/presence.db; with --demo ':memory:')
  --demo                start the mock API, the board and the event simulator together, with a
                        generated webhook secret; no account needed
  --insecure-unsigned   accept webhooks without a signature (only for local experiments)
  -h, --help            show this help

Environment:
  WAWP_WEBHOOK_SECRET   the secret webhooks are signed with (required unless --insecure-unsigned)
  WAWP_INSTANCE_ID, WAWP_ACCESS_TOKEN, WAWP_BASE_URL
                        the WAWP API, as for the CLI; with none set, the board starts the embedded
                        Prism mock of spec/openapi.yaml and subscribes through it

Routes:
  POST /webhooks/wawp   the webhook receiver          GET /api/presence   every contact, as JSON
  POST /api/subscribe   {"chatId": "..."}             GET /events         Server-Sent Events
  GET  /                the page
`;

export class UsageError extends Error {
  override name = "UsageError";
}

export type ApiTarget =
  | { kind: "mock" }
  | { kind: "real"; instanceId: string; accessToken: string; baseUrl: string | undefined };

/** How webhooks are checked: a given secret, a secret generated for --demo, or none at all. */
export type WebhookAuth = { kind: "secret"; secret: string } | { kind: "generated" } | { kind: "unsigned" };

export type BoardConfig =
  | { command: "help" }
  | {
      command: "serve";
      port: number;
      host: string;
      dbPath: string;
      demo: boolean;
      webhookAuth: WebhookAuth;
      api: ApiTarget;
    };

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  db: { type: "string" },
  demo: { type: "boolean" },
  "insecure-unsigned": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export function defaultDbPath(env: NodeJS.ProcessEnv): string {
  const dataHome = env["XDG_DATA_HOME"] || join(homedir(), ".local", "share");
  return join(dataHome, "wawp-presence-board", "presence.db");
}

export function parseBoardArgs(argv: string[], env: NodeJS.ProcessEnv): BoardConfig {
  let values;
  try {
    ({ values } = parseOptions(argv, OPTIONS, false));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for usage.`);
  }
  if (values.help) return { command: "help" };

  const portText = values.port ?? "8787";
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got '${portText}'`);
  }
  const host = values.host ?? "127.0.0.1";
  if (host.trim() === "" || /[\s/]/.test(host)) throw new UsageError(`--host must be an address or host name, e.g. 127.0.0.1, got '${host}'`);
  const demo = values.demo ?? false;
  if (values.db !== undefined && values.db.trim() === "") throw new UsageError("--db must be a file path or ':memory:'");
  const dbPath = values.db ?? (demo ? ":memory:" : defaultDbPath(env));

  let webhookAuth: WebhookAuth;
  if (demo) {
    webhookAuth = { kind: "generated" };
  } else if (env["WAWP_WEBHOOK_SECRET"]) {
    webhookAuth = { kind: "secret", secret: env["WAWP_WEBHOOK_SECRET"] };
  } else if (values["insecure-unsigned"]) {
    webhookAuth = { kind: "unsigned" };
  } else {
    throw new UsageError(
      "No webhook secret: set WAWP_WEBHOOK_SECRET to the secret your webhooks are signed with " +
        "(or pass --insecure-unsigned to accept unsigned webhooks, for local experiments only; or try --demo).",
    );
  }

  const instanceId = env["WAWP_INSTANCE_ID"];
  const accessToken = env["WAWP_ACCESS_TOKEN"];
  let api: ApiTarget = { kind: "mock" };
  if (!demo && (instanceId || accessToken)) {
    if (!instanceId) throw new UsageError("WAWP_ACCESS_TOKEN is set but WAWP_INSTANCE_ID is not: set both (or neither, to use the mock)");
    if (!accessToken) throw new UsageError("WAWP_INSTANCE_ID is set but WAWP_ACCESS_TOKEN is not: set both (or neither, to use the mock)");
    api = { kind: "real", instanceId, accessToken, baseUrl: env["WAWP_BASE_URL"] || undefined };
  }
  return { command: "serve", port: Number(portText), host, dbPath, demo, webhookAuth, api };
}
