// The message in an error body: what is taken from each format, and that taking it stays linear
// in the body's length whatever the body holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatOf, MAX_JSON_MESSAGE_CHARS, messageFromBody, scanMessage, type BodyFormat } from "../src/message.js";
import { hostileBody, hostileJson, WORST_CASES, worstBodies, worstBody } from "@wawp/client-suites/hostile-bodies";

const MiB = 1024 * 1024;

/** The most steps the scanner may take per character of body (plus a little for tiny bodies). */
const STEPS_PER_CHAR = 4;
const stepBound = (length: number): number => STEPS_PER_CHAR * length + 16;

/** What the format sniffing may hand to a regular expression, at most. */
const REGEX_INPUT_BOUND = 1024;

/**
 * Runs `work` and returns the longest string any regular expression was handed meanwhile.
 * Every RegExp method (test, replace, match, split...) goes through `exec` once it is replaced.
 */
function longestRegexInput(work: () => void): number {
  const original = RegExp.prototype.exec;
  let longest = 0;
  RegExp.prototype.exec = function exec(this: RegExp, input: string): RegExpExecArray | null {
    longest = Math.max(longest, String(input).length);
    return original.call(this, input);
  };
  try {
    work();
  } finally {
    RegExp.prototype.exec = original;
  }
  return longest;
}

const message = (format: BodyFormat, text: string): string | undefined => messageFromBody(format, text);

describe("formatOf", () => {
  it("reads the media type, ignoring case and parameters", () => {
    expect(formatOf("application/json", "{}")).toBe("json");
    expect(formatOf("Application/Problem+JSON; charset=utf-8", "{}")).toBe("json");
    expect(formatOf("text/html", "x")).toBe("html");
    expect(formatOf("application/xhtml+xml", "x")).toBe("html");
    expect(formatOf("text/xml", "x")).toBe("xml");
    expect(formatOf("application/soap+xml", "x")).toBe("xml");
    expect(formatOf("text/plain", "{}")).toBe("text");
    expect(formatOf("application/json", "")).toBe("empty");
  });

  it("sniffs a body with no content type or application/octet-stream", () => {
    expect(formatOf("", '  {"a":1}')).toBe("json");
    expect(formatOf("application/octet-stream", "[1]")).toBe("json");
    expect(formatOf("", "\uFEFF<!DOCTYPE html><html>")).toBe("html");
    expect(formatOf("", "<html lang=en><title>x</title>")).toBe("html");
    expect(formatOf("", "<e/>")).toBe("xml");
    expect(formatOf("", "plain words")).toBe("text");
  });

  it("sniffs from the first kilobyte only", () => {
    expect(formatOf("", `${" ".repeat(2000)}{"message":"late"}`)).toBe("text");
    expect(formatOf("", `<e>${"x".repeat(2000)}<html>`)).toBe("xml");
    expect(longestRegexInput(() => formatOf("", `<${"x".repeat(MiB)}`))).toBeLessThanOrEqual(REGEX_INPUT_BOUND);
  });
});

describe("messageFromBody", () => {
  it("takes the first non-empty string of message, error, detail, title from a JSON object", () => {
    expect(message("json", '{"message":"m1","error":"e"}')).toBe("m1");
    expect(message("json", '{"message":"  ","error":"e"}')).toBe("e");
    expect(message("json", '{"message":7,"detail":"d"}')).toBe("d");
    expect(message("json", '{"title":"t","detail":"d"}')).toBe("d");
    expect(message("json", '{"title":"t1"}')).toBe("t1");
    expect(message("json", '{"mess\\u0061ge":"escaped key","message":"last wins"}')).toBe("last wins");
    expect(message("json", '{"message":"a\\nb\\u00e9\\ud83d\\ude00 \\"q\\""}')).toBe('a bé😀 "q"');
    expect(message("json", '{"pad":[1,{"message":"nested"},-2.5e3,true,null],"message":"top"}')).toBe("top");
    expect(message("json", '{"error":{"message":"not top-level"}}')).toBeUndefined();
  });

  it("finds no message in JSON that JSON.parse rejects, or that is not an object", () => {
    for (const text of ['{"message":"x"', '{"message":"x"} junk', '{"message":"x",}', "{'message':'x'}", '{"message":"\u0001"}', '{"a":01,"message":"x"}', '{"a":[1,}', '{"a":[}', '{"a":[1 2],"message":"x"}']) {
      expect(() => JSON.parse(text)).toThrow();
      expect(message("json", text)).toBeUndefined();
    }
    for (const text of ['[{"message":"x"}]', '"message"', "null", "42"]) expect(message("json", text)).toBeUndefined();
  });

  it("agrees with JSON.parse on generated valid and broken JSON", () => {
    const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
    const reference = (text: string): string | undefined => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
      for (const key of ["message", "error", "detail", "title"]) {
        const candidate = (value as Record<string, unknown>)[key];
        const flat = typeof candidate === "string" ? wellFormed(candidate).replace(/\s+/g, " ").trim() : "";
        if (flat) return flat;
      }
      return undefined;
    };
    fc.assert(
      fc.property(hostileJson({ maxRepeat: 200 }), (text) => {
        fc.pre(text.length <= MAX_JSON_MESSAGE_CHARS);
        expect(message("json", text)).toBe(reference(text));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it("reads JSON bodies up to MAX_JSON_MESSAGE_CHARS, and takes no message from longer ones", () => {
    const padded = (length: number): string => {
      const head = '{"message":"m","pad":"';
      return `${head}${"x".repeat(length - head.length - 2)}"}`;
    };
    expect(message("json", padded(MAX_JSON_MESSAGE_CHARS))).toBe("m");
    expect(message("json", padded(MAX_JSON_MESSAGE_CHARS + 1))).toBeUndefined();
  });

  it("takes the first <message> of XML, else the first <error>", () => {
    expect(message("xml", "<e><message>a &lt;b&gt; &#x41;&#66;&amp;&quot;&apos;</message></e>")).toBe("a <b> AB&\"'");
    expect(message("xml", "<e><error>only error</error></e>")).toBe("only error");
    expect(message("xml", "<e><error>second</error><message>first</message></e>")).toBe("first");
    expect(message("xml", "<error><message>inner</message></error>")).toBe("inner");
    expect(message("xml", "<e><message/><message>  </message><message>with text</message></e>")).toBe("with text");
    expect(message("xml", "<e>no such element</e>")).toBeUndefined();
  });

  it("matches XML names in any case and with a namespace prefix, with attributes", () => {
    expect(message("xml", "<E><MESSAGE>upper</MESSAGE></E>")).toBe("upper");
    expect(message("xml", '<soap:Fault><ns2:Message xml:lang="en">prefixed</ns2:Message></soap:Fault>')).toBe("prefixed");
    expect(message("xml", "<message lang='en' note=\"a > b\" data-x='/>'>attributes</message>")).toBe("attributes");
    expect(message("xml", "<messages>not it</messages><messaged/><message>it</message>")).toBe("it");
  });

  it("keeps CDATA as written, drops nested tags, comments and instructions", () => {
    expect(message("xml", "<message>Hi <![CDATA[<raw> &amp; ]]> there</message>")).toBe("Hi <raw> &amp; there");
    expect(message("xml", "<message>one<br/>two<b>three</b>four</message>")).toBe("one two three four");
    expect(message("xml", "<message>a<!-- </message> -->b<?pi </message>?>c</message>")).toBe("abc");
    expect(message("xml", "<message>x < y and y <= z</message>")).toBe("x < y and y <= z");
  });

  it("leaves invalid entities as written", () => {
    expect(message("xml", "<message>&bogus; &#0; &#xD800; &#x110000; &#99999999; &amp</message>")).toBe("&bogus; &#0; &#xD800; &#x110000; &#99999999; &amp");
    // A decoded no-break space is whitespace like any other.
    expect(message("xml", "<message>&#x1F600;&nbsp;end</message>")).toBe("😀 end");
  });

  it("finds nothing in an element that is never closed", () => {
    expect(message("xml", "<message>never closed")).toBeUndefined();
    expect(message("xml", "<error>kept</error><message>never closed")).toBe("kept");
    expect(message("xml", "<message>a<![CDATA[never closed</message>")).toBeUndefined();
    expect(message("xml", '<message a="never closed>text</message>')).toBeUndefined();
  });

  it("takes the <title> of HTML, else the first <h1>", () => {
    expect(message("html", "<html><head><title> T &amp; more </title></head></html>")).toBe("T & more");
    expect(message("html", "<html><body><h1 class=x>Heading <em>here</em></h1></body></html>")).toBe("Heading here");
    expect(message("html", "<TITLE>Upper</TITLE>")).toBe("Upper");
    // A title's content is text: tags in it are not tags.
    expect(message("html", "<title>a <b>b</b></title>")).toBe("a <b>b</b>");
    // Scripts and styles are skipped whole, even when they hold markup.
    expect(message("html", '<script>var s = "<title>fake</title>";</script><h1>real</h1>')).toBe("real");
    expect(message("html", "<h1><style>h1 { color: red }</style>Styled</h1>")).toBe("Styled");
    expect(message("html", "<title></title><h1>empty title</h1>")).toBe("empty title");
  });

  it("collapses whitespace in text and trims it", () => {
    expect(message("text", "  line one\n\t line two\u00a0\u2028 ")).toBe("line one line two");
    expect(message("text", " \n ")).toBeUndefined();
    expect(message("empty", "")).toBeUndefined();
  });

  it("returns a long message whole: cutting is the caller's job, after redaction", () => {
    expect(message("text", "x".repeat(10_000))).toHaveLength(10_000);
    expect(message("xml", `<message>${"y".repeat(5_000)}</message>`)).toHaveLength(5_000);
  });
});

describe("the scan is linear in the body", () => {
  it("sees every RegExp call (the spy works)", () => {
    expect(longestRegexInput(() => "abcdef".replace(/c/g, "x"))).toBe(6);
    expect(longestRegexInput(() => /x/.test("xyz"))).toBe(3);
  });

  it("bounds steps and regex input on generated adversarial XML, HTML, JSON and text", () => {
    let worstRatio = 0;
    fc.assert(
      fc.property(hostileBody(), (body) => {
        let steps = 0;
        const longest = longestRegexInput(() => {
          steps = scanMessage(formatOf(body.mediaType, body.text), body.text).steps;
        });
        worstRatio = Math.max(worstRatio, steps / Math.max(1, body.text.length));
        expect(steps).toBeLessThanOrEqual(stepBound(body.text.length));
        expect(longest).toBeLessThanOrEqual(REGEX_INPUT_BOUND);
      }),
      { numRuns: 400, seed: 20261126 },
    );
    // The generator does reach the expensive paths (about 2.3 steps per character at worst).
    expect(worstRatio).toBeGreaterThan(1.5);
  });

  it("at most doubles the steps when a worst case doubles in size", () => {
    for (const worst of WORST_CASES) {
      const format = formatOf(worst.mediaType, worst.build(64));
      // At or under the JSON cap, so the JSON case is parsed at both sizes.
      const small = scanMessage(format, worst.build(16 * 1024)).steps;
      const large = scanMessage(format, worst.build(32 * 1024)).steps;
      expect(large / small, worst.name).toBeLessThan(2.1);
    }
  });

  it("bounds steps and regex input on the worst cases at 1 MiB", () => {
    for (const body of worstBodies(MiB)) {
      const format = formatOf(body.mediaType, body.text);
      let steps = 0;
      const longest = longestRegexInput(() => {
        steps = scanMessage(format, body.text).steps;
      });
      expect(steps, body.kind).toBeLessThanOrEqual(stepBound(body.text.length));
      expect(longest, body.kind).toBeLessThanOrEqual(REGEX_INPUT_BOUND);
    }
  });

  it("builds the worst body at the size asked for", () => {
    const body = worstBody(MiB);
    expect(body.text.length).toBeGreaterThan(MiB - 16);
    expect(body.text.length).toBeLessThanOrEqual(MiB);
    expect(formatOf(body.mediaType, body.text)).toBe("xml");
  });
});
