// Reads a response body as text, never more than a bound: the documented bodies are tens of bytes,
// and a runaway or hostile one must not fill memory.

/** The most a client reads of a body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface BodyText {
  text: string;
  /** True when the body was longer than the limit and only its start was read. */
  truncated: boolean;
}

/** Decodes whole bodies at once (never in streaming mode), so one instance serves every call. */
const UTF8 = new TextDecoder();

/** Reads at most `limit` bytes of a body as UTF-8 text, then cancels the rest of the stream. */
export async function readBodyText(response: Response, limit: number = MAX_BODY_BYTES): Promise<BodyText> {
  const stream = response.body;
  if (stream === null) return { text: "", truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: decode(chunks, bytes), truncated: false };
      const room = limit - bytes;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        await reader.cancel().catch(() => undefined);
        return { text: decode(chunks, limit), truncated: true };
      }
      bytes += value.byteLength;
      chunks.push(value);
    }
  } catch (error) {
    // The connection failed mid-body: what arrived is kept, for an error status to show.
    throw new BodyReadError(error, decode(chunks, bytes));
  }
}

/** A response's body as read for classifying it: what arrived, and why it stopped when the connection failed part-way. */
export interface ReadBody {
  body: BodyText;
  /** Why the body stopped early, when the read failed part-way. */
  cutShort?: string | undefined;
}

/**
 * Reads a body (at most `limit` bytes) and never rejects: when the connection fails mid-body, the
 * part that arrived is kept with the reason, since the status that came before it still stands.
 */
export async function readResponseBody(response: Response, limit: number = MAX_BODY_BYTES): Promise<ReadBody> {
  try {
    return { body: await readBodyText(response, limit) };
  } catch (error) {
    return { body: { text: error instanceof BodyReadError ? error.partial : "", truncated: false }, cutShort: describeBodyFailure(error) };
  }
}

/** Why a body stopped arriving, for an error's body note. */
export function describeBodyFailure(error: unknown): string {
  const cause = error instanceof BodyReadError ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return cause instanceof Error ? `${cause.message}${typeof code === "string" ? ` (${code})` : ""}` : "the connection failed";
}

/** The body stopped arriving part-way: a reset or a cut connection. */
export class BodyReadError extends Error {
  constructor(
    cause: unknown,
    /** What arrived before the failure. */
    readonly partial: string,
  ) {
    super("the connection failed while the body was being read", { cause });
  }
}

function decode(chunks: Uint8Array[], bytes: number): string {
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
