// createPresenceSdk: the hand-written surface over openapi-generator's typescript-fetch client.
//
// API shape: `subscribe` resolves to the generated `SubscribeResponse` model and rejects with a
// typed error (a `PresenceError` subclass), the way openapi-generator clients are used. Everything
// this package throws or rejects with is a `PresenceError`, so one `instanceof` check tells its
// failures from bugs elsewhere. (@wawp/presence-client returns `{ data, error }` instead.)
//
// What is generated and what is not: the request itself — path, path encoding, the two apiKey query
// credentials, the fetch call — is the generated `PresenceApi.subscribeToPresenceRaw`. Validation,
// timeouts, retries, reading and classifying the response, and redaction are @wawp/presence-core's
// `runSubscribe`, shared with @wawp/presence-client. The generated runtime never parses a body:
// only its `Raw` method is called and its `value()` never, so a 200 with an HTML page becomes the
// core's UnexpectedResponseError rather than a SyntaxError from `response.json()`.

import {
  ACCESS_TOKEN_HEADER,
  resolveBaseUrl,
  resolveCredentials,
  resolveFetch,
  resolveHeaders,
  runSubscribe,
  type CallOptions,
  type FetchLike,
  type PresenceClientOptions,
  type ResolvedCredentials,
  type Send,
  type SubscribeFlowConfig,
} from "@wawp/presence-core";
import { Configuration, PresenceApi, querystring, type ConfigurationParameters, type FetchAPI, type HTTPQuery } from "./generated/index.js";
import type { SubscribeResponse } from "./generated/models/index.js";

/** A `fetch` the SDK calls as `fetch(url, init)`, like the global one. */
export type { FetchLike };

export interface CreatePresenceSdkOptions extends PresenceClientOptions {
  /**
   * Where the API lives, for example the Prism mock's URL. The generator's name for the base URL.
   * @default "https://api.wawp.net" (the spec's production server)
   */
  basePath?: string | undefined;
  /**
   * The fetch to send requests with; inject one for tests or a proxy.
   * @default globalThis.fetch (the generated runtime's own default, `window.fetch`, does not exist on Node)
   */
  fetch?: FetchLike | undefined;
  /** Extra headers for every request (a User-Agent, tracing). Credentials cannot be set here. */
  headers?: Record<string, string> | undefined;
}

export interface PresenceSdk {
  /**
   * Subscribes to one contact's presence. Updates then arrive as `presence.update` webhook events.
   * @param chatId a contact id, `<country code and number>@c.us`; `%40` is accepted for `@`.
   * @returns the success body, typed by the generated `SubscribeResponse` model.
   * @throws {SubscribeError} (rejects with) a `PresenceError` subclass: `PresenceValidationError`
   *   before sending, `BadRequestError`/`UnauthorizedError`/`NotFoundError`/`InternalServerError`/
   *   `BadGatewayError`/`PresenceApiError` for error statuses, `UnexpectedResponseError` for a 2xx the
   *   spec does not allow, `PresenceConnectionError`, `PresenceTimeoutError`, `PresenceAbortError`.
   */
  subscribe(chatId: string, options?: CallOptions): Promise<SubscribeResponse>;
  /** The base URL requests go to, without a trailing slash. */
  readonly basePath: string;
}

/** The query parameter names of the spec's query apiKey schemes (the header one is ACCESS_TOKEN_HEADER). */
const INSTANCE_ID_PARAM = "instance_id";
const ACCESS_TOKEN_PARAM = "access_token";

export function createPresenceSdk(options: CreatePresenceSdkOptions): PresenceSdk {
  const credentials = resolveCredentials(options);
  const basePath = resolveBaseUrl(options.basePath, "basePath");
  const send = sender(credentials, basePath, resolveFetch(options.fetch), resolveHeaders(credentials, options.headers));
  const config: SubscribeFlowConfig = { baseUrl: basePath, credentials, timeoutMs: options.timeoutMs, retry: options.retry };

  async function subscribe(chatId: string, call?: CallOptions): Promise<SubscribeResponse> {
    const outcome = await runSubscribe(send, config, chatId, call);
    if (!outcome.ok) throw outcome.error;
    // The core has checked the body against the spec's required fields; fields the spec does not
    // list yet are kept (the generated `SubscribeResponseFromJSON` would drop them). The models use
    // `modelPropertyNaming: original`, so their property names are the JSON names.
    return outcome.value as unknown as SubscribeResponse;
  }

  return { subscribe, basePath };
}

/** Builds the core's `send`: one request through the generated API, handing back the unread Response. */
function sender(credentials: ResolvedCredentials, basePath: string, userFetch: FetchLike, headers: Record<string, string>): Send {
  const tokenInQuery = credentials.credentialsIn === "query";

  const parameters: ConfigurationParameters = {
    basePath,
    headers,
    // The generated operation asks for each security scheme's value by its parameter name. The spec
    // offers the token in the query or in a header (alternative requirements), and typescript-fetch
    // 4.3.1 fills both; the place not chosen is dropped below, so the token travels exactly once.
    apiKey: (name: string): string => {
      if (name === INSTANCE_ID_PARAM) return credentials.instanceId;
      if (name === ACCESS_TOKEN_PARAM || name === ACCESS_TOKEN_HEADER) return credentials.accessToken;
      throw new Error(`The generated client asked for an apiKey '${name}' that @wawp/presence-sdk does not know; regenerate and update src/sdk.ts.`);
    },
    queryParamsStringify: tokenInQuery
      ? querystring
      : (params: HTTPQuery) => {
          const { [ACCESS_TOKEN_PARAM]: _token, ...rest } = params;
          return querystring(rest);
        },
  };

  return async ({ chatId, signal }) => {
    // typescript-fetch 4.3.1's methods take no RequestInit, so the attempt's signal reaches fetch
    // through a fetchApi made for this attempt. It also remembers the Response, so that the one the
    // generated runtime throws for a non-2xx status is recognised by identity.
    let received: Response | undefined;
    const fetchApi: FetchAPI = async (url, init) => {
      const headers = tokenInQuery ? withoutTokenHeader(init?.headers) : init?.headers;
      // Redirects are not followed: fetch would resend the access-token header to whatever origin
      // a Location names. A 3xx comes back as a PresenceApiError with its headers.
      received = await userFetch(String(url), { ...init, ...(headers === undefined ? {} : { headers }), redirect: "manual", signal });
      return received;
    };
    const api = new PresenceApi(new Configuration({ ...parameters, fetchApi }));
    try {
      const { raw } = await api.subscribeToPresenceRaw({ chatId });
      return { response: raw };
    } catch (error) {
      if (received !== undefined && error === received) return { response: received };
      throw error; // a fetch rejection: the core makes it a PresenceConnectionError
    }
  };
}

/** The generated runtime passes its headers as a plain object; in query mode the token header goes. */
function withoutTokenHeader(headers: HeadersInit | undefined): HeadersInit | undefined {
  if (headers === undefined || headers instanceof Headers || Array.isArray(headers)) return headers;
  const { [ACCESS_TOKEN_HEADER]: _token, ...rest } = headers;
  return rest;
}
