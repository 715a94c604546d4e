// The contract suite every client must pass against the real Prism mock, for every operation of
// the spec: each documented status and content type comes out as the right typed error or as the
// example's value; requests without credentials get 401; a parameter its pattern refuses, or a
// request body its schema refuses, is refused by the client (and gets the spec's 400 when sent
// around it); and Prism reports no violation.
import { describe, expect, it } from "vitest";
import type { CallOptionsView, ClientOptionsView, ClientUnderTest, ErrorView } from "./client-under-test.js";
import { everythingAnErrorShows, expectNoToken } from "./leaks.js";
import { credentialParams, operationCases, pathFor, rawCredentials, refusedBodies, refusedValues, requiredCredentials, tokenPlaces } from "./spec-cases.js";

export const CONTRACT_INSTANCE_ID = "contract-instance";
/** A token shaped to be found if it ever leaks: tests search for it. */
export const CONTRACT_ACCESS_TOKEN = "tok_contract+secret/=value";
const WRONG_ACCESS_TOKEN = "wrong-token-0000";

interface Recorded {
  url: string;
  method: string;
  status: number;
  violations: string | null;
}

export function defineContractSuite(client: ClientUnderTest, prismUrl: () => string): void {
  const recorded: Recorded[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    recorded.push({ url: request.url, method: request.method, status: response.status, violations: response.headers.get("sl-violations") });
    return response;
  };
  const errorsSeen: unknown[] = [];
  const make = (extra: Partial<ClientOptionsView> = {}) => {
    const built = client.create({
      baseUrl: prismUrl(),
      instanceId: CONTRACT_INSTANCE_ID,
      accessToken: CONTRACT_ACCESS_TOKEN,
      fetch: recordingFetch,
      // One quick retry: a documented 429 or 503 may carry a Retry-After of minutes.
      retry: { maxRetries: 1, initialDelayMs: 1, maxRetryAfterMs: 1 },
      ...extra,
    });
    // Every error the suite sees is kept for the leak check at the end.
    return {
      async call(operationId: string, params: Record<string, unknown>, call?: CallOptionsView) {
        const result = await built.call(operationId, params, call);
        if (result.error) errorsSeen.push(result.error);
        return result;
      },
    };
  };

  const names = credentialParams();
  for (const { operationId, operation, params, responses } of operationCases()) {
    const url = () => `${prismUrl()}${pathFor(operation, params)}`;
    const secured = operation.security.length > 0;
    // Prism answers a request that breaks the spec with 422 when the operation documents it, else 400.
    const invalidStatus = operation.responses[422] ? 422 : operation.responses[400] ? 400 : 422;

    describe(`${client.name} ${operationId}: every documented response`, () => {
      it("has a case for every documented (status, content type) pair", () => {
        const documented = Object.entries(operation.responses).flatMap(([status, types]) => types.map((type) => `${operationId} ${status} ${type}`));
        expect(responses.map((c) => c.name).sort()).toEqual(documented.sort());
      });

      for (const c of responses) {
        it(`surfaces ${c.status} ${c.contentType}`, async () => {
          const before = recorded.length;
          const { data, error } = await make().call(operationId, params, { headers: { Prefer: `code=${c.status}`, Accept: c.contentType } });
          const sent = recorded.slice(before);
          expect(sent.length).toBeGreaterThan(0);
          expect(sent.every((r) => r.status === c.status)).toBe(true);
          if (c.status >= 200 && c.status < 300) {
            expect(error).toBeUndefined();
            expect(data).toEqual(c.exampleJson ?? c.exampleText);
            return;
          }
          expect(data).toBeUndefined();
          const e = error as ErrorView;
          expect(e.kind).toBe("api");
          // The class of the status in the clients' fixed table, or the base class for any other.
          expect(e).toBeInstanceOf(client.errorClasses[c.status] ?? client.errorClasses.base);
          expect(e.status).toBe(c.status);
          expect(e.contentType).toBe(c.contentType);
          expect(e.body).toBe(c.exampleText);
          expect(e.json).toEqual(c.exampleJson);
          expect(e.serverMessage).toBe(c.expectedMessage);
          expect(e.message).toContain(String(c.status));
          expect(sent).toHaveLength(e.attempts);
        });
      }

      // A status documented without content (a 204, say) has no (status, content type) pair above.
      for (const status of Object.keys(operation.responses).map(Number).filter((s) => operation.responses[s]?.length === 0)) {
        it(`surfaces ${status} with no body`, async () => {
          const before = recorded.length;
          const { data, error } = await make().call(operationId, params, { headers: { Prefer: `code=${status}` } });
          const sent = recorded.slice(before);
          expect(sent.length).toBeGreaterThan(0);
          expect(sent.every((r) => r.status === status)).toBe(true);
          expect(data).toBeUndefined();
          if (status >= 200 && status < 300) {
            expect(error).toBeUndefined();
            return;
          }
          expect(error?.kind).toBe("api");
          expect(error).toBeInstanceOf(client.errorClasses[status] ?? client.errorClasses.base);
          expect(error?.status).toBe(status);
        });
      }
    });

    describe(`${client.name} ${operationId}: input the client refuses`, () => {
      for (const { key, value } of refusedValues(operation)) {
        it(`refuses ${key} ${JSON.stringify(value)} without sending anything`, async () => {
          const before = recorded.length;
          const { data, error } = await make().call(operationId, { ...params, [key]: value });
          expect(data).toBeUndefined();
          expect(error?.kind).toBe("validation");
          expect(error?.field).toBe(key);
          expect(error?.attempts).toBe(0);
          expect(error?.message).toContain(key);
          expect(recorded.length).toBe(before);
        });

        it(`gets ${invalidStatus} from the mock when ${key} ${JSON.stringify(value)} is sent around the client`, async () => {
          const path = pathFor(operation, params, { [key]: encodeURIComponent(value) || "%20" });
          const credentials = rawCredentials(operation, { instanceId: CONTRACT_INSTANCE_ID, accessToken: CONTRACT_ACCESS_TOKEN });
          const response = await fetch(`${prismUrl()}${path}${credentials.query}`, { method: operation.method.toUpperCase(), headers: credentials.headers });
          expect(response.status).toBe(invalidStatus);
          await response.body?.cancel();
        });
      }

      for (const { why, value } of refusedBodies(operationId, operation)) {
        const key = operation.body?.key ?? "body";
        it(`refuses a ${key} ${why} without sending anything`, async () => {
          const before = recorded.length;
          const { data, error } = await make().call(operationId, { ...params, [key]: value });
          expect(data).toBeUndefined();
          expect(error?.kind).toBe("validation");
          expect(error?.field?.startsWith(key)).toBe(true);
          expect(error?.attempts).toBe(0);
          expect(recorded.length).toBe(before);
        });

        it(`gets ${invalidStatus} from the mock when a ${key} ${why} is sent around the client`, async () => {
          const credentials = rawCredentials(operation, { instanceId: CONTRACT_INSTANCE_ID, accessToken: CONTRACT_ACCESS_TOKEN });
          const response = await fetch(`${url()}${credentials.query}`, {
            method: operation.method.toUpperCase(),
            headers: { ...credentials.headers, "content-type": "application/json" },
            body: JSON.stringify(value),
          });
          expect(response.status).toBe(invalidStatus);
          await response.body?.cancel();
        });
      }

      it("refuses an unknown parameter by name, without sending anything", async () => {
        const before = recorded.length;
        const { error } = await make().call(operationId, { ...params, notAParameter: "x" });
        expect(error?.kind).toBe("validation");
        expect(error?.message).toContain("notAParameter");
        expect(recorded.length).toBe(before);
      });
    });

    describe(`${client.name} ${operationId}: the example and its spellings`, () => {
      const success = responses.find((c) => c.status >= 200 && c.status < 300 && c.exampleJson !== undefined);
      const successStatus = Number(Object.keys(operation.successBodies)[0]);
      it("returns the example body on success, with the response", async () => {
        const { data, error, response } = await make().call(operationId, params);
        expect(error).toBeUndefined();
        if (success) expect(data).toEqual(success.exampleJson);
        expect(response?.status).toBe(success?.status ?? successStatus);
        expect(response?.url ?? "").not.toContain(CONTRACT_ACCESS_TOKEN);
      });

      for (const parameter of operation.parameters.filter((p) => p.in === "path" && typeof p.example === "string" && encodeURIComponent(String(p.example)) !== p.example)) {
        it(`sends ${parameter.key} raw and percent-encoded as the same value`, async () => {
          const before = recorded.length;
          const raw = await make().call(operationId, params);
          const escaped = await make().call(operationId, { ...params, [parameter.key]: encodeURIComponent(String(parameter.example)) });
          expect(raw.error).toBeUndefined();
          expect(escaped.error).toBeUndefined();
          const [first, second] = recorded.slice(before);
          expect(first?.url).toBeDefined();
          expect(first?.url).toBe(second?.url);
        });
      }
    });

    if (secured) {
      describe(`${client.name} ${operationId}: credentials`, () => {
        const places = tokenPlaces(operation);
        it.runIf(places.includes("header"))("sends the token in a header when asked, which the mock accepts", async () => {
          const before = recorded.length;
          const { error } = await make({ credentialsIn: "header" }).call(operationId, params);
          expect(error).toBeUndefined();
          const sent = recorded.slice(before);
          expect(sent).toHaveLength(1);
          expect(sent[0]?.url).not.toContain(encodeURIComponent(CONTRACT_ACCESS_TOKEN));
        });

        // An operation-level `security` may take the token in one place only: a client left at its
        // default sends it there (the cases above), one told otherwise is refused before sending.
        for (const place of (["query", "header"] as const).filter((p) => places.length > 0 && !places.includes(p))) {
          it(`refuses credentialsIn "${place}", which ${operationId} does not take, without sending anything`, async () => {
            const before = recorded.length;
            const { error } = await make({ credentialsIn: place }).call(operationId, params);
            expect(error?.kind).toBe("validation");
            expect(error?.field).toBe("credentialsIn");
            expect(error?.message).toContain(`credentialsIn: "${places[0]}"`);
            expect(recorded.length).toBe(before);
          });
        }

        // Prism answers 401 to missing credentials whether or not the operation documents it: with
        // none, and with each credential of the operation's requirement left out.
        const full = { instanceId: CONTRACT_INSTANCE_ID, accessToken: "x" };
        const needed = requiredCredentials(operation);
        for (const [label, given] of [
          ["no credentials", {}] as const,
          ...(needed.length > 1 ? needed.map((left) => [`every credential but ${left}`, { ...full, [left]: undefined }] as const) : []),
        ]) {
          it(`the mock answers 401 to a request with ${label}`, async () => {
            const credentials = rawCredentials(operation, given);
            const response = await fetch(`${url()}${credentials.query}`, { method: operation.method.toUpperCase(), headers: { ...credentials.headers, Prefer: "code=200" } });
            expect(response.status).toBe(401);
            await response.body?.cancel();
          });
        }

        it.runIf(operation.responses[401] !== undefined)("a client with a wrong token gets the typed 401 when the mock is asked for it", async () => {
          const { error } = await make({ accessToken: WRONG_ACCESS_TOKEN }).call(operationId, params, { headers: { Prefer: "code=401" } });
          expect(error?.name).toBe("UnauthorizedError");
          expect(error?.status).toBe(401);
        });
      });
    }
  }

  describe(`${client.name}: what Prism saw`, () => {
    it("reported no request violation for anything the client sent", () => {
      expect(recorded.length).toBeGreaterThan(10);
      expect(recorded.filter((r) => r.violations !== null)).toEqual([]);
    });

    it("no error the suite saw shows the token, raw, encoded or in a stack", () => {
      expect(errorsSeen.length).toBeGreaterThan(5);
      for (const error of errorsSeen) expectNoToken(everythingAnErrorShows(error), [CONTRACT_ACCESS_TOKEN]);
    });

    it("never saw the token in a URL except as the token's query parameter", () => {
      for (const r of recorded) {
        const url = new URL(r.url);
        const query = url.searchParams.get(names.accessToken);
        if (query !== null) expect([CONTRACT_ACCESS_TOKEN, WRONG_ACCESS_TOKEN]).toContain(query);
        url.searchParams.delete(names.accessToken);
        expect(decodeURIComponent(url.href)).not.toContain(CONTRACT_ACCESS_TOKEN);
      }
    });
  });
}
