// The prism-proxy path of `pnpm test:live`, proven against a local stand-in upstream that breaks
// the spec on purpose: a missing field, a wrong type, an undocumented status.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLiveReport, runLiveCheck, startFaultServer, type FaultServer, type ProbeResult } from "../src/index.js";

let upstream: FaultServer;
let results: ProbeResult[];

beforeAll(async () => {
  upstream = await startFaultServer();
  // Prism's readiness probe is forwarded too, so the script starts with an answer for it.
  upstream.script(
    { kind: "ok" },
    { kind: "missing-message" },
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
    expect(results[0]?.violations).toEqual([expect.objectContaining({ location: "response.body", message: expect.stringMatching(/message/) })]);
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

  it("prints a report that names each violation and never the token", () => {
    const report = formatLiveReport(upstream.url, results);
    expect(report).toMatch(/3 response violation\(s\)/);
    expect(report).toContain("✗ subscribe a valid contact");
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
