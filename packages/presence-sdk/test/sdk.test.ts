// What is particular to @wawp/presence-sdk: it throws typed errors, it sends through the generated
// typescript-fetch client (credentials from the Configuration's apiKey), it returns the generated
// model type, and src/generated/ holds only generator output under the repository header.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it, vi } from "vitest";
import { PAGE_EXAMPLE_CHAT_ID, PAGE_EXAMPLE_SUCCESS } from "@wawp/contract-harness";
import { SPEC_VERSION } from "@wawp/presence-core";
import {
  BadGatewayError,
  NotFoundError,
  PRESENCE_API_VERSION,
  PresenceAbortError,
  PresenceApiError,
  PresenceConnectionError,
  PresenceError,
  PresenceTimeoutError,
  PresenceValidationError,
  UnauthorizedError,
  UnexpectedResponseError,
  createPresenceSdk,
  type CreatePresenceSdkOptions,
  type ErrorResponse,
  type FetchLike,
  type SubscribeError,
  type SubscribeResponse,
} from "../src/index.js";
import { Configuration } from "../src/generated/index.js";

const CHAT_ID = "447441429009@c.us";
const TOKEN = "sdk+tok/en=secret";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function sdkWith(fetch: FetchLike, extra: Partial<CreatePresenceSdkOptions> = {}) {
  return createPresenceSdk({ basePath: "http://127.0.0.1:9", instanceId: "sdk-instance", accessToken: TOKEN, fetch, retry: { maxRetries: 0 }, ...extra });
}

/** The rejection of `promise`, failing the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return expect.unreachable("the call should have rejected");
}

describe("@wawp/presence-sdk: throws typed errors", () => {
  it("rejects with the status's class, which is a PresenceApiError, a PresenceError and an Error", async () => {
    const sdk = sdkWith(async () => json(404, { status: 404, message: "Session does not exist", error: "Not Found" }));
    const error = await rejection(sdk.subscribe(CHAT_ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(PresenceApiError);
    expect(error).toBeInstanceOf(PresenceError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnauthorizedError);
    const notFound = error as NotFoundError;
    expect(notFound.status).toBe(404);
    expect(notFound.serverMessage).toBe("Session does not exist");
    expect(notFound.name).toBe("NotFoundError");
  });

  it("rejects (never throws synchronously) for a bad chatId, without sending", async () => {
    const fetch = vi.fn<FetchLike>(async () => json(200, PAGE_EXAMPLE_SUCCESS));
    const sdk = sdkWith(fetch);
    const pending = sdk.subscribe("+447441429009@c.us");
    expect(pending).toBeInstanceOf(Promise);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(PresenceValidationError);
    expect((error as PresenceValidationError).field).toBe("chatId");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("throws a PresenceValidationError at construction for bad options", () => {
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "" })).toThrow(PresenceValidationError);
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "t", basePath: "ftp://x" })).toThrow(/basePath/);
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "t", fetch: "nope" as unknown as FetchLike })).toThrow(PresenceValidationError);
    for (const name of ["access-token", "Authorization"]) {
      expect(() => createPresenceSdk({ instanceId: "i", accessToken: TOKEN, headers: { [name]: TOKEN } })).toThrow(/credential header/);
    }
  });

  it("turns a 200 with an HTML page into UnexpectedResponseError, not a SyntaxError from response.json()", async () => {
    const jsonSpy = vi.spyOn(Response.prototype, "json");
    try {
      const sdk = sdkWith(async () => new Response("<html><title>Login to Wi-Fi</title></html>", { status: 200, headers: { "content-type": "text/html" } }));
      const error = await rejection(sdk.subscribe(CHAT_ID));
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect(jsonSpy).not.toHaveBeenCalled();
    } finally {
      jsonSpy.mockRestore();
    }
  });

  it("turns a failed fetch into PresenceConnectionError", async () => {
    const sdk = sdkWith(async () => {
      throw new TypeError("fetch failed");
    });
    expect(await rejection(sdk.subscribe(CHAT_ID))).toBeInstanceOf(PresenceConnectionError);
  });

  it("passes each attempt's signal to fetch: a timeout aborts the request and rejects with PresenceTimeoutError", async () => {
    let seen: AbortSignal | undefined;
    const sdk = sdkWith(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          seen = init.signal ?? undefined;
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
      { timeoutMs: 30 },
    );
    const error = await rejection(sdk.subscribe(CHAT_ID));
    expect(error).toBeInstanceOf(PresenceTimeoutError);
    expect(seen).toBeInstanceOf(AbortSignal);
    expect(seen?.aborted).toBe(true);
  });

  it("rejects with PresenceAbortError when the caller aborts", async () => {
    const controller = new AbortController();
    const sdk = sdkWith((_url, init) => new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason))));
    const pending = sdk.subscribe(CHAT_ID, { signal: controller.signal });
    controller.abort();
    expect(await rejection(pending)).toBeInstanceOf(PresenceAbortError);
  });

  it("retries a 502 under the shared policy and resolves with the later success", async () => {
    const fetch = vi.fn<FetchLike>().mockResolvedValueOnce(json(502, { message: "Connection to upstream failed" })).mockResolvedValueOnce(json(200, PAGE_EXAMPLE_SUCCESS));
    const sdk = sdkWith(fetch, { retry: { maxRetries: 1, initialDelayMs: 1 } });
    await expect(sdk.subscribe(CHAT_ID)).resolves.toEqual(PAGE_EXAMPLE_SUCCESS);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("gives up on a 502 after the retries with BadGatewayError and the attempt count", async () => {
    const sdk = sdkWith(async () => json(502, { message: "Connection to upstream failed" }), { retry: { maxRetries: 2, initialDelayMs: 1 } });
    const error = await rejection(sdk.subscribe(CHAT_ID));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect((error as BadGatewayError).attempts).toBe(3);
  });

  it("recognises the Response the generated runtime throws even when it is not this realm's Response", async () => {
    // A fetch polyfill's Response is not `instanceof Response`; the SDK matches it by identity.
    const real = json(401, { message: "Invalid or missing access token" });
    const foreign = { status: real.status, ok: real.ok, headers: real.headers, body: real.body, text: () => real.text() } as unknown as Response;
    expect(foreign).not.toBeInstanceOf(Response);
    const sdk = sdkWith(async () => foreign);
    expect(await rejection(sdk.subscribe(CHAT_ID))).toBeInstanceOf(UnauthorizedError);
  });

  it("lets a caller's header replace the default Accept whatever its case", async () => {
    const fetch = vi.fn<FetchLike>(async () => json(200, PAGE_EXAMPLE_SUCCESS));
    await sdkWith(fetch, { headers: { accept: "application/xml", "X-Trace": "1" } }).subscribe(CHAT_ID);
    const headers = new Headers(fetch.mock.calls[0]?.[1].headers);
    expect(headers.get("accept")).toBe("application/xml");
    expect(headers.get("x-trace")).toBe("1");
  });
});

describe("@wawp/presence-sdk: credentials go through the generated Configuration's apiKey", () => {
  interface Seen {
    method: string | undefined;
    url: URL;
    headers: IncomingMessage["headers"];
  }
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ method: request.method, url: new URL(request.url ?? "/", "http://localhost"), headers: request.headers });
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(PAGE_EXAMPLE_SUCCESS));
  });
  let basePath = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    basePath = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("asks the apiKey for each of the spec's credential parameters, and by default sends the token only in the query", async () => {
    const asked: string[] = [];
    // Wrap the real getter so every name the generated operation asks for is recorded.
    const descriptor = Object.getOwnPropertyDescriptor(Configuration.prototype, "apiKey");
    const realGet = descriptor?.get;
    expect(realGet).toBeTypeOf("function");
    const spy = vi.spyOn(Configuration.prototype, "apiKey", "get").mockImplementation(function (this: Configuration) {
      const apiKey = realGet?.call(this) as ((name: string) => string) | undefined;
      return apiKey && ((name: string) => (asked.push(name), apiKey(name)));
    });
    try {
      // No `fetch` option: the SDK must bring a working fetch on Node (the generated default is window.fetch).
      const sdk = createPresenceSdk({ basePath, instanceId: "sdk-instance", accessToken: TOKEN });
      await expect(sdk.subscribe(CHAT_ID)).resolves.toEqual(PAGE_EXAMPLE_SUCCESS);
    } finally {
      spy.mockRestore();
    }
    expect(asked.sort()).toEqual(["access-token", "access_token", "instance_id"]);
    const request = seen.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.url.pathname).toBe("/v2/presence/447441429009%40c.us/subscribe");
    expect(request?.url.searchParams.get("instance_id")).toBe("sdk-instance");
    expect(request?.url.searchParams.get("access_token")).toBe(TOKEN);
    expect(request?.headers["access-token"]).toBeUndefined();
    expect(request?.headers["accept"]).toBe("application/json");
  });

  it('with credentialsIn: "header", sends only instance_id in the query and the token in the access-token header', async () => {
    const sdk = createPresenceSdk({ basePath, instanceId: "sdk-instance", accessToken: TOKEN, credentialsIn: "header" });
    await expect(sdk.subscribe(CHAT_ID)).resolves.toEqual(PAGE_EXAMPLE_SUCCESS);
    const request = seen.at(-1);
    expect([...(request?.url.searchParams.keys() ?? [])]).toEqual(["instance_id"]);
    expect(request?.url.searchParams.get("instance_id")).toBe("sdk-instance");
    expect(request?.headers["access-token"]).toBe(TOKEN);
    expect(request?.url.search).not.toContain("sdk%2Btok");
  });

  it("is accepted by the Prism mock in both credential forms the spec declares", async () => {
    const sdk = createPresenceSdk({ basePath: inject("prismUrl"), instanceId: "sdk-instance", accessToken: TOKEN });
    await expect(sdk.subscribe(PAGE_EXAMPLE_CHAT_ID)).resolves.toEqual(PAGE_EXAMPLE_SUCCESS);
    const headerForm = createPresenceSdk({ basePath: inject("prismUrl"), instanceId: "sdk-instance", accessToken: TOKEN, credentialsIn: "header" });
    await expect(headerForm.subscribe(PAGE_EXAMPLE_CHAT_ID)).resolves.toEqual(PAGE_EXAMPLE_SUCCESS);
  });
});

describe("@wawp/presence-sdk: types", () => {
  it("resolves to the generated SubscribeResponse model", () => {
    expectTypeOf<SubscribeResponse>().toEqualTypeOf<{ success: boolean; message: string }>();
    expectTypeOf<ErrorResponse>().toEqualTypeOf<{ status?: number; message?: string; error?: string }>();
    const sdk = createPresenceSdk({ instanceId: "i", accessToken: "t", fetch: async () => new Response() });
    expectTypeOf(sdk.subscribe).returns.resolves.toEqualTypeOf<SubscribeResponse>();
    expectTypeOf(sdk.subscribe).parameter(0).toBeString();
  });

  it("narrows a caught error by class and by kind", () => {
    const narrow = (error: SubscribeError) => {
      if (error instanceof NotFoundError) expectTypeOf(error.status).toEqualTypeOf<404>();
      if (error.kind === "timeout") expectTypeOf(error.timeoutMs).toBeNumber();
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it("exposes the spec version it was generated from", () => {
    expect(PRESENCE_API_VERSION).toBe(SPEC_VERSION);
    expect(PRESENCE_API_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("@wawp/presence-sdk: src/generated/", () => {
  const packageDir = fileURLToPath(new URL("..", import.meta.url));
  const srcDir = join(packageDir, "src");
  const list = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? list(join(dir, entry.name)) : [relative(srcDir, join(dir, entry.name)).split(sep).join("/")],
    );
  const files = list(srcDir);
  const HEADER = /^\/\*\*\n \* GENERATED FILE, DO NOT EDIT\.\n \* Source: \.\.\/\.\.\/spec\/openapi\.yaml \(spec version \d+\.\d+\.\d+, sha256 [0-9a-f]{12}\)\n \* Generator: openapi-generator 4\.3\.1 \(typescript-fetch\)\n/;

  it("starts every generated .ts file with the header", () => {
    const generated = files.filter((path) => path.startsWith("generated/") && path.endsWith(".ts"));
    expect(generated).toEqual(expect.arrayContaining(["generated/index.ts", "generated/runtime.ts", "generated/apis/PresenceApi.ts", "generated/models/SubscribeResponse.ts", "generated/spec-version.gen.ts"]));
    for (const path of generated) expect(readFileSync(join(srcDir, path), "utf8"), path).toMatch(HEADER);
  });

  it("is the build the README names (spec version)", () => {
    const header = readFileSync(join(srcDir, "generated/spec-version.gen.ts"), "utf8");
    const digest = /sha256 ([0-9a-f]{12})\)/.exec(header)?.[1];
    const readme = readFileSync(join(packageDir, "README.md"), "utf8");
    expect(digest).toMatch(/^[0-9a-f]{12}$/);
    expect(readme).toContain(`spec version **${PRESENCE_API_VERSION}**`);
  });

  it("keeps generated code only in src/generated/, and nothing hand-written there", () => {
    for (const path of files.filter((path) => !path.startsWith("generated/"))) {
      expect(readFileSync(join(srcDir, path), "utf8"), path).not.toContain("GENERATED FILE, DO NOT EDIT");
    }
    const other = files.filter((path) => path.startsWith("generated/") && !path.endsWith(".ts"));
    expect(other.sort()).toEqual(["generated/.openapi-generator/FILES", "generated/.openapi-generator/VERSION"]);
    expect(readFileSync(join(srcDir, "generated/.openapi-generator/VERSION"), "utf8").trim()).toBe("4.3.1");
    // The file list names exactly the .ts files there.
    const listed = readFileSync(join(srcDir, "generated/.openapi-generator/FILES"), "utf8").trim().split("\n");
    expect(listed).toEqual(files.filter((path) => path.startsWith("generated/") && path.endsWith(".ts")).map((path) => path.slice("generated/".length)).sort());
  });
});
