// The contract suite every client must pass against the real Prism mock. Each client package
// calls `defineContractSuite` with a small adapter; the cases come from the spec.
import { describe, expect, it } from "vitest";
import { everythingAnErrorShows, expectNoToken } from "./behaviour-suite.js";
import { PAGE_EXAMPLE_CHAT_ID, PAGE_EXAMPLE_SUCCESS, SUBSCRIBE_PATH, contractCases } from "./cases.js";

/** What the suite needs to know of an error; both clients' errors have this shape. */
export interface ErrorView {
  name: string;
  kind: string;
  message: string;
  attempts: number;
  status?: number;
  contentType?: string;
  body?: string;
  serverMessage?: string | undefined;
  field?: string;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ClientOptionsView {
  baseUrl: string;
  instanceId: string;
  accessToken: string;
  headers?: Record<string, string>;
  fetch?: FetchLike;
  retry?: { maxRetries?: number; initialDelayMs?: number };
  timeoutMs?: number;
  credentialsIn?: "query" | "header";
}

/** Per-call options the suites pass to `subscribe`. */
export interface CallOptionsView {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A client seen through the suite's eyes. `subscribe` resolves to exactly one of data/error. */
export interface ClientUnderTest {
  name: string;
  /** Builds a client; throws the client's validation error for bad options. */
  create(options: ClientOptionsView): { subscribe(chatId: string, call?: CallOptionsView): Promise<{ data?: unknown; error?: ErrorView | undefined }> };
}

/** The error class each documented status must map to. */
export const ERROR_CLASS_BY_STATUS: Record<number, string> = {
  400: "BadRequestError",
  401: "UnauthorizedError",
  404: "NotFoundError",
  500: "InternalServerError",
  502: "BadGatewayError",
};
/** Statuses the shared policy retries; the suite expects 1 + maxRetries attempts for them. */
const RETRIED = new Set([429, 502, 503, 504]);

export const CONTRACT_INSTANCE_ID = "contract-instance";
/** A token shaped to be found if it ever leaks: tests search for it. */
export const CONTRACT_ACCESS_TOKEN = "tok_contract+secret/=value";

interface Recorded {
  url: string;
  status: number;
  violations: string | null;
}

export function defineContractSuite(client: ClientUnderTest, prismUrl: () => string): void {
  const recorded: Recorded[] = [];
  const recordingFetch: FetchLike = async (url, init) => {
    const response = await fetch(url, init);
    recorded.push({ url, status: response.status, violations: response.headers.get("sl-violations") });
    return response;
  };
  const errorsSeen: unknown[] = [];
  const make = (extra: Partial<ClientOptionsView> = {}) => {
    const built = client.create({
      baseUrl: prismUrl(),
      instanceId: CONTRACT_INSTANCE_ID,
      accessToken: CONTRACT_ACCESS_TOKEN,
      fetch: recordingFetch,
      retry: { maxRetries: 1, initialDelayMs: 1 },
      ...extra,
    });
    // Every error the suite sees is kept for the leak check at the end.
    return {
      async subscribe(chatId: string, call?: CallOptionsView) {
        const result = await built.subscribe(chatId, call);
        if (result.error) errorsSeen.push(result.error);
        return result;
      },
    };
  };

  describe(`${client.name}: every documented response, from the spec`, () => {
    const cases = contractCases();
    it("reads a case for every documented (status, content type) pair", () => {
      expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["200 application/json", "400 text/plain", "500 text/html"]));
    });

    for (const c of cases) {
      it(`surfaces ${c.name}`, async () => {
        const before = recorded.length;
        const { data, error } = await make({ headers: { Prefer: `code=${c.status}`, Accept: c.contentType } }).subscribe(PAGE_EXAMPLE_CHAT_ID);
        const sent = recorded.slice(before);
        expect(sent.every((r) => r.status === c.status)).toBe(true);
        if (c.status >= 200 && c.status < 300) {
          expect(error).toBeUndefined();
          expect(data).toEqual(c.exampleJson);
          return;
        }
        expect(data).toBeUndefined();
        expect(error).toBeDefined();
        const e = error as ErrorView;
        expect(e.kind).toBe("api");
        expect(e.name).toBe(ERROR_CLASS_BY_STATUS[c.status] ?? "PresenceApiError");
        expect(e.status).toBe(c.status);
        expect(e.contentType).toBe(c.contentType);
        expect(e.body).toBe(c.exampleText);
        expect(e.serverMessage).toBe(c.expectedMessage);
        expect(e.message).toContain(String(c.status));
        expect(e.attempts).toBe(RETRIED.has(c.status) ? 2 : 1);
        expect(sent).toHaveLength(e.attempts);
      });
    }
  });

  describe(`${client.name}: the page's example and its spellings`, () => {
    it("returns the page's example body on success", async () => {
      const { data, error } = await make().subscribe(PAGE_EXAMPLE_CHAT_ID);
      expect(error).toBeUndefined();
      expect(data).toEqual(PAGE_EXAMPLE_SUCCESS);
    });

    it("sends a raw '@' and a '%40' as the same contact", async () => {
      const before = recorded.length;
      const raw = await make().subscribe("447441429009@c.us");
      const escaped = await make().subscribe("447441429009%40c.us");
      expect(raw.error).toBeUndefined();
      expect(escaped.error).toBeUndefined();
      const [first, second] = recorded.slice(before);
      expect(first?.url).toBeDefined();
      expect(first?.url).toBe(second?.url);
    });
  });

  describe(`${client.name}: input the client refuses`, () => {
    const invalid = ["", "   ", "+447441429009@c.us", "447441429009", "1234567890123456@c.us", "447441429009@g.us", "4474 4142 9009@c.us"];
    for (const chatId of invalid) {
      it(`refuses chatId ${JSON.stringify(chatId)} without sending anything`, async () => {
        const before = recorded.length;
        const { data, error } = await make().subscribe(chatId);
        expect(data).toBeUndefined();
        expect(error?.kind).toBe("validation");
        expect(error?.field).toBe("chatId");
        expect(error?.attempts).toBe(0);
        expect(error?.message).toMatch(/chatId.*@c\.us/s);
        expect(recorded.length).toBe(before);
      });
    }

    it("gets 400 from the mock when an invalid chatId is sent raw, bypassing the client", async () => {
      const query = `instance_id=${CONTRACT_INSTANCE_ID}&access_token=${encodeURIComponent(CONTRACT_ACCESS_TOKEN)}`;
      const response = await fetch(`${prismUrl()}${SUBSCRIBE_PATH.replace("{chatId}", "%2B447441429009")}?${query}`, { method: "POST" });
      expect(response.status).toBe(400);
      await response.body?.cancel();
    });

    for (const [label, options] of [
      ["an empty access token", { accessToken: "" }],
      ["a missing instance id", { instanceId: undefined }],
      ["a whitespace instance id", { instanceId: "  " }],
    ] as const) {
      it(`refuses ${label} when the client is built`, () => {
        const field = "accessToken" in options ? "accessToken" : "instanceId";
        expect(() => make(options as unknown as Partial<ClientOptionsView>)).toThrow(new RegExp(field));
      });
    }
  });

  describe(`${client.name}: credentials`, () => {
    it("sends the token in the access-token header when asked, which the mock accepts", async () => {
      const before = recorded.length;
      const { data, error } = await make({ credentialsIn: "header" }).subscribe(PAGE_EXAMPLE_CHAT_ID);
      expect(error).toBeUndefined();
      expect(data).toEqual(PAGE_EXAMPLE_SUCCESS);
      const sent = recorded.slice(before);
      expect(sent).toHaveLength(1);
      expect(new URL(sent[0]?.url ?? "").searchParams.has("access_token")).toBe(false);
    });

    const url = () => `${prismUrl()}${SUBSCRIBE_PATH.replace("{chatId}", PAGE_EXAMPLE_CHAT_ID)}`;
    for (const [label, query] of [
      ["no credentials", ""],
      ["only instance_id", `?instance_id=${CONTRACT_INSTANCE_ID}`],
      ["only access_token", "?access_token=x"],
    ] as const) {
      it(`the mock answers 401 to a request with ${label}`, async () => {
        const response = await fetch(`${url()}${query}`, { method: "POST", headers: { Prefer: "code=200" } });
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ status: 401 });
      });
    }
  });

  describe(`${client.name}: what Prism saw`, () => {
    it("reported no request violation for anything the client sent", () => {
      expect(recorded.length).toBeGreaterThan(10);
      expect(recorded.filter((r) => r.violations !== null)).toEqual([]);
    });
    it("no error the suite saw shows the token, raw, encoded or in a stack", () => {
      expect(errorsSeen.length).toBeGreaterThan(10);
      for (const error of errorsSeen) expectNoToken(everythingAnErrorShows(error), [CONTRACT_ACCESS_TOKEN]);
    });

    it("never saw the token in a URL except as the access_token parameter", () => {
      for (const r of recorded) {
        const url = new URL(r.url);
        const query = url.searchParams.get("access_token");
        if (query !== null) expect(query).toBe(CONTRACT_ACCESS_TOKEN);
        url.searchParams.delete("access_token");
        expect(decodeURIComponent(url.href)).not.toContain(CONTRACT_ACCESS_TOKEN);
      }
    });
  });
}
