// chatId validation: examples, and properties (fast-check) against the spec's own pattern.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CHAT_ID_PATTERN, isChatId, normalizeChatId, PresenceValidationError } from "../src/index.js";

// The pattern as written in spec/openapi.yaml, read here independently of the generated module.
const require = createRequire(import.meta.url);
const spec = parse(readFileSync(require.resolve("@wawp/presence-spec/openapi.yaml"), "utf8"));
const specPattern = new RegExp(spec.components.parameters.ChatId.schema.pattern as string);

describe("normalizeChatId", () => {
  it("uses the spec's pattern, not a copy", () => {
    expect(CHAT_ID_PATTERN.source).toBe(specPattern.source);
  });

  it("accepts the page's example, raw and escaped", () => {
    expect(normalizeChatId("447441429009@c.us")).toBe("447441429009@c.us");
    expect(normalizeChatId("447441429009%40c.us")).toBe("447441429009@c.us");
  });

  const rejected: Array<[unknown, RegExp]> = [
    ["", /is empty/],
    ["  \t", /only whitespace/],
    [" 447441429009@c.us", /whitespace/],
    ["+447441429009@c.us", /'\+'/],
    ["447441429009", /append @c\.us/],
    ["447441429009@s.whatsapp.net", /only contacts/],
    ["120363025246125486@g.us", /only contacts/],
    ["4474-414-29009@c.us", /digits only/],
    ["0447441429009@c.us", /starts with 0/],
    ["1234567890123456@c.us", /16 digits; E\.164 numbers have at most 15/],
    ["123456@c.us", /at least 7/],
    [447441429009, /must be a string, got number/],
    [null, /got null/],
  ];
  for (const [input, reason] of rejected) {
    it(`rejects ${JSON.stringify(input)} with a reason and the expected form`, () => {
      let caught: unknown;
      try {
        normalizeChatId(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PresenceValidationError);
      const error = caught as PresenceValidationError;
      expect(error.field).toBe("chatId");
      expect(error.attempts).toBe(0);
      expect(error.message).toMatch(reason);
      expect(error.message).toContain("447441429009@c.us");
    });
  }
});

describe("properties (fast-check)", () => {
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
  const anyInput = fc.oneof(
    fc.string(),
    fc.tuple(fc.constantFrom("", "+", " ", "0"), digits(0, 20), fc.constantFrom("@c.us", "%40c.us", "@g.us", "@c.us ", "", "@C.US")).map((p) => p.join("")),
    fc.stringMatching(specPattern),
  );

  it("anything accepted matches the spec's pattern once %40 is read as @, and nothing else is", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const unescaped = input.replace(/%40/gi, "@");
        let accepted: string | undefined;
        try {
          accepted = normalizeChatId(input);
        } catch (error) {
          expect(error).toBeInstanceOf(PresenceValidationError);
        }
        if (accepted === undefined) {
          expect(specPattern.test(unescaped)).toBe(false);
        } else {
          expect(accepted).toBe(unescaped);
          expect(specPattern.test(accepted)).toBe(true);
        }
        expect(isChatId(input)).toBe(accepted !== undefined);
      }),
      { numRuns: 2_000, seed: 20261125 },
    );
  });

  it("every string the spec's pattern generates is accepted unchanged", () => {
    fc.assert(
      fc.property(fc.stringMatching(specPattern), (chatId) => {
        expect(normalizeChatId(chatId)).toBe(chatId);
      }),
      { numRuns: 1_000, seed: 7 },
    );
  });
});
