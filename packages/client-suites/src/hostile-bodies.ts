// Adversarial error bodies, the kind a hostile or broken server sends: floods of unterminated
// tags, `<`, entities and CDATA that send a backtracking regular expression into quadratic time or
// worse, deep JSON, odd whitespace. fast-check arbitraries for property tests, and plain builders
// of the named worst cases at any size. The message scanner's tests use them here; the shared
// fault and fuzz suites can feed the same bodies to both clients.
import fc from "fast-check";

/** A body as a server would send it: its Content-Type and its text. */
export interface HostileBody {
  /** Which generator or worst case made it. */
  kind: string;
  /** The Content-Type header ("" for none). */
  mediaType: string;
  text: string;
}

/** A worst case: what it is, why it hurts, and how to build it at a given size in characters. */
export interface WorstCase {
  name: string;
  mediaType: string;
  why: string;
  build(size: number): string;
}

/** `head`, then `unit` as many times as fits in `size` characters, then `tail`. */
function flood(head: string, unit: string, tail: string, size: number): string {
  const times = Math.max(1, Math.floor((size - head.length - tail.length) / unit.length));
  return `${head}${unit.repeat(times)}${tail}`;
}

/** The named worst cases: the two from the hostile-server review first, then the ones found since. */
export const WORST_CASES: readonly WorstCase[] = [
  {
    name: "title-flood",
    mediaType: "text/html",
    why: "500 text/html of `<title>` repeated, never closed: the old `<title>…</title>` regex scanned to the end from every one (59 s at 1 MiB)",
    build: (size) => flood("", "<title>", "", size),
  },
  {
    name: "message-lt-flood",
    mediaType: "application/xml",
    why: "400 XML `<message>` followed by `<` to the end, then `</message>`: the old tag stripper scanned to the end from every `<`",
    build: (size) => flood("<message>", "<", "</message>", size),
  },
  {
    name: "message-lt-flood-open",
    mediaType: "application/xml",
    why: "`<message>` then `<` to the end, never closed: a markup check at every character, to the end",
    build: (size) => flood("<message>", "<", "", size),
  },
  {
    name: "message-open-tag-flood",
    mediaType: "application/xml",
    why: "`<message>` then `<a` repeated, then `</message>`: no tag ever ends before the last `>`",
    build: (size) => flood("<message>", "<a", "</message>", size),
  },
  {
    name: "message-attribute-flood",
    mediaType: "application/xml",
    why: "`<message ` repeated without a `>`: every start tag's attributes run to the end",
    build: (size) => flood("", "<message ", "", size),
  },
  {
    name: "cdata-flood",
    mediaType: "application/xml",
    why: "`<message>` then `<![CDATA[` repeated, never closed",
    build: (size) => flood("<message>", "<![CDATA[", "</message>", size),
  },
  {
    name: "h1-flood",
    mediaType: "text/html",
    why: "`<h1>` repeated, never closed: every one is a tag, and the message element is never closed",
    build: (size) => flood("", "<h1>", "", size),
  },
  {
    name: "message-tag-flood",
    mediaType: "application/xml",
    why: "`<message>` then `<a>` repeated: the most tags per character, each dropped from the message",
    build: (size) => flood("<message>", "<a>", "</message>", size),
  },
  {
    name: "message-ampersand-flood",
    mediaType: "application/xml",
    why: "`<message>` then `&` repeated: an entity look-ahead at every character",
    build: (size) => flood("<message>", "&", "</message>", size),
  },
  {
    name: "json-deep-arrays",
    mediaType: "application/json",
    why: "tiny nested arrays: JSON.parse builds every one (about 90 ms at 1 MiB)",
    build: (size) => {
      const unit = `${"[".repeat(60)}${"]".repeat(60)},`;
      return flood('{"pad":[', unit, '0],"message":"deep"}', size);
    },
  },
];

function worstCase(name: string): WorstCase {
  const found = WORST_CASES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no worst case named ${name}`);
  return found;
}

/** Every worst case built at `size` characters. */
export function worstBodies(size: number): HostileBody[] {
  return WORST_CASES.map((worst) => ({ kind: worst.name, mediaType: worst.mediaType, text: worst.build(size) }));
}

/**
 * The worst body found for the message scanner: `<message>`, then `<a>` repeated, then
 * `</message>`, which costs it the most per character (about 15 ms of CPU per MiB in the message
 * benchmark). The worst for the old regex code was `message-lt-flood` (quadratic: minutes at 1 MiB).
 */
export function worstBody(size: number): HostileBody {
  const worst = worstCase("message-tag-flood");
  return { kind: worst.name, mediaType: worst.mediaType, text: worst.build(size) };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

export interface HostileOptions {
  /** The most times a generated fragment is repeated (the flood size). @default 3000 */
  maxRepeat?: number;
}

/** A few fragments, then some of them repeated many times, then a few more: floods of every kind. */
function floods(pieces: readonly string[], maxRepeat: number): fc.Arbitrary<string> {
  const piece = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) });
  const one = fc
    .record({
      head: fc.array(piece, { maxLength: 4 }),
      unit: fc.array(piece, { minLength: 1, maxLength: 6 }),
      times: fc.integer({ min: 1, max: maxRepeat }),
      tail: fc.array(piece, { maxLength: 4 }),
    })
    .map(({ head, unit, times, tail }) => `${head.join("")}${unit.join("").repeat(times)}${tail.join("")}`);
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));
}

const MARKUP_PIECES = [
  "<", "</", "<<", ">", "/>", "<a>", "</a>", "<a ", '<a b="', '"', "'", "=", "<!--", "-->", "<!", "<![CDATA[", "]]>", "<?", "?>",
  "&", "&#", "&#x", "&#x41;", "&#65;", "&lt;", "&amp", "&amp;", "&nbsp;", "&#x110000;", "&#0;", "&#xD800;", "&#99999999;",
  " ", "\n", "\t", "\u00a0", "x", "text",
];

const XML_PIECES = [
  ...MARKUP_PIECES,
  "<message>", "</message>", "<Message a='1'>", "<MESSAGE>", "</MESSAGE >", "<message ", "<message", "</message", "<ns:message>", "</ns:message>",
  "<message/>", "<error>", "</error>", "<error ", '<message x=">">', "<?xml version='1.0'?>", "<!DOCTYPE e [", "]>", "message", "error",
];

const HTML_PIECES = [
  ...MARKUP_PIECES,
  "<title>", "</title>", "<TITLE>", "<title ", "</title", "<h1>", "</h1>", "<H1 class=\"", "<h1", "<script>", "</script>", "<style>", "</style>",
  "<textarea>", "</textarea>", "<!DOCTYPE html>", "<html>", "<head>", "<body>", "<b>", "</b>", "<br/>", "title", "h1",
];

const JSON_PIECES = [
  "{", "}", "[", "]", '"', "\\", "\\u", "\\u00", "\\u0041", "\\ud800", '\\"', "\\/", ":", ",", '"message"', '"message":', '"error":"', '"detail":',
  '"title":""', '"x":', '"mess\\u0061ge":', "1", "-", "0", "01", "1e", "e+", ".", "true", "nul", "null", " ", "\n", '"a"', "\u0001",
];

const TEXT_PIECES = [" ", "\n", "\r\n", "\t", "\u00a0", "\u2028", "\u3000", "\ufeff", "x", "word", "&amp;", "<", "\u0000"];

export function hostileXml(options: HostileOptions = {}): fc.Arbitrary<string> {
  return floods(XML_PIECES, options.maxRepeat ?? 3000);
}

export function hostileHtml(options: HostileOptions = {}): fc.Arbitrary<string> {
  return floods(HTML_PIECES, options.maxRepeat ?? 3000);
}

/** Broken JSON floods, valid JSON around a message, and deep nesting. */
export function hostileJson(options: HostileOptions = {}): fc.Arbitrary<string> {
  const maxRepeat = options.maxRepeat ?? 3000;
  const deep = fc.integer({ min: 1, max: maxRepeat }).map((depth) => `{"a":${"[".repeat(depth)}${"]".repeat(depth)},"message":"deep"}`);
  const valid = fc.tuple(fc.json(), fc.string()).map(([value, message]) => `{"pad":${value},"message":${JSON.stringify(message)}}`);
  return fc.oneof(floods(JSON_PIECES, maxRepeat), deep, valid, fc.json());
}

export function hostileText(options: HostileOptions = {}): fc.Arbitrary<string> {
  return fc.oneof(floods(TEXT_PIECES, options.maxRepeat ?? 3000), fc.string());
}

/** Any of the above, with a Content-Type that says what it is, or none (so the format is sniffed). */
export function hostileBody(options: HostileOptions = {}): fc.Arbitrary<HostileBody> {
  const labelled = (kind: string, text: fc.Arbitrary<string>, types: readonly string[]): fc.Arbitrary<HostileBody> =>
    fc.tuple(text, fc.constantFrom(...types, "", "application/octet-stream")).map(([body, mediaType]) => ({ kind, mediaType, text: body }));
  return fc.oneof(
    labelled("xml", hostileXml(options), ["application/xml", "text/xml; charset=utf-8", "application/problem+xml"]),
    labelled("html", hostileHtml(options), ["text/html", "application/xhtml+xml"]),
    labelled("json", hostileJson(options), ["application/json", "application/problem+json"]),
    labelled("text", hostileText(options), ["text/plain"]),
  );
}

/** The named worst cases at `size` characters (default 1 MiB), as an arbitrary. */
export function worstCaseBody(size: number = 1024 * 1024): fc.Arbitrary<HostileBody> {
  return fc.constantFrom(...WORST_CASES.map((worst) => worst.name)).map((name) => {
    const worst = worstCase(name);
    return { kind: worst.name, mediaType: worst.mediaType, text: worst.build(size) };
  });
}
