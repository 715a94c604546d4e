// Client and call options: unknown keys refused with the nearest known one, numbers checked with
// a message that says what is wrong, and nothing secret echoed.
import { describe, expect, it } from "vitest";
import { checkCallOptions, resolveClientOptions } from "../src/index.js";
import { refusal } from "./refusal.js";

const TOKEN = "Tok3n-SECRET/abc+def=ghi&jkl~123";


describe("client options", () => {
  const base = { instanceId: "i", accessToken: TOKEN };

  it("refuses an unknown key and suggests the one this client knows", () => {
    expect(refusal(() => resolveClientOptions({ ...base, baseUrl: "http://x" }, "basePath")).message).toMatch(/Invalid baseUrl: is not a known option; did you mean "basePath"\?/);
    expect(refusal(() => resolveClientOptions({ ...base, basePath: "http://x" }, "baseUrl")).message).toMatch(/did you mean "baseUrl"\?/);
    expect(refusal(() => resolveClientOptions({ ...base, maxRetries: 0 }, "baseUrl")).message).toMatch(/did you mean "retry\.maxRetries"\?/);
    expect(refusal(() => resolveClientOptions({ ...base, retry: { retries: 1 } }, "baseUrl")).message).toMatch(/Invalid retry\.retries: .*did you mean "retry\.maxRetries"\?/);
    expect(refusal(() => resolveClientOptions({ ...base, instanceID: "x" }, "baseUrl")).message).toMatch(/did you mean "instanceId"\?/);
  });

  it("says 'must be a number' for a number given as a string, and 'out of range' for a bad number", () => {
    expect(refusal(() => resolveClientOptions({ ...base, timeoutMs: "5000" }, "baseUrl")).message).toMatch(/Invalid timeoutMs: must be a number, got string; convert it with Number\(\) \(got "5000"\)/);
    expect(refusal(() => resolveClientOptions({ ...base, timeoutMs: 0 }, "baseUrl")).message).toMatch(/Invalid timeoutMs: is out of range/);
    expect(refusal(() => resolveClientOptions({ ...base, retry: { maxRetries: -1 } }, "baseUrl")).message).toMatch(/Invalid retry\.maxRetries: is out of range/);
    expect(refusal(() => resolveClientOptions({ ...base, retry: { maxRetries: Number.NaN } }, "baseUrl")).message).toMatch(/must be a number/);
  });

  it("never echoes a base URL's query or userinfo, and redacts the token anywhere else", () => {
    for (const baseUrl of [
      `https://api.example.test/v2/example/1@c.us/act?instance_id=i&access_token=${encodeURIComponent(TOKEN)}`,
      `ftp://i:${encodeURIComponent(TOKEN)}@host.example.test`,
      `https://i:${TOKEN}@host.example.test/`,
      `not a url ${TOKEN}`,
    ]) {
      const error = refusal(() => resolveClientOptions({ ...base, baseUrl }, "baseUrl"));
      const shown = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
      for (const form of [TOKEN, encodeURIComponent(TOKEN)]) expect(shown).not.toContain(form);
    }
    expect(refusal(() => resolveClientOptions({ ...base, baseUrl: "https://x.test/?a=1" }, "baseUrl")).message).toMatch(/a base URL takes no query/);
  });

  it("keeps the base URL without a trailing slash and defaults to the spec's server", () => {
    expect(resolveClientOptions({ ...base, baseUrl: "http://127.0.0.1:4010/" }, "baseUrl").baseUrl).toBe("http://127.0.0.1:4010");
    expect(resolveClientOptions(base, "baseUrl").baseUrl).toMatch(/^https:\/\//);
  });
});

describe("call options", () => {
  it("refuses unknown keys and bad values by name", () => {
    expect(refusal(() => checkCallOptions({ timeout: 5 })).message).toMatch(/did you mean "timeoutMs"\?/);
    expect(refusal(() => checkCallOptions({ signal: { aborted: false } })).message).toMatch(/Invalid signal: is not an AbortSignal/);
    expect(refusal(() => checkCallOptions({ headers: { "access-token": "x" } })).message).toMatch(/credential header/);
    expect(refusal(() => checkCallOptions("fast")).message).toMatch(/Invalid options: is not an object/);
  });

  it("accepts what it knows", () => {
    const signal = new AbortController().signal;
    expect(checkCallOptions({ signal, timeoutMs: 5, retry: { maxRetries: 0 }, headers: { "x-a": "1" } })).toEqual({ signal, timeoutMs: 5, retry: { maxRetries: 0 }, headers: { "x-a": "1" } });
    expect(checkCallOptions(undefined)).toEqual({});
  });
});
