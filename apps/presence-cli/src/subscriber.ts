// One interface over both generated clients, so the rest of the CLI does not care which one runs.
// Each client is imported only when chosen, which keeps start-up (and --help) fast.
import type { ClientKind, SubscribeCommand } from "./args.js";

/** One id's result, as the CLI prints it. */
export interface Outcome {
  /** The id as sent (`%40` read as `@`), or as given when it is invalid. */
  chatId: string;
  ok: boolean;
  /** The HTTP status, or null when no response arrived (invalid id, network failure, timeout). */
  status: number | null;
  message: string;
  /** For a failure, what kind it was, for the summary: "invalid", "HTTP 404", "timeout"... */
  failure: string | undefined;
}

export interface BatchOptions {
  concurrency: number | undefined;
  signal: AbortSignal;
  /** Hears when every request waits out a Retry-After (ms since the epoch), and when that ends. */
  onPause: (until: number | undefined) => void;
}

export interface Subscriber {
  /** The id as it would be sent, or undefined when the client refuses it. */
  normalize(chatId: string): string | undefined;
  /** Throws the client's validation error for an invalid chatId; nothing is sent. */
  check(chatId: string): void;
  /** The clients' subscribeMany: one outcome per id, in order of completion. */
  subscribeMany(chatIds: AsyncIterable<string>, options: BatchOptions): AsyncIterable<Outcome>;
}

/** What both clients' subscribeMany results have in common. */
interface BulkResult {
  chatId: string;
  data?: { message?: string | undefined } | undefined;
  error?: { kind: string; message: string; status?: number } | undefined;
}

/** What both clients' errors and options have in common, for the adapter below. */
interface BulkClient {
  subscribeMany(chatIds: AsyncIterable<string>, options: { concurrency?: number; signal: AbortSignal; onProgress: (p: { pausedUntil: number | undefined }) => void }): AsyncIterable<BulkResult>;
}

export async function createSubscriber(kind: ClientKind, command: SubscribeCommand): Promise<Subscriber> {
  const common = {
    instanceId: command.instanceId,
    accessToken: command.accessToken,
    credentialsIn: command.credentialsIn,
    ...(command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs }),
    ...(command.retries === undefined ? {} : { retry: { maxRetries: command.retries } }),
  };
  // checkParams is the same in both packages (the shared core); take it from the one in use.
  let client: BulkClient;
  let checkParams: (operationId: "subscribeToPresence", params: { chatId: string }) => Record<string, unknown>;
  if (kind === "fetch") {
    const module = await import("@wawp/presence-client");
    client = module.createPresenceClient({ ...common, ...(command.baseUrl === undefined ? {} : { baseUrl: command.baseUrl }) });
    checkParams = module.checkParams;
  } else {
    const module = await import("@wawp/presence-sdk");
    client = module.createPresenceSdk({ ...common, ...(command.baseUrl === undefined ? {} : { basePath: command.baseUrl }) });
    checkParams = module.checkParams;
  }
  const normalize = (chatId: string): string | undefined => {
    try {
      return String(checkParams("subscribeToPresence", { chatId })["chatId"]);
    } catch {
      return undefined;
    }
  };
  return {
    normalize,
    check: (chatId) => void checkParams("subscribeToPresence", { chatId }),
    async *subscribeMany(chatIds, { concurrency, signal, onPause }) {
      let paused: number | undefined;
      const results = client.subscribeMany(chatIds, {
        ...(concurrency === undefined ? {} : { concurrency }),
        signal,
        onProgress: ({ pausedUntil }) => {
          if (pausedUntil !== paused) onPause((paused = pausedUntil));
        },
      });
      for await (const result of results) yield outcomeOf(result, normalize);
    },
  };
}

// A 200 whose body says `"success": false` is an error of the libraries (UnsuccessfulResponseError),
// so a success here is always a subscription.
function outcomeOf(result: BulkResult, normalize: (chatId: string) => string | undefined): Outcome {
  const chatId = normalize(result.chatId) ?? result.chatId;
  if (!result.error) return { chatId, ok: true, status: 200, message: result.data?.message ?? "", failure: undefined };
  const { error } = result;
  const status = typeof error.status === "number" ? error.status : null;
  return { chatId, ok: false, status, message: error.message, failure: failureKind(error.kind, status) };
}

const KIND_LABELS: Record<string, string> = {
  validation: "invalid",
  unsuccessful: "success false",
  unexpected_response: "unexpected response",
  connection: "connection",
  timeout: "timeout",
  abort: "aborted",
};

function failureKind(kind: string, status: number | null): string {
  if (kind === "api" && status !== null) return `HTTP ${status}`;
  return KIND_LABELS[kind] ?? kind;
}
