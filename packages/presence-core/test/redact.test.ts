// Redaction: every spelling of a token a server or proxy produces, the cut that must not leave a
// token's start behind, header names and repeated headers, short tokens, and text that must come
// out unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, MIN_SECRET_LENGTH, REDACTED } from "../src/redact.js";

const TOKEN = "Tok3n-SECRET/abc+def=ghi&jkl~123";
const CARRIERS = { query: ["access_token"], headers: ["access-token"] };
const redact = createRedactor([TOKEN], CARRIERS);

const hex = (code: number, width: number): string => code.toString(16).toUpperCase().padStart(width, "0");
/** Percent-encodes every character of `text` that encodeURIComponent leaves alone too. */
const percentAll = (text: string): string => [...new TextEncoder().encode(text)].map((byte) => `%${hex(byte, 2)}`).join("");
const lowerHex = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const jsonUnicode = (text: string): string => [...text].map((char) => `\\u${hex(char.charCodeAt(0), 4)}`).join("");
const htmlDecimal = (text: string): string => [...text].map((char) => `&#${char.codePointAt(0)};`).join("");

describe("spellings of the token", () => {
  const url = `https://api.wawp.example/v2/example/1@c.us/act?instance_id=I1&access_token=${encodeURIComponent(TOKEN)}`;
  const spellings: Record<string, string> = {
    raw: TOKEN,
    "percent-encoded, upper-case hex": encodeURIComponent(TOKEN),
    "percent-encoded, lower-case hex": lowerHex(encodeURIComponent(TOKEN)),
    "every character percent-encoded": percentAll(TOKEN),
    "form-encoded (URLSearchParams)": new URLSearchParams({ t: TOKEN }).toString().slice(2),
    "percent-encoded with + left as is": encodeURIComponent(TOKEN).replace(/%2B/g, "+"),
    "+ decoded as a space by the server": TOKEN.replace("+", " "),
    "double-encoded": encodeURIComponent(encodeURIComponent(TOKEN)),
    "double-encoded, lower-case hex": lowerHex(encodeURIComponent(encodeURIComponent(TOKEN))),
    "JSON string": JSON.stringify(TOKEN).slice(1, -1),
    "JSON with \\/": TOKEN.replace("/", "\\/"),
    "JSON \\u escapes, upper-case": jsonUnicode(TOKEN),
    "JSON \\u escapes, lower-case": jsonUnicode(TOKEN).toLowerCase().replace(/\\u00([0-9a-f]{2})/g, "\\u00$1"),
    "JSON with \\u0026 (Go)": TOKEN.replace("&", "\\u0026"),
    "HTML &amp;": TOKEN.replace("&", "&amp;"),
    "HTML decimal references": htmlDecimal(TOKEN),
    "HTML hex references": TOKEN.replace("/", "&#x2F;").replace("=", "&#x3d;").replace("+", "&#X2B;"),
    "HTML padded references": TOKEN.replace("/", "&#047;").replace("=", "&#x003D;"),
    "HTML named references": TOKEN.replace("/", "&sol;").replace("=", "&equals;").replace("+", "&plus;"),
    "HTML escaped twice": TOKEN.replace("&", "&amp;amp;").replace("/", "&amp;#47;"),
    "HTML, then JSON-escaped": TOKEN.replace("&", "\\u0026amp;"),
    "mixed in one token": "Tok3n-SECRET%2fabc+def%253Dghi\\u0026jkl%7E123",
    "mixed, every layer": "&#84;ok3n%2DSECRET\\/abc%2bdef&#x3D;ghi&amp;jkl%257e12\\u0033",
  };

  for (const [name, spelled] of Object.entries(spellings)) {
    it(`removes it ${name}`, () => {
      expect(redact(`before ${spelled} after`)).toBe(`before ${REDACTED} after`);
    });
  }

  it("removes it from a redirect that carries the request URL encoded (307 Location: ...?next=...)", () => {
    const location = `https://login.example/?next=${encodeURIComponent(url)}`;
    expect(redact(location)).toBe(location.replace(encodeURIComponent(encodeURIComponent(TOKEN)), REDACTED));
    expect(redact(location)).not.toMatch(/Tok3n|SECRET/i);
    expect(redact(`next=${encodeURIComponent(location)}`)).not.toMatch(/Tok3n|SECRET/i);
  });

  it("removes it from a JSON body that escapes it", () => {
    const body = JSON.stringify({ error: `bad token ${TOKEN}`, url });
    expect(redact(body)).toBe(JSON.stringify({ error: `bad token ${REDACTED}`, url: url.replace(encodeURIComponent(TOKEN), REDACTED) }));
  });

  it("removes every occurrence, and the longer of two secrets whole", () => {
    const both = createRedactor([undefined, "", TOKEN.slice(0, 12), TOKEN]);
    expect(both(`${TOKEN}|${TOKEN.slice(0, 12)}|${encodeURIComponent(TOKEN)}`)).toBe(`${REDACTED}|${REDACTED}|${REDACTED}`);
  });

  // Characters a token may hold, none of which can start a spelling of a neighbour by accident.
  const tokenChars = fc.constantFrom(..."ABCXYZabcxyz-_.~!*'()/+=&%@:#$,?[]");
  const tokens = fc.array(tokenChars, { minLength: MIN_SECRET_LENGTH, maxLength: 40 }).map((chars) => chars.join(""));
  /** The ways one character can be written (the test's own encoder, independent of redact.ts). */
  const ways = (char: string): string[] => {
    const code = char.charCodeAt(0);
    const named: Record<string, string> = { "&": "&amp;", "/": "&sol;", "=": "&equals;", "+": "&plus;", "#": "&num;", "'": "&apos;", "[": "&lsqb;" };
    return [
      char,
      `%${hex(code, 2)}`,
      `%${hex(code, 2).toLowerCase()}`,
      `%25${hex(code, 2)}`,
      `\\u${hex(code, 4)}`,
      `\\u${hex(code, 4).toLowerCase()}`,
      `&#${code};`,
      `&#x${hex(code, 2).toLowerCase()};`,
      `&#0${code};`,
      `&amp;#${code};`,
      `\\u0026#${code};`,
      ...(char === "/" ? ["\\/"] : []),
      ...(char === "+" ? [" ", "%20"] : []),
      ...(named[char] ? [named[char] as string] : []),
    ];
  };
  const spelledToken = tokens.chain((token) =>
    fc.tuple(fc.constant(token), fc.array(fc.nat(), { minLength: token.length, maxLength: token.length })).map(([secret, picks]) => ({
      secret,
      spelled: [...secret].map((char, index) => {
        const options = ways(char);
        return options[(picks[index] ?? 0) % options.length];
      }).join(""),
    })),
  );
  const digits = fc.string({ unit: fc.constantFrom(..."0123456789| "), maxLength: 20 });

  it("removes a random token written with a random spelling for each character", () => {
    fc.assert(
      fc.property(spelledToken, digits, digits, ({ secret, spelled }, before, after) => {
        const out = createRedactor([secret])(`${before}|${spelled}|${after}`);
        expect(out).toBe(`${before}|${REDACTED}|${after}`);
      }),
      { numRuns: 500, seed: 31 },
    );
  });

  it("never changes text that does not hold the token, even a near miss in any spelling", () => {
    fc.assert(
      fc.property(spelledToken, fc.nat(), digits, digits, ({ secret }, at, before, after) => {
        // The token with one character replaced by a digit, which no token character can match.
        const index = at % secret.length;
        const nearMiss = `${secret.slice(0, index)}7${secret.slice(index + 1)}`;
        const spelled = [...nearMiss].map((char, k) => ways(char)[(k * 7 + at) % ways(char).length] ?? char).join("");
        const text = `${before}|${spelled}|${after}`;
        expect(createRedactor([secret], CARRIERS)(text)).toBe(text);
      }),
      { numRuns: 500, seed: 32 },
    );
  });

  it("never changes arbitrary text without the token", () => {
    fc.assert(
      fc.property(tokens, fc.string({ unit: "binary", maxLength: 200 }), (secret, text) => {
        fc.pre(!text.includes(secret) && !/access[-_]token/i.test(text));
        expect(createRedactor([secret], CARRIERS)(text)).toBe(text);
      }),
      { numRuns: 500, seed: 33 },
    );
  });
});

describe("cut", () => {
  it("redacts before it cuts, so a token near the cut leaves nothing behind", () => {
    // The old order (cut to 300, then redact) left 24 of the token's 32 characters here.
    const text = `${"x".repeat(273)}${TOKEN} and more text after it`;
    expect(redact.cut(text, 300)).toBe(`${"x".repeat(273)}${REDACTED} and more text...`);
  });

  it("leaves no 8 characters of the token at any offset, in any spelling", () => {
    const forms = [TOKEN, encodeURIComponent(TOKEN), encodeURIComponent(encodeURIComponent(TOKEN)), jsonUnicode(TOKEN), htmlDecimal(TOKEN)];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.constantFrom(...forms), fc.integer({ min: 40, max: 300 }), (offset, form, max) => {
        const out = redact.cut(`${"x".repeat(offset)}${form}${"y".repeat(50)}`, max);
        expect(out.length).toBeLessThanOrEqual(max + REDACTED.length);
        for (let k = 0; k + 8 <= form.length; k += 1) expect(out).not.toContain(form.slice(k, k + 8));
      }),
      { numRuns: 300, seed: 41 },
    );
  });

  it("redacts the start of a token that the text itself broke off, when the cut lands in it", () => {
    // The server cut its echo of the token; our cut then lands inside what is left.
    const text = `${"y".repeat(280)}${TOKEN.slice(0, 25)}${"z".repeat(100)}`;
    expect(redact.cut(text, 300)).toBe(`${"y".repeat(280)}${REDACTED}...`);
    const encoded = `${"y".repeat(280)}${encodeURIComponent(TOKEN).slice(0, 30)}${"z".repeat(100)}`;
    for (let max = 291; max <= 310; max += 1) {
      const out = redact.cut(encoded, max);
      expect(out, `max ${max}`).toBe(`${"y".repeat(280)}${REDACTED}...`);
    }
  });

  it("keeps a tail shorter than 8 characters, and cuts ordinary text exactly", () => {
    expect(redact.cut(`${"y".repeat(290)}${TOKEN.slice(0, 20)}`, 300)).toBe(`${"y".repeat(290)}${TOKEN.slice(0, 7)}...`);
    expect(redact.cut("z".repeat(500), 300)).toBe(`${"z".repeat(297)}...`);
    expect(redact.cut("short", 300)).toBe("short");
    expect(redact.cut(`${"z".repeat(296)}😀 rest`, 300)).toBe(`${"z".repeat(296)}...`);
  });
});

describe("headers", () => {
  it("redacts names and values, and the carrier header's value whole", () => {
    const headers = new Headers([
      [`x-${encodeURIComponent(TOKEN)}`, "1"],
      ["x-echo", `token ${TOKEN}`],
      ["access-token", "zz"],
      ["location", `/login?next=${encodeURIComponent(`/v2?access_token=${TOKEN}`)}`],
    ]);
    const record = redact.headers(headers);
    expect(record).toEqual({
      "access-token": REDACTED,
      location: `/login?next=${encodeURIComponent("/v2?access_token=")}${REDACTED}`,
      [`x-${REDACTED}`]: "1",
      "x-echo": `token ${REDACTED}`,
    });
  });

  it("matches a token in a header name in either case (HTTP lower-cases names)", () => {
    const upper = createRedactor(["AbCdEfGh12345678"]);
    expect(upper.headers(new Headers({ "X-AbCdEfGh12345678": "1" }))).toEqual({ [`x-${REDACTED}`]: "1" });
  });

  it("keeps every set-cookie, joined with a comma and a space", () => {
    const headers = new Headers();
    headers.append("set-cookie", "a=1; Path=/");
    headers.append("set-cookie", `session=${encodeURIComponent(TOKEN)}; HttpOnly`);
    headers.append("x-multi", "one");
    headers.append("x-multi", "two");
    expect(redact.headers(headers)).toEqual({ "set-cookie": `a=1; Path=/, session=${REDACTED}; HttpOnly`, "x-multi": "one, two" });
  });

  it("joins set-cookie values without getSetCookie too (older fetch implementations)", () => {
    const headers = new Headers();
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    Object.defineProperty(headers, "getSetCookie", { value: undefined });
    expect(redact.headers(headers)).toEqual({ "set-cookie": "a=1, b=2" });
  });

  it("keeps a header named __proto__ as a header", () => {
    const record = redact.headers(new Headers([["__proto__", "x"]]));
    expect(Object.getOwnPropertyDescriptor(record, "__proto__")?.value).toBe("x");
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});

describe("short tokens", () => {
  const short = createRedactor(["b"], CARRIERS);

  it("leaves ordinary text alone: a one-character token is not replaced as a substring", () => {
    expect(short("number b abc: bad request")).toBe("number b abc: bad request");
    expect(short.cut(`${"b".repeat(400)}`, 20)).toBe(`${"b".repeat(17)}...`);
    expect(short.headers(new Headers({ "x-b": "b" }))).toEqual({ "x-b": "b" });
  });

  it("removes it wherever it sits, whatever its length", () => {
    const cases: Array<[string, string]> = [
      ["GET /v2?instance_id=1&access_token=b&x=1", `GET /v2?instance_id=1&access_token=${REDACTED}&x=1`],
      ["access_token=b", `access_token=${REDACTED}`],
      ["?access_token=some-other-token", `?access_token=${REDACTED}`],
      ["?Access_Token=b#frag", `?Access_Token=${REDACTED}#frag`],
      [`next=${encodeURIComponent("/v2?access_token=b&x=1")}`, `next=${encodeURIComponent("/v2?access_token=")}${REDACTED}${encodeURIComponent("&x=1")}`],
      [
        `next=${encodeURIComponent(encodeURIComponent("/v2?access_token=b&x=1"))}`,
        `next=${encodeURIComponent(encodeURIComponent("/v2?access_token="))}${REDACTED}${encodeURIComponent(encodeURIComponent("&x=1"))}`,
      ],
      ['{"url":"/v2?a=1\\u0026access_token=b\\u0026x=1"}', `{"url":"/v2?a=1\\u0026access_token=${REDACTED}\\u0026x=1"}`],
      ["<a href='/v2?a=1&amp;access_token=b&amp;x=1'>", `<a href='/v2?a=1&amp;access_token=${REDACTED}&amp;x=1'>`],
      ['{"access_token": "b", "n": 1}', `{"access_token": "${REDACTED}", "n": 1}`],
      ['{"access-token":"b\\"c"}', `{"access-token":"${REDACTED}"}`],
      ["{'access_token': 'b'}", `{'access_token': '${REDACTED}'}`],
      ['"{\\"access_token\\":\\"b\\"}"', `"{\\"access_token\\":\\"${REDACTED}\\"}"`],
      ["{&quot;access_token&quot;:&quot;b&quot;}", `{&quot;access_token&quot;:&quot;${REDACTED}&quot;}`],
      ["GET / HTTP/1.1\r\naccess-token: b\r\nhost: x", `GET / HTTP/1.1\r\naccess-token: ${REDACTED}\r\nhost: x`],
      ["> access-token: b", `> access-token: ${REDACTED}`],
    ];
    for (const [text, expected] of cases) expect(short(text), text).toBe(expected);
    expect(short.headers(new Headers({ "access-token": "b" }))).toEqual({ "access-token": REDACTED });
  });

  it("does not treat a longer name that ends in a carrier name as a carrier", () => {
    expect(short("my_access_token=b and xaccess-token: b")).toBe("my_access_token=b and xaccess-token: b");
  });

  it("never changes text without a carrier, whatever the short token", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: MIN_SECRET_LENGTH - 1 }), fc.string({ maxLength: 200 }), (secret, text) => {
        fc.pre(!/access[-_]token/i.test(text));
        const redactShort = createRedactor([secret], CARRIERS);
        expect(redactShort(`${text}${secret}${text}`)).toBe(`${text}${secret}${text}`);
      }),
      { numRuns: 500, seed: 51 },
    );
  });

  it("removes nothing without carriers given", () => {
    expect(createRedactor(["b"])("access_token=b")).toBe("access_token=b");
  });
});
