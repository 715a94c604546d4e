// verifyAndParse: signature first (an unsigned sender learns nothing about the schema), then the
// body's bytes are decoded, parsed and checked against the spec.
import { WebhookPayloadError } from "./errors.js";
import { parsePresenceUpdate, type PresenceUpdate } from "./event.js";
import type { HeadersInput } from "./headers.js";
import { bodyBytes, SignatureVerifier, type VerifyOptions } from "./signature.js";

/** A checked VerifyOptions: a verifier, or "unsigned" for insecureAcceptUnsigned. */
export type Verification = SignatureVerifier | "unsigned";

export function verificationFor(options: VerifyOptions): Verification {
  if (options === null || typeof options !== "object") {
    throw new TypeError("Pass { secret } (the webhook's secret) or { insecureAcceptUnsigned: true } (local testing only).");
  }
  const hasSecret = "secret" in options;
  const unsigned = "insecureAcceptUnsigned" in options && options.insecureAcceptUnsigned === true;
  if (hasSecret && unsigned) throw new TypeError("Pass either { secret } or { insecureAcceptUnsigned: true }, not both.");
  if (unsigned) return "unsigned";
  if (!hasSecret) throw new TypeError("Pass { secret } (the webhook's secret) or { insecureAcceptUnsigned: true } (local testing only).");
  return new SignatureVerifier(options.secret, options.schemes, options.hmac);
}

export async function verifyWith(verification: Verification, rawBody: string | Uint8Array, headers: HeadersInput): Promise<PresenceUpdate> {
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new WebhookPayloadError(
      "Pass the raw request body (a string or Uint8Array/Buffer, exactly as received), not a parsed object: the signature covers the exact bytes.",
    );
  }
  const bytes = bodyBytes(rawBody);
  if (verification !== "unsigned") await verification.verify(bytes, headers);
  return parsePresenceUpdate(bytes);
}

/**
 * Verifies the signature of a webhook request and returns its checked event.
 * Rejects with WebhookSignatureError (missing or wrong signature) or WebhookPayloadError (not a
 * valid presence.update event; `field` names the field), both WebhookErrors; with a TypeError
 * only for invalid `options`.
 *
 * Asynchronous because it uses Web Crypto, which is, in every runtime.
 */
export async function verifyAndParse(rawBody: string | Uint8Array, headers: HeadersInput, options: VerifyOptions): Promise<PresenceUpdate> {
  return verifyWith(verificationFor(options), rawBody, headers);
}
