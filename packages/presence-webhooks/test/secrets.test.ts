// The webhook secret never shows: not in an error's message, stack, JSON or inspection, not in an
// answer sent back, not in what onError receives, not when the Webhooks instance is logged.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { sign, verifyAndParse, Webhooks } from "../src/index.js";
import { everythingShown, exampleEvent, SECRET, SECRET_PARTS, signedHeaders } from "./support.js";

const body = JSON.stringify(exampleEvent());

function expectNoSecret(text: string, context: string) {
  for (const part of SECRET_PARTS) expect(text.includes(part), `${context} shows "${part}":\n${text}`).toBe(false);
}

describe("the secret never appears", () => {
  it("in any verification error", async () => {
    const hmac = (await sign(body, SECRET))["X-Webhook-Hmac"]!;
    const cases: Array<[string | Uint8Array, Record<string, string | string[] | undefined>]> = [
      [body, {}],
      [body, { "x-wawp-signature": "wrong" }],
      [body, { "x-wawp-signature": SECRET.slice(0, -1) }],
      [body, { "x-wawp-signature": `${SECRET}${SECRET}` }],
      [body, { "x-wawp-signature": [SECRET, SECRET] }],
      [body, { "x-webhook-hmac": hmac.slice(1) }],
      [body, { "x-webhook-hmac": `${hmac.slice(0, 127)}g` }],
      [body, { "x-webhook-hmac": hmac, "x-webhook-hmac-algorithm": SECRET }],
      [body, { "x-webhook-hmac": hmac, "x-webhook-hmac-algorithm": "sha256" }],
      [`${body} `, { "x-webhook-hmac": hmac }],
      [body, { "x-webhook-hmac": hmac, "x-wawp-signature": "nope" }],
    ];
    let failures = 0;
    for (const [raw, headers] of cases) {
      const error = await verifyAndParse(raw, headers, { secret: SECRET }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(Error);
      expectNoSecret(everythingShown(error), `error for ${JSON.stringify(Object.keys(headers))}`);
      failures += 1;
    }
    expect(failures).toBe(cases.length);
    // Payload errors after a valid signature, and option errors.
    for (const raw of ["{", "[]", JSON.stringify(exampleEvent((e) => delete e.payload))]) {
      const error = await verifyAndParse(raw, await signedHeaders(raw), { secret: SECRET }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(Error);
      expectNoSecret(everythingShown(error), `payload error for ${raw.slice(0, 20)}`);
    }
    const optionError = await verifyAndParse(body, {}, { secret: SECRET, schemes: ["sha1" as "hmac"] }).catch((reason: unknown) => reason);
    expectNoSecret(everythingShown(optionError), "option error");
  });

  it("in any answer the Web handler sends, or anything onError receives", async () => {
    const reported: unknown[] = [];
    const webhooks = new Webhooks({ secret: SECRET }, { onError: (error) => reported.push(error) });
    webhooks.on("presence.update", () => {
      throw new Error("handler failed");
    });
    const requests: Request[] = [
      new Request("http://127.0.0.1/h", { method: "POST", headers: { "content-type": "application/json", "x-wawp-signature": "wrong" }, body }),
      new Request("http://127.0.0.1/h", { method: "POST", headers: { "content-type": "application/json", "x-webhook-hmac": "00" }, body }),
      new Request("http://127.0.0.1/h", { method: "POST", headers: await signedHeaders("{"), body: "{" }),
      new Request("http://127.0.0.1/h", { method: "POST", headers: await signedHeaders(body), body }),
      new Request("http://127.0.0.1/h", { method: "POST", headers: await signedHeaders(body, "wawp"), body }),
      new Request("http://127.0.0.1/h", { method: "PUT", headers: await signedHeaders(body, "wawp"), body }),
      new Request("http://127.0.0.1/h", { method: "POST", headers: { ...(await signedHeaders(body, "wawp")), "content-type": "text/plain" }, body }),
    ];
    const statuses: number[] = [];
    for (const request of requests) {
      const response = await webhooks.handler(request);
      statuses.push(response.status);
      const shown: string[] = [];
      response.headers.forEach((value, name) => shown.push(`${name}: ${value}`));
      expectNoSecret(`${shown.join("\n")}\n${await response.text()}`, `answer ${response.status}`);
    }
    expect(statuses).toEqual([401, 401, 400, 500, 500, 405, 415]);
    expect(reported).toHaveLength(2);
    for (const error of reported) expectNoSecret(everythingShown(error), "reported error");
  });

  it("when the Webhooks instance is logged, inspected or serialised", () => {
    const webhooks = new Webhooks({ secret: SECRET });
    expectNoSecret(inspect(webhooks, { showHidden: true, depth: 10 }), "inspect(webhooks)");
    expectNoSecret(JSON.stringify(webhooks), "JSON.stringify(webhooks)");
    expectNoSecret(String(Object.entries(webhooks)), "Object.entries(webhooks)");
  });
});
