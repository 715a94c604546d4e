// createPresenceSdk: the hand-written runtime over openapi-generator's typescript-fetch client. It
// knows no operation by name (but the documented `subscribe` shorthand): every method is a generated
// `<operationId>Raw` method, found on one instance of each generated API class, all sharing one
// generated `Configuration` (basePath, fetchApi, apiKey, headers, queryParamsStringify, middleware).
//
// API shape: a method resolves the success model and rejects with a typed error (a `PresenceError`
// subclass), the way openapi-generator clients are used; `<operationId>Raw` resolves the generator's
// `{ raw, value() }`. The generated runtime never parses a body: the shared core reads it (bounded)
// and checks it against the spec, so a 200 with an HTML page is an UnexpectedResponseError, not a
// SyntaxError from `response.json()`.

import {
  API,
  SECURITY_SCHEMES,
  createOperationRunner,
  TOKEN_CARRIERS,
  resolveClientOptions,
  subscribeMany,
  type BulkResult,
  type CallOptions,
  type ChatIdSource,
  type OutgoingCall,
  type PresenceClientOptions,
  type Send,
  type SubscribeManyOptions,
} from "@wawp/presence-core";
import * as apis from "./generated/apis/index.js";
import { BaseAPI, Configuration, querystring, type HTTPQuery, type Middleware } from "./generated/runtime.js";
import type { OperationData, OperationFailure, OperationMethods, RawResult } from "./types.js";

export interface CreatePresenceSdkOptions extends PresenceClientOptions {
  /**
   * Where the API lives, for example the Prism mock's URL. The generator's name for the base URL.
   * @default "https://api.wawp.net" (the spec's production server)
   */
  basePath?: string | undefined;
}

export type PresenceSdk = OperationMethods & {
  /**
   * Shorthand for `subscribeToPresence({ chatId }, options)`: subscribes to one contact's presence.
   * Updates then arrive as `presence.update` webhook events.
   * @param chatId a contact id, `<country code and number>@c.us`; `%40` is accepted for `@`.
   * @throws a `PresenceError` subclass (see the README's error table).
   */
  subscribe(chatId: string, options?: CallOptions): Promise<OperationData<"subscribeToPresence">>;
  /**
   * Subscribes a whole contact list: `concurrency` calls at a time (default 8), each with the
   * retries of `subscribe`, and a 429 or 503 with Retry-After pausing all of them. Yields one
   * `{ chatId, data }` or `{ chatId, error }` per id, in order of completion: an id's failure is a
   * result, not a throw. Reads `chatIds` lazily, so a stream of any length keeps memory flat.
   * @throws PresenceValidationError at once, for bad options or a `chatIds` that is not iterable.
   */
  subscribeMany(chatIds: ChatIdSource, options?: SubscribeManyOptions): AsyncGenerator<SubscribeManyResult, void, undefined>;
  /** The base URL requests go to, without a trailing slash. */
  readonly basePath: string;
};

/** One id's result from `subscribeMany`: exactly one of `data` and `error` is set. */
export type SubscribeManyResult = BulkResult<OperationData<"subscribeToPresence">, OperationFailure<"subscribeToPresence">>;

const MIDDLEWARE_NOT_RUN =
  "@wawp/presence-sdk: the generated runtime did not run its middleware when the request was made; this version of openapi-generator is not supported.";

export function createPresenceSdk(options: CreatePresenceSdkOptions): PresenceSdk {
  const client = resolveClientOptions(options, "basePath");
  // The generated methods fill every apiKey scheme of an operation (each alternative requirement);
  // the token goes only where the core chose for the call, so the other carriers are dropped.
  const carriers = { query: new Set(TOKEN_CARRIERS.query), headers: new Set(TOKEN_CARRIERS.headers) };
  const credentialByName = new Map(Object.values(SECURITY_SCHEMES).map((s) => [s.name, s.credential]));

  // typescript-fetch 4.3.1's methods take no per-request options, so the call's signal and headers
  // reach fetch through a `pre` middleware. The runtime runs the first `pre` synchronously inside
  // the generated method's call (pinned by a test); `send` hands it the call just before calling.
  let handover: OutgoingCall | undefined;
  const perCall: Middleware = {
    async pre({ url, init }) {
      const call = handover;
      handover = undefined;
      if (!call) throw new Error(MIDDLEWARE_NOT_RUN);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        if (!carriers.headers.has(name) || name in call.credentials.headers) headers[name] = value;
      });
      // Redirects are not followed: fetch would resend the token header to whatever origin a
      // Location names. A 3xx comes back as a PresenceApiError with its headers.
      return { url, init: { ...init, headers: { ...headers, ...call.headers }, signal: call.signal, redirect: "manual" } };
    },
  };
  // Responses fetch returned, so the one the generated runtime throws for a non-2xx status is
  // recognised even when it is not this realm's Response (a polyfill's, another global's).
  const fetched = new WeakSet<object>();
  const configuration = new Configuration({
    basePath: client.baseUrl,
    fetchApi: async (url, init) => {
      const response = await client.fetch(url, init);
      fetched.add(response);
      return response;
    },
    headers: client.headers,
    middleware: [perCall],
    apiKey: (name: string) => {
      const credential = credentialByName.get(name);
      if (!credential) throw new Error(`@wawp/presence-sdk: the generated client asked for an unknown apiKey '${name}'; regenerate with \`pnpm generate\`.`);
      return client.credentials[credential];
    },
    // Runs as the generated method builds the URL, before `pre`: the call is still handed over.
    // Without one, every carrier is dropped (and `pre` then reports the runtime as unsupported).
    queryParamsStringify: (params: HTTPQuery) =>
      querystring(Object.fromEntries(Object.entries(params).filter(([name]) => !carriers.query.has(name) || (handover !== undefined && name in handover.credentials.query)))),
  });
  // One API object per generated class, all on the one Configuration; each operation's `…Raw`
  // method found once, by name.
  const instances: BaseAPI[] = [];
  for (const value of Object.values(apis)) if (isApiClass(value)) instances.push(new value(configuration));
  const rawMethods = new Map<string, (params: Record<string, unknown>) => Promise<unknown>>();
  for (const operationId of Object.keys(API.operations)) {
    for (const api of instances) {
      const method: unknown = Reflect.get(api, `${operationId}Raw`);
      if (typeof method === "function") rawMethods.set(operationId, (params) => method.call(api, params));
    }
    if (!rawMethods.has(operationId)) throw new Error(`@wawp/presence-sdk: no generated method ${operationId}Raw; regenerate with \`pnpm generate\`.`);
  }

  const send: Send = async (call) => {
    const method = rawMethods.get(call.operationId);
    if (!method) throw new Error(`@wawp/presence-sdk: no generated method ${call.operationId}Raw`);
    handover = call;
    const pending = method(sdkParams(call));
    if (handover !== undefined) {
      handover = undefined;
      // Nothing was sent: the generated method gave up before its middleware ran (its own checks
      // refused the parameters), or this runtime no longer runs `pre` at once. Say which.
      const refusal = await pending.then(
        () => undefined,
        (error: unknown) => error,
      );
      if (refusal === undefined) throw new Error(MIDDLEWARE_NOT_RUN);
      const reason = refusal instanceof Error ? `${refusal.name}: ${refusal.message}` : String(refusal);
      throw new Error(`@wawp/presence-sdk: the generated ${call.operationId}Raw refused the call before sending anything (${reason}); nothing was sent.`, { cause: refusal });
    }
    try {
      const result = await pending;
      return { response: rawOf(result) };
    } catch (error) {
      // The generated runtime throws the Response itself for a status outside 2xx.
      if (error !== null && typeof error === "object" && fetched.has(error)) return { response: error as Response };
      throw error; // a fetch rejection: the core makes it a PresenceConnectionError
    }
  };
  const run = createOperationRunner(client, send);

  const methods: Record<string, (params?: unknown, call?: CallOptions) => Promise<unknown>> = {};
  for (const operationId of Object.keys(API.operations)) {
    const raw = async (params?: unknown, call?: CallOptions): Promise<RawResult<unknown>> => {
      const outcome = await run(operationId, params, call);
      if (!outcome.ok) throw outcome.error;
      return { raw: outcome.response, value: async () => outcome.value };
    };
    methods[`${operationId}Raw`] = raw;
    // The core has checked the body against the spec; fields the spec does not list yet are kept
    // (the generated FromJSON converters would drop them), and the models keep the JSON names.
    methods[operationId] = async (params, call) => (await raw(params, call)).value();
  }
  return Object.freeze({
    ...(methods as OperationMethods),
    subscribe: (chatId: string, call?: CallOptions) => methods["subscribeToPresence"]!({ chatId }, call) as Promise<OperationData<"subscribeToPresence">>,
    subscribeMany: (chatIds: ChatIdSource, many?: SubscribeManyOptions) =>
      subscribeMany<OperationData<"subscribeToPresence">, OperationFailure<"subscribeToPresence">>(run, "subscribeToPresence", chatIds, many),
    basePath: client.baseUrl,
  } satisfies PresenceSdk);
}

/** A generated API class; the apis module also exports the enums of enum parameters. */
function isApiClass(value: unknown): value is new (configuration: Configuration) => BaseAPI {
  return typeof value === "function" && value.prototype instanceof BaseAPI;
}

/** The generated method's request object: each parameter under its key, the body under its own. */
function sdkParams(call: OutgoingCall): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const parameter of call.operation.parameters) {
    const value = call.params[parameter.in][parameter.name];
    // The generated method formats a date parameter itself, from a Date (the core has checked the string).
    if (value !== undefined) params[parameter.key] = parameter.format === undefined ? value : new Date(String(value));
  }
  if (call.operation.body) params[call.operation.body.key] = call.params.body;
  return params;
}

function rawOf(result: unknown): Response {
  const raw: unknown = result !== null && typeof result === "object" ? Reflect.get(result, "raw") : undefined;
  if (!(raw instanceof Response)) throw new Error("@wawp/presence-sdk: the generated method resolved no Response; regenerate with `pnpm generate`.");
  return raw;
}
