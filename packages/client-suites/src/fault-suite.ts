// Faults every client must survive, driven by the real fault server on 127.0.0.1: retries that
// succeed, Retry-After, a response that never comes, a reset mid-body, broken 200s, a huge body,
// and an abort during backoff. Each ends in the documented result or typed error — never an
// unhandled rejection, a dangling socket or a hang.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "@wawp/mock-server/fault-server";
import type { CallOptionsView, ClientOptionsView, ClientUnderTest } from "./client-under-test.js";
import { everythingAnErrorShows, expectNoToken } from "./leaks.js";
import { operationCases } from "./spec-cases.js";
import { worstBodies } from "./hostile-bodies.js";

export const FAULT_ACCESS_TOKEN = "fault+token/secret=1";

export function defineFaultSuite(client: ClientUnderTest): void {
  let server: FaultServer;
  const unhandled: unknown[] = [];
  const errorsSeen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    server = await startFaultServer();
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await server.close();
  });

  const make = (extra: Partial<ClientOptionsView> = {}) =>
    client.create({
      baseUrl: server.url,
      instanceId: "fault-instance",
      accessToken: FAULT_ACCESS_TOKEN,
      timeoutMs: 2_000,
      retry: { maxRetries: 2, initialDelayMs: 5 },
      ...extra,
    });

  const subscribe = operationCases().find((c) => c.operationId === "subscribeToPresence");
  const chatId = String(subscribe?.params["chatId"]);
  const success = JSON.parse(subscribe?.responses.find((c) => c.status === 200)?.exampleText ?? "{}") as unknown;

  async function call(extra: Partial<ClientOptionsView> = {}, callOptions?: CallOptionsView) {
    const result = await make(extra).subscribe(chatId, callOptions);
    if (result.error) errorsSeen.push(result.error);
    return result;
  }

  describe(`${client.name}: faults from a real local server`, () => {
    it("succeeds on the third attempt after 502 twice", async () => {
      server.script({ kind: "status", status: 502 }, { kind: "status", status: 502 }, { kind: "ok" });
      const before = server.requests.length;
      const { data, error } = await call();
      expect(error).toBeUndefined();
      expect(data).toEqual(success);
      expect(server.requests.length - before).toBe(3);
    });

    it("gives up after the retries with the attempt count", async () => {
      server.script({ kind: "status", status: 502 });
      const { error } = await call();
      expect(error?.name).toBe("BadGatewayError");
      expect(error?.attempts).toBe(3);
    });

    it("honours Retry-After: 1 on a 503", async () => {
      server.script({ kind: "status", status: 503, headers: { "retry-after": "1" } }, { kind: "ok" });
      const before = server.requests.length;
      const { error } = await call();
      expect(error).toBeUndefined();
      const [first, second] = server.requests.slice(before);
      expect(second).toBeDefined();
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    });

    it("times out a response that never comes, and closes the socket", async () => {
      server.script({ kind: "hang" });
      const before = server.requests.length;
      // Long enough that a loaded CI machine still delivers the request before the client gives up.
      const { error } = await call({ retry: { maxRetries: 0 } }, { timeoutMs: 1_000 });
      expect(error?.name).toBe("PresenceTimeoutError");
      expect(error?.kind).toBe("timeout");
      expect(error?.attempts).toBe(1);
      expect(server.requests.length - before).toBe(1);
      await server.waitForConnectionsClosed(before);
    });

    it("retries a timed-out attempt and succeeds on the next", async () => {
      server.script({ kind: "hang" }, { kind: "ok" });
      const before = server.requests.length;
      const { data, error } = await call({ timeoutMs: 1_000 });
      expect(error).toBeUndefined();
      expect(data).toBeDefined();
      expect(server.requests.length - before).toBe(2);
    });

    it("reports a 400 cut off mid-body as the 400 it is, not retried", async () => {
      server.script({ kind: "reset-mid-body", status: 400 });
      const before = server.requests.length;
      const { error } = await call();
      expect(error?.name).toBe("BadRequestError");
      expect(error?.body).toMatch(/body cut off/);
      expect(server.requests.length - before).toBe(1);
    });

    it("reports a 200 cut off mid-body as unexpected, and retries it (the operation is idempotent)", async () => {
      server.script({ kind: "reset-mid-body" });
      const before = server.requests.length;
      const { error } = await call();
      expect(error?.name).toBe("UnexpectedResponseError");
      expect(error?.message).toMatch(/cut off/);
      expect(server.requests.length - before).toBe(3);
    });

    it("reports a connection reset before any answer as a connection error", async () => {
      server.script({ kind: "reset-before-answer" });
      const { error } = await call({ retry: { maxRetries: 0 } });
      expect(error?.name).toBe("PresenceConnectionError");
      expect(error?.attempts).toBe(1);
    });

    it("retries a reset and succeeds", async () => {
      server.script({ kind: "reset-mid-body" }, { kind: "ok" });
      const { error } = await call();
      expect(error).toBeUndefined();
    });

    for (const [kind, reason] of [
      ["truncated-json", /not valid JSON/],
      ["html-200", /expected application\/json, got 'text\/html'/],
      ["missing-field", /is missing/],
    ] as const) {
      it(`turns a 200 with ${kind} into UnexpectedResponseError, not retried`, async () => {
        server.script({ kind });
        const before = server.requests.length;
        const { error } = await call();
        expect(error?.name).toBe("UnexpectedResponseError");
        expect(error?.message).toMatch(reason);
        expect(server.requests.length - before).toBe(1);
      });
    }

    it("refuses a 200 body of several megabytes without reading it all", async () => {
      server.script({ kind: "huge-body", status: 200, bytes: 5 * 1024 * 1024 });
      const { error } = await call();
      expect(error?.name).toBe("UnexpectedResponseError");
      expect(error?.message).toMatch(/larger than/);
      expect(error?.body?.length ?? 0).toBeLessThan(100 * 1024);
    });

    it("keeps only the start of a huge error body", async () => {
      server.script({ kind: "huge-body", status: 500, bytes: 5 * 1024 * 1024 });
      const { error } = await call();
      expect(error?.name).toBe("InternalServerError");
      expect(error?.body?.length ?? 0).toBeLessThan(100 * 1024);
      expect(error?.body).toMatch(/cut/);
    });

    it("aborts at once during the backoff wait", async () => {
      server.script({ kind: "status", status: 503, headers: { "retry-after": "20" } });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const { error } = await call({}, { signal: controller.signal });
      expect(error?.name).toBe("PresenceAbortError");
      expect(error?.kind).toBe("abort");
      expect(error?.attempts).toBe(1);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("aborts a request in flight and closes its socket", async () => {
      server.script({ kind: "hang" });
      const before = server.requests.length;
      const controller = new AbortController();
      // Abort once the server holds the request, so it is truly in flight.
      void server.waitForRequests(before + 1).catch(() => undefined).then(() => controller.abort());
      const { error } = await call({}, { signal: controller.signal });
      expect(error?.kind).toBe("abort");
      await server.waitForConnectionsClosed(before);
    });

    it("sends the credentials in the header when asked, and never in the URL", async () => {
      server.script({ kind: "ok" });
      const before = server.requests.length;
      const { error } = await call({ credentialsIn: "header" });
      expect(error).toBeUndefined();
      const request = server.requests[before];
      expect(request?.headers["access-token"]).toBe(FAULT_ACCESS_TOKEN);
      expect(request?.url).not.toContain(encodeURIComponent(FAULT_ACCESS_TOKEN));
      expect(request?.url).toContain("fault-instance");
    });

    it("does not follow a redirect, so the token header never reaches another origin", async () => {
      const elsewhere = await startFaultServer();
      try {
        server.script({ kind: "status", status: 307, body: "", headers: { location: `${elsewhere.url}/elsewhere` } });
        const { error } = await call({ credentialsIn: "header" });
        expect(error?.name).toBe("PresenceApiError");
        expect(error?.status).toBe(307);
        expect(error?.attempts).toBe(1);
        expect(elsewhere.requests).toEqual([]);
      } finally {
        await elsewhere.close();
      }
    });

    // Every worst case found for a message parser, at the 1 MiB read bound, from a real socket: each
    // ends as the typed error of its status, within the attempt's timeout. (How long the parsing
    // takes is measured by `pnpm bench`, and its linearity by the scanner's step-bound test.)
    for (const body of worstBodies(1024 * 1024)) {
      it(`reads a 1 MiB hostile ${body.kind} error body (${body.mediaType || "no type"}) into its typed error`, async () => {
        server.script({ kind: "status", status: 500, contentType: body.mediaType || "application/octet-stream", body: body.text });
        const { error } = await call({ retry: { maxRetries: 0 } }, { timeoutMs: 5_000 });
        expect(error?.name).toBe("InternalServerError");
        expect(error?.body?.length ?? 0).toBeLessThan(100 * 1024);
        expect(error?.serverMessage === undefined || error.serverMessage.length <= 310).toBe(true);
      });
    }

    it("left no unhandled rejection and no token in any error", () => {
      expect(unhandled).toEqual([]);
      expect(errorsSeen.length).toBeGreaterThan(8);
      for (const error of errorsSeen) expectNoToken(everythingAnErrorShows(error), [FAULT_ACCESS_TOKEN]);
    });
  });
}
