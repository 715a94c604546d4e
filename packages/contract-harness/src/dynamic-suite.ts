// Fuzzing the response side: Prism's dynamic mode (`-d`, fixed `--seed`) invents a different
// schema-valid body on every call, for every documented status and content type. Whatever it
// invents, a client must come back with a typed value or a typed error — never a crash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractCases, PAGE_EXAMPLE_CHAT_ID } from "./cases.js";
import type { ClientUnderTest } from "./contract-suite.js";
import { startPrism, type PrismServer } from "./prism.js";

const KINDS = new Set(["api", "unexpected_response", "connection", "timeout"]);
export const DYNAMIC_SEED = 20261125;

export function defineDynamicSuite(client: ClientUnderTest, callsPerCase = 12): void {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism({ dynamic: true, seed: DYNAMIC_SEED });
  }, 60_000);
  afterAll(() => prism?.stop());

  describe(`${client.name}: random schema-valid responses (prism -d --seed ${DYNAMIC_SEED})`, () => {
    for (const c of contractCases()) {
      it(`always yields a typed value or a typed error for ${c.name}`, async () => {
        const subscriber = client.create({
          baseUrl: prism.url,
          instanceId: "fuzz-instance",
          accessToken: "fuzz-token",
          headers: { Prefer: `code=${c.status}`, Accept: c.contentType },
          retry: { maxRetries: 0 },
        });
        for (let i = 0; i < callsPerCase; i += 1) {
          const { data, error } = await subscriber.subscribe(PAGE_EXAMPLE_CHAT_ID);
          if (c.status === 200) {
            // The spec requires both fields, so every invented 200 is a valid success.
            expect(error).toBeUndefined();
            expect(typeof (data as { success?: unknown }).success).toBe("boolean");
            expect(typeof (data as { message?: unknown }).message).toBe("string");
          } else {
            expect(data).toBeUndefined();
            expect(error).toBeInstanceOf(Error);
            expect(KINDS.has(error?.kind ?? "")).toBe(true);
            expect(error?.status).toBe(c.status);
            expect(typeof error?.body).toBe("string");
          }
        }
      });
    }
  });
}
