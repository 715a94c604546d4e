// The life of one call, for any operation of the spec and either client: check the input, then run
// attempts under the policy, reading and classifying each response. A client supplies only `send`:
// how its generated runtime makes one request.

import { readResponseBody, type ReadBody } from "./body-reader.js";
import { credentialsFor, type SentCredentials } from "./credentials.js";
import { PresenceError } from "./errors.js";
import { checkCallOptions, type ResolvedClientOptions } from "./options.js";
import { outcomeFromFailure, outcomeFromResponse, type ExchangeContext } from "./outcome.js";
import { checkParams, type CheckedParams } from "./params.js";
import { resolvePolicy, runWithPolicy, type AttemptOutcome, type SharedPause } from "./policy.js";
import { REDACTED } from "./redact.js";
import { acceptFor, operationNamed, type OperationDescription } from "./api.js";

/** One request, ready for a client's generated runtime to send. */
export interface OutgoingCall {
  operationId: string;
  operation: OperationDescription;
  params: CheckedParams;
  credentials: SentCredentials;
  /** The client's and the call's extra headers, lower-case names (credentials not included). */
  headers: Record<string, string>;
  /** Aborts on timeout or when the caller aborts. */
  signal: AbortSignal;
}

/** What a client's `send` hands back: the response, and its body when the client already read it (bounded). */
export interface Exchange {
  response: Response;
  body?: ReadBody["body"] | undefined;
  /** Why the body stopped early, when the client's read of it failed part-way. */
  cutShort?: string | undefined;
}

export type Send = (call: OutgoingCall) => Promise<Exchange>;

/**
 * How a call ended. Never a rejection: every failure is a typed error. `response`, when there was
 * one, has its body read already and its `url` set to the request's URL with the token redacted.
 */
export type CallOutcome =
  | { ok: true; value: unknown; response: Response }
  | { ok: false; error: PresenceError; response: Response | undefined };

/** What a batch (subscribeMany) shares between its calls; a single call passes nothing. */
export interface BatchContext {
  pause?: SharedPause | undefined;
}

export type RunOperation = (operationId: string, params: unknown, call: unknown, batch?: BatchContext) => Promise<CallOutcome>;

/** The call runner of one client: `send` is the only part that differs between the clients. */
export function createOperationRunner(client: ResolvedClientOptions, send: Send): RunOperation {
  const credentialsByOperation = new Map<string, SentCredentials>();
  return async (operationId, paramsInput, callInput, batch) => {
    let call: OutgoingCallBase;
    let options: ReturnType<typeof checkCallOptions>;
    try {
      const operation = operationNamed(operationId);
      if (!operation) throw new Error(`unknown operation ${operationId}`);
      options = checkCallOptions(callInput);
      let credentials = credentialsByOperation.get(operationId);
      if (!credentials) credentialsByOperation.set(operationId, (credentials = credentialsFor(operationId, operation, client.credentials)));
      call = {
        operationId,
        operation,
        params: checkParams(operationId, operation, paramsInput),
        credentials,
        headers: { ...acceptOf(operation), ...client.headers, ...options.headers },
      };
    } catch (error) {
      if (error instanceof PresenceError) return { ok: false, error, response: undefined };
      throw error;
    }
    let url: string | undefined;
    const urlOf = (): string => (url ??= urlForErrors(client.baseUrl, call, client.credentials.accessToken));
    const outcome = await runWithPolicy(
      async ({ attempt, signal }): Promise<AttemptOutcome<unknown>> => {
        const context: ExchangeContext = {
          operation: call.operation,
          attempts: attempt,
          redact: client.redact,
          // Built only if an error or a caller asks for it.
          get url() {
            return urlOf();
          },
        };
        let exchange: Exchange;
        try {
          exchange = await send({ ...call, signal });
        } catch (error) {
          return outcomeFromFailure(error, context);
        }
        // A body cut off by the timeout or an abort is classified too, but that outcome is never
        // used: runAttempt's race has already ended the attempt.
        const read: ReadBody = exchange.body !== undefined ? { body: exchange.body, cutShort: exchange.cutShort } : await readResponseBody(exchange.response);
        return outcomeFromResponse(exchange.response, read.body, context, read.cutShort);
      },
      { policy: resolvePolicy(client.policy, options), signal: options.signal, idempotent: call.operation.idempotent, url: urlOf, pause: batch?.pause },
    );
    // The URL a caller sees on a response is the request's, redacted: a Response built by a client
    // or a test's fetch has none, and a real one would show the token in query mode.
    if (outcome.response) Object.defineProperty(outcome.response, "url", { get: urlOf, enumerable: true, configurable: true });
    return outcome.ok ? { ok: true, value: outcome.value, response: outcome.response } : { ok: false, error: outcome.error, response: outcome.response };
  };
}

type OutgoingCallBase = Omit<OutgoingCall, "signal">;

const accepts = new WeakMap<OperationDescription, Record<string, string>>();
/** `accept`, from the spec's documented success content types: the client's and the call's headers may replace it. */
function acceptOf(operation: OperationDescription): Record<string, string> {
  let header = accepts.get(operation);
  if (!header) {
    const accept = acceptFor(operation);
    accepts.set(operation, (header = accept ? { accept } : {}));
  }
  return header;
}

/** The request URL as errors show it: everything as sent, with the token replaced. */
export function urlForErrors(baseUrl: string, call: OutgoingCallBase, accessToken: string): string {
  let path = call.operation.path;
  for (const [name, value] of Object.entries(call.params.path)) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const query = [...Object.entries(call.params.query), ...Object.entries(call.credentials.query)]
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => `${encodeURIComponent(name)}=${one === accessToken ? REDACTED : encodeURIComponent(String(one))}`))
    .join("&");
  return `${baseUrl}${path}${query ? `?${query}` : ""}`;
}
