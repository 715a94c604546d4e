// One interface over both generated clients, so the rest of the CLI does not care which one
// runs. Each client is imported only when chosen, which keeps start-up (and --help) fast.
import type { ClientKind, SubscribeCommand } from "./args.js";

export interface Outcome {
  chatId: string;
  ok: boolean;
  /** The HTTP status, or null when no response arrived (network failure, timeout). */
  status: number | null;
  message: string;
}

export interface Subscriber {
  /** Throws the client's validation error for an invalid chatId; nothing is sent. */
  check(chatId: string): string;
  subscribe(chatId: string, signal: AbortSignal): Promise<Outcome>;
}

interface ErrorLike {
  message: string;
  status?: number;
}

function failure(chatId: string, error: ErrorLike): Outcome {
  return { chatId, ok: false, status: typeof error.status === "number" ? error.status : null, message: error.message };
}

// A 200 whose body says `"success": false` is an error of the libraries (UnsuccessfulResponseError),
// so a success here is always a subscription.
function success(chatId: string, data: { message: string }): Outcome {
  return { chatId, ok: true, status: 200, message: data.message };
}

export async function createSubscriber(kind: ClientKind, command: SubscribeCommand): Promise<Subscriber> {
  const common = {
    instanceId: command.instanceId,
    accessToken: command.accessToken,
    credentialsIn: command.credentialsIn,
    ...(command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs }),
    ...(command.retries === undefined ? {} : { retry: { maxRetries: command.retries } }),
  };
  if (kind === "fetch") {
    const { createPresenceClient, checkParams } = await import("@wawp/presence-client");
    const client = createPresenceClient({ ...common, ...(command.baseUrl === undefined ? {} : { baseUrl: command.baseUrl }) });
    return {
      check: (chatId) => String(checkParams("subscribeToPresence", { chatId })["chatId"]),
      async subscribe(chatId, signal) {
        const { data, error } = await client.subscribe(chatId, { signal });
        return error ? failure(chatId, error) : success(chatId, data);
      },
    };
  }
  const { createPresenceSdk, checkParams, PresenceError } = await import("@wawp/presence-sdk");
  const sdk = createPresenceSdk({ ...common, ...(command.baseUrl === undefined ? {} : { basePath: command.baseUrl }) });
  return {
    check: (chatId) => String(checkParams("subscribeToPresence", { chatId })["chatId"]),
    async subscribe(chatId, signal) {
      try {
        return success(chatId, await sdk.subscribe(chatId, { signal }));
      } catch (error) {
        if (error instanceof PresenceError) return failure(chatId, error);
        throw error;
      }
    },
  };
}
