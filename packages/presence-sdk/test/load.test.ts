// Under load, every call is accounted for: 500 subscribes, 50 at a time, against the local fault
// server. No call may be lost, settle twice or hang, and each must reach the server exactly once.
// No timing assertions: this is about bookkeeping, not speed (`pnpm --filter @wawp/benchmarks load`
// measures that).
import { runLoad, startFaultServer, type FaultServer } from "@wawp/contract-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPresenceSdk, PresenceError } from "../src/index.js";

const TOTAL = 500;
const CONCURRENCY = 50;

describe("@wawp/presence-sdk under load", () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it(`accounts for all ${TOTAL} calls at concurrency ${CONCURRENCY}`, async () => {
    server.script({ kind: "ok" });
    const before = server.requests.length;
    const sdk = createPresenceSdk({ basePath: server.url, instanceId: "load-instance", accessToken: "load-token" });
    const unexpected: unknown[] = [];

    const result = await runLoad({
      // The SDK throws its typed errors: a rejection counts as a failed (not a lost) call.
      subscribe: async () => {
        try {
          return await sdk.subscribe("447441429009@c.us");
        } catch (error) {
          unexpected.push(error);
          if (!(error instanceof PresenceError)) throw new Error("a rejection that is not a PresenceError", { cause: error });
          throw error;
        }
      },
      total: TOTAL,
      concurrency: CONCURRENCY,
      timeLimitMs: 15_000,
    });

    expect(unexpected).toEqual([]);
    expect(result.sent).toBe(TOTAL);
    expect(result.answered + result.failed).toBe(TOTAL);
    expect(result.unresolved).toBe(0);
    expect(result.resolvedTwice).toBe(0);
    expect(result.answered).toBe(TOTAL);
    expect(result.maxInFlight).toBe(CONCURRENCY);
    expect(server.requests.length - before).toBe(TOTAL);
    for (const request of server.requests.slice(before)) {
      expect(request.method).toBe("POST");
      // The generated code writes the query in its own order; each parameter must be there once.
      const url = new URL(request.url, server.url);
      expect(url.pathname).toBe("/v2/presence/447441429009%40c.us/subscribe");
      expect([...url.searchParams].sort()).toEqual([["access_token", "load-token"], ["instance_id", "load-instance"]]);
    }
  });
});
