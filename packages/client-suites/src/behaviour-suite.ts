// Unit-level behaviour every client must show, driven through an injected `fetch` (no network):
// each body format becomes the right typed error, nothing crashes on a non-JSON body, a network
// failure is typed, rejected input sends nothing, options are checked, and the token never leaks.
import { describe, expect, it } from "vitest";
import type { ClientOptionsView, ClientUnderTest, ErrorView } from "./client-under-test.js";
import { everythingAnErrorShows, expectNoToken, UNIT_ACCESS_TOKEN } from "./leaks.js";
import fc from "fast-check";
import { hostileBody } from "./hostile-bodies.js";
import { credentialParams, operationCases, pathFor } from "./spec-cases.js";

interface Call {
  request: Request;
}

function cannedFetch(make: (call: Call) => Response | Promise<Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (input, init) => {
      const call = { request: new Request(input, init) };
      calls.push(call);
      return make(call);
    },
  };
}

function respond(status: number, contentType: string | undefined, body: string, headers: Record<string, string> = {}): Response {
  // A string body would make Response add "text/plain"; bytes leave the content type truly absent.
  if (contentType === undefined) return new Response(new TextEncoder().encode(body), { status, headers });
  return new Response(body, { status, headers: { "content-type": contentType, ...headers } });
}

export function defineBehaviourSuite(client: ClientUnderTest): void {
  // The subscribe operation's example, from the spec; the suite calls it through the shorthand.
  const subscribe = operationCases().find((c) => c.operationId === "subscribeToPresence");
  if (!subscribe) throw new Error("the spec has no subscribeToPresence operation");
  const chatId = String(subscribe.params["chatId"]);
  const successJson = subscribe.responses.find((c) => c.status === 200)?.exampleText ?? "{}";
  const names = credentialParams();

  const base = (fetch: typeof globalThis.fetch, extra: Partial<ClientOptionsView> = {}) =>
    client.create({ baseUrl: "http://127.0.0.1:9", instanceId: "unit-instance", accessToken: UNIT_ACCESS_TOKEN, fetch, retry: { maxRetries: 0 }, ...extra });

  describe(`${client.name}: error bodies of every format`, () => {
    const table: Array<[string, number, string | undefined, string, string, string | undefined]> = [
      ["JSON", 404, "application/json", '{"status":404,"message":"Session does not exist","error":"Not Found"}', "NotFoundError", "Session does not exist"],
      ["XML", 401, "application/xml", "<error><message>Token &amp; instance mismatch</message></error>", "UnauthorizedError", "Token & instance mismatch"],
      ["text", 400, "text/plain", "Missing chatId\n", "BadRequestError", "Missing chatId"],
      ["HTML", 500, "text/html; charset=utf-8", "<html><head><title>Oops</title></head><body>x</body></html>", "InternalServerError", "Oops"],
      ["JSON with a charset", 502, "application/json; charset=utf-8", '{"message":"Connection to upstream failed"}', "BadGatewayError", "Connection to upstream failed"],
      ["malformed JSON", 500, "application/json", '{"message": "cut', "InternalServerError", undefined],
      ["empty", 404, "application/json", "", "NotFoundError", undefined],
      ["unlabelled JSON", 400, undefined, '{"message":"no content type"}', "BadRequestError", "no content type"],
      ["a 403 (a class of the fixed table)", 403, "application/json", '{"message":"subscription_required"}', "ForbiddenError", "subscription_required"],
      ["an undocumented status", 418, "text/plain", "I'm a teapot", "PresenceApiError", "I'm a teapot"],
    ];
    for (const [label, status, type, body, name, message] of table) {
      it(`${status} with a ${label} body becomes ${name}`, async () => {
        const { fetch } = cannedFetch(() => respond(status, type, body));
        const { data, error, response } = await base(fetch).subscribe(chatId);
        expect(data).toBeUndefined();
        expect(error?.name).toBe(name);
        expect(error?.kind).toBe("api");
        expect(error?.status).toBe(status);
        expect(error?.body).toBe(body);
        expect(error?.serverMessage).toBe(message);
        expect(error?.attempts).toBe(1);
        expect(response?.status ?? status).toBe(status);
        // The server's message leads the error's message.
        if (message) expect(error?.message.startsWith(message)).toBe(true);
      });
    }

    it("parses a JSON error body into `json`", async () => {
      const { fetch } = cannedFetch(() => respond(404, "application/json", '{"status":404,"message":"gone","error":"Not Found"}'));
      const { error } = await base(fetch).subscribe(chatId);
      expect(error?.json).toEqual({ status: 404, message: "gone", error: "Not Found" });
    });

    it("keeps every set-cookie header of an error", async () => {
      const headers = new Headers({ "content-type": "text/plain" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/");
      const { fetch } = cannedFetch(() => new Response("no", { status: 400, headers }));
      const { error } = await base(fetch).subscribe(chatId);
      expect(error?.headers?.["set-cookie"]).toBe("a=1; Path=/, b=2; Path=/");
    });
  });

  describe(`${client.name}: generated hostile error bodies (fast-check)`, () => {
    it("turn into the typed error of their status, with a bounded message and no token", async () => {
      await fc.assert(
        fc.asyncProperty(hostileBody({ maxRepeat: 2_000 }), fc.constantFrom(400, 401, 404, 500, 502, 418), async (body, status) => {
          const echoed = `${body.text}<message>${UNIT_ACCESS_TOKEN}</message>`;
          const { fetch } = cannedFetch(() => respond(status, body.mediaType || undefined, echoed));
          const { data, error } = await base(fetch).subscribe(chatId);
          expect(data).toBeUndefined();
          expect(error?.kind).toBe("api");
          expect(error?.status).toBe(status);
          expect((error?.serverMessage ?? "").length).toBeLessThanOrEqual(310);
          expectNoToken(everythingAnErrorShows(error));
        }),
        { seed: 20261126, numRuns: 60 },
      );
    });
  });

  describe(`${client.name}: a 2xx that is not a success`, () => {
    const table: Array<[string, string | undefined, string, RegExp]> = [
      ["an HTML page (captive proxy)", "text/html", "<html><title>Login to Wi-Fi</title></html>", /application\/json/],
      ["truncated JSON", "application/json", '{"success": true, "mess', /not valid JSON/],
      ["JSON without a required field", "application/json", '{"success": true}', /'message' is missing/],
      ["a wrong type", "application/json", '{"success": "yes", "message": "ok"}', /'success' should be a boolean/],
      ["a JSON array", "application/json", "[]", /not a JSON object/],
    ];
    for (const [label, type, body, reason] of table) {
      it(`is an UnexpectedResponseError: ${label}`, async () => {
        const { fetch } = cannedFetch(() => respond(200, type, body));
        const { data, error } = await base(fetch).subscribe(chatId);
        expect(data).toBeUndefined();
        expect(error?.name).toBe("UnexpectedResponseError");
        expect(error?.kind).toBe("unexpected_response");
        expect(error?.message).toMatch(reason);
        expect(error?.body).toBe(body);
      });
    }

    it("is an UnexpectedResponseError when the spec documents no such 2xx for the operation", async () => {
      const { fetch } = cannedFetch(() => respond(202, "application/json", successJson));
      const { data, error } = await base(fetch).subscribe(chatId);
      expect(data).toBeUndefined();
      expect(error?.name).toBe("UnexpectedResponseError");
      expect(error?.message).toMatch(/documents no 202/);
    });

    it('is an UnsuccessfulResponseError when the spec\'s success flag is false ("success": false)', async () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", '{"success":false,"message":"Session is not connected"}'));
      const { data, error } = await base(fetch).subscribe(chatId);
      expect(data).toBeUndefined();
      expect(error?.name).toBe("UnsuccessfulResponseError");
      expect(error?.kind).toBe("unsuccessful");
      expect(error?.status).toBe(200);
      expect(error?.serverMessage).toBe("Session is not connected");
      expect(error?.attempts).toBe(1);
    });

    it("keeps fields the spec does not list yet", async () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", '{"success":true,"message":"ok","extra":1}'));
      const { data } = await base(fetch).subscribe(chatId);
      expect(data).toEqual({ success: true, message: "ok", extra: 1 });
    });

    it("drops a __proto__ key, so the data cannot pollute an object it is copied into", async () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", '{"success":true,"message":"ok","__proto__":{"polluted":true}}'));
      const { data } = await base(fetch).subscribe(chatId);
      const copy: Record<string, unknown> = Object.assign({}, data);
      expect(copy["polluted"]).toBeUndefined();
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.hasOwn(data as object, "__proto__")).toBe(false);
    });

    it("hands back the response of a success: status, headers, and the URL with the token redacted", async () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", successJson, { "x-request-id": "req-1" }));
      const { data, response } = await base(fetch).subscribe(chatId);
      expect(data).toEqual(JSON.parse(successJson));
      expect(response?.status).toBe(200);
      expect(response?.headers.get("x-request-id")).toBe("req-1");
      expect(response?.url).toContain(`${names.instanceId}=unit-instance`);
      expectNoToken(response?.url ?? "");
    });
  });

  describe(`${client.name}: network failures`, () => {
    it("a rejected fetch becomes a PresenceConnectionError with the system code and a redacted cause", async () => {
      const { fetch } = cannedFetch(() => {
        throw new TypeError(`fetch failed for ?${names.accessToken}=${UNIT_ACCESS_TOKEN}`, { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
      });
      const { error } = await base(fetch).subscribe(chatId);
      expect(error?.name).toBe("PresenceConnectionError");
      expect(error?.kind).toBe("connection");
      expect(error?.message).toContain("ECONNREFUSED");
      expect(error?.code).toBe("ECONNREFUSED");
      expect(error?.cause).toBeInstanceOf(Error);
      expect(String((error?.cause as Error).cause)).toContain("ECONNREFUSED");
      expectNoToken(everythingAnErrorShows(error));
    });

    it("keeps the reason of the caller's signal as the abort's cause", async () => {
      const { fetch } = cannedFetch(({ request }) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))));
      const { error } = await base(fetch).subscribe(chatId, { signal: AbortSignal.timeout(5) });
      expect(error?.name).toBe("PresenceAbortError");
      expect((error?.cause as Error | undefined)?.name).toBe("TimeoutError");
    });

    it("shares one signal across 20 concurrent calls without a MaxListenersExceededWarning", async () => {
      const warnings: Error[] = [];
      const onWarning = (warning: Error): void => {
        warnings.push(warning);
      };
      process.on("warning", onWarning);
      try {
        const controller = new AbortController();
        const { fetch } = cannedFetch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return respond(200, "application/json", successJson);
        });
        const subscriber = base(fetch);
        const results = await Promise.all(Array.from({ length: 20 }, () => subscriber.subscribe(chatId, { signal: controller.signal })));
        expect(results.every((r) => r.error === undefined)).toBe(true);
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off("warning", onWarning);
      }
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    });
  });

  describe(`${client.name}: requests`, () => {
    it("puts the credentials where the spec says and the parameters in the path, once encoded", async () => {
      const { fetch, calls } = cannedFetch(() => respond(200, "application/json", successJson));
      await base(fetch).subscribe(encodeURIComponent(chatId));
      await base(fetch).subscribe(chatId);
      expect(calls).toHaveLength(2);
      expect(calls[0]?.request.url).toBe(calls[1]?.request.url);
      const url = new URL(calls[0]?.request.url ?? "");
      expect(url.pathname).toBe(pathFor(subscribe.operation, subscribe.params));
      expect(url.searchParams.get(names.instanceId)).toBe("unit-instance");
      expect(url.searchParams.get(names.accessToken)).toBe(UNIT_ACCESS_TOKEN);
      expect(calls[0]?.request.method).toBe(subscribe.operation.method.toUpperCase());
      // Accept: the content types the spec documents for the operation's successes.
      const successTypes = Object.entries(subscribe.operation.responses).filter(([status]) => Number(status) < 300).flatMap(([, types]) => types);
      expect(calls[0]?.request.headers.get("accept")).toBe(successTypes.join(", "));
      expect(calls[0]?.request.body).toBeNull();
    });

    it("sends per-call headers over the client's, and refuses a credential header per call", async () => {
      const { fetch, calls } = cannedFetch(() => respond(200, "application/json", successJson));
      const subscriber = base(fetch, { headers: { "x-app": "client", "x-trace": "client" } });
      await subscriber.subscribe(chatId, { headers: { "X-Trace": "call-1" } });
      expect(calls[0]?.request.headers.get("x-trace")).toBe("call-1");
      expect(calls[0]?.request.headers.get("x-app")).toBe("client");
      const { error } = await subscriber.subscribe(chatId, { headers: { Authorization: "Bearer x" } });
      expect(error?.kind).toBe("validation");
      expect(error?.message).toMatch(/credential header 'Authorization'/);
      expect(calls).toHaveLength(1);
    });

    it("refuses bad call options by name, sending nothing", async () => {
      const { fetch, calls } = cannedFetch(() => respond(200, "application/json", successJson));
      const subscriber = base(fetch);
      const table: Array<[Record<string, unknown>, RegExp]> = [
        [{ timeoutMs: "5000" }, /Invalid timeoutMs: must be a number/],
        [{ timeoutMs: -5 }, /Invalid timeoutMs: is out of range/],
        [{ retry: { maxRetries: 1.5 } }, /Invalid retry\.maxRetries: must be a whole number/],
        [{ maxRetries: 0 }, /Invalid maxRetries: is not a known call option; did you mean "retry\.maxRetries"\?/],
        [{ timeout: 5 }, /did you mean "timeoutMs"\?/],
        [{ signal: {} }, /Invalid signal: is not an AbortSignal/],
      ];
      for (const [options, message] of table) {
        const { error } = await subscriber.subscribe(chatId, options as never);
        expect(error?.kind).toBe("validation");
        expect(error?.message).toMatch(message);
      }
      expect(calls).toHaveLength(0);
    });

    it("sends nothing for a parameter the spec refuses, and says why", async () => {
      const { fetch, calls } = cannedFetch(() => respond(200, "application/json", successJson));
      const subscriber = base(fetch);
      for (const [input, reason] of [
        ["", /is empty/],
        ["   ", /whitespace/],
        [`+${chatId}`, /starts with '\+'/],
        [` ${chatId}`, /leading or trailing whitespace/],
      ] as const) {
        const { error } = await subscriber.subscribe(input);
        expect(error?.kind).toBe("validation");
        expect(error?.field).toBe("chatId");
        expect(error?.message).toMatch(reason);
        expect(error?.message).toContain(chatId);
      }
      expect(calls).toHaveLength(0);
    });

    it("refuses missing or empty credentials when built, naming the field but never the token", () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", "{}"));
      expect(() => base(fetch, { accessToken: "" })).toThrow(/accessToken/);
      expect(() => base(fetch, { accessToken: undefined as unknown as string })).toThrow(/accessToken.*missing/);
      expect(() => base(fetch, { instanceId: "" })).toThrow(/instanceId/);
      for (const bad of [` ${UNIT_ACCESS_TOKEN}`, 42]) {
        try {
          base(fetch, { accessToken: bad as string });
          expect.unreachable("a bad token must be refused");
        } catch (error) {
          expect(String(error)).toMatch(/accessToken/);
          expectNoToken(everythingAnErrorShows(error));
        }
      }
    });

    it("refuses a base URL with credentials in it, echoing neither its query nor its userinfo", () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", "{}"));
      for (const baseUrl of [
        `https://api.example.test/v2/x?${names.instanceId}=i&${names.accessToken}=${encodeURIComponent(UNIT_ACCESS_TOKEN)}`,
        `ftp://i:${encodeURIComponent(UNIT_ACCESS_TOKEN)}@host.example.test`,
        `https://i:${encodeURIComponent(UNIT_ACCESS_TOKEN)}@host.example.test`,
      ]) {
        let caught: unknown;
        try {
          base(fetch, { baseUrl });
        } catch (error) {
          caught = error;
        }
        expect((caught as ErrorView | undefined)?.kind).toBe("validation");
        expectNoToken(everythingAnErrorShows(caught));
        expect(String(caught)).not.toContain(`${names.instanceId}=i`);
      }
    });
  });

  describe(`${client.name}: headers are checked when the client is built`, () => {
    const { fetch } = cannedFetch(() => respond(200, "application/json", "{}"));
    const table: Array<[string, Record<string, unknown>, RegExp]> = [
      ["a credential header", { headers: { Authorization: "Bearer x" } }, /Invalid headers: sets the credential header 'Authorization'/],
      ["a value with a line break", { headers: { "x-trace": "a\r\nx-evil: 1" } }, /Invalid headers\.x-trace: is not a valid HTTP header/],
      ["a name with a space", { headers: { "x trace": "1" } }, /Invalid headers\.x trace/],
      ["a value that is not a string", { headers: { "x-n": 1 } }, /Invalid headers\.x-n: must be a string/],
      ["a header-mode token outside Latin-1", { credentialsIn: "header", accessToken: "tök€n-long-enough" }, /Invalid accessToken: cannot travel in a header/],
      ["a timeout given as a string", { timeoutMs: "5000" }, /Invalid timeoutMs: must be a number/],
    ];
    for (const [label, extra, message] of table) {
      it(`refuses ${label}`, () => {
        let caught: unknown;
        try {
          base(fetch, extra as Partial<ClientOptionsView>);
        } catch (error) {
          caught = error;
        }
        expect((caught as ErrorView | undefined)?.kind).toBe("validation");
        expect(String(caught)).toMatch(message);
        expect(String(caught)).not.toContain("tök€n");
      });
    }
  });

  describe(`${client.name}: the access token never leaks`, () => {
    const token = UNIT_ACCESS_TOKEN;
    const leaky: Array<[string, () => Response | never]> = [
      ["an error body that echoes the request", () => respond(401, "application/json", JSON.stringify({ message: `bad token ${token}`, url: `?${names.accessToken}=${encodeURIComponent(token)}` }))],
      ["an HTML 500 that prints the URL", () => respond(500, "text/html", `<title>Error at /x?${names.accessToken}=${encodeURIComponent(token)}</title>`)],
      ["a 200 that breaks the spec and echoes the token", () => respond(200, "text/plain", `hello ${token}`)],
      ["a fetch rejection that names the URL", () => {
        throw new TypeError(`Failed to parse URL from http://x/?${names.accessToken}=${token}`);
      }],
      ["a response header that echoes it", () => respond(404, "application/json", "{}", { "x-echo": token })],
      ["a long message with the token at the cut", () => respond(400, "text/plain", `${"a".repeat(290)} ${token} tail`)],
    ];
    for (const [label, make] of leaky) {
      it(`not in ${label}`, async () => {
        const { fetch } = cannedFetch(make);
        const { error } = await base(fetch).subscribe(chatId);
        expect(error).toBeDefined();
        const shown = everythingAnErrorShows(error) + JSON.stringify(error?.headers ?? {});
        expectNoToken(shown);
      });
    }

    it("not in a response header named after it", async () => {
      const headerSafe = "Tok3nSECRETabcdef12345";
      const { fetch } = cannedFetch(() => respond(404, "application/json", "{}", { [`x-${headerSafe}`]: "1" }));
      const { error } = await base(fetch, { accessToken: headerSafe }).subscribe(chatId);
      expect(Object.keys(error?.headers ?? {}).join(" ")).not.toContain(headerSafe);
      expectNoToken(everythingAnErrorShows(error) + JSON.stringify(error?.headers), [headerSafe]);
    });
  });
}
