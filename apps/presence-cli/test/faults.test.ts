// The CLI, as a process, through the faults of a real local server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type FaultServer } from "@wawp/mock-server/fault-server";
import { runCli, SUMMARY, type CliRun } from "./run-cli.js";

const TOKEN = "cli+fault/token=7";
let server: FaultServer;
const runs: CliRun[] = [];

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

for (const client of ["fetch", "sdk"] as const) {
  describe(`--client ${client} through faults`, () => {
    const env = () => ({ WAWP_BASE_URL: server.url, WAWP_INSTANCE_ID: "fault", WAWP_ACCESS_TOKEN: TOKEN });
    const cli = async (...args: string[]) => {
      const run = await runCli(["subscribe", "447441429009@c.us", "--client", client, ...args], env());
      runs.push(run);
      return run;
    };

    it("succeeds on the third attempt after 502 twice", async () => {
      server.script({ kind: "status", status: 502 }, { kind: "status", status: 502 }, { kind: "ok" });
      const run = await cli();
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("✓ 447441429009@c.us");
    });

    it("honours Retry-After on a 503", async () => {
      server.script({ kind: "status", status: 503, headers: { "retry-after": "1" } }, { kind: "ok" });
      const before = server.requests.length;
      const run = await cli();
      expect(run.code).toBe(0);
      const [first, second] = server.requests.slice(before);
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    });

    it("exits 1 with a timeout message when no response comes", async () => {
      server.script({ kind: "hang" });
      const run = await cli("--timeout", "200", "--retries", "0");
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/No response from .* within 200 ms/);
    });

    for (const [kind, message] of [
      ["reset-mid-body", /the body was cut off/],
      ["truncated-json", /Unexpected response \(200\): the body is not valid JSON/],
      ["html-200", /Unexpected response \(200\): expected application\/json, got 'text\/html'/],
      ["missing-field", /is missing/],
    ] as const) {
      it(`exits 1 on ${kind}`, async () => {
        server.script({ kind });
        const run = await cli("--retries", "0", "--json");
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout).message).toMatch(message);
        expect(run.stderr).toMatch(SUMMARY);
      });
    }

    it("exits 1 on a body of several megabytes", async () => {
      server.script({ kind: "huge-body", status: 200, bytes: 4 * 1024 * 1024 });
      const run = await cli();
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/larger than/);
    });

    it("follows the libraries on a 200 whose body says success false: not subscribed, exit 1", async () => {
      server.script({ kind: "status", status: 200, body: JSON.stringify({ success: false, message: "Session is not connected" }) });
      const run = await cli("--json");
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ chatId: "447441429009@c.us", ok: false, status: 200 });
      expect(JSON.parse(run.stdout).message).toMatch(/reported failure \("success": false\): Session is not connected/);
      expect(run.stderr).toMatch(/0 subscribed, 1 failed \(1 success false\)/);
    });

    it("stops at once on Ctrl-C during a backoff wait, exits 130, and prints no result for the cancelled id", async () => {
      server.script({ kind: "status", status: 503, headers: { "retry-after": "20" } });
      const started = Date.now();
      const before = server.requests.length;
      const run = await runCli(["subscribe", "447441429009@c.us", "--client", client], env(), {
        onStart: (child) => {
          // Ctrl-C once the first attempt has been answered: the CLI is then waiting out Retry-After.
          const poll = setInterval(() => {
            if (server.requests.length > before) {
              clearInterval(poll);
              setTimeout(() => child.kill("SIGINT"), 100);
            }
          }, 10);
          child.once("exit", () => clearInterval(poll));
        },
      });
      runs.push(run);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(run.code).toBe(130);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^wawp-presence: interrupted: 0 subscribed, 0 failed, 0 skipped, 1 cancelled, in .+\n$/);
    });
  });
}

describe("the access token", () => {
  it("never appears in the CLI's output through any fault", () => {
    expect(runs.length).toBeGreaterThan(15);
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain(TOKEN);
      expect(run.stdout + run.stderr).not.toContain(encodeURIComponent(TOKEN));
    }
  });
});
