// What is particular to @wawp/presence-sdk: it throws typed errors, it sends through the generated
// typescript-fetch client (one API object per client, credentials from the Configuration's apiKey,
// the call's signal and headers through a `pre` middleware), and src/generated/ holds only
// generated code. The shared suites (test/suites.test.ts) cover everything the clients share.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, expectTypeOf, inject, it, vi } from "vitest";
import { operationCases, pathFor } from "@wawp/client-suites";
import { SPEC_VERSION } from "@wawp/presence-core";
import {
  BadGatewayError,
  NotFoundError,
  PresenceAbortError,
  PresenceApiError,
  PresenceError,
  PresenceTimeoutError,
  PresenceValidationError,
  UnauthorizedError,
  UnexpectedResponseError,
  PRESENCE_API_VERSION,
  createPresenceSdk,
  isPresenceError,
  type CreatePresenceSdkOptions,
  type ErrorResponse,
  type OperationData,
  type OperationFailure,
  type SubscribeResponse,
} from "../src/index.js";
import { Configuration, PresenceApi, type SubscribeToPresenceRequest } from "../src/generated/index.js";

const subscribe = operationCases().find((c) => c.operationId === "subscribeToPresence")!;
const CHAT_ID = String(subscribe.params["chatId"]);
const SUCCESS = subscribe.responses.find((c) => c.status === 200)!.exampleJson;
const TOKEN = "sdk+tok/en=secret";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function sdkWith(fetch: typeof globalThis.fetch, extra: Partial<CreatePresenceSdkOptions> = {}) {
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
    expect((error as NotFoundError).serverMessage).toBe("Session does not exist");
    expect((error as NotFoundError).json).toEqual({ status: 404, message: "Session does not exist", error: "Not Found" });
  });

  it("rejects (never throws synchronously) for a bad chatId, without sending", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => json(200, SUCCESS));
    const pending = sdkWith(fetch).subscribe(`+${CHAT_ID}`);
    expect(pending).toBeInstanceOf(Promise);
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(PresenceValidationError);
    expect((error as PresenceValidationError).field).toBe("chatId");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("throws a PresenceValidationError at construction for bad options, naming the option the SDK does know", () => {
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "" })).toThrow(PresenceValidationError);
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "t", basePath: "ftp://x" })).toThrow(/basePath/);
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "t", fetch: "nope" as unknown as typeof fetch })).toThrow(PresenceValidationError);
    // A config written for @wawp/presence-client, spread in: refused, instead of going to production.
    const shared: Record<string, unknown> = { instanceId: "i", accessToken: "t", baseUrl: "http://127.0.0.1:9" };
    expect(() => createPresenceSdk(shared as unknown as CreatePresenceSdkOptions)).toThrow('Invalid baseUrl: is not a known option; did you mean "basePath"?');
    expect(() => createPresenceSdk({ instanceId: "i", accessToken: "t", maxRetries: 0 } as unknown as CreatePresenceSdkOptions)).toThrow(/did you mean "retry\.maxRetries"\?/);
  });

  it("turns a 200 with an HTML page into UnexpectedResponseError, not a SyntaxError from response.json()", async () => {
    const jsonSpy = vi.spyOn(Response.prototype, "json");
    try {
      const sdk = sdkWith(async () => new Response("<html><title>Login to Wi-Fi</title></html>", { status: 200, headers: { "content-type": "text/html" } }));
      const error = await rejection(sdk.subscribe(CHAT_ID));
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(jsonSpy).not.toHaveBeenCalled();
    } finally {
      jsonSpy.mockRestore();
    }
  });

  it("passes each attempt's signal to fetch: a timeout aborts the request and rejects with PresenceTimeoutError", async () => {
    let seen: AbortSignal | undefined;
    const sdk = sdkWith(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          seen = init?.signal ?? undefined;
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
      { timeoutMs: 30 },
    );
    expect(await rejection(sdk.subscribe(CHAT_ID))).toBeInstanceOf(PresenceTimeoutError);
    expect(seen?.aborted).toBe(true);
  });

  it("rejects with PresenceAbortError when the caller aborts", async () => {
    const controller = new AbortController();
    const sdk = sdkWith((_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))));
    const pending = sdk.subscribe(CHAT_ID, { signal: controller.signal });
    controller.abort();
    expect(await rejection(pending)).toBeInstanceOf(PresenceAbortError);
  });

  it("gives up on a 502 after the retries with BadGatewayError and the attempt count", async () => {
    const sdk = sdkWith(async () => json(502, { message: "Connection to upstream failed" }), { retry: { maxRetries: 2, initialDelayMs: 1 } });
    const error = await rejection(sdk.subscribe(CHAT_ID));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect((error as BadGatewayError).attempts).toBe(3);
  });

  it("recognises the Response the generated runtime throws even when it is not this realm's Response", async () => {
    // A fetch polyfill's Response is not `instanceof Response`; the SDK knows it as one fetch returned.
    const real = json(401, { message: "Invalid or missing access token" });
    const foreign = { status: real.status, ok: real.ok, headers: real.headers, body: real.body, type: "basic", text: () => real.text() } as unknown as Response;
    expect(foreign).not.toBeInstanceOf(Response);
    expect(await rejection(sdkWith(async () => foreign).subscribe(CHAT_ID))).toBeInstanceOf(UnauthorizedError);
  });

  it("resolves the generator's { raw, value() } from the Raw method, with the URL redacted", async () => {
    const sdk = sdkWith(async () => new Response(JSON.stringify(SUCCESS), { status: 200, headers: { "content-type": "application/json", "x-request-id": "r-1" } }));
    const { raw, value } = await sdk.subscribeToPresenceRaw({ chatId: CHAT_ID });
    expect(raw.status).toBe(200);
    expect(raw.headers.get("x-request-id")).toBe("r-1");
    expect(raw.url).toContain("[REDACTED]");
    expect(raw.url).not.toContain("sdk%2Btok");
    expect(await value()).toEqual(SUCCESS);
  });
});

describe("@wawp/presence-sdk: the generated runtime behaves as the SDK relies on (pinned)", () => {
  // If an upgrade of openapi-generator changes any of this, these fail before users notice.
  it("runs the first `pre` middleware synchronously inside the generated method's call", () => {
    let ranDuringCall = false;
    const api = new PresenceApi(
      new Configuration({
        basePath: "http://127.0.0.1:9",
        apiKey: () => "k",
        fetchApi: async () => json(200, SUCCESS),
        middleware: [{ pre: async () => void (ranDuringCall = true) }],
      }),
    );
    const pending = api.subscribeToPresenceRaw({ chatId: CHAT_ID });
    expect(ranDuringCall).toBe(true);
    return pending;
  });

  it("throws the Response itself for a status outside 2xx", async () => {
    const answer = json(404, {});
    const api = new PresenceApi(new Configuration({ basePath: "http://127.0.0.1:9", apiKey: () => "k", fetchApi: async () => answer }));
    expect(await rejection(api.subscribeToPresenceRaw({ chatId: CHAT_ID }))).toBe(answer);
  });

  it("asks the apiKey for each credential parameter of the spec, by name", async () => {
    const asked: string[] = [];
    const api = new PresenceApi(new Configuration({ basePath: "http://127.0.0.1:9", apiKey: (name) => (asked.push(name), "k"), fetchApi: async () => json(200, SUCCESS) }));
    await api.subscribeToPresenceRaw({ chatId: CHAT_ID });
    expect(asked.sort()).toEqual(["access-token", "access_token", "instance_id"]);
  });
});

describe("@wawp/presence-sdk: credentials through the generated Configuration", () => {
  const seen: Array<{ url: URL; headers: IncomingMessage["headers"] }> = [];
  const server = createServer((request, response) => {
    seen.push({ url: new URL(request.url ?? "/", "http://localhost"), headers: request.headers });
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(SUCCESS));
  });
  let basePath = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    basePath = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("by default sends the token only in the query, with the global fetch (the generated default is window.fetch)", async () => {
    const sdk = createPresenceSdk({ basePath, instanceId: "sdk-instance", accessToken: TOKEN });
    await expect(sdk.subscribe(CHAT_ID)).resolves.toEqual(SUCCESS);
    const request = seen.at(-1);
    expect(request?.url.pathname).toBe(pathFor(subscribe.operation, subscribe.params));
    expect(request?.url.searchParams.get("instance_id")).toBe("sdk-instance");
    expect(request?.url.searchParams.get("access_token")).toBe(TOKEN);
    expect(request?.headers["access-token"]).toBeUndefined();
    expect(request?.headers["accept"]).toBe("application/json");
  });

  it('with credentialsIn: "header", sends only the instance id in the query and the token in the header', async () => {
    const sdk = createPresenceSdk({ basePath, instanceId: "sdk-instance", accessToken: TOKEN, credentialsIn: "header" });
    await expect(sdk.subscribe(CHAT_ID)).resolves.toEqual(SUCCESS);
    const request = seen.at(-1);
    expect([...(request?.url.searchParams.keys() ?? [])]).toEqual(["instance_id"]);
    expect(request?.headers["access-token"]).toBe(TOKEN);
  });

  it("keeps concurrent calls' signals and headers apart through the one API object", async () => {
    const sdk = createPresenceSdk({ basePath, instanceId: "sdk-instance", accessToken: TOKEN });
    const before = seen.length;
    await Promise.all(Array.from({ length: 10 }, (_, i) => sdk.subscribe(CHAT_ID, { headers: { "x-call": String(i) } })));
    expect(seen.slice(before).map((r) => r.headers["x-call"]).sort()).toEqual(Array.from({ length: 10 }, (_, i) => String(i)).sort());
  });

  it("is accepted by the Prism mock in both credential forms the spec declares", async () => {
    for (const credentialsIn of ["query", "header"] as const) {
      const sdk = createPresenceSdk({ basePath: inject("prismUrl"), instanceId: "sdk-instance", accessToken: TOKEN, credentialsIn });
      await expect(sdk.subscribe(CHAT_ID)).resolves.toEqual(SUCCESS);
    }
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
  const HEADER = /^\/\*\*\n \* GENERATED FILE, DO NOT EDIT\.\n \* Source: \.\.\/\.\.\/spec\/openapi\.yaml \(spec version \d+\.\d+\.\d+, sha256 [0-9a-f]{12}\)\n \* Generator: (openapi-generator 4\.3\.1 \(typescript-fetch\)|packages\/presence-sdk\/scripts\/generate\.mjs, from openapi-generator's output)\n/;

  it("starts every generated .ts file with the header", () => {
    const generated = files.filter((path) => path.startsWith("generated/") && path.endsWith(".ts"));
    expect(generated).toEqual(expect.arrayContaining(["generated/index.ts", "generated/runtime.ts", "generated/operations.gen.ts", "generated/spec-version.gen.ts"]));
    for (const path of generated) expect(readFileSync(join(srcDir, path), "utf8"), path).toMatch(HEADER);
  });

  it("keeps generated code only in src/generated/, and nothing hand-written there", () => {
    for (const path of files.filter((path) => !path.startsWith("generated/"))) {
      expect(readFileSync(join(srcDir, path), "utf8"), path).not.toContain("GENERATED FILE, DO NOT EDIT");
    }
    const other = files.filter((path) => path.startsWith("generated/") && !path.endsWith(".ts"));
    expect(other.sort()).toEqual(["generated/.openapi-generator/FILES", "generated/.openapi-generator/VERSION"]);
    expect(readFileSync(join(srcDir, "generated/.openapi-generator/VERSION"), "utf8").trim()).toBe("4.3.1");
    const listed = readFileSync(join(srcDir, "generated/.openapi-generator/FILES"), "utf8").trim().split("\n");
    expect(listed).toEqual(files.filter((path) => path.startsWith("generated/") && path.endsWith(".ts")).map((path) => path.slice("generated/".length)).sort());
  });
});

describe("@wawp/presence-sdk: types", () => {
  it("takes the generated request interface and resolves the generated model, success flag narrowed", () => {
    const sdk = createPresenceSdk({ instanceId: "i", accessToken: "t", fetch: async () => new Response() });
    expectTypeOf(sdk.subscribeToPresence).parameter(0).toEqualTypeOf<SubscribeToPresenceRequest>();
    expectTypeOf<OperationData<"subscribeToPresence">>().toEqualTypeOf<SubscribeResponse & { readonly success: true }>();
    expectTypeOf(sdk.subscribe).returns.resolves.toEqualTypeOf<OperationData<"subscribeToPresence">>();
    // Type checks only: never called.
    const misuse = () => {
      // @ts-expect-error chatId is required
      void sdk.subscribeToPresence({});
    };
    expectTypeOf(misuse).toBeFunction();
  });

  it("narrows a caught error by class, kind and status", () => {
    const caught = (e: unknown) => {
      if (e instanceof PresenceError && e.kind === "api" && e.status === 404) expectTypeOf(e).toEqualTypeOf<NotFoundError>();
      if (e instanceof NotFoundError) expectTypeOf(e.status).toEqualTypeOf<404>();
      if (isPresenceError(e) && e.kind === "timeout") expectTypeOf(e.timeoutMs).toBeNumber();
    };
    const typed = (e: OperationFailure<"subscribeToPresence">) => {
      if (e.kind === "api" && e.status === 401) expectTypeOf(e.json).toEqualTypeOf<ErrorResponse | undefined>();
    };
    expectTypeOf(caught).toBeFunction();
    expectTypeOf(typed).toBeFunction();
  });

  it("exposes the spec version it was generated from", () => {
    expect(PRESENCE_API_VERSION).toBe(SPEC_VERSION);
  });
});
