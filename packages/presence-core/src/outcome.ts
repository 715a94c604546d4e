// Turns what fetch produced — a Response, or a rejection — into the outcome of one attempt:
// the typed success value, or the typed error and whether it may be retried. Both clients feed
// their responses through here, so they classify every status and body the same way.

import { PresenceConnectionError, UnexpectedResponseError, apiErrorFor, type ResponseInfo } from "./errors.js";
import { SUCCESS_BODY_REQUIRED_FIELDS } from "./generated/spec.gen.js";
import { RETRYABLE_STATUSES, parseRetryAfter, type AttemptOutcome } from "./policy.js";
import type { Redactor } from "./redact.js";
import { boundBody, mediaType, readBody } from "./response-body.js";

/** The most a client reads of a body. The documented bodies are tens of bytes; this stops a runaway one. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the spec promises a 200 carries (the fields the spec lists as required). */
export type SuccessBody = { [K in keyof typeof SUCCESS_BODY_REQUIRED_FIELDS]: unknown } & Record<string, unknown>;

export interface ExchangeContext {
  /** The request URL, already redacted. */
  url: string;
  attempts: number;
  redact: Redactor;
}

export interface BodyText {
  text: string;
  /** True when the body was longer than the limit and only its start was read. */
  truncated: boolean;
}

/** Decodes whole bodies at once (never in streaming mode), so one instance serves every call. */
const UTF8 = new TextDecoder();

function decodeChunks(chunks: Uint8Array[], bytes: number): string {
  if (chunks.length === 0) return "";
  if (chunks.length === 1) return UTF8.decode(chunks[0]);
  const whole = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return UTF8.decode(whole);
}

/**
 * Reads at most `limit` bytes of a body as UTF-8 text, then cancels the rest of the stream.
 *
 * The body is read from its stream whether or not a Content-Length is declared: the chunks are
 * kept and decoded once at the end with a shared decoder, which costs less than `response.text()`
 * (and than a decoder per call in streaming mode) for the small bodies this endpoint returns.
 */
export async function readBodyText(response: Response, limit: number = MAX_BODY_BYTES): Promise<BodyText> {
  const stream = response.body;
  // No body, or not a WHATWG stream (a fetch polyfill's Response): let the Response read itself,
  // then apply the limit to what it read (such a Response cannot be read in bounded steps).
  if (stream === null || typeof stream.getReader !== "function") {
    const text = await response.text();
    return text.length > limit ? { text: text.slice(0, limit), truncated: true } : { text, truncated: false };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: decodeChunks(chunks, bytes), truncated: false };
    const room = limit - bytes;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      await reader.cancel().catch(() => undefined);
      return { text: decodeChunks(chunks, limit), truncated: true };
    }
    bytes += value.byteLength;
    chunks.push(value);
  }
}

function headerRecord(headers: Headers, redact: Redactor): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = redact(value);
  });
  return record;
}

function responseInfo(response: Response, body: BodyText, context: ExchangeContext): Omit<ResponseInfo, "serverMessage"> {
  const text = body.truncated ? `${body.text}... [body cut at ${MAX_BODY_BYTES} bytes]` : body.text;
  return {
    status: response.status,
    contentType: mediaType(response.headers.get("content-type")),
    body: boundBody(context.redact(text)),
    url: context.url,
    headers: headerRecord(response.headers, context.redact),
  };
}

/** Classifies a response whose body has been read. */
export function outcomeFromResponse(response: Response, body: BodyText, context: ExchangeContext): AttemptOutcome<SuccessBody> {
  const type = mediaType(response.headers.get("content-type"));
  if (response.status >= 200 && response.status < 300) {
    const checked = checkSuccessBody(type, body);
    if (typeof checked !== "string") return { ok: true, value: checked };
    const error = new UnexpectedResponseError({ ...responseInfo(response, body, context), attempts: context.attempts, reason: checked });
    return { ok: false, error, retryable: false };
  }
  const read = readBody(type, body.text);
  const serverMessage = read.message === undefined ? undefined : context.redact(read.message);
  const error = apiErrorFor({ ...responseInfo(response, body, context), serverMessage, attempts: context.attempts });
  const retryable = RETRYABLE_STATUSES.has(response.status);
  return { ok: false, error, retryable, retryAfterMs: retryable ? parseRetryAfter(response.headers.get("retry-after")) : undefined };
}

const REQUIRED_FIELDS: ReadonlyArray<readonly [string, string]> = Object.entries(SUCCESS_BODY_REQUIRED_FIELDS);

/** The parsed success body, or why a 2xx body is not the documented one. */
function checkSuccessBody(type: string, body: BodyText): SuccessBody | string {
  if (body.truncated) return `the body is larger than ${MAX_BODY_BYTES} bytes`;
  if (type !== "application/json" && !type.endsWith("+json")) {
    return `expected application/json, got ${type ? `'${type}'` : "no content type"}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return body.text.length === 0 ? "the body is empty" : "the body is not valid JSON (truncated?)";
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return "the body is not a JSON object";
  for (const [field, type] of REQUIRED_FIELDS) {
    const value = (json as Record<string, unknown>)[field];
    if (value === undefined) return `the required field '${field}' is missing`;
    if (typeof value !== type) return `the field '${field}' should be a ${type}, got ${value === null ? "null" : typeof value}`;
  }
  return json as SuccessBody;
}

/** Classifies a fetch rejection that was not a timeout or an abort. Connection failures are retryable. */
export function outcomeFromFailure(error: unknown, context: ExchangeContext): AttemptOutcome<never> {
  const { detail, code } = describeFailure(error);
  return {
    ok: false,
    error: new PresenceConnectionError({
      attempts: context.attempts,
      url: context.url,
      detail: context.redact(detail),
      code,
    }),
    retryable: true,
  };
}

function describeFailure(error: unknown): { detail: string; code: string | undefined } {
  // undici reports "fetch failed" and puts the system error (ECONNREFUSED, ...) in `cause`.
  const parts: string[] = [];
  let code: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof Error) {
      parts.push(current.message);
      const maybeCode = (current as { code?: unknown }).code;
      if (code === undefined && typeof maybeCode === "string") code = maybeCode;
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  const detail = [...new Set(parts.filter(Boolean))].join(": ") || "the request failed";
  return { detail, code };
}
