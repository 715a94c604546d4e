// Under load, every call is accounted for: 500 subscribes, 50 at a time, against the local fault
// server. No call may be lost, settle twice or hang, and each must reach the server exactly once.
// No timing assertions: this is bookkeeping, not speed (`pnpm load` measures that).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientUnderTest } from "./contract-suite.js";
import { startFaultServer, type FaultServer } from "./fault-server.js";
import { runLoad } from "./load.js";

export function defineLoadSuite(client: ClientUnderTest, total = 500, concurrency = 50): void {
  describe(`${client.name} under load`, () => {
    let server: FaultServer;
    beforeAll(async () => {
      server = await startFaultServer();
    });
    afterAll(() => server.close());

    it(`accounts for all ${total} calls at concurrency ${concurrency}`, async () => {
      server.script({ kind: "ok" });
      const before = server.requests.length;
      const subscriber = client.create({ baseUrl: server.url, instanceId: "load-instance", accessToken: "load-token" });
      const unexpected: unknown[] = [];

      const result = await runLoad({
        subscribe: async () => {
          const outcome = await subscriber.subscribe("447441429009@c.us");
          if (outcome.error) unexpected.push(outcome.error);
          return outcome;
        },
        total,
        concurrency,
        timeLimitMs: 15_000,
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
        expect(request.method).toBe("POST");
        // Each client writes the query in its own order; each parameter must be there once.
        const url = new URL(request.url, server.url);
        expect(url.pathname).toBe("/v2/presence/447441429009%40c.us/subscribe");
        expect([...url.searchParams].sort()).toEqual([["access_token", "load-token"], ["instance_id", "load-instance"]]);
      }
    });
  });
}
