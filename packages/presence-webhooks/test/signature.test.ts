// Both signature schemes, every way a signature can be wrong, and sign() checked against an
// independent HMAC (node:crypto).
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sign, SIGNATURE_HEADERS, verifyAndParse, WebhookError, WebhookPayloadError, WebhookSignatureError, type HeadersInput } from "../src/index.js";
import { exampleEvent, SECRET } from "./support.js";

const body = JSON.stringify(exampleEvent());
const hmacHex = createHmac("sha512", SECRET).update(body).digest("hex");
const options = { secret: SECRET };

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(outcome instanceof Error)) throw new Error("expected a rejection with an Error");
  return outcome;
}

async function signatureError(rawBody: string | Uint8Array, headers: HeadersInput, verify: Parameters<typeof verifyAndParse>[2] = options): Promise<WebhookSignatureError> {
  const error = await rejection(verifyAndParse(rawBody, headers, verify));
  expect(error).toBeInstanceOf(WebhookSignatureError);
  expect(error).toBeInstanceOf(WebhookError);
  return error as WebhookSignatureError;
}

describe("sign()", () => {
  it('"hmac" (the default) gives WAHA\'s headers: hex HMAC-SHA512 of the body, and the algorithm', async () => {
    expect(await sign(body, SECRET)).toEqual({ "X-Webhook-Hmac": hmacHex, "X-Webhook-Hmac-Algorithm": "sha512" });
    expect(await sign(new TextEncoder().encode(body), SECRET, "hmac")).toEqual(await sign(body, SECRET));
  });

  it('"wawp" gives X-Wawp-Signature carrying the secret', async () => {
    expect(await sign(body, SECRET, "wawp")).toEqual({ "X-Wawp-Signature": SECRET });
  });

  it("refuses an empty secret, a non-body and an unknown scheme with TypeErrors", async () => {
    await expect(sign(body, "")).rejects.toThrow(TypeError);
    await expect(sign({} as unknown as string, SECRET)).rejects.toThrow(/string or Uint8Array/);
    await expect(sign(body, SECRET, "sha1" as "hmac")).rejects.toThrow(/"hmac" or "wawp"/);
  });
});

describe("the HMAC scheme (X-Webhook-Hmac)", () => {
  it("accepts a valid signature, from a string or a Buffer body, with a Headers object or a record", async () => {
    const record = { "x-webhook-hmac": hmacHex, "x-webhook-hmac-algorithm": "sha512" };
    for (const headers of [record, new Headers(record), { "X-Webhook-Hmac": hmacHex, "X-Webhook-Hmac-Algorithm": "sha512" }]) {
      await expect(verifyAndParse(body, headers, options)).resolves.toMatchObject({ id: "evt_01...", presence: "composing" });
      await expect(verifyAndParse(Buffer.from(body), headers, options)).resolves.toMatchObject({ id: "evt_01..." });
    }
  });

  it("accepts the hex in upper case (the same bytes)", async () => {
    await expect(verifyAndParse(body, { "x-webhook-hmac": hmacHex.toUpperCase(), "x-webhook-hmac-algorithm": "sha512" }, options)).resolves.toBeDefined();
  });

  it("accepts a missing algorithm header (sha512 is the only one WAHA uses) and SHA512 in any case", async () => {
    await expect(verifyAndParse(body, { "x-webhook-hmac": hmacHex }, options)).resolves.toBeDefined();
    await expect(verifyAndParse(body, { "x-webhook-hmac": hmacHex, "x-webhook-hmac-algorithm": "SHA512" }, options)).resolves.toBeDefined();
  });

  it("rejects another algorithm, naming it and the one supported", async () => {
    const sha256 = createHmac("sha256", SECRET).update(body).digest("hex");
    const error = await signatureError(body, { "x-webhook-hmac": sha256, "x-webhook-hmac-algorithm": "sha256" });
    expect(error.message).toBe('X-Webhook-Hmac-Algorithm is "sha256"; only sha512 is supported (the algorithm WAHA signs with).');
    const odd = await signatureError(body, { "x-webhook-hmac": hmacHex, "x-webhook-hmac-algorithm": "sha512; drop table" });
    expect(odd.message).toContain("an unsupported value");
  });

  it("rejects a signature of the wrong length, saying how long it must be", async () => {
    for (const signature of [hmacHex.slice(0, 127), `${hmacHex}0`, hmacHex.slice(0, 64), ""]) {
      const error = await signatureError(body, { "x-webhook-hmac": signature, "x-webhook-hmac-algorithm": "sha512" });
      // An empty header value counts as a header that is present but wrong, not as a missing one.
      expect(error.message).toContain(`must be 128 hexadecimal characters (an HMAC-SHA512); it has ${signature.length}`);
    }
  });

  it("rejects a signature that is not hexadecimal", async () => {
    const error = await signatureError(body, { "x-webhook-hmac": `${hmacHex.slice(0, 126)}zz` });
    expect(error.message).toContain("must be hexadecimal");
  });

  it("rejects a tampered body, a wrong secret and a signature of another body", async () => {
    const headers = { "x-webhook-hmac": hmacHex, "x-webhook-hmac-algorithm": "sha512" };
    const tampered = body.replace("composing", "recording");
    expect((await signatureError(tampered, headers)).message).toContain("does not match the body");
    const bytes = Buffer.from(body);
    const at = bytes.length - 2;
    bytes[at] = (bytes[at] ?? 0) ^ 1;
    await signatureError(bytes, headers);
    await signatureError(body, headers, { secret: `${SECRET}x` });
    await signatureError(body, { "x-webhook-hmac": createHmac("sha512", SECRET).update(`${body} `).digest("hex") });
    // The message says what usually causes it: a re-serialised body.
    expect((await signatureError(JSON.stringify(JSON.parse(body), null, 2), headers)).message).toContain("raw request body exactly as received");
  });

  it("rejects the header sent twice", async () => {
    const error = await signatureError(body, { "x-webhook-hmac": [hmacHex, hmacHex] });
    expect(error.message).toBe("X-Webhook-Hmac was sent more than once; a request carries one signature.");
    const headers = new Headers();
    headers.append("x-webhook-hmac", hmacHex);
    headers.append("x-webhook-hmac", hmacHex);
    await signatureError(body, headers); // Headers joins them with ", ": no longer a valid signature
    await signatureError(body, { "x-webhook-hmac": hmacHex, "X-Webhook-Hmac": hmacHex });
  });
});

describe("the WAWP scheme (X-Wawp-Signature)", () => {
  it("accepts the configured secret", async () => {
    await expect(verifyAndParse(body, { "x-wawp-signature": SECRET }, options)).resolves.toMatchObject({ presence: "composing" });
    await expect(verifyAndParse(body, new Headers(await sign(body, SECRET, "wawp")), options)).resolves.toBeDefined();
  });

  it("rejects anything else: another value, a prefix, a longer value, the HMAC, a different case", async () => {
    for (const value of ["nope", SECRET.slice(0, -1), `${SECRET}x`, hmacHex, SECRET.toUpperCase()]) {
      const error = await signatureError(body, { "x-wawp-signature": value });
      expect(error.message).toBe("X-Wawp-Signature does not match the configured secret.");
    }
  });

  it("does not vouch for the body: any body with the secret passes (which is why HMAC is preferred)", async () => {
    const other = JSON.stringify(exampleEvent((e) => (e.payload.type = "paused")));
    await expect(verifyAndParse(other, { "x-wawp-signature": SECRET }, options)).resolves.toMatchObject({ presence: "paused" });
  });

  it("can be refused: schemes: ['hmac'] accepts only the HMAC", async () => {
    const error = await signatureError(body, { "x-wawp-signature": SECRET }, { secret: SECRET, schemes: ["hmac"] });
    expect(error.message).toMatch(/^The request is not signed: expected X-Webhook-Hmac \(HMAC-SHA512 of the body\)\./);
    await expect(verifyAndParse(body, { "x-webhook-hmac": hmacHex }, { secret: SECRET, schemes: ["hmac"] })).resolves.toBeDefined();
  });
});

describe("both schemes, and none", () => {
  it("accepts both headers when both are right, and rejects when either is wrong", async () => {
    await expect(verifyAndParse(body, { "x-webhook-hmac": hmacHex, "x-wawp-signature": SECRET }, options)).resolves.toBeDefined();
    await signatureError(body, { "x-webhook-hmac": hmacHex, "x-wawp-signature": "wrong" });
    await signatureError(body, { "x-webhook-hmac": "0".repeat(128), "x-wawp-signature": SECRET });
  });

  it("rejects an unsigned request, naming both headers and the way out", async () => {
    for (const headers of [{}, new Headers(), { "content-type": "application/json" }, { "x-webhook-hmac": undefined }]) {
      const error = await signatureError(body, headers);
      expect(error.message).toContain("expected X-Webhook-Hmac (HMAC-SHA512 of the body) or X-Wawp-Signature");
      expect(error.message).toContain("insecureAcceptUnsigned");
    }
  });

  it("rejects headers that are not headers", async () => {
    for (const headers of [null, "x-webhook-hmac: abc", 42, { "x-webhook-hmac": 42 }, { "x-wawp-signature": [SECRET, 1] }]) {
      await signatureError(body, headers as unknown as HeadersInput);
    }
  });

  it("insecureAcceptUnsigned skips the signature but still checks the event", async () => {
    await expect(verifyAndParse(body, {}, { insecureAcceptUnsigned: true })).resolves.toMatchObject({ presence: "composing" });
    await expect(verifyAndParse("{}", {}, { insecureAcceptUnsigned: true })).rejects.toThrow(WebhookPayloadError);
  });

  it("checks the signature before the body: an unsigned sender learns nothing about the schema", async () => {
    await signatureError("not json", {});
  });

  it("refuses a parsed body with a message about the raw body", async () => {
    const error = await rejection(verifyAndParse(JSON.parse(body) as string, { "x-webhook-hmac": hmacHex }, options));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error.message).toContain("Pass the raw request body");
  });

  it("throws TypeErrors for invalid options", async () => {
    for (const verify of [{ secret: "" }, {}, null, { secret: SECRET, insecureAcceptUnsigned: true }, { insecureAcceptUnsigned: "yes" }, { secret: SECRET, schemes: [] }, { secret: SECRET, schemes: ["md5"] }]) {
      await expect(verifyAndParse(body, {}, verify as unknown as { secret: string })).rejects.toThrow(TypeError);
    }
  });

  it("exports the header names", () => {
    expect(SIGNATURE_HEADERS).toEqual({ hmac: "X-Webhook-Hmac", hmacAlgorithm: "X-Webhook-Hmac-Algorithm", wawp: "X-Wawp-Signature" });
  });
});
