// The life of one subscribe call, shared by both clients: validate the input, then run attempts
// under the policy, reading and classifying each response. A client supplies only `send`, the
// part that is its generator's: how the request is made.

import type { ResolvedCredentials } from "./config.js";
import { checkPolicyNumbers } from "./config.js";
import { normalizeChatId } from "./chat-id.js";
import { PresenceError, PresenceValidationError } from "./errors.js";
import { SUBSCRIBE_PATH_TEMPLATE } from "./generated/spec.gen.js";
import { outcomeFromFailure, outcomeFromResponse, readBodyText, type BodyText, type ExchangeContext, type SuccessBody } from "./outcome.js";
import { resolvePolicy, runWithPolicy, type AttemptOutcome, type CallOptions, type ResolvedPolicy, type RetryPolicy } from "./policy.js";
import { REDACTED } from "./redact.js";

export interface SendRequest {
  /** The validated contact id, with `@` unescaped; the client encodes it once for the path. */
  chatId: string;
  /** Aborts on timeout or when the caller aborts. */
  signal: AbortSignal;
  /** 1 for the first attempt. */
  attempt: number;
}

/** What a client's `send` hands back: the response, and its body when the client already read it. */
export interface SendResult {
  response: Response;
  body?: BodyText | undefined;
}

export type Send = (request: SendRequest) => Promise<SendResult>;

export interface SubscribeFlowConfig {
  baseUrl: string;
  credentials: ResolvedCredentials;
  timeoutMs?: number | undefined;
  retry?: RetryPolicy | undefined;
}

/**
 * The resolved policy of each config, for calls without a timeout or retry of their own (most
 * calls): resolving copies three objects. The clients build their config once and never change it.
 */
const defaultPolicies = new WeakMap<SubscribeFlowConfig, ResolvedPolicy>();

function policyFor(config: SubscribeFlowConfig, call: CallOptions | undefined): ResolvedPolicy {
  if (call !== undefined && (call.timeoutMs !== undefined || call.retry !== undefined)) return resolvePolicy(config, call);
  let policy = defaultPolicies.get(config);
  if (policy === undefined) defaultPolicies.set(config, (policy = resolvePolicy(config, undefined)));
  return policy;
}

/** Runs one subscribe call. Never rejects: every failure is an `{ ok: false, error }` outcome. */
export function runSubscribe(
  send: Send,
  config: SubscribeFlowConfig,
  chatIdInput: unknown,
  call: CallOptions | undefined,
): Promise<AttemptOutcome<SuccessBody>> {
  // Not an async function: the common path hands back runWithPolicy's promise as it is. A throw
  // still becomes a rejection, never a synchronous exception.
  let chatId: string;
  let policy: ResolvedPolicy;
  try {
    chatId = normalizeChatId(chatIdInput);
    if (call !== undefined) checkCallOptions(call);
    policy = policyFor(config, call);
  } catch (error) {
    if (error instanceof PresenceError) return Promise.resolve({ ok: false, error, retryable: false });
    return Promise.reject(error);
  }
  const { redact } = config.credentials;
  // The URL for errors is built only if an error needs it.
  let url: string | undefined;
  const urlOf = (): string => (url ??= urlForErrors(config, chatId));
  return runWithPolicy(
    async ({ attempt, signal }) => {
      const context: ExchangeContext = {
        get url() {
          return urlOf();
        },
        attempts: attempt,
        redact,
      };
      let result: SendResult;
      try {
        result = await send({ chatId, signal, attempt });
      } catch (error) {
        return outcomeFromFailure(error, context);
      }
      let body: BodyText;
      try {
        body = result.body ?? (await readBodyText(result.response));
      } catch (error) {
        // The headers arrived but the body did not: a reset or a cut connection.
        return outcomeFromFailure(error, context);
      }
      return outcomeFromResponse(result.response, body, context);
    },
    policy,
    call?.signal,
    urlOf,
  );
}

/** The request URL as errors show it: the token replaced, everything else as sent. */
export function urlForErrors(config: SubscribeFlowConfig, chatId: string): string {
  const { instanceId, credentialsIn } = config.credentials;
  const path = SUBSCRIBE_PATH_TEMPLATE.replace("{chatId}", encodeURIComponent(chatId));
  const query = `instance_id=${encodeURIComponent(instanceId)}${credentialsIn === "query" ? `&access_token=${REDACTED}` : ""}`;
  return `${config.baseUrl}${path}?${query}`;
}

function checkCallOptions(call: CallOptions): void {
  checkPolicyNumbers(call);
  const signal: unknown = call.signal;
  if (signal !== undefined && (signal === null || typeof (signal as AbortSignal).addEventListener !== "function")) {
    throw new PresenceValidationError({ field: "signal", problem: "is not an AbortSignal", expected: "an AbortSignal, e.g. from new AbortController()" });
  }
}
