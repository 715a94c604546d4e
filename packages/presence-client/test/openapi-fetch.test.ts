// The behaviour of openapi-fetch this client relies on, pinned: if an upgrade changes any of it,
// these fail before a user notices. All of it is documented API of createClient and middleware.
import createClient, { createQuerySerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";

type Paths = Record<string, Record<"post", { parameters: { path?: Record<string, unknown>; query?: Record<string, unknown> } }>>;

describe("openapi-fetch, as @wawp/presence-client uses it", () => {
  it("calls the `fetch` option with one Request carrying the client's RequestInit options (redirect) and the call's signal", async () => {
    const seen: Request[] = [];
    const client = createClient<Paths>({ baseUrl: "http://127.0.0.1:9", redirect: "manual", fetch: async (request) => (seen.push(request), new Response("{}")) });
    const controller = new AbortController();
    await client.request("post", "/things/{id}", { params: { path: { id: "a@b" } }, signal: controller.signal, parseAs: "stream" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[0]?.redirect).toBe("manual");
    expect(seen[0]?.url).toBe("http://127.0.0.1:9/things/a%40b");
    controller.abort();
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it("uses a per-call querySerializer, and createQuerySerializer serializes the query as its default does", async () => {
    const seen: string[] = [];
    const client = createClient<Paths>({ baseUrl: "http://x", fetch: async (request) => (seen.push(request.url), new Response("{}")) });
    const serialize = createQuerySerializer();
    expect(serialize({ a: 1, b: "x y" })).toBe("a=1&b=x%20y");
    await client.request("post", "/q", { params: { query: { a: 1 } }, querySerializer: (query) => `${serialize(query)}&cred=1`, parseAs: "stream" });
    expect(seen[0]).toBe("http://x/q?a=1&cred=1");
  });

  it("hands the Response an onResponse middleware returns to the caller, and reads only that one", async () => {
    let originalRead = false;
    const original = new Response(new ReadableStream({ pull: () => void (originalRead = true) }, { highWaterMark: 0 }), { status: 500 });
    const replacement = new Response(null, { status: 500, headers: { "x-replaced": "1" } });
    const client = createClient<Paths>({ baseUrl: "http://x", fetch: async () => original });
    client.use({ onResponse: () => replacement });
    const { response } = await client.request("post", "/q", { parseAs: "stream" });
    expect(response).toBe(replacement);
    expect(originalRead).toBe(false);
  });

  it("returns a success response's body unread with parseAs: stream", async () => {
    const client = createClient<Paths>({ baseUrl: "http://x", fetch: async () => new Response('{"a":1}') });
    const { data, response } = await client.request("post", "/q", { parseAs: "stream" });
    expect(data).toBeInstanceOf(ReadableStream);
    expect(response.bodyUsed).toBe(false);
  });
});
