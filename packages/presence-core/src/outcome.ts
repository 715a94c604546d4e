// Turns what one attempt produced (a response with its body read, or a failure) into its outcome:
// the typed success value, or the typed error and whether the policy may try again. Both clients
// feed every response through here, so they classify every status and body the same way.

import { MAX_BODY_BYTES, type BodyText } from "./body-reader.js";
import {
  PresenceConnectionError,
  UnexpectedResponseError,
  UnsuccessfulResponseError,
  apiErrorFor,
  type ResponseInfo,
} from "./errors.js";
import { formatOf, messageFromBody } from "./message.js";
import { isRetryableFailure, isRetryableStatus, parseRetryAfter, type AttemptOutcome } from "./policy.js";
import type { Redactor } from "./redact.js";
import { parseJson } from "./safe-json.js";
import type { OperationDescription, SuccessBodyDescription } from "./api.js";
import { isRecord } from "./is-record.js";

/** Bodies longer than this are cut in errors: an error must stay printable and loggable. */
const MAX_ERROR_BODY_CHARS = 64 * 1024;
/** A server message longer than this is cut, so a message fits on one log line. */
const MAX_MESSAGE_CHARS = 300;

export interface ExchangeContext {
  operation: OperationDescription;
  /** The request URL, already redacted. */
  url: string;
  attempts: number;
  redact: Redactor;
}

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  if (!contentType) return "";
  const semi = contentType.indexOf(";");
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

function responseInfo(response: Response, body: BodyText, context: ExchangeContext, note?: string): ResponseInfo {
  const shown = context.redact.cut(body.text, MAX_ERROR_BODY_CHARS);
  const cut = note ?? (body.truncated ? `body cut at ${MAX_BODY_BYTES} bytes` : undefined);
  return {
    status: response.status,
    contentType: mediaType(response.headers.get("content-type")),
    body: cut ? `${shown}... [${cut}]` : shown,
    url: context.url,
    headers: context.redact.headers(response.headers),
  };
}

function isJson(type: string): boolean {
  return type === "application/json" || type.endsWith("+json");
}

/** Classifies a response whose body has been read (or read in part, when `cutShort` says why it stopped). */
export function outcomeFromResponse(response: Response, body: BodyText, context: ExchangeContext, cutShort?: string): AttemptOutcome<unknown> {
  const type = mediaType(response.headers.get("content-type"));
  const { idempotent } = context.operation;
  if (response.status >= 200 && response.status < 300) {
    const spec = context.operation.successBodies[response.status];
    const checked =
      spec === undefined
        ? { reason: `the spec documents no ${response.status} for this operation` }
        : cutShort
          ? { reason: `the body was cut off: ${cutShort}` }
          : checkSuccessBody(type, body, spec);
    if ("value" in checked) {
      const flag = spec?.flag;
      if (flag !== undefined && isRecord(checked.value) && checked.value[flag] === false) {
        const error = new UnsuccessfulResponseError({
          ...responseInfo(response, body, context),
          attempts: context.attempts,
          serverMessage: serverMessage(type, body.text, context.redact),
          json: jsonOrUndefined(body.text, context.redact),
          flag,
        });
        return { ok: false, error, response, retryable: false };
      }
      return { ok: true, value: checked.value, response };
    }
    const error = new UnexpectedResponseError({ ...responseInfo(response, body, context), attempts: context.attempts, reason: checked.reason });
    // A 2xx cut off mid-body is a failed exchange like a reset; anything else is not retried.
    return { ok: false, error, response, retryable: cutShort !== undefined && idempotent };
  }
  // An error status stands even when its body was cut off: the status says what happened.
  const error = apiErrorFor({
    ...responseInfo(response, body, context, cutShort && `body cut off: ${cutShort}`),
    serverMessage: serverMessage(type, body.text, context.redact),
    json: isJson(type) && !cutShort ? jsonOrUndefined(body.text, context.redact) : undefined,
    attempts: context.attempts,
  });
  const retryable = isRetryableStatus(response.status, idempotent);
  return { ok: false, error, response, retryable, retryAfterMs: retryable ? parseRetryAfter(response.headers.get("retry-after")) : undefined };
}

function serverMessage(type: string, text: string, redact: Redactor): string | undefined {
  const message = messageFromBody(formatOf(type, text), text);
  return message === undefined ? undefined : redact.cut(message, MAX_MESSAGE_CHARS);
}

/**
 * The parsed JSON body of an error, for `json`. Documented error bodies are a few dozen bytes; a
 * body over MAX_ERROR_BODY_CHARS is not parsed, so a hostile one cannot hold the event loop.
 */
function jsonOrUndefined(text: string, redact: Redactor): unknown {
  if (text.length > MAX_ERROR_BODY_CHARS) return undefined;
  try {
    return parseJson(text, redact);
  } catch {
    return undefined;
  }
}

/** The parsed success body, or why a 2xx body is not the documented one. */
function checkSuccessBody(type: string, body: BodyText, spec: SuccessBodyDescription): { value: unknown } | { reason: string } {
  if (body.truncated) return { reason: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  if (spec.type === undefined && spec.required === undefined) {
    // The spec documents no JSON body for this status: a 204 has none; a text body is the value.
    return { value: body.text.length > 0 ? body.text : undefined };
  }
  if (!isJson(type)) return { reason: `expected application/json, got ${type ? `'${type}'` : "no content type"}` };
  let json: unknown;
  try {
    json = parseJson(body.text);
  } catch {
    return { reason: body.text.length === 0 ? "the body is empty" : "the body is not valid JSON (truncated?)" };
  }
  if (spec.type === "object" && !isRecord(json)) return { reason: "the body is not a JSON object" };
  if (spec.type === "array" && !Array.isArray(json)) return { reason: "the body is not a JSON array" };
  for (const [field, fieldType] of Object.entries(spec.required ?? {})) {
    const value = isRecord(json) ? json[field] : undefined;
    if (value === undefined) return { reason: `the required field '${field}' is missing` };
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    const expected = fieldType === "integer" ? "number" : fieldType;
    if (expected !== "unknown" && actual !== expected) return { reason: `the field '${field}' should be a ${fieldType}, got ${actual}` };
  }
  return { value: json };
}

/** Classifies a fetch rejection that was not a timeout or an abort. */
export function outcomeFromFailure(error: unknown, context: ExchangeContext): AttemptOutcome<never> {
  const { detail, code } = describeFailure(error);
  return {
    ok: false,
    error: new PresenceConnectionError({ attempts: context.attempts, url: context.url, detail: context.redact(detail), code, cause: redactedCause(error, context.redact) }),
    retryable: isRetryableFailure(code, context.operation.idempotent),
  };
}

/** The cause chain as errors with redacted messages and stacks (and their codes), at most four deep. */
function redactedCause(error: unknown, redact: Redactor, depth = 0): Error | undefined {
  if (!(error instanceof Error) || depth >= 4) return undefined;
  const inner = redactedCause(error.cause, redact, depth + 1);
  const copy = new Error(redact(error.message), inner ? { cause: inner } : undefined);
  copy.name = error.name;
  copy.stack = redact(error.stack ?? "");
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(copy, { code });
  return copy;
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
