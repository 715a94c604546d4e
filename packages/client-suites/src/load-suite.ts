// Under load, every call is accounted for: 500 subscribes, 50 at a time, against the local fault
// server. No call may be lost, settle twice or hang, and each must reach the server exactly once.
// No timing assertions: this is bookkeeping, not speed (`pnpm load` measures that).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "@wawp/mock-server/fault-server";
import { runLoad } from "@wawp/mock-server/load";
import type { ClientUnderTest } from "./client-under-test.js";
import { credentialParams, operationCases, pathFor } from "./spec-cases.js";

export function defineLoadSuite(client: ClientUnderTest, total = 500, concurrency = 50): void {
  describe(`${client.name} under load`, () => {
    let server: FaultServer;
    beforeAll(async () => {
      server = await startFaultServer();
    });
    afterAll(() => server.close());

    it(`accounts for all ${total} calls at concurrency ${concurrency}`, async () => {
      const subscribe = operationCases().find((c) => c.operationId === "subscribeToPresence");
      if (!subscribe) throw new Error("no subscribeToPresence in the spec");
      const names = credentialParams();
      server.script({ kind: "ok" });
      const before = server.requests.length;
      // No retries and a long timeout: this counts calls, and on a busy machine a slow answer must
      // stay one request, not become a timeout and a second one.
      const handle = client.create({ baseUrl: server.url, instanceId: "load-instance", accessToken: "load-token-0123", timeoutMs: 60_000, retry: { maxRetries: 0 } });
      const unexpected: unknown[] = [];

      const result = await runLoad({
        subscribe: async () => {
          const outcome = await handle.subscribe(String(subscribe.params["chatId"]));
          if (outcome.error) unexpected.push(outcome.error);
          return outcome;
        },
        total,
        concurrency,
        timeLimitMs: 60_000,
      });

      expect(unexpected).toEqual([]);
      expect(result.sent).toBe(total);
      expect(result.answered + result.failed).toBe(total);
      expect(result.unresolved).toBe(0);
      expect(result.resolvedTwice).toBe(0);
      expect(result.answered).toBe(total);
      expect(result.maxInFlight).toBe(concurrency);
      expect(server.requests.length - before).toBe(total);
      for (const request of server.requests.slice(before)) {
        expect(request.method).toBe(subscribe.operation.method.toUpperCase());
        // Each client writes the query in its own order; each parameter must be there once.
        const url = new URL(request.url, server.url);
        expect(url.pathname).toBe(pathFor(subscribe.operation, subscribe.params));
        expect([...url.searchParams].sort()).toEqual(
          [
            [names.accessToken, "load-token-0123"],
            [names.instanceId, "load-instance"],
          ].sort(),
        );
      }
    }, 90_000);
  });
}
