import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "../src/index.js";

describe("createRedactor", () => {
  const token = "ab+c/d=e&f!g";
  const redact = createRedactor([token]);

  it("removes the token raw, percent-encoded, form-encoded and JSON-escaped", () => {
    for (const form of [token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2)]) {
      expect(redact(`before ${form} after`)).toBe(`before ${REDACTED} after`);
    }
    expect(redact(JSON.stringify({ t: 'x"' + token }))).not.toContain(token);
  });

  it("blanks any access_token query value, even one it was not told about", () => {
    expect(redact("https://x/y?instance_id=1&access_token=other-token#f")).toBe(`https://x/y?instance_id=1&access_token=${REDACTED}#f`);
    expect(redact("GET /?access-token=zzz")).toBe(`GET /?access-token=${REDACTED}`);
  });

  it("leaves text without the token alone", () => {
    expect(redact("instance_id=abc")).toBe("instance_id=abc");
  });

  it("never lets a random token through in any text around it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4 }).filter((s) => s.trim().length >= 4), fc.string(), fc.string(), (secret, before, after) => {
        const out = createRedactor([secret])(`${before}${secret}${after}|${encodeURIComponent(secret)}`);
        expect(out).not.toContain(secret);
        expect(out).not.toContain(encodeURIComponent(secret));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
