// createPresenceClient: the hand-written surface over the generated types and openapi-fetch.
//
// API shape: `subscribe` resolves to `{ data, error }` and never rejects, like openapi-fetch
// itself. Every failure — bad input, an error status, a body that breaks the spec, a network
// failure, a timeout, an abort — is a typed error in `error`, so one `if (error)` handles them all
// and nothing escapes as an unhandled rejection. Construction errors (bad credentials or options)
// throw at once, because they are programming errors and no request could succeed.

import createClient from "openapi-fetch";
import {
  PresenceValidationError,
  resolveBaseUrl,
  resolveCredentials,
  runSubscribe,
  readBodyText,
  type BodyText,
  type CallOptions,
  type PresenceClientOptions,
  type SubscribeError,
  type SubscribeFlowConfig,
} from "@wawp/presence-core";
import type { components, paths } from "./generated/schema.gen.js";

/** The success body, as the spec defines it. */
export type SubscribeSuccess = components["schemas"]["SubscribeResponse"];
/** The JSON error body, as the spec defines it. */
export type ErrorResponse = components["schemas"]["ErrorResponse"];

/** A `fetch` the client calls as `fetch(url, init)`, like the global one. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

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
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.init = init;
  }
}

const CREDENTIAL_HEADERS = new Set(["access-token", "authorization"]);

export function createPresenceClient(options: CreatePresenceClientOptions): PresenceClient {
  const credentials = resolveCredentials(options);
  const baseUrl = resolveBaseUrl(options.baseUrl, "baseUrl");
  const userFetch: unknown = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init));
  if (typeof userFetch !== "function") {
    throw new PresenceValidationError({ field: "fetch", problem: `must be a function, got ${typeof userFetch}`, expected: "a fetch-compatible function (url, init) => Promise<Response>" });
  }

  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/json" };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase())) {
      throw new PresenceValidationError({
        field: "headers",
        problem: `sets the credential header '${name}'`,
        expected: "credentials set with instanceId, accessToken and credentialsIn",
      });
    }
    headers[name] = value;
  }
  // The page's request sample sends both credentials in the query; `credentialsIn: "header"`
  // moves the token to the `access-token` header (the vendor's export declares it).
  const query =
    `instance_id=${encodeURIComponent(credentials.instanceId)}` +
    (credentials.credentialsIn === "query" ? `&access_token=${encodeURIComponent(credentials.accessToken)}` : "");
  if (credentials.credentialsIn === "header") headers["access-token"] = credentials.accessToken;

  const raw = createClient<paths>({
    baseUrl,
    headers,
    // The generated operation has no query parameters of its own (credentials are security
    // schemes), so the serializer's only job is to add them.
    querySerializer: () => query,
    Request: OutgoingRequest as unknown as typeof Request,
    fetch: ((request: OutgoingRequest) => (userFetch as FetchLike)(request.url, request.init)) as unknown as typeof fetch,
  });

  const config: SubscribeFlowConfig = { baseUrl, credentials, timeoutMs: options.timeoutMs, retry: options.retry };

  async function subscribe(chatId: string, call?: CallOptions): Promise<SubscribeResult> {
    const outcome = await runSubscribe(
      async ({ chatId: contact, signal }) => {
        let response: Response | undefined;
        let body: BodyText | undefined;
        await raw.POST(SUBSCRIBE_PATH, {
          params: { path: { chatId: contact } },
          parseAs: "stream",
          signal,
          // Error bodies are read here, bounded, before openapi-fetch would read them whole:
          // openapi-fetch then sees an empty copy, and the client keeps the real text.
          fetch: (async (request: OutgoingRequest) => {
            response = await (userFetch as FetchLike)(request.url, request.init);
            if (response.ok) return response;
            body = await readBodyText(response);
            return new Response(null, { status: response.status });
          }) as unknown as typeof fetch,
        });
        return { response: response as Response, body };
      },
      config,
      chatId,
      call,
    );
    return outcome.ok ? { data: outcome.value as SubscribeSuccess } : { error: outcome.error as SubscribeError };
  }

  return { subscribe, baseUrl };
}
