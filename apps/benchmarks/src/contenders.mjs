// The contenders of `pnpm bench` and `pnpm load`: one subscribe call each, same input, same answer.
// Each `call()` resolves after the body has been read and checked, and throws if the call did not
// yield the documented success — a benchmark of a call that silently fails measures nothing.
import axios from "axios";
import createClient from "openapi-fetch";
import { createPresenceClient } from "@wawp/presence-client";

import { bareSdkApi } from "./bare-sdk.mjs";
import { ACCESS_TOKEN, CHAT_ID, INSTANCE_ID, OK_BODY, SUBSCRIBE_PATH } from "./constants.mjs";

export { ACCESS_TOKEN, CHAT_ID, INSTANCE_ID, OK_BODY, SUBSCRIBE_PATH };
const QUERY = `instance_id=${encodeURIComponent(INSTANCE_ID)}&access_token=${encodeURIComponent(ACCESS_TOKEN)}`;

/** The URL every contender sends (the clients encode `@` as %40 in the path; so does the floor). */
export function subscribeUrl(baseUrl) {
  return `${baseUrl}${SUBSCRIBE_PATH.replace("{chatId}", encodeURIComponent(CHAT_ID))}?${QUERY}`;
}

const CANNED_INIT = { status: 200, headers: { "content-type": "application/json" } };
/** A fetch that answers every request at once with a fresh canned 200 (no network). */
export function cannedFetch() {
  return Promise.resolve(new Response(OK_BODY, CANNED_INIT));
}

function expectSuccess(name, data) {
  if (data === null || typeof data !== "object" || data.success !== true || data.message !== "Operation completed successfully") {
    throw new Error(`${name}: unexpected result ${JSON.stringify(data)}`);
  }
}

/** @wawp/presence-sdk, loaded lazily: it may not be built yet. Resolves null (with the reason) when unavailable. */
export async function loadSdk() {
  try {
    const sdk = await import("@wawp/presence-sdk");
    if (typeof sdk.createPresenceSdk !== "function") return { sdk: null, reason: "@wawp/presence-sdk has no createPresenceSdk export" };
    return { sdk, reason: undefined };
  } catch (error) {
    return { sdk: null, reason: `@wawp/presence-sdk is not built (${String(error?.message ?? error).split("\n")[0]})` };
  }
}

/**
 * The contenders for one transport.
 * @param {{ baseUrl: string, fetch?: typeof fetch, mode: "canned" | "http", sdk: any }} options
 *   `fetch` undefined means the global fetch (undici) over the network.
 * @returns {{ name: string, key: string, call: () => Promise<void>, unavailable?: string }[]}
 */
export function makeContenders({ baseUrl, fetch: injected, mode, sdk, generated }) {
  const url = subscribeUrl(baseUrl);
  const doFetch = injected ?? globalThis.fetch;
  const list = [];

  // 1. The floor: the vendor page's sample, written by hand.
  const floorInit = { method: "POST", headers: { "Content-Type": "application/json" } };
  list.push({
    key: "floor",
    name: "floor: hand-written fetch",
    async call() {
      const res = await doFetch(url, floorInit);
      expectSuccess("floor", await res.json());
    },
  });

  // 1b. The floor with the one guarantee every production call needs: a timeout that cancels the
  //     request. Informational: it shows what a timeout costs by itself (an AbortSignal per call),
  //     next to the clients, which pay for it too.
  list.push({
    key: "floor-timeout",
    name: "floor + AbortSignal.timeout",
    async call() {
      const res = await doFetch(url, { ...floorInit, signal: AbortSignal.timeout(10_000) });
      expectSuccess("floor-timeout", await res.json());
    },
  });

  // 2. axios as the vendor snippets use it. With a canned fetch it goes through its fetch adapter
  //    (axios >= 1.7: adapter "fetch" + env.fetch); over the network it uses its default (node:http).
  const ax = mode === "canned" ? axios.create({ adapter: "fetch", env: { fetch: injected } }) : axios.create();
  const axiosConfig = { headers: { "Content-Type": "application/json" } };
  list.push({
    key: "axios",
    name: mode === "canned" ? "axios (fetch adapter)" : "axios (http adapter)",
    async call() {
      const res = await ax.post(url, undefined, axiosConfig);
      expectSuccess("axios", res.data);
    },
  });

  // 3. Bare openapi-fetch over the generated `paths` types (the types are erased here; the runtime
  //    call is what presence-client makes before its own policy).
  /** @type {import("openapi-fetch").Client<import("@wawp/presence-client").paths>} */
  const bare = createClient({ baseUrl, headers: { "Content-Type": "application/json" }, ...(injected ? { fetch: injected } : {}) });
  const querySerializer = () => QUERY;
  const bareParams = { params: { path: { chatId: CHAT_ID } }, querySerializer };
  list.push({
    key: "openapi-fetch",
    name: "bare openapi-fetch",
    async call() {
      const { data, error } = await bare.POST(SUBSCRIBE_PATH, bareParams);
      if (error !== undefined) throw new Error(`openapi-fetch: error ${JSON.stringify(error)}`);
      expectSuccess("openapi-fetch", data);
    },
  });

  // 3b. Bare openapi-fetch with the timeout a careful caller adds: the honest floor for presence-client.
  list.push({
    key: "openapi-fetch-timeout",
    name: "bare openapi-fetch + AbortSignal.timeout",
    async call() {
      const { data, error } = await bare.POST(SUBSCRIBE_PATH, { ...bareParams, signal: AbortSignal.timeout(10_000) });
      if (error !== undefined) throw new Error(`openapi-fetch: error ${JSON.stringify(error)}`);
      expectSuccess("openapi-fetch-timeout", data);
    },
  });

  // 3c. The generated typescript-fetch SDK used bare, with a timeout (its methods take no per-call
  //     options, so the timeout goes in through its fetchApi): the honest floor for presence-sdk.
  if (generated) {
    const api = bareSdkApi(generated, baseUrl, doFetch);
    list.push({
      key: "generated-sdk-timeout",
      name: "bare generated SDK + AbortSignal.timeout",
      async call() {
        expectSuccess("generated-sdk-timeout", await api.subscribeToPresence({ chatId: CHAT_ID }));
      },
    });
  } else {
    list.push({ key: "generated-sdk-timeout", name: "bare generated SDK + AbortSignal.timeout", call: undefined, unavailable: "not bundled" });
  }

  // 4. @wawp/presence-client.
  const client = createPresenceClient({ baseUrl, instanceId: INSTANCE_ID, accessToken: ACCESS_TOKEN, ...(injected ? { fetch: injected } : {}) });
  list.push({
    key: "presence-client",
    name: "@wawp/presence-client",
    async call() {
      const { data, error } = await client.subscribe(CHAT_ID);
      if (error) throw error;
      expectSuccess("presence-client", data);
    },
  });

  // 5. @wawp/presence-sdk (when built).
  if (sdk) {
    const instance = sdk.createPresenceSdk({ instanceId: INSTANCE_ID, accessToken: ACCESS_TOKEN, basePath: baseUrl, ...(injected ? { fetch: injected } : {}) });
    list.push({
      key: "presence-sdk",
      name: "@wawp/presence-sdk",
      async call() {
        expectSuccess("presence-sdk", await instance.subscribe(CHAT_ID));
      },
    });
  } else {
    list.push({ key: "presence-sdk", name: "@wawp/presence-sdk", call: undefined, unavailable: "not built" });
  }
  return list;
}
