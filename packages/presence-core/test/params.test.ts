// Parameter checks: properties (fast-check) against the spec's own patterns, read from the YAML
// independently of the generated table, and the explanations for the common slips.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { OPERATIONS, PresenceValidationError, checkParams, type OperationDescription } from "../src/index.js";
import { refusal } from "./refusal.js";

const require = createRequire(import.meta.url);
const spec = parse(readFileSync(require.resolve("@wawp/presence-spec/openapi.yaml"), "utf8")) as { components: { parameters: Record<string, { name: string; schema: { pattern: string } }> } };
const chatIdPattern = new RegExp(spec.components.parameters["ChatId"]!.schema.pattern, "u");
const subscribe = OPERATIONS["subscribeToPresence"]!;

const refused = (operation: OperationDescription, params: unknown) => refusal(() => checkParams("op", operation, params), JSON.stringify(params));

describe("path parameters", () => {
  it("uses the spec's pattern, not a copy", () => {
    expect(subscribe.parameters.find((p) => p.key === "chatId")?.pattern).toBe(chatIdPattern.source);
  });

  it("accepts the example raw and percent-encoded, and sends it decoded (the client encodes it once)", () => {
    expect(checkParams("op", subscribe, { chatId: "447441429009@c.us" }).path).toEqual({ chatId: "447441429009@c.us" });
    expect(checkParams("op", subscribe, { chatId: "447441429009%40c.us" }).path).toEqual({ chatId: "447441429009@c.us" });
  });

  it("accepts exactly what the spec's pattern accepts (fast-check, fixed seed)", () => {
    const candidates = fc.oneof(
      fc.string(),
      fc.stringMatching(chatIdPattern),
      fc.tuple(fc.stringMatching(/^[0-9+ ]{0,18}$/), fc.constantFrom("@c.us", "@g.us", "", "%40c.us")).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(candidates, (value) => {
        const accepted = (() => {
          try {
            checkParams("op", subscribe, { chatId: value });
            return true;
          } catch (error) {
            if (!(error instanceof PresenceValidationError)) throw error;
            return false;
          }
        })();
        const decoded = (() => {
          try {
            return decodeURIComponent(value);
          } catch {
            return value;
          }
        })();
        expect(accepted).toBe(chatIdPattern.test(value) || chatIdPattern.test(decoded));
      }),
      { seed: 20261126, numRuns: 2_000 },
    );
  });

  const slips: Array<[unknown, RegExp]> = [
    ["", /is empty/],
    ["  \t", /only whitespace/],
    [" 447441429009@c.us", /leading or trailing whitespace/],
    ["+447441429009@c.us", /starts with '\+'/],
    ["4474-414-29009@c.us", /spaces, dashes or brackets/],
    ["00447441429009@c.us", /starts with 00, the international call prefix; remove it/],
    // A national number: the country code is missing, so nothing is offered to write instead.
    ["07441429009@c.us", /starts with 0, as a number dialled at home does; put the country code in place of the 0/],
    ["07441 429-009", /starts with 0, as a number dialled at home does/],
    ["447441429009", /has no '@c\.us' suffix; append @c\.us/],
    ["447441429009@g.us", /ends in '@g\.us', but only '@c\.us' is allowed here/],
    // Several slips at once are named together, with the value they repair to.
    ["+44 7700 900123", /starts with '\+', holds spaces, dashes or brackets, has no '@c\.us' suffix; write it as 447700900123@c\.us/],
    ["4474 414 29009", /holds spaces, dashes or brackets, has no '@c\.us' suffix; write it as 447441429009@c\.us/],
    ["+447700900123", /starts with '\+', has no '@c\.us' suffix; write it as 447700900123@c\.us/],
    ["+44 7700-900123@s.whatsapp.net", /starts with '\+', holds spaces, dashes or brackets, ends in '@s\.whatsapp\.net' instead of '@c\.us'; write it as 447700900123@c\.us/],
    ["0044 7700 900123", /starts with 00, the international call prefix, has no '@c\.us' suffix; write it as 447700900123@c\.us/],
    // Not 4407700900123: "(0)" is dropped whole, never only its brackets.
    ["+44 (0)7700 900123", /starts with '\+', holds '\(0\)', which is not dialled from abroad, holds spaces, dashes or brackets, has no '@c\.us' suffix; write it as 447700900123@c\.us/],
    ["44(0)7700900123@c.us", /holds '\(0\)', which is not dialled from abroad; write it as 447700900123@c\.us/],
    ["1234567890123456@c.us", /does not match the pattern \^\[1-9\]/],
    [447441429009, /must be a string, got number/],
    [null, /is missing/],
  ];
  for (const [input, reason] of slips) {
    it(`explains ${JSON.stringify(input)}, naming the parameter and the example`, () => {
      const error = refused(subscribe, { chatId: input });
      expect(error.field).toBe("chatId");
      expect(error.attempts).toBe(0);
      expect(error.message).toMatch(reason);
      if (input !== null) expect(error.message).toContain("447441429009@c.us");
    });
  }

  it("names a repair only when the repaired value really matches", () => {
    // "+1@c.us" without its "+" is still too short: the pattern is named instead of the '+'.
    expect(refused(subscribe, { chatId: "+1@c.us" }).message).toMatch(/does not match the pattern/);
  });
});

describe("the params object", () => {
  it("refuses a non-object and an unknown key, with the nearest known one", () => {
    expect(refused(subscribe, "447441429009@c.us").message).toMatch(/Invalid params: is not an object.*chatId: "447441429009@c\.us"/);
    expect(refused(subscribe, { chatID: "447441429009@c.us" }).message).toMatch(/Invalid chatID: is not a known parameter of op; did you mean "chatId"\?/);
  });

  const operation: OperationDescription = {
    method: "get",
    path: "/things/{thingId}",
    idempotent: true,
    parameters: [
      { name: "thingId", key: "thingId", in: "path", required: true, type: "string", pattern: "^[a-z]+$", example: "abc" },
      { name: "limit", key: "limit", in: "query", required: false, type: "integer" },
      { name: "X-Trace", key: "xTrace", in: "header", required: false, type: "string" },
      { name: "mode", key: "mode", in: "query", required: false, type: "string", enum: ["fast", "slow"] },
    ],
    security: [],
    responses: { 200: ["application/json"] },
    successBodies: { 200: {} },
  };

  it("puts each parameter in its place under its wire name", () => {
    expect(checkParams("op", operation, { thingId: "abc", limit: 5, xTrace: "t", mode: "fast" })).toEqual({
      path: { thingId: "abc" },
      query: { limit: 5, mode: "fast" },
      header: { "X-Trace": "t" },
      body: undefined,
    });
  });

  it("checks types and enums", () => {
    expect(refused(operation, { thingId: "abc", limit: 1.5 }).message).toMatch(/Invalid limit: must be a whole number/);
    expect(refused(operation, { thingId: "abc", limit: "5" }).message).toMatch(/Invalid limit: must be a whole number/);
    expect(refused(operation, { thingId: "abc", mode: "medium" }).message).toMatch(/Invalid mode:.*one of \["fast","slow"\]/);
    expect(refused(operation, {}).message).toMatch(/Invalid thingId: is missing/);
  });

  const dated: OperationDescription = {
    ...operation,
    parameters: [
      { name: "since", key: "since", in: "query", required: false, type: "string", format: "date-time" },
      { name: "day", key: "day", in: "query", required: false, type: "string", format: "date", example: "2026-11-26" },
    ],
  };

  const listed: OperationDescription = {
    ...operation,
    parameters: [{ name: "ids", key: "ids", in: "query", required: true, type: "array", items: { type: "string", pattern: "^[a-z]+$" }, example: ["abc", "de"] }],
  };

  it("checks a query array item by item, naming the bad item by its index", () => {
    expect(checkParams("op", listed, { ids: ["abc", "de"] }).query).toEqual({ ids: ["abc", "de"] });
    expect(checkParams("op", listed, { ids: [] }).query).toEqual({ ids: [] });
    expect(refused(listed, { ids: "abc" }).message).toMatch(/Invalid ids: must be an array, got string.*\["abc","de"\]/);
    expect(refused(listed, { ids: ["abc", "D E"] }).message).toMatch(/Invalid ids\[1\]: does not match the pattern \^\[a-z\]\+\$/);
    expect(refused(listed, { ids: ["abc", 5] }).message).toMatch(/Invalid ids\[1\]: must be a string, got number/);
    expect(refused(listed, {}).message).toMatch(/Invalid ids: is missing/);
  });

  it("offers a suffix repair only for a suffix the pattern spells out", () => {
    const uuid: OperationDescription = {
      ...operation,
      parameters: [{ name: "key", key: "key", in: "header", required: true, type: "string", pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", example: "3f2b8c1e-7b4d-4e2a-9c1f-0a5b6c7d8e9f" }],
    };
    expect(refused(uuid, { key: "short" }).message).toMatch(/^Invalid key: does not match the pattern/);
    expect(refused(subscribe, { chatId: "447441429009" }).message).toMatch(/has no '@c\.us' suffix; append @c\.us/);
  });

  it("checks the spec's bounds before sending: a number's range, a string's length, an array's count", () => {
    const bounded: OperationDescription = {
      ...operation,
      parameters: [
        { name: "limit", key: "limit", in: "query", required: false, type: "integer", minimum: 1, maximum: 100 },
        { name: "ratio", key: "ratio", in: "query", required: false, type: "number", minimum: 0, exclusiveMinimum: true },
        { name: "tag", key: "tag", in: "query", required: false, type: "string", minLength: 2, maxLength: 4 },
        { name: "ids", key: "ids", in: "query", required: false, type: "array", items: { type: "string", maxLength: 3 }, minItems: 1, maxItems: 2 },
      ],
    };
    expect(checkParams("op", bounded, { limit: 100, ratio: 0.5, tag: "ab", ids: ["abc"] }).query).toEqual({ limit: 100, ratio: 0.5, tag: "ab", ids: ["abc"] });
    expect(refused(bounded, { limit: 0 }).message).toMatch(/Invalid limit: must be at least 1/);
    expect(refused(bounded, { limit: 101 }).message).toMatch(/Invalid limit: must be at most 100/);
    expect(refused(bounded, { ratio: 0 }).message).toMatch(/Invalid ratio: must be more than 0/);
    expect(refused(bounded, { tag: "abcde" }).message).toMatch(/Invalid tag: is 5 characters long.*from 2 to 4 characters/);
    expect(refused(bounded, { ids: [] }).message).toMatch(/Invalid ids: has 0 items.*from 1 to 2 items/);
    expect(refused(bounded, { ids: ["abcd"] }).message).toMatch(/Invalid ids\[0\]: is 4 characters long.*at most 3 characters/);
  });

  it("says an operation without parameters takes none", () => {
    const none: OperationDescription = { ...operation, parameters: [] };
    expect(refused(none, { verbose: true }).message).toMatch(/Invalid verbose: is not a known parameter of op\. Expected none: leave it out/);
  });

  it("accepts RFC 3339 dates and date-times as given", () => {
    for (const since of ["2026-11-26T09:30:00Z", "2026-11-26T09:30:00.123+05:30", "2024-02-29T23:59:59-01:00", "2026-11-26t09:30:00z"]) {
      expect(checkParams("op", dated, { since }).query).toEqual({ since });
    }
    expect(checkParams("op", dated, { day: "2024-02-29" }).query).toEqual({ day: "2024-02-29" });
  });

  it("refuses what is not an RFC 3339 date or date-time, or names no real day, with an example", () => {
    for (const since of ["yesterday", "2026-11-26", "2026-11-26T09:30:00", "2026-11-26T24:00:00Z", "2026-11-26T23:59:60Z", "2026-02-30T10:00:00Z", "1795685400000"]) {
      expect(refused(dated, { since }).message, since).toMatch(/Invalid since: is not an RFC 3339 date-time.*"2026-11-26T09:30:00Z"/);
    }
    expect(refused(dated, { day: "2026" }).message).toMatch(/^Invalid day: is not an RFC 3339 date \(got "2026"\)/);
    expect(refused(dated, { day: " 2026-11-26" }).message).toMatch(/Invalid day: has leading or trailing whitespace; remove it/);
    for (const day of ["2026-11-26T00:00:00Z", "2025-02-29", "26/11/2026"]) {
      expect(refused(dated, { day }).message, day).toMatch(/Invalid day: is not an RFC 3339 date.*"2026-11-26"/);
    }
    expect(refused(dated, { since: new Date() }).message).toMatch(/Invalid since: must be a string, got object/);
  });
});

describe("checkParams (public)", () => {
  it("refuses an operationId that is only an inherited property, with a validation error", async () => {
    const { checkParams: publicCheck } = await import("../src/public.js");
    expect(() => publicCheck("toString" as never, {})).toThrow(PresenceValidationError);
    expect(() => publicCheck("toString" as never, {})).toThrow(/is not an operation of the spec/);
    expect(publicCheck("subscribeToPresence", { chatId: "447441429009%40c.us" })).toEqual({ chatId: "447441429009@c.us" });
  });
});
