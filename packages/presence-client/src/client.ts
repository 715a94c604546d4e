// createPresenceClient: the hand-written runtime over openapi-fetch. It knows no operation by name
// (but the documented `subscribe` shorthand): every method comes from the generated API table and
// goes through openapi-fetch's own API (`request`, `querySerializer`, an `onResponse` middleware).
//
// API shape: every method resolves `{ data, error, response }` and never rejects, like openapi-fetch.
// Every failure (bad input, an error status, a body that breaks the spec, a network failure, a
// timeout, an abort) is a typed error in `error`. Construction errors throw at once: no request
// could succeed.

import createClient, { createQuerySerializer } from "openapi-fetch";
import {
  API,
  createOperationRunner,
  readResponseBody,
  resolveClientOptions,
  subscribeMany,
  type BulkResult,
  type CallOptions,
  type ChatIdSource,
  type OperationDescription,
  type PresenceClientOptions,
  type ReadBody,
  type Send,
  type SubscribeManyOptions,
} from "@wawp/presence-core";
import type { OperationData, OperationFailure, OperationMethods, OperationResult } from "./types.js";

export interface CreatePresenceClientOptions extends PresenceClientOptions {
  /**
   * Where the API lives, for example the Prism mock's URL. openapi-fetch's name for it.
   * @default "https://api.wawp.net" (the spec's production server)
   */
  baseUrl?: string | undefined;
}

export type PresenceClient = OperationMethods & {
  /**
   * Shorthand for `subscribeToPresence({ chatId }, options)`: subscribes to one contact's presence.
   * Updates then arrive as `presence.update` webhook events.
   * @param chatId a contact id, `<country code and number>@c.us`; `%40` is accepted for `@`.
   */
  subscribe(chatId: string, options?: CallOptions): Promise<OperationResult<"subscribeToPresence">>;
  /**
   * Subscribes a whole contact list: `concurrency` calls at a time (default 8), each with the
   * retries of `subscribe`, and a 429 or 503 with Retry-After pausing all of them. Yields one
   * `{ chatId, data }` or `{ chatId, error }` per id, in order of completion; never throws for an
   * id's failure. Reads `chatIds` lazily, so a stream of any length keeps memory flat.
   * @throws PresenceValidationError at once, for bad options or a `chatIds` that is not iterable.
   */
  subscribeMany(chatIds: ChatIdSource, options?: SubscribeManyOptions): AsyncGenerator<SubscribeManyResult, void, undefined>;
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
};

/** One id's result from `subscribeMany`: exactly one of `data` and `error` is set. */
export type SubscribeManyResult = BulkResult<OperationData<"subscribeToPresence">, OperationFailure<"subscribeToPresence">>;

/** openapi-fetch's paths type for a runtime that learns its paths from the API table. */
type TablePaths = Record<
  string,
  Record<
    OperationDescription["method"],
    {
      parameters: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
      requestBody?: { content: { "application/json": unknown } };
    }
  >
>;

export function createPresenceClient(options: CreatePresenceClientOptions): PresenceClient {
  const client = resolveClientOptions(options, "baseUrl");
  // Error bodies read (bounded) by the middleware below, by the Response handed to openapi-fetch.
  const bodies = new WeakMap<Response, ReadBody>();
  const raw = createClient<TablePaths>({
    baseUrl: client.baseUrl,
    fetch: (request) => client.fetch(request),
    // Redirects are not followed: fetch would resend a custom header such as the token header to
    // whatever origin a Location names. A 3xx comes back as a PresenceApiError with its headers.
    redirect: "manual",
  });
  raw.use({
    // With `parseAs: "stream"` openapi-fetch leaves a success body unread (the core reads it,
    // bounded), but reads an error body whole. So an error body is read here, bounded, and
    // openapi-fetch gets a copy of the response without it. A read that fails part-way keeps what
    // arrived: the status stands, and the core reports the body as cut off.
    async onResponse({ response }) {
      if (response.ok || response.type === "opaqueredirect") return undefined;
      const read = await readResponseBody(response);
      const copy = new Response(null, response);
      bodies.set(copy, read);
      return copy;
    },
  });
  const serializeQuery = createQuerySerializer();

  // The credentials an operation sends are fixed for the client's life, so their query string is too.
  const credentialQueries = new Map<string, string>();
  const send: Send = async (call) => {
    let credentialQuery = credentialQueries.get(call.operationId);
    if (credentialQuery === undefined) credentialQueries.set(call.operationId, (credentialQuery = new URLSearchParams(call.credentials.query).toString()));
    const { response } = await raw.request(call.operation.method, call.operation.path, {
      params: { path: call.params.path, query: call.params.query, header: call.params.header },
      body: call.params.body,
      headers: { ...call.headers, ...call.credentials.headers },
      // The operation's own query parameters, then the credentials the spec puts in the query.
      querySerializer: (query) => [serializeQuery(query), credentialQuery].filter(Boolean).join("&"),
      parseAs: "stream",
      signal: call.signal,
    });
    return { response, ...bodies.get(response) };
  };
  const run = createOperationRunner(client, send);

  const methods: Record<string, (params?: unknown, call?: CallOptions) => Promise<unknown>> = {};
  for (const operationId of Object.keys(API.operations)) {
    methods[operationId] = async (params, call) => {
      const outcome = await run(operationId, params, call);
      return outcome.ok ? { data: outcome.value, response: outcome.response } : { error: outcome.error, response: outcome.response };
    };
  }
  return Object.freeze({
    ...(methods as OperationMethods),
    subscribe: (chatId: string, call?: CallOptions) => methods["subscribeToPresence"]!({ chatId }, call) as Promise<OperationResult<"subscribeToPresence">>,
    subscribeMany: (chatIds: ChatIdSource, many?: SubscribeManyOptions) =>
      subscribeMany<OperationData<"subscribeToPresence">, OperationFailure<"subscribeToPresence">>(run, "subscribeToPresence", chatIds, many),
    baseUrl: client.baseUrl,
  } satisfies PresenceClient);
}

