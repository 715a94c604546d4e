// Keeps the access token out of everything a client exposes: error messages, URLs, bodies,
// headers, stacks and log lines. Errors are built from redacted text only, so nothing downstream
// has to remember to redact.

import { hexValue, isAsciiLetter, isDigit } from "./char-codes.js";

export const REDACTED = "[REDACTED]";

/** Secrets shorter than this are removed only where they sit (see {@link createRedactor}). */
export const MIN_SECRET_LENGTH = 8;

/** What `cut` puts where it cut. */
const CUT_MARK = "...";

/** The names a secret travels under: their values are removed whatever they are. */
export interface SecretCarriers {
  /** Query-parameter (and form-field) names, such as `access_token`. */
  query?: readonly string[];
  /** Header names, such as `access-token`. */
  headers?: readonly string[];
}

/** Replaces secrets with `[REDACTED]`; see {@link createRedactor} for the rules. */
export interface Redactor {
  (text: string): string;
  /**
   * Redacts, then cuts to `max` characters ending in `...`, then redacts what a cut can leave:
   * a trailing start of a secret, 8 characters or more, in any of its spellings. (Replacing that
   * start can make the result up to two characters longer than `max`.)
   */
  cut(text: string, max: number): string;
  /**
   * The headers as a plain record: names lower-case, names and values redacted, a carrier
   * header's value replaced whole. A header sent several times (`set-cookie`) keeps every value,
   * joined with ", " as `Headers.get` joins them.
   */
  headers(headers: Headers): Record<string, string>;
}

/**
 * Returns a redactor for `secrets` (undefined and empty entries are ignored).
 *
 * The rule, so that redaction never garbles ordinary text:
 * - Where a secret sits, it is always removed, whatever its length: the value of a query
 *   parameter or form field named in `carriers.query` (`access_token=…`, also inside an encoded
 *   URL), of a header named in `carriers.headers`, and of a JSON key (`"access_token": "…"`) or a
 *   header line (`access-token: …`) with either name.
 * - Anywhere else, a secret is replaced as a substring only when it has at least
 *   {@link MIN_SECRET_LENGTH} characters: a shorter one (say `b`) would match ordinary words.
 *
 * A substring match accepts every spelling a server, proxy or framework produces, mixed freely
 * from one character to the next: raw; percent-encoded with either hex case, once or twice
 * (`%2F`, `%2f`, `%252F`); `+` and a space for each other (form encoding); JSON escapes
 * (`\u002F`, `\/`); HTML character references (`&#47;`, `&#x2f;`, `&sol;`, `&amp;`), also
 * JSON-escaped (`\u0026amp;`) or escaped twice (`&amp;amp;`). In header names, which HTTP
 * lower-cases, letters match in either case.
 *
 * It works on a decoded view of the text: one forward pass turns each spelling into the character
 * it stands for and remembers where it came from; the secret, decoded the same way, is then
 * searched for with `indexOf`. Both steps are linear in the text.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>, carriers: SecretCarriers = {}): Redactor {
  const unique = [...new Set(secrets)].filter((secret): secret is string => typeof secret === "string" && secret.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret that contains another is replaced whole.
  unique.sort((a, b) => b.length - a.length);
  const targets = unique.map((secret) => searchTarget(secret, false));
  const foldedTargets = unique.map((secret) => searchTarget(secret, true));
  const redactCarriers = carrierRedactor([...(carriers.query ?? []), ...(carriers.headers ?? [])]);
  const carrierHeaders = new Set((carriers.headers ?? []).map((name) => name.toLowerCase()));

  const redactWith = (text: string, list: readonly SearchTarget[]): string => {
    let out = text;
    for (const target of list) out = replaceAll(out, target);
    return redactCarriers(out);
  };
  const redact = (text: string): string => redactWith(text, targets);

  // Only the start of a long text can survive a cut: redacting that start, with room for the
  // longest spelling of the longest secret across the cut, is enough, and keeps a 1 MiB body cheap.
  const margin = LONGEST_SPELLING * (unique[0]?.length ?? 0) + 64;
  const cut = (text: string, max: number): string => {
    const clean = redact(text.length > max + margin ? text.slice(0, max + margin) : text);
    if (clean.length <= max) return clean;
    let end = Math.max(0, Math.floor(max) - CUT_MARK.length);
    // Never leave half of a surrogate pair.
    const last = clean.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    const head = clean.slice(0, end);
    let keep = head.length;
    for (const target of targets) keep = Math.min(keep, trailingPrefixStart(head, target));
    return keep === head.length ? `${head}${CUT_MARK}` : `${head.slice(0, keep)}${REDACTED}${CUT_MARK}`;
  };

  const headers = (input: Headers): Record<string, string> => {
    const record = new Map<string, string>();
    const add = (name: string, value: string): void => {
      const lower = name.toLowerCase();
      const key = redactWith(lower, foldedTargets);
      const clean = carrierHeaders.has(lower) ? REDACTED : redact(value);
      const before = record.get(key);
      record.set(key, before === undefined ? clean : `${before}, ${clean}`);
    };
    // undici's forEach yields each set-cookie on its own; getSetCookie is the documented way to get them all.
    const setCookies = typeof input.getSetCookie === "function" ? input.getSetCookie() : undefined;
    input.forEach((value, name) => {
      if (setCookies === undefined || name.toLowerCase() !== "set-cookie") add(name, value);
    });
    for (const value of setCookies ?? []) add("set-cookie", value);
    // fromEntries defines own properties, so a header named __proto__ stays a header.
    return Object.fromEntries(record);
  };

  return Object.assign(redact, { cut, headers });
}

// ---------------------------------------------------------------------------------------------
// The decoded view

/** A text with every spelling decoded, and for each decoded code unit the index it came from. */
interface DecodedView {
  text: string;
  /** `from[i]` is where the code unit `text[i]` starts in the original; `from[text.length]` is its length. */
  from: Int32Array;
}

interface SearchTarget {
  /** The secret as written, found with a plain search when the decoded form is too short to trust. */
  raw: string;
  /** The secret decoded as the view decodes text, or undefined when that leaves fewer than 8 characters. */
  decoded: string | undefined;
  /** Letters match in either case (header names). */
  fold: boolean;
  /** Characters of a text that may start a spelling of this secret other than the character itself. */
  escapes: RegExp;
}

function searchTarget(secret: string, fold: boolean): SearchTarget {
  const decoded = decodeView(secret, fold).text;
  return {
    raw: fold ? foldAscii(secret) : secret,
    decoded: decoded.length >= MIN_SECRET_LENGTH ? decoded : undefined,
    fold,
    escapes: decoded.includes("+") ? /[%\\&+ ]/ : /[%\\&]/,
  };
}

function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function replaceAll(text: string, target: SearchTarget): string {
  const { decoded, raw, fold, escapes } = target;
  // Most texts hold no escapes at all: a plain search is then the whole job.
  if (decoded === undefined || (decoded === raw && !escapes.test(text))) {
    return splice(text, allIndexes(fold ? foldAscii(text) : text, raw).map((at) => [at, at + raw.length]));
  }
  const view = decodeView(text, fold);
  const spans: Array<[number, number]> = allIndexes(view.text, decoded).map((at) => [view.from[at] ?? 0, view.from[at + decoded.length] ?? text.length]);
  return splice(text, spans);
}

/** Non-overlapping occurrences, left to right. */
function allIndexes(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

function splice(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  if (spans.length === 0) return text;
  let out = "";
  let copied = 0;
  for (const [start, end] of spans) {
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
  }
  return out + text.slice(copied);
}

/** HTML named references for ASCII characters (from HTML's list; `&AMP;` and friends are its legacy capitals). */
const HTML_NAMES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    amp: "&", AMP: "&", lt: "<", LT: "<", gt: ">", GT: ">", quot: '"', QUOT: '"', apos: "'", sol: "/", equals: "=", plus: "+",
    num: "#", excl: "!", dollar: "$", percnt: "%", lpar: "(", rpar: ")", ast: "*", midast: "*", comma: ",", period: ".",
    colon: ":", semi: ";", quest: "?", commat: "@", lsqb: "[", lbrack: "[", bsol: "\\", rsqb: "]", rbrack: "]", Hat: "^",
    lowbar: "_", UnderBar: "_", grave: "`", DiacriticalGrave: "`", lcub: "{", lbrace: "{", verbar: "|", vert: "|",
    VerticalLine: "|", rcub: "}", rbrace: "}",
  }).map(([name, char]) => [name, char.charCodeAt(0)]),
);

/** The longest reference name above, so a lookup never reads further. */
const LONGEST_NAME = 16;

/** JSON's two-character escapes. */
const JSON_ESCAPES: Readonly<Record<string, number>> = { "/": 0x2f, '"': 0x22, "\\": 0x5c, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09 };

/** The value of `digits` hexadecimal digits at `at`, or -1. */
function hexAt(text: string, at: number, digits: number): number {
  let value = 0;
  for (let k = 0; k < digits; k += 1) {
    const digit = hexValue(text.charCodeAt(at + k));
    if (digit === -1) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** A decoded code unit (or a pair) and the index after its spelling. */
interface Decoded {
  code: number;
  end: number;
}

/** `%XX` or `%25XX` at `at`: the byte and the index after it. */
function percentByte(text: string, at: number): Decoded | undefined {
  if (text.charCodeAt(at) !== 0x25) return undefined;
  const once = hexAt(text, at + 1, 2);
  if (once === 0x25) {
    const twice = hexAt(text, at + 3, 2);
    if (twice !== -1) return { code: twice, end: at + 5 };
  }
  return once === -1 ? undefined : { code: once, end: at + 3 };
}

/** A run of percent-encoded bytes that is one UTF-8 character (once or twice encoded). */
function percentChar(text: string, at: number): Decoded | undefined {
  const lead = percentByte(text, at);
  if (lead === undefined || lead.code < 0x80) return lead;
  const extra = lead.code >= 0xf0 ? 3 : lead.code >= 0xe0 ? 2 : lead.code >= 0xc0 ? 1 : -1;
  if (extra === -1) return undefined;
  let code = lead.code & (0x3f >> extra);
  let end = lead.end;
  for (let k = 0; k < extra; k += 1) {
    const next = percentByte(text, end);
    if (next === undefined || (next.code & 0xc0) !== 0x80) return undefined;
    code = (code << 6) | (next.code & 0x3f);
    end = next.end;
  }
  return code > 0x10ffff ? undefined : { code, end };
}

/** `&#NN;`, `&#xHH;` or `&name;` whose `&` ends just before `at`. */
function reference(text: string, at: number): Decoded | undefined {
  if (text.charCodeAt(at) === 0x23 /* # */) {
    const hex = (text.charCodeAt(at + 1) | 0x20) === 0x78;
    let i = at + (hex ? 2 : 1);
    const start = i;
    let code = 0;
    for (; i - start < 8; i += 1) {
      const c = text.charCodeAt(i);
      const digit = hex ? hexValue(c) : isDigit(c) ? c - 0x30 : -1;
      if (digit === -1) break;
      code = code * (hex ? 16 : 10) + digit;
    }
    if (i === start || text.charCodeAt(i) !== 0x3b || code === 0 || code > 0x10ffff) return undefined;
    return { code, end: i + 1 };
  }
  // A name is letters up to `;`: anything else ends the look at once (a flood of `&` stays cheap).
  let semi = at;
  while (semi - at < LONGEST_NAME && isAsciiLetter(text.charCodeAt(semi))) semi += 1;
  if (semi === at || text.charCodeAt(semi) !== 0x3b) return undefined;
  const code = HTML_NAMES.get(text.slice(at, semi));
  return code === undefined ? undefined : { code, end: semi + 1 };
}

/** The spelling that starts at `at`, if any: what it stands for and where it ends. */
function spellingAt(text: string, at: number): Decoded | undefined {
  const code = text.charCodeAt(at);
  if (code === 0x25 /* % */) return percentChar(text, at);
  if (code === 0x26 /* & */) {
    // `&amp;` followed by a reference is that reference escaped twice.
    if (text.startsWith("amp;", at + 1)) return reference(text, at + 5) ?? { code: 0x26, end: at + 5 };
    return reference(text, at + 1);
  }
  if (code === 0x5c /* \ */) {
    const next = text.charAt(at + 1);
    if (next === "u") {
      const unit = hexAt(text, at + 2, 4);
      if (unit === -1) return undefined;
      // `\u0026` followed by a reference: HTML escaped, then JSON-escaped.
      if (unit === 0x26) return reference(text, at + 6) ?? { code: unit, end: at + 6 };
      return { code: unit, end: at + 6 };
    }
    const short = JSON_ESCAPES[next];
    return short === undefined ? undefined : { code: short, end: at + 2 };
  }
  return undefined;
}

/**
 * The text with each spelling decoded, in one forward pass: every look-ahead is bounded (at most
 * a few escapes, or a reference name), so the pass is linear. Spaces become `+` (form encoding
 * makes them the same); with `fold`, ASCII letters become lower-case.
 */
function decodeView(text: string, fold: boolean): DecodedView {
  const units = new Uint16Array(text.length);
  const from = new Int32Array(text.length + 1);
  let length = 0;
  let i = 0;
  while (i < text.length) {
    let code = text.charCodeAt(i);
    let next = i + 1;
    // Only `%`, `&` and `\` start a spelling; everything else is itself.
    if (code === 0x25 || code === 0x26 || code === 0x5c) {
      const spelled = spellingAt(text, i);
      if (spelled !== undefined) {
        code = spelled.code;
        next = spelled.end;
        if (code > 0xffff) {
          units[length] = 0xd800 + ((code - 0x10000) >> 10);
          from[length] = i;
          length += 1;
          code = 0xdc00 + ((code - 0x10000) & 0x3ff);
        }
      }
    }
    units[length] = code === 0x20 ? 0x2b : fold && code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
    from[length] = i;
    length += 1;
    i = next;
  }
  from[length] = text.length;
  return { text: VIEW_DECODER.decode(units.subarray(0, length)), from: from.subarray(0, length + 1) };
}

/** Units to string; a lone surrogate becomes U+FFFD, which keeps the view's length. */
const VIEW_DECODER = new TextDecoder("utf-16le", { ignoreBOM: true });

// ---------------------------------------------------------------------------------------------
// What a cut leaves

/** The longest spelling of one code unit (`%25F0%259F%2598%2580` spells two). */
const LONGEST_SPELLING = 16;

/** An escape begun but not finished at the end of a text (`%2`, `\u00`, `&#x2`, `&am`). */
const UNFINISHED_ESCAPE = /(?:%(?:[0-9a-f]|25[0-9a-f]?)?|\\(?:u[0-9a-f]{0,3})?|(?:&|&amp;|\\u0026)(?:#x?[0-9a-f]{0,7}|[a-z]{0,16}))$/i;

/**
 * Where the longest tail of `text` that is the start of the secret, in any spelling and at least
 * 8 characters long, begins; `text.length` if there is none. Looks at a bounded end of the text
 * only, and finds the tail with the prefix function of the secret (KMP), so it is linear too.
 */
function trailingPrefixStart(text: string, target: SearchTarget): number {
  const secret = target.decoded ?? target.raw;
  const windowStart = Math.max(0, text.length - (secret.length + 2) * LONGEST_SPELLING);
  const window = text.slice(windowStart);
  const unfinished = UNFINISHED_ESCAPE.exec(window.slice(-LONGEST_SPELLING - 8))?.[0] ?? "";
  const view = target.decoded === undefined ? { text: window.slice(0, window.length - unfinished.length), from: undefined } : decodeView(window.slice(0, window.length - unfinished.length), target.fold);
  const matched = longestSuffixPrefix(view.text, secret);
  if (matched === 0) return text.length;
  const at = view.text.length - matched;
  const start = windowStart + (view.from === undefined ? at : (view.from[at] ?? 0));
  return text.length - start >= MIN_SECRET_LENGTH ? start : text.length;
}

/** The length of the longest suffix of `text` that is a prefix of `pattern`. */
function longestSuffixPrefix(text: string, pattern: string): number {
  const fail = new Int32Array(pattern.length + 1);
  for (let i = 1, k = 0; i < pattern.length; i += 1) {
    while (k > 0 && pattern[i] !== pattern[k]) k = fail[k] ?? 0;
    if (pattern[i] === pattern[k]) k += 1;
    fail[i + 1] = k;
  }
  let state = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text[i];
    if (state === pattern.length) state = fail[state] ?? 0;
    while (state > 0 && pattern[state] !== unit) state = fail[state] ?? 0;
    if (pattern[state] === unit) state += 1;
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Carriers

/**
 * Replaces the values of the named carriers (only the value: the name and what precedes it stay).
 * The value pattern runs only when a name occurs at all; it has no nested repetition.
 */
function carrierRedactor(names: readonly string[]): (text: string) => string {
  if (names.length === 0) return (text) => text;
  const name = `(?:${[...new Set(names.map((n) => n.toLowerCase()))].map((n) => n.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("|")})`;
  // The name starts a parameter: after a delimiter, raw or encoded (`?`, `&`, `%3F`, `%26`, `\u0026`).
  const start = String.raw`(?<=^|[^a-z0-9._~-]|%(?:25)?(?:26|3f)|\\u00(?:26|3f))`;
  // A value runs to what ends it at its level of URL encoding.
  const char = String.raw`(?:\\/|[^&#\s"'<>\\])`;
  const forms = [
    String.raw`(${start}${name}=)${char}+`,
    String.raw`(${start}${name}%3d)(?:(?!%2[36])${char})+`,
    String.raw`(${start}${name}%253d)(?:(?!%(?:25)?2[36])${char})+`,
    String.raw`("${name}"\s*:\s*")(?:[^"\\]|\\.)+`,
    String.raw`('${name}'\s*:\s*')(?:[^'\\]|\\.)+`,
    String.raw`(\\"${name}\\"\s*:\s*\\")(?:[^"\\]|\\[^"])+`,
    String.raw`(&quot;${name}&quot;\s*:\s*&quot;)(?:(?!&quot;)[^<])+`,
    String.raw`((?:^|[\r\n])[ \t>]*${name}[ \t]*:[ \t]*)[^\s][^\r\n]*`,
  ];
  const probe = new RegExp(name, "i");
  const value = new RegExp(forms.join("|"), "gi");
  return (text) =>
    probe.test(text)
      ? text.replace(value, (...args: unknown[]) => {
          const before = args.slice(1, 1 + forms.length).find((group): group is string => typeof group === "string");
          return `${before ?? ""}${REDACTED}`;
        })
      : text;
}
