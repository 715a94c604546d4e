// The CLI run as a process against the real Prism mock: exit codes, output, and the token.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@wawp/mock-server";
import type {} from "@wawp/client-suites/provided-context";
import { runCli, type CliRun } from "./run-cli.js";

const TOKEN = "cli+secret/token=42";
const ENCODED = encodeURIComponent(TOKEN);
const everything: CliRun[] = [];

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const run = await runCli(args, env);
  everything.push(run);
  return run;
}

/** A local server that counts requests, to prove that refused input sends nothing. */
let counter: Server;
let counted = 0;
let counterUrl = "";
beforeAll(async () => {
  counter = createServer((_, response) => {
    counted += 1;
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  const address = counter.address();
  counterUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => counter.close(() => resolve())));

describe("--help", () => {
  it("prints usage to stdout and exits 0", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("subscribe <chatId>...");
    expect(run.stdout).toContain("--client fetch|sdk");
    expect(run.stderr).toBe("");
  });
});

for (const client of ["fetch", "sdk"] as const) {
  describe(`--client ${client} against the Prism mock`, () => {
    const auth = () => ({ WAWP_BASE_URL: inject("prismUrl"), WAWP_INSTANCE_ID: "cli-instance", WAWP_ACCESS_TOKEN: TOKEN });

    it("subscribes the page's example contact and exits 0", async () => {
      const run = await cli(["subscribe", "447441429009@c.us", "--client", client], auth());
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("✓ 447441429009@c.us: subscribed (200) Operation completed successfully\n");
    });

    it("prints one JSON object per chatId, in order, with --json", async () => {
      const run = await cli(["subscribe", "447441429009@c.us", "4915123456789%40c.us", "--json", "--client", client], auth());
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toEqual([
        { chatId: "447441429009@c.us", ok: true, status: 200, message: "Operation completed successfully" },
        { chatId: "4915123456789@c.us", ok: true, status: 200, message: "Operation completed successfully" },
      ]);
    });

    it("takes flags over environment variables", async () => {
      const run = await cli(
        ["subscribe", "447441429009@c.us", "--client", client, "--base-url", inject("prismUrl"), "--instance-id", "i", "--access-token", TOKEN],
        { WAWP_BASE_URL: `http://127.0.0.1:${await freePort()}` },
      );
      expect(run.code).toBe(0);
    });

    it("exits 1 with a one-line message on an API error", async () => {
      // Prism answers 404 for a path outside the spec, which stands in for a missing session.
      const run = await cli(["subscribe", "447441429009@c.us", "--client", client, "--retries", "0"], { ...auth(), WAWP_BASE_URL: `${inject("prismUrl")}/nowhere` });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^✗ 447441429009@c\.us: .+ \(404 Not Found\)\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it("exits 1 on a network failure, with status null in JSON", async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const run = await cli(["subscribe", "447441429009@c.us", "--json", "--client", client, "--retries", "0"], { ...auth(), WAWP_BASE_URL: closed });
      expect(run.code).toBe(1);
      const line = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(line).toMatchObject({ chatId: "447441429009@c.us", ok: false, status: null });
      expect(line["message"]).toMatch(/ECONNREFUSED/);
      expect(Object.keys(line)).toEqual(["chatId", "ok", "status", "message"]);
    });

    it("exits 2 and sends nothing when any chatId is invalid", async () => {
      const before = counted;
      const run = await cli(["subscribe", "447441429009@c.us", "+447441429009@c.us", "--client", client], { ...auth(), WAWP_BASE_URL: counterUrl });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("Invalid chatId");
      expect(run.stderr).toContain("nothing was sent");
      expect(counted).toBe(before);
    });
  });
}

describe("bad usage exits 2 with a readable message", () => {
  const table: Array<[string, string[], Record<string, string>, RegExp]> = [
    ["no command", [], {}, /No command/],
    ["an unknown command", ["unsubscribe", "447441429009@c.us"], {}, /Unknown command 'unsubscribe'/],
    ["no chatId", ["subscribe"], {}, /at least one chatId/],
    ["an unknown option", ["subscribe", "447441429009@c.us", "--acess-token", TOKEN], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /Unknown option '--acess-token'/],
    ["no instance id", ["subscribe", "447441429009@c.us"], { WAWP_ACCESS_TOKEN: TOKEN }, /WAWP_INSTANCE_ID/],
    ["no access token", ["subscribe", "447441429009@c.us"], { WAWP_INSTANCE_ID: "i" }, /WAWP_ACCESS_TOKEN/],
    ["a bad timeout", ["subscribe", "447441429009@c.us", "--timeout", "soon"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /--timeout must be a whole number/],
    ["a bad client", ["subscribe", "447441429009@c.us", "--client", "axios"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /--client must be 'fetch' or 'sdk'/],
    ["a bad base URL", ["subscribe", "447441429009@c.us", "--base-url", "ftp://x"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /ftp:/],
  ];
  for (const [label, args, env, message] of table) {
    it(label, async () => {
      const run = await cli(args, { WAWP_BASE_URL: counterUrl, ...env });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split("\n").every((line) => line.startsWith("wawp-presence: "))).toBe(true);
    });
  }
});

describe("the access token", () => {
  it("never appears in any output of this suite, raw or URL-encoded", () => {
    expect(everything.length).toBeGreaterThan(15);
    for (const run of everything) {
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(ENCODED);
      }
    }
  });
});
