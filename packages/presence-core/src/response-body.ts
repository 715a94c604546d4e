// Reads whatever body the server sent — JSON, XML, text or HTML — without ever crashing on it,
// and pulls out the human message when the body has one.

/** Bodies larger than this are cut in errors: an error must stay printable and loggable. */
export const MAX_ERROR_BODY_CHARS = 64 * 1024;

export type BodyFormat = "json" | "xml" | "html" | "text" | "empty";

export interface ReadBody {
  format: BodyFormat;
  /** The parsed JSON value when format is "json" and it parsed; undefined otherwise. */
  json: unknown;
  /** True when the body claimed to be JSON but did not parse. */
  malformedJson: boolean;
  /** The server's message, if the body carries one. */
  message: string | undefined;
}

/** The media type of a Content-Type header, lower-cased and without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  if (!contentType) return "";
  const semi = contentType.indexOf(";");
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

export function formatOf(type: string, text: string): BodyFormat {
  if (text.length === 0) return "empty";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  // No or a generic content type: sniff, so an unlabelled JSON error still yields its message.
  const start = text.trimStart()[0];
  if (type === "" || type === "application/octet-stream") {
    if (start === "{" || start === "[") return "json";
    if (start === "<") return /<html[\s>]|<!doctype html/i.test(text.slice(0, 512)) ? "html" : "xml";
  }
  return "text";
}

export function readBody(type: string, text: string): ReadBody {
  const format = formatOf(type, text);
  switch (format) {
    case "json": {
      try {
        const json: unknown = JSON.parse(text);
        return { format, json, malformedJson: false, message: messageFromJson(json) };
      } catch {
        return { format, json: undefined, malformedJson: true, message: undefined };
      }
    }
    case "xml":
      return { format, json: undefined, malformedJson: false, message: xmlElement(text, "message") ?? xmlElement(text, "error") };
    case "html":
      return { format, json: undefined, malformedJson: false, message: htmlMessage(text) };
    case "text":
      return { format, json: undefined, malformedJson: false, message: oneLine(text) };
    case "empty":
      return { format, json: undefined, malformedJson: false, message: undefined };
  }
}

function messageFromJson(json: unknown): string | undefined {
  if (json === null || typeof json !== "object") return undefined;
  const record = json as Record<string, unknown>;
  for (const key of ["message", "error", "detail", "title"] as const) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) return oneLine(value);
  }
  return undefined;
}

function xmlElement(text: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "i").exec(text);
  return match?.[1] === undefined ? undefined : oneLine(decodeEntities(stripTags(match[1])));
}

function htmlMessage(text: string): string | undefined {
  return xmlElement(text, "title") ?? xmlElement(text, "h1");
}

function stripTags(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1").replace(/<[^>]*>/g, " ");
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Collapses whitespace and bounds the length, so a message fits on one log line. */
function oneLine(text: string): string | undefined {
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return undefined;
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

export function boundBody(text: string): string {
  return text.length > MAX_ERROR_BODY_CHARS
    ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}... [${text.length - MAX_ERROR_BODY_CHARS} more characters cut]`
    : text;
}
