// Fuzzing the response side: Prism's dynamic mode (`-d`, fixed `--seed`) invents a different
// schema-valid body on every call, for every documented status and content type of every
// operation. Whatever it invents, a client must come back with a typed value or a typed error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrism, type PrismServer } from "@wawp/mock-server";
import type { ClientUnderTest } from "./client-under-test.js";
import { operationCases } from "./spec-cases.js";

const KINDS = new Set(["api", "unexpected_response", "unsuccessful"]);
export const DYNAMIC_SEED = 20261125;

export function defineDynamicSuite(client: ClientUnderTest, callsPerCase = 12): void {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism({ dynamic: true, seed: DYNAMIC_SEED });
  }, 60_000);
  afterAll(() => prism?.stop());

  for (const { operationId, operation, params, responses } of operationCases()) {
    describe(`${client.name} ${operationId}: random schema-valid responses (prism -d --seed ${DYNAMIC_SEED})`, () => {
      for (const c of responses) {
        it(`always yields a typed value or a typed error for ${c.status} ${c.contentType}`, async () => {
          const handle = client.create({
            baseUrl: prism.url,
            instanceId: "fuzz-instance",
            accessToken: "fuzz-token-0123",
            headers: { Prefer: `code=${c.status}`, Accept: c.contentType },
            retry: { maxRetries: 0 },
          });
          const required = Object.entries(operation.successBodies[c.status]?.required ?? {});
          const flag = operation.successBodies[c.status]?.flag;
          for (let i = 0; i < callsPerCase; i += 1) {
            const { data, error } = await handle.call(operationId, params);
            if (c.status >= 200 && c.status < 300) {
              // Every invented body is schema-valid: a value, or (when the success flag came out
              // false) the typed "unsuccessful" error.
              if (error) {
                expect(error.kind).toBe("unsuccessful");
                expect(flag).toBeDefined();
                continue;
              }
              for (const [field, type] of required) expect(jsonTypeOf((data as Record<string, unknown>)[field])).toBe(type === "integer" ? "number" : type);
              if (flag) expect((data as Record<string, unknown>)[flag]).toBe(true);
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
}

/** A value's JSON Schema type name (`typeof` says "object" for arrays and null). */
function jsonTypeOf(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}
