// Unit-level behaviour every client must show, driven through an injected `fetch` (no network):
// each body format becomes the right typed error, nothing crashes on a non-JSON body, a network
// failure is typed, rejected input sends nothing, and the access token never leaks.
import { describe, expect, it } from "vitest";
import type { ClientOptionsView, ClientUnderTest, ErrorView, FetchLike } from "./contract-suite.js";
import { freePort } from "./free-port.js";

/** A token that is distinctive in every spelling: raw, percent-encoded and form-encoded differ. */
export const UNIT_ACCESS_TOKEN = "s3cr3t+tok/en=&x!y";
/** Every spelling a token can take on the wire or in a log. */
export function tokenSpellings(token: string): string[] {
  return [...new Set([token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2), JSON.stringify(token).slice(1, -1)])];
}

interface Call {
  url: string;
  init: RequestInit;
}

function cannedFetch(make: (call: Call) => Response | Promise<Response>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return make({ url, init });
    },
  };
}

function respond(status: number, contentType: string | undefined, body: string): Response {
  // A string body would make Response add "text/plain"; bytes leave the content type truly absent.
  if (contentType === undefined) return new Response(new TextEncoder().encode(body), { status });
  return new Response(body, { status, headers: { "content-type": contentType } });
}

/** Every place an error could show the token: message, String(), JSON, stack, URL, body, cause chain. */
export function everythingAnErrorShows(error: unknown): string {
  const seen: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof Error) {
      seen.push(String(current), current.message, current.stack ?? "", JSON.stringify(current), JSON.stringify(Object.entries(current)));
      current = current.cause;
    } else {
      seen.push(String(current));
      break;
    }
  }
  return seen.join("\n");
}

export function expectNoToken(text: string, tokens: string[] = [UNIT_ACCESS_TOKEN]): void {
  for (const token of tokens) for (const form of tokenSpellings(token)) expect(text).not.toContain(form);
}

export function defineBehaviourSuite(client: ClientUnderTest): void {
  const base = (fetch: FetchLike, extra: Partial<ClientOptionsView> = {}) =>
    client.create({
      baseUrl: "http://127.0.0.1:9",
      instanceId: "unit-instance",
      accessToken: UNIT_ACCESS_TOKEN,
      fetch,
      retry: { maxRetries: 0 },
      ...extra,
    });

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
      ["an undocumented status", 418, "text/plain", "I'm a teapot", "PresenceApiError", "I'm a teapot"],
    ];
    for (const [label, status, type, body, name, message] of table) {
      it(`${status} with a ${label} body becomes ${name}`, async () => {
        const { fetch } = cannedFetch(() => respond(status, type, body));
        const { data, error } = await base(fetch).subscribe("447441429009@c.us");
        expect(data).toBeUndefined();
        expect(error?.name).toBe(name);
        expect(error?.kind).toBe("api");
        expect(error?.status).toBe(status);
        expect(error?.body).toBe(body);
        expect(error?.serverMessage).toBe(message);
        expect(error?.attempts).toBe(1);
      });
    }
  });

  describe(`${client.name}: a 200 that breaks the spec`, () => {
    const table: Array<[string, string | undefined, string, RegExp]> = [
      ["an HTML page (captive proxy)", "text/html", "<html><title>Login to Wi-Fi</title></html>", /application\/json/],
      ["truncated JSON", "application/json", '{"success": true, "mess', /not valid JSON/],
      ["JSON without message", "application/json", '{"success": true}', /'message' is missing/],
      ["a wrong type", "application/json", '{"success": "yes", "message": "ok"}', /'success' should be a boolean/],
      ["a JSON array", "application/json", "[]", /not a JSON object/],
    ];
    for (const [label, type, body, reason] of table) {
      it(`is an UnexpectedResponseError: ${label}`, async () => {
        const { fetch } = cannedFetch(() => respond(200, type, body));
        const { data, error } = await base(fetch).subscribe("447441429009@c.us");
        expect(data).toBeUndefined();
        expect(error?.name).toBe("UnexpectedResponseError");
        expect(error?.kind).toBe("unexpected_response");
        expect(error?.message).toMatch(reason);
        expect(error?.body).toBe(body);
      });
    }

    it("keeps fields the spec does not list yet", async () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", '{"success":true,"message":"ok","extra":1}'));
      const { data } = await base(fetch).subscribe("447441429009@c.us");
      expect(data).toEqual({ success: true, message: "ok", extra: 1 });
    });
  });

  describe(`${client.name}: network failures`, () => {
    it("a rejected fetch becomes a PresenceConnectionError with the system code", async () => {
      const { fetch } = cannedFetch(() => {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }) });
      });
      const { error } = await base(fetch).subscribe("447441429009@c.us");
      expect(error?.name).toBe("PresenceConnectionError");
      expect(error?.kind).toBe("connection");
      expect(error?.message).toContain("ECONNREFUSED");
      expect((error as ErrorView & { code?: string }).code).toBe("ECONNREFUSED");
    });

    it("a real refused connection on loopback is typed too", async () => {
      // A port that was free a moment ago: nothing listens there.
      const closed = `http://127.0.0.1:${await freePort()}`;
      const { error } = await base(globalThis.fetch, { baseUrl: closed }).subscribe("447441429009@c.us");
      expect(error?.kind).toBe("connection");
      expect((error as ErrorView & { code?: string }).code).toBe("ECONNREFUSED");
      expectNoToken(everythingAnErrorShows(error));
    });
  });

  describe(`${client.name}: requests`, () => {
    it("puts both credentials in the query and the chatId in the path, once encoded", async () => {
      const { fetch, calls } = cannedFetch(() => respond(200, "application/json", '{"success":true,"message":"ok"}'));
      await base(fetch).subscribe("447441429009%40c.us");
      await base(fetch).subscribe("447441429009@c.us");
      expect(calls).toHaveLength(2);
      expect(calls[0]?.url).toBe(calls[1]?.url);
      const url = new URL(calls[0]?.url ?? "");
      expect(url.pathname).toBe("/v2/presence/447441429009%40c.us/subscribe");
      expect(url.searchParams.get("instance_id")).toBe("unit-instance");
      expect(url.searchParams.get("access_token")).toBe(UNIT_ACCESS_TOKEN);
      expect(calls[0]?.init.method).toBe("POST");
      expect(calls[0]?.init.body ?? undefined).toBeUndefined();
    });

    it("sends nothing for input it rejects", async () => {
      const { fetch, calls } = cannedFetch(() => respond(200, "application/json", '{"success":true,"message":"ok"}'));
      const client = base(fetch);
      for (const bad of ["", " ", "+447441429009@c.us", "447441429009", "1234567890123456@c.us", "0447441429009@c.us"]) {
        const { error } = await client.subscribe(bad);
        expect(error?.kind).toBe("validation");
        expect(error?.message).toContain("chatId");
        expect(error?.message).toContain("447441429009@c.us");
      }
      expect(calls).toHaveLength(0);
    });

    it("explains each kind of bad chatId", async () => {
      const client = base(cannedFetch(() => respond(500, undefined, "")).fetch);
      const reasons: Array<[string, RegExp]> = [
        ["", /empty/],
        ["   ", /whitespace/],
        ["+447441429009@c.us", /'\+'/],
        ["447441429009", /@c\.us/],
        ["1234567890123456@c.us", /16 digits.*at most 15/],
        ["447441429009@g.us", /only contacts/],
      ];
      for (const [input, reason] of reasons) expect((await client.subscribe(input)).error?.message).toMatch(reason);
    });

    it("refuses missing or empty credentials when built, naming the field but never the token", () => {
      const { fetch } = cannedFetch(() => respond(200, "application/json", "{}"));
      expect(() => base(fetch, { accessToken: "" })).toThrow(/accessToken/);
      expect(() => base(fetch, { accessToken: undefined as unknown as string })).toThrow(/accessToken.*missing/);
      expect(() => base(fetch, { instanceId: "" })).toThrow(/instanceId/);
      try {
        base(fetch, { accessToken: ` ${UNIT_ACCESS_TOKEN}` });
        expect.unreachable("a token with whitespace must be refused");
      } catch (error) {
        expect(String(error)).toMatch(/accessToken/);
        expectNoToken(everythingAnErrorShows(error));
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
      ["a header-mode token outside Latin-1", { credentialsIn: "header", accessToken: "tök€n" }, /Invalid accessToken: cannot travel in a header/],
    ];
    for (const [label, extra, message] of table) {
      it(`refuses ${label}`, () => {
        let caught: unknown;
        try {
          base(fetch, extra as unknown as Partial<ClientOptionsView>);
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
    const leaky: Array<[string, () => Response | never]> = [
      ["an error body that echoes the request", () => respond(401, "application/json", JSON.stringify({ message: `bad token ${UNIT_ACCESS_TOKEN}`, url: `?access_token=${encodeURIComponent(UNIT_ACCESS_TOKEN)}` }))],
      ["an HTML 500 that prints the URL", () => respond(500, "text/html", `<title>Error at /x?access_token=${encodeURIComponent(UNIT_ACCESS_TOKEN)}</title>`)],
      ["a 200 that breaks the spec and echoes the token", () => respond(200, "text/plain", `hello ${UNIT_ACCESS_TOKEN}`)],
      ["a fetch rejection that names the URL", () => {
        throw new TypeError(`Failed to parse URL from http://x/?access_token=${UNIT_ACCESS_TOKEN}`);
      }],
      ["a response header that echoes it", () => new Response("{}", { status: 404, headers: { "x-echo": UNIT_ACCESS_TOKEN, "content-type": "application/json" } })],
    ];
    for (const [label, make] of leaky) {
      it(`not in ${label}`, async () => {
        const { fetch } = cannedFetch(make);
        const { error } = await base(fetch).subscribe("447441429009@c.us");
        expect(error).toBeDefined();
        const shown = everythingAnErrorShows(error) + JSON.stringify((error as { headers?: unknown }).headers ?? {});
        expectNoToken(shown);
        // The echo was replaced, not dropped: "[REDACTED]" stands where the token was, also apart
        // from the error's own url (which always shows access_token=[REDACTED]).
        const url = (error as { url?: string }).url ?? "\u0000";
        expect(shown.split(url).join("")).toContain("[REDACTED]");
      });
    }
  });
}
