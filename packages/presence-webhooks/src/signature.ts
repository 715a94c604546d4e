// The two signature schemes a WAWP webhook can carry, checked with Web Crypto (crypto.subtle), so
// the same code runs in Node 20+, Deno, Bun, browsers and edge runtimes. Web Crypto is
// asynchronous, so verification is too.
//
//   "hmac": WAHA's (the engine WAWP runs on): X-Webhook-Hmac = hex HMAC-SHA512 of the raw body,
//           keyed with the secret, and X-Webhook-Hmac-Algorithm: sha512.
//   "wawp": WAWP's documented X-Wawp-Signature, which carries the configured secret itself.
import { WebhookError, WebhookSignatureError } from "./errors.js";
import { readHeader, type HeaderValue, type HeadersInput } from "./headers.js";

export type SignatureScheme = "hmac" | "wawp";

/** The header names, as WAHA and WAWP document them. Lookups ignore case. */
export const SIGNATURE_HEADERS = {
  hmac: "X-Webhook-Hmac",
  hmacAlgorithm: "X-Webhook-Hmac-Algorithm",
  wawp: "X-Wawp-Signature",
} as const;

/** How to verify: with the webhook's secret, or (local testing only) not at all. */
export type VerifyOptions =
  | {
      secret: string;
      /** The schemes accepted; default both. `["hmac"]` refuses the weaker X-Wawp-Signature. */
      schemes?: readonly SignatureScheme[];
      /**
       * How the HMAC-SHA512 is computed. Default: Web Crypto, which every runtime has. On Node,
       * `nodeHmac` from this package's `node` entry (node:crypto, synchronous) costs a fraction
       * of it per event: use it for a busy receiver.
       */
      hmac?: Hmac512;
    }
  | { insecureAcceptUnsigned: true };

/** An HMAC-SHA512 implementation: a key derived once from the secret, and a constant-time check. */
export interface Hmac512 {
  /** Derives the key from the secret; the secret string itself is not kept. */
  key(secret: string): unknown;
  /** Whether `signature` is the HMAC-SHA512 of `body` under `key`, compared in constant time. */
  verify(key: unknown, signature: Uint8Array, body: Uint8Array<ArrayBuffer>): boolean | Promise<boolean>;
}

/** Web Crypto's HMAC-SHA512: the default, in every runtime. */
export const webCryptoHmac: Hmac512 = {
  key: (secret) => hmacKey(secret),
  // subtle.verify compares in constant time.
  verify: async (key, signature, body) => subtle().verify("HMAC", (await key) as CryptoKey, signature as Uint8Array<ArrayBuffer>, body),
};

const ALGORITHM = "sha512";
const HMAC_HEX_LENGTH = 128; // 64 bytes of SHA-512, two hex digits each
const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) {
    throw new WebhookError("Web Crypto (globalThis.crypto.subtle) is not available here. It is in Node 20+, Deno, Bun, edge runtimes and browsers on HTTPS pages.");
  }
  return found;
}

/** The body as bytes of its own: a caller changing its buffer mid-verification cannot change what is parsed. */
export function bodyBytes(rawBody: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof rawBody === "string" ? encoder.encode(rawBody) : new Uint8Array(rawBody);
}

function hex(bytes: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(bytes)) out += byte.toString(16).padStart(2, "0");
  return out;
}

function hmacKey(secret: string): Promise<CryptoKey> {
  return subtle().importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-512" }, false, ["sign", "verify"]);
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest("SHA-256", encoder.encode(text)));
}

/**
 * Equality that takes the same time wherever the inputs differ. Both sides are SHA-256 digests,
 * so their lengths are always equal and say nothing about the secret's length.
 */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** The secret, checked and kept only as derived values (a non-extractable key and a digest). */
export class SignatureVerifier {
  readonly #schemes: ReadonlySet<SignatureScheme>;
  readonly #hmac: Hmac512;
  readonly #key: Promise<unknown> | undefined;
  /** The key once derived: later requests use it without awaiting #key again (one tick less each). */
  #keyReady: { key: unknown } | undefined;
  readonly #digest: Promise<Uint8Array> | undefined;

  constructor(secret: string, schemes: readonly SignatureScheme[] = ["hmac", "wawp"], hmac: Hmac512 = webCryptoHmac) {
    if (typeof secret !== "string" || secret.length === 0) {
      throw new TypeError("The webhook secret must be a non-empty string (the `hmac` value configured for the webhook in WAWP).");
    }
    if (!Array.isArray(schemes) || schemes.length === 0 || !schemes.every((s) => s === "hmac" || s === "wawp")) {
      throw new TypeError('`schemes` must list "hmac", "wawp" or both.');
    }
    if (hmac === null || typeof hmac !== "object" || typeof hmac.key !== "function" || typeof hmac.verify !== "function") {
      throw new TypeError("`hmac` must be an Hmac512 ({ key, verify }), such as nodeHmac from this package's node entry.");
    }
    this.#schemes = new Set(schemes);
    this.#hmac = hmac;
    // Derived now, so neither this object nor a closure keeps the secret string. A failure
    // surfaces when verify() awaits it; the empty catch only keeps it from being "unhandled" first.
    this.#key = this.#schemes.has("hmac") ? Promise.resolve().then(() => hmac.key(secret)) : undefined;
    this.#digest = this.#schemes.has("wawp") ? sha256(secret) : undefined;
    this.#key?.then(
      (key) => {
        this.#keyReady = { key };
      },
      () => {},
    );
    this.#digest?.catch(() => {});
  }

  /** Resolves when the request carries a valid signature of an accepted scheme; throws WebhookSignatureError otherwise. */
  async verify(body: Uint8Array<ArrayBuffer>, headers: HeadersInput): Promise<void> {
    const hmac = this.#key ? read(headers, SIGNATURE_HEADERS.hmac) : undefined;
    const wawp = this.#digest ? read(headers, SIGNATURE_HEADERS.wawp) : undefined;
    if (hmac === undefined && wawp === undefined) throw new WebhookSignatureError(missingMessage(this.#schemes));
    // Every signature present is checked: one valid header does not excuse a wrong one.
    if (hmac !== undefined && this.#key) {
      const key = this.#keyReady ? this.#keyReady.key : await this.#key;
      const valid = this.#hmac.verify(key, expectedHmac(hmac, headers), body);
      // nodeHmac answers synchronously: awaiting only a promise saves a tick per event.
      if (!(typeof valid === "boolean" ? valid : await valid)) {
        throw new WebhookSignatureError(
          `${SIGNATURE_HEADERS.hmac} does not match the body: the secret differs, or the body was changed. ` +
            "Verify the raw request body exactly as received, not JSON re-serialised by a body parser.",
        );
      }
    }
    if (wawp !== undefined && this.#digest) await this.#verifyWawp(wawp, await this.#digest);
  }

  async #verifyWawp(value: string, secretDigest: Uint8Array): Promise<void> {
    if (!constantTimeEqual(await sha256(value), secretDigest)) {
      throw new WebhookSignatureError(`${SIGNATURE_HEADERS.wawp} does not match the configured secret.`);
    }
  }
}

/** The HMAC the X-Webhook-Hmac header claims, as bytes; throws WebhookSignatureError when it is malformed. */
function expectedHmac(signature: string, headers: HeadersInput): Uint8Array {
  const algorithm = read(headers, SIGNATURE_HEADERS.hmacAlgorithm);
  // WAHA always names the algorithm; without the header, sha512 is the only one it could be,
  // and the length check below holds the signature to it.
  if (algorithm !== undefined && algorithm.toLowerCase() !== ALGORITHM) {
    const named = /^[A-Za-z0-9-]{1,16}$/.test(algorithm) ? `"${algorithm}"` : "an unsupported value";
    throw new WebhookSignatureError(
      `${SIGNATURE_HEADERS.hmacAlgorithm} is ${named}; only ${ALGORITHM} is supported (the algorithm WAHA signs with).`,
    );
  }
  if (signature.length !== HMAC_HEX_LENGTH) {
    throw new WebhookSignatureError(
      `${SIGNATURE_HEADERS.hmac} must be ${HMAC_HEX_LENGTH} hexadecimal characters (an HMAC-SHA512); it has ${signature.length}.`,
    );
  }
  // Decoded digit by digit: 64 slice-and-parseInt pairs were a visible share of the cost per event.
  const expected = new Uint8Array(HMAC_HEX_LENGTH / 2);
  for (let i = 0; i < expected.length; i += 1) {
    const high = hexDigit(signature.charCodeAt(2 * i));
    const low = hexDigit(signature.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) throw new WebhookSignatureError(`${SIGNATURE_HEADERS.hmac} must be hexadecimal; it contains other characters.`);
    expected[i] = (high << 4) | low;
  }
  return expected;
}

/** The value of one hexadecimal digit (either case), or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1; // a-f, A-F
}

/** A header's single value, undefined when absent; a repeated or malformed header is rejected. */
function read(headers: HeadersInput, name: string): string | undefined {
  let found: HeaderValue;
  try {
    found = readHeader(headers, name);
  } catch {
    throw new WebhookSignatureError("The request headers could not be read: pass a Headers object or a record of header values.");
  }
  switch (found.kind) {
    case "absent":
      return undefined;
    case "one":
      return found.value;
    case "repeated":
      throw new WebhookSignatureError(`${name} was sent more than once; a request carries one signature.`);
    case "invalid":
      throw new WebhookSignatureError(`${name} is not a string header value.`);
  }
}

function missingMessage(schemes: ReadonlySet<SignatureScheme>): string {
  const expected = [
    schemes.has("hmac") ? `${SIGNATURE_HEADERS.hmac} (HMAC-SHA512 of the body)` : undefined,
    schemes.has("wawp") ? SIGNATURE_HEADERS.wawp : undefined,
  ].filter(Boolean);
  return (
    `The request is not signed: expected ${expected.join(" or ")}. ` +
    "Set a secret on the webhook in WAWP (the `hmac` field of /v2/webhook/set), or, for local testing only, let the receiver accept unsigned events " +
    "(new Webhooks({ insecureAcceptUnsigned: true }); on the presence board, --insecure-unsigned)."
  );
}

/**
 * The signature headers WAWP (scheme "wawp") or WAHA (scheme "hmac", the default) would send with
 * `rawBody`: for tests, simulators and replaying a captured event. Send the body byte for byte as
 * signed, with `Content-Type: application/json`.
 */
export async function sign(rawBody: string | Uint8Array, secret: string, scheme: SignatureScheme = "hmac"): Promise<Record<string, string>> {
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) throw new TypeError("sign() needs the body as a string or Uint8Array, exactly as it will be sent.");
  if (typeof secret !== "string" || secret.length === 0) throw new TypeError("sign() needs the webhook secret as a non-empty string.");
  if (scheme === "wawp") return { [SIGNATURE_HEADERS.wawp]: secret };
  if (scheme !== "hmac") throw new TypeError('sign(): scheme must be "hmac" or "wawp".');
  const signature = await subtle().sign("HMAC", await hmacKey(secret), bodyBytes(rawBody));
  return { [SIGNATURE_HEADERS.hmac]: hex(signature), [SIGNATURE_HEADERS.hmacAlgorithm]: ALGORITHM };
}
