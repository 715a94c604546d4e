// Finds the human message in an error body (JSON, XML, HTML or text) without trusting the body.
// A hostile or broken server can send up to the body limit (1 MiB) of anything, so every path
// below walks the body forward once, never going back, and its cost stays proportional to the
// body's length. No regular expression ever sees more than a short slice of the body.
//
// The message comes back whole and unredacted: the caller redacts it, then cuts it to length,
// so a token can never straddle the cut.

import { hexValue, isAsciiLetter, isDigit } from "./char-codes.js";
import { isRecord } from "./is-record.js";

export type BodyFormat = "json" | "xml" | "html" | "text" | "empty";

/** How much of a body without a useful content type is looked at to guess its format. */
const SNIFF_CHARS = 1024;

/**
 * The format of a body, from its media type (parameters and case are ignored). A body with no
 * content type or `application/octet-stream` is sniffed from its first {@link SNIFF_CHARS} characters.
 */
export function formatOf(mediaType: string, text: string): BodyFormat {
  if (text.length === 0) return "empty";
  const semi = mediaType.indexOf(";");
  const type = (semi === -1 ? mediaType : mediaType.slice(0, semi)).trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  if (type === "" || type === "application/octet-stream") {
    const head = text.slice(0, SNIFF_CHARS).replace(/^\uFEFF?\s*/, "");
    if (head[0] === "{" || head[0] === "[") return "json";
    if (head[0] === "<") return /^<!doctype\s+html|<(?:html|head|body)[\s>]/i.test(head) ? "html" : "xml";
  }
  return "text";
}

/**
 * The server's message, with whitespace collapsed, or undefined when the body has none:
 * - json: the first non-empty string among `message`, `error`, `detail`, `title` of a top-level object
 *   (undefined when the body is not valid JSON, or nests deeper than {@link MAX_JSON_DEPTH});
 * - xml: the text of the first `<message>` element with text, else of the first `<error>`;
 * - html: the text of `<title>`, else of `<h1>`;
 * - text: the text itself.
 *
 * Element names match without regard to case or namespace prefix; nested tags become spaces,
 * CDATA is kept as is, and entities (lt, gt, amp, quot, apos, nbsp, numeric) are decoded. An
 * element that is never closed carries no message. The result is neither cut nor redacted.
 */
export function messageFromBody(format: BodyFormat, text: string): string | undefined {
  return scanMessage(format, text).message;
}

/**
 * {@link messageFromBody}, and how many steps the scan took: each character the scanner looks at,
 * searches past or copies counts one. Tests hold it to a fixed multiple of the body's length.
 */
export function scanMessage(format: BodyFormat, text: string): { message: string | undefined; steps: number } {
  const meter: Meter = { steps: 0 };
  let message: string | undefined;
  switch (format) {
    case "json":
      message = jsonMessage(text, meter);
      break;
    case "xml":
      message = elementText(text, ["message", "error"], false, meter);
      break;
    case "html":
      message = elementText(text, ["title", "h1"], true, meter);
      break;
    case "text":
      message = collapse(text, meter);
      break;
    case "empty":
      message = undefined;
  }
  return { message, steps: meter.steps };
}

interface Meter {
  steps: number;
}

/** `text.indexOf(needle, from)`, counting the characters it passes over. */
function find(text: string, needle: string, from: number, meter: Meter): number {
  const at = text.indexOf(needle, from);
  meter.steps += (at === -1 ? text.length : at + needle.length) - from;
  return at;
}

// ---------------------------------------------------------------------------------------------
// Whitespace and entities

function isSpace(code: number): boolean {
  // The characters `\s` matches.
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x80 &&
      (code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000 ||
        code === 0xfeff))
  );
}

/** Named entities decoded (besides numeric ones); matched without regard to case. */
const NAMED_ENTITIES: ReadonlyArray<readonly [string, number]> = [
  ["lt", 0x3c],
  ["gt", 0x3e],
  ["amp", 0x26],
  ["quot", 0x22],
  ["apos", 0x27],
  ["nbsp", 0xa0],
];

/** The most digits a numeric entity may have (`&#x10FFFF;`, `&#1114111;`); longer is left as written. */
const MAX_ENTITY_DIGITS = 7;

/** Where the entity name starting at `from` ends: after `#`/`#x` and up to 8 digits, or up to 5 letters. */
function entityEnd(text: string, from: number, to: number): number {
  let i = from;
  if (text.charCodeAt(i) === 0x23 /* # */) {
    const hex = (text.charCodeAt(i + 1) | 0x20) === 0x78; /* x */
    i += hex ? 2 : 1;
    const limit = Math.min(to, i + MAX_ENTITY_DIGITS + 1);
    while (i < limit && (hex ? hexValue(text.charCodeAt(i)) !== -1 : isDigit(text.charCodeAt(i)))) i += 1;
    return i;
  }
  const limit = Math.min(to, from + 5);
  while (i < limit && isAsciiLetter(text.charCodeAt(i))) i += 1;
  return i;
}

/** The code point the entity name text[from, end) stands for, or -1. */
function entityCode(text: string, from: number, end: number): number {
  if (text.charCodeAt(from) !== 0x23 /* # */) {
    for (let k = 0; k < NAMED_ENTITIES.length; k += 1) {
      const entry = NAMED_ENTITIES[k];
      if (entry !== undefined && sameName(text, from, end, entry[0])) return entry[1];
    }
    return -1;
  }
  const hex = (text.charCodeAt(from + 1) | 0x20) === 0x78;
  const start = from + (hex ? 2 : 1);
  if (end === start || end - start > MAX_ENTITY_DIGITS) return -1;
  let code = 0;
  for (let i = start; i < end; i += 1) code = code * (hex ? 16 : 10) + (hex ? hexValue(text.charCodeAt(i)) : text.charCodeAt(i) - 0x30);
  // NUL, surrogates and numbers past Unicode are left as written.
  return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? -1 : code;
}

/** Turns collected UTF-16 code units into a string (a lone surrogate becomes U+FFFD). */
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

/**
 * Collects a message one character at a time into a buffer no longer than the body, collapsing
 * whitespace as it goes and decoding entities on request: no intermediate strings.
 */
class TextBuilder {
  private readonly buffer: Uint16Array;
  private length = 0;
  private pendingSpace = false;

  constructor(
    capacity: number,
    private readonly meter: Meter,
  ) {
    this.buffer = new Uint16Array(capacity);
  }

  reset(): void {
    this.length = 0;
    this.pendingSpace = false;
  }

  /** A separator (a dropped tag): one space between words, none at the ends. */
  space(): void {
    if (this.length > 0) this.pendingSpace = true;
  }

  char(code: number): void {
    if (isSpace(code)) {
      this.space();
      return;
    }
    if (this.pendingSpace) {
      this.buffer[this.length++] = 0x20;
      this.pendingSpace = false;
    }
    this.buffer[this.length++] = code;
  }

  /** text[from, to) as it is (CDATA, plain text). */
  raw(text: string, from: number, to: number): void {
    this.meter.steps += to - from;
    for (let i = from; i < to; i += 1) this.char(text.charCodeAt(i));
  }

  /**
   * text[from, to) with its entities decoded; given `html` (true for HTML, false for XML), stops
   * early at the first `<` that starts markup in that dialect (a lone `<` is text). Returns where it stopped.
   */
  decoded(text: string, from: number, to: number, html?: boolean): number {
    let i = from;
    while (i < to) {
      const code = text.charCodeAt(i);
      if (code === 0x3c && html !== undefined && startsMarkup(text, i, html)) break;
      const after = code === 0x26 /* & */ ? this.entity(text, i + 1, to) : -1;
      if (after === -1) {
        this.char(code);
        i += 1;
      } else {
        i = after;
      }
    }
    this.meter.steps += i - from + (i < to ? 1 : 0); // the `<` it stopped at was looked at too
    return i;
  }

  /**
   * Decodes the entity whose name starts at `from` (just after its `&`) and returns the index
   * after its `;`, or -1 (nothing added) when there is none. Reads at most 11 characters ahead:
   * `#x`, one digit more than {@link MAX_ENTITY_DIGITS}, and the `;`.
   */
  private entity(text: string, from: number, to: number): number {
    const end = entityEnd(text, from, to);
    this.meter.steps += end - from + 1;
    const code = text.charCodeAt(end) === 0x3b /* ; */ ? entityCode(text, from, end) : -1;
    if (code === -1) return -1;
    if (code > 0xffff) {
      this.char(0xd800 + ((code - 0x10000) >> 10));
      this.char(0xdc00 + ((code - 0x10000) & 0x3ff));
    } else {
      this.char(code);
    }
    return end + 1;
  }

  /** The collected text, or undefined when it is empty. */
  result(): string | undefined {
    if (this.length === 0) return undefined;
    this.meter.steps += this.length;
    return UTF16.decode(this.buffer.subarray(0, this.length));
  }
}

/** Whitespace collapsed to single spaces and trimmed; undefined when nothing is left. */
function collapse(text: string, meter: Meter): string | undefined {
  const builder = new TextBuilder(text.length, meter);
  builder.raw(text, 0, text.length);
  return builder.result();
}

// ---------------------------------------------------------------------------------------------
// XML and HTML

function isXmlNameStart(code: number): boolean {
  return isAsciiLetter(code) || code === 0x5f || code === 0x3a || code >= 0x80;
}

function isXmlNameChar(code: number): boolean {
  return isXmlNameStart(code) || isDigit(code) || code === 0x2d || code === 0x2e;
}

function isHtmlNameChar(code: number): boolean {
  // Anything but whitespace, `/` and `>` (and the end of the text, NaN).
  return code > 0x20 && code !== 0x2f && code !== 0x3e && (code < 0x80 || !isSpace(code));
}

/** Whether the `<` at `lt` opens markup (a tag, end tag, comment, declaration...) rather than being text. */
function startsMarkup(text: string, lt: number, html: boolean): boolean {
  let next = text.charCodeAt(lt + 1);
  if (next === 0x21 || next === 0x3f) return true; // ! ?
  if (next === 0x2f) next = text.charCodeAt(lt + 2);
  return html ? isAsciiLetter(next) : isXmlNameStart(next);
}

/** Whether text[start, end) is `name` (lower-case ASCII) in any case. */
function sameName(text: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k += 1) {
    const code = text.charCodeAt(start + k);
    if ((isAsciiLetter(code) ? code | 0x20 : code) !== name.charCodeAt(k)) return false;
  }
  return true;
}

/** The HTML element whose content is text up to its end tag, if text[start, end) names one. */
function htmlTextElement(text: string, start: number, end: number): "title" | "textarea" | "script" | "style" | undefined {
  switch (end - start) {
    case 5:
      return sameName(text, start, end, "title") ? "title" : sameName(text, start, end, "style") ? "style" : undefined;
    case 6:
      return sameName(text, start, end, "script") ? "script" : undefined;
    case 8:
      return sameName(text, start, end, "textarea") ? "textarea" : undefined;
    default:
      return undefined;
  }
}

/** The index after the end of the tag whose attributes start at `from` (quoted values may hold `>`), or -1 when the body ends first. */
function endOfTag(text: string, from: number, meter: Meter): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x3e) break;
    if (code === 0x22 || code === 0x27) {
      const close = text.indexOf(code === 0x22 ? '"' : "'", i + 1);
      i = close === -1 ? n : close + 1;
    } else {
      i += 1;
    }
  }
  meter.steps += i - from + 1;
  return i < n ? i + 1 : -1;
}

/** The index of the `<` of the end tag `</name` (any case) at or after `from`, or -1. */
function findEndTag(text: string, name: string, from: number, meter: Meter): number {
  let at = find(text, "</", from, meter);
  while (at !== -1) {
    const after = at + 2 + name.length;
    meter.steps += name.length + 1;
    if (sameName(text, at + 2, after, name) && !isHtmlNameChar(text.charCodeAt(after))) return at;
    at = find(text, "</", at + 2, meter);
  }
  return -1;
}

/** One element looked for, and what was collected of it so far. */
interface Capture {
  name: string;
  buffer: TextBuilder | undefined; // made at the first such element, then reused
  inside: boolean;
  found: string | undefined;
}

/**
 * The collapsed text of the first element with text named `names[0]`, else of the first named
 * `names[1]`, and so on, in one forward pass. Every construct is skipped by searching forward for
 * its end; when the end is missing, the rest of the body belongs to it and the pass stops there,
 * so no search ever reads a character twice.
 */
function elementText(text: string, names: readonly string[], html: boolean, meter: Meter): string | undefined {
  const n = text.length;
  const captures: Capture[] = names.map((name) => ({ name, buffer: undefined, inside: false, found: undefined }));
  const best = (): string | undefined => captures.find((capture) => capture.found !== undefined)?.found;
  let collecting: Capture[] = []; // the captures inside their element, recomputed when that changes
  let i = 0;
  while (i < n) {
    // Inside an element, text is collected up to the next markup; outside, it is skipped.
    let lt: number;
    const first = collecting[0]?.buffer;
    if (first !== undefined) {
      lt = first.decoded(text, i, n, html);
      for (let k = 1; k < collecting.length; k += 1) collecting[k]?.buffer?.decoded(text, i, lt);
      if (lt === n) return best();
    } else {
      lt = find(text, "<", i, meter);
      if (lt === -1) return best();
    }
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith("--", lt + 2)) {
        const close = find(text, "-->", lt + 4, meter);
        i = close === -1 ? n : close + 3;
      } else if (text.startsWith("[CDATA[", lt + 2)) {
        const close = find(text, "]]>", lt + 9, meter);
        if (close === -1) return best();
        for (const capture of collecting) capture.buffer?.raw(text, lt + 9, close);
        i = close + 3;
      } else {
        const close = find(text, ">", lt + 2, meter); // <!DOCTYPE ...>
        i = close === -1 ? n : close + 1;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const close = find(text, html ? ">" : "?>", lt + 2, meter);
      i = close === -1 ? n : close + (html ? 1 : 2);
      continue;
    }
    if (!startsMarkup(text, lt, html)) {
      // A lone `<` outside every element: skip the whole run of them at once.
      i = lt + 1;
      while (text.charCodeAt(i) === 0x3c && !startsMarkup(text, i, html)) i += 1;
      meter.steps += i - lt;
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart + 1;
    let local = nameStart; // after the namespace prefix, if any
    if (html) {
      while (isHtmlNameChar(text.charCodeAt(nameEnd))) nameEnd += 1;
    } else {
      for (let code = text.charCodeAt(nameEnd); isXmlNameChar(code); code = text.charCodeAt(++nameEnd)) if (code === 0x3a) local = nameEnd + 1;
    }
    meter.steps += nameEnd - nameStart;
    const end = endOfTag(text, nameEnd, meter);
    if (end === -1) return best();
    const selfClosing = text.charCodeAt(end - 2) === 0x2f;
    i = end;
    let changed = false;
    meter.steps += captures.length; // one name comparison each
    for (const capture of captures) {
      const wanted = sameName(text, local, nameEnd, capture.name);
      if (capture.inside) {
        if (closing && wanted) {
          capture.inside = false; // when empty, the next such element is tried
          changed = true;
          capture.found = capture.buffer?.result();
          if (capture.found !== undefined && capture === captures[0]) return capture.found;
        } else {
          capture.buffer?.space(); // a nested tag separates words
        }
      } else if (wanted && !closing && !selfClosing && capture.found === undefined) {
        capture.buffer ??= new TextBuilder(n - i, meter);
        capture.buffer.reset();
        capture.inside = true;
        changed = true;
      }
    }
    if (changed) collecting = captures.filter((capture) => capture.inside);
    const textElement = html && !closing && !selfClosing ? htmlTextElement(text, nameStart, nameEnd) : undefined;
    if (textElement !== undefined) {
      // Its content runs to `</name`: text (entities decoded) unless it is a script or a style.
      const close = findEndTag(text, textElement, i, meter);
      if (close === -1) return best();
      if (textElement !== "script" && textElement !== "style") for (const capture of collecting) capture.buffer?.decoded(text, i, close);
      i = close;
    }
  }
  return best();
}

// ---------------------------------------------------------------------------------------------
// JSON

/** Keys whose string value is the message, in order of preference. */
const JSON_MESSAGE_KEYS = ["message", "error", "detail", "title"] as const;

/**
 * A JSON body longer than this gives no message. JSON.parse is linear, but it builds every value:
 * a hostile megabyte of tiny nested arrays takes it close to 100 ms, and a real error body is a
 * few dozen bytes.
 */
export const MAX_JSON_MESSAGE_CHARS = 64 * 1024;

/** The message of a JSON body: the first non-empty string among its top-level message keys. */
function jsonMessage(text: string, meter: Meter): string | undefined {
  if (text.length > MAX_JSON_MESSAGE_CHARS) return undefined;
  meter.steps += text.length;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const key of JSON_MESSAGE_KEYS) {
    const candidate = value[key];
    const message = typeof candidate === "string" ? collapse(candidate, meter) : undefined;
    if (message !== undefined) return message;
  }
  return undefined;
}
