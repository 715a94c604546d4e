// createPresenceClient: the hand-written surface over the generated types and openapi-fetch.
//
// API shape: `subscribe` resolves to `{ data, error }` and never rejects, like openapi-fetch
// itself. Every failure — bad input, an error status, a body that breaks the spec, a network
// failure, a timeout, an abort — is a typed error in `error`, so one `if (error)` handles them all
// and nothing escapes as an unhandled rejection. Construction errors (bad credentials or options)
// throw at once, because they are programming errors and no request could succeed.

import createClient from "openapi-fetch";
import {
  resolveBaseUrl,
  resolveCredentials,
  resolveFetch,
  resolveHeaders,
  runSubscribe,
  type CallOptions,
  type FetchLike,
  type PresenceClientOptions,
  type AttemptOutcome,
  type Send,
  type SendResult,
  type SubscribeError,
  type SuccessBody,
  type SubscribeFlowConfig,
} from "@wawp/presence-core";
import type { components, paths } from "./generated/schema.gen.js";

/** The success body, as the spec defines it. */
export type SubscribeSuccess = components["schemas"]["SubscribeResponse"];
/** The JSON error body, as the spec defines it. */
export type ErrorResponse = components["schemas"]["ErrorResponse"];

/** A `fetch` the client calls as `fetch(url, init)`, like the global one. */
export type { FetchLike };

export interface CreatePresenceClientOptions extends PresenceClientOptions {
  /**
   * Where the API lives, for example the Prism mock's URL.
   * @default "https://api.wawp.net" (the spec's production server)
   */
  baseUrl?: string;
  /**
   * The fetch to send requests with; inject one for tests or a proxy.
   * @default globalThis.fetch
   */
  fetch?: FetchLike;
  /** Extra headers for every request (a User-Agent, tracing). Credentials cannot be set here. */
  headers?: Record<string, string>;
}

/** The result of `subscribe`: exactly one of `data` and `error` is set. */
export type SubscribeResult =
  | { data: SubscribeSuccess; error?: undefined }
  | { data?: undefined; error: SubscribeError };

export interface PresenceClient {
  /**
   * Subscribes to one contact's presence. Updates then arrive as `presence.update` webhook events.
   * @param chatId a contact id, `<country code and number>@c.us`; `%40` is accepted for `@`.
   */
  subscribe(chatId: string, options?: CallOptions): Promise<SubscribeResult>;
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
}

const SUBSCRIBE_PATH = "/v2/presence/{chatId}/subscribe" satisfies keyof paths;

/**
 * The request object handed to openapi-fetch in place of a WHATWG `Request`. openapi-fetch only
 * builds a Request to pass it to `fetch`; keeping the URL and init as they are lets the client call
 * `fetch(url, init)` directly, which is what users' fetches expect and saves a Request and its
 * header copy per call (see BENCHMARKS.md).
 */
class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly init: RequestInit;
  // openapi-fetch copies every init key the request lacks onto it; declaring `signal` keeps the
  // object's shape fixed (the signal itself travels in `init`).
  readonly signal: AbortSignal | null | undefined;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.init = init;
    this.signal = init.signal;
  }
}

const toResult = (outcome: AttemptOutcome<SuccessBody>): SubscribeResult =>
  outcome.ok ? { data: outcome.value as SubscribeSuccess } : { error: outcome.error as SubscribeError };

/**
 * What openapi-fetch gets in place of an error response. openapi-fetch reads an error body whole
 * (`response.text()`, unbounded); a declared length of 0 makes it skip the read, and the client then
 * reads the real response's body itself, bounded, in the shared flow.
 */
const EMPTY_BODY_HEADERS = { get: (name: string): string | null => (name.toLowerCase() === "content-length" ? "0" : null) };
class UnreadErrorResponse {
  readonly ok = false;
  readonly status: number;
  readonly headers = EMPTY_BODY_HEADERS;
  constructor(readonly real: Response) {
    this.status = real.status;
  }
}
const keepOrWrap = (response: Response): Response | UnreadErrorResponse => (response.ok ? response : new UnreadErrorResponse(response));
const unwrap = ({ response }: { response: Response | UnreadErrorResponse }): SendResult => ({
  response: response instanceof UnreadErrorResponse ? response.real : response,
});

/** The path serializer for the one path parameter: the same result as openapi-fetch's default, without its general parsing. */
function serializeSubscribePath(url: string, path: Record<string, unknown>): string {
  return url.replace("{chatId}", encodeURIComponent(String(path["chatId"])));
}

export function createPresenceClient(options: CreatePresenceClientOptions): PresenceClient {
  const credentials = resolveCredentials(options);
  const baseUrl = resolveBaseUrl(options.baseUrl, "baseUrl");
  const userFetch = resolveFetch(options.fetch);
  const headers = resolveHeaders(credentials, options.headers);
  // The page's request sample sends both credentials in the query; `credentialsIn: "header"`
  // moves the token to the `access-token` header (resolveHeaders put it there).
  const query =
    `instance_id=${encodeURIComponent(credentials.instanceId)}` +
    (credentials.credentialsIn === "query" ? `&access_token=${encodeURIComponent(credentials.accessToken)}` : "");
  // Redirects are not followed: fetch would resend a custom header such as access-token to
  // whatever origin a Location names. A 3xx comes back as a PresenceApiError with its headers.
  const requestInit = { redirect: "manual" } as const;

  const raw = createClient<paths>({
    baseUrl,
    // The generated operation has no query parameters of its own (credentials are security
    // schemes), so the serializer's only job is to add them.
    querySerializer: () => query,
    pathSerializer: serializeSubscribePath,
    Request: OutgoingRequest as unknown as typeof Request,
    // Success responses go back to openapi-fetch as they are (`parseAs: "stream"` leaves their body
    // unread); error responses are wrapped so openapi-fetch does not read their body. The user's
    // fetch gets the headers as a fresh plain record (lower-case names), built once per client.
    fetch: ((request: OutgoingRequest) => userFetch(request.url, { ...request.init, ...requestInit, headers: { ...headers } }).then(keepOrWrap)) as unknown as typeof fetch,
  });

  const config: SubscribeFlowConfig = { baseUrl, credentials, timeoutMs: options.timeoutMs, retry: options.retry };

  // One request through openapi-fetch; the shared flow reads and classifies the response.
  const send: Send = ({ chatId, signal }) =>
    (raw.POST(SUBSCRIBE_PATH, { params: { path: { chatId } }, parseAs: "stream", signal }) as Promise<{ response: Response | UnreadErrorResponse }>).then(unwrap);

  function subscribe(chatId: string, call?: CallOptions): Promise<SubscribeResult> {
    return runSubscribe(send, config, chatId, call).then(toResult);
  }

  return { subscribe, baseUrl };
}
