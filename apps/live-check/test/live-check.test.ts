// The prism-proxy path of `pnpm test:live`, proven against a local stand-in upstream that breaks
// the spec on purpose: a missing field, a wrong type, an undocumented status.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "@wawp/mock-server/fault-server";
import { formatLiveReport, liveCheckFailed, runLiveCheck, type ProbeResult } from "../src/live-check.js";

let upstream: FaultServer;
let results: ProbeResult[];

beforeAll(async () => {
  upstream = await startFaultServer();
  // Prism's readiness probe is forwarded too, so the script starts with an answer for it.
  upstream.script(
    { kind: "ok" },
    { kind: "missing-field" },
    { kind: "status", status: 200, body: JSON.stringify({ success: "yes", message: "ok" }) },
    { kind: "status", status: 418, body: JSON.stringify({ message: "teapot" }) },
    { kind: "status", status: 400, contentType: "application/xml", body: "<error><message>bad</message></error>" },
    { kind: "status", status: 401, body: JSON.stringify({ status: 401, message: "no token" }) },
    { kind: "status", status: 404, body: JSON.stringify({ status: 404, message: "Session does not exist" }) },
  );
  results = await runLiveCheck({ upstream: upstream.url, instanceId: "live-instance", accessToken: "live+token" });
}, 60_000);
afterAll(() => upstream.close());

describe("runLiveCheck through prism proxy", () => {
  it("sends every probe to the upstream", () => {
    expect(results).toHaveLength(6);
    expect(upstream.requests.length).toBeGreaterThanOrEqual(6);
  });

  it("reports a missing required field", () => {
    expect(results[0]?.violations).toEqual([expect.objectContaining({ location: "response.body", message: expect.stringMatching(/must have required property/) })]);
  });

  it("reports a wrong type", () => {
    expect(results[1]?.violations).toEqual([expect.objectContaining({ location: "response.body.success", message: expect.stringMatching(/boolean/) })]);
  });

  it("reports an undocumented status", () => {
    expect(results[2]?.status).toBe(418);
    expect(results[2]?.violations[0]?.message).toMatch(/Unable to match the returned status code/);
  });

  it("finds nothing to report in documented answers", () => {
    for (const result of results.slice(3)) expect(result.violations).toEqual([]);
  });

  it("keeps conformance and expectation apart: a documented but unexpected status is marked", () => {
    // The fourth probe (an invalid chatId) expects 400 and got 400: both verdicts pass.
    expect(results[3]?.status).toBe(results[3]?.expected);
    expect(liveCheckFailed(results)).toBe(true);
    const report = formatLiveReport(upstream.url, results);
    expect(report).toMatch(/✗ subscribeToPresence: a valid call \(expects 200\): got 200 .* 1 spec violation\(s\); as expected/);
    expect(report).toMatch(/got 418 .*UNEXPECTED: expected 400/);
  });

  it("marks a documented status plainly as unexpected when the probe expected another", async () => {
    const upstream2 = await startFaultServer();
    try {
      upstream2.script({ kind: "ok" }, { kind: "status", status: 400, contentType: "text/plain", body: "Invalid chatId" });
      const [first] = await runLiveCheck({ upstream: upstream2.url, instanceId: "live-instance", accessToken: "live+token" });
      expect(first?.status).toBe(400);
      expect(first?.violations).toEqual([]);
      const report = formatLiveReport(upstream2.url, first ? [first] : []);
      expect(report).toMatch(/✗ subscribeToPresence: a valid call \(expects 200\): got 400 text\/plain — conforms to the spec; UNEXPECTED: expected 200/);
      expect(liveCheckFailed(first ? [first] : [])).toBe(true);
    } finally {
      await upstream2.close();
    }
  }, 60_000);

  it("prints a report that names each violation and never the token", () => {
    const report = formatLiveReport(upstream.url, results);
    expect(report).toMatch(/3 response violation\(s\) of the spec/);
    expect(report).not.toContain("live+token");
    expect(report).not.toContain("live%2Btoken");
  });
});

describe("pnpm test:live without credentials", () => {
  it("says it was skipped, and why, and exits 0", () => {
    const live = fileURLToPath(new URL("../dist/live.js", import.meta.url));
    const result = spawnSync(process.execPath, [live], { encoding: "utf8", env: { PATH: process.env["PATH"] } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/skipped: WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN are not set/);
  });
});
