// The CLI run as a process against the real Prism mock: exit codes, output, and the token.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "@wawp/mock-server";
import type {} from "@wawp/client-suites/provided-context";
import { runCli, SUMMARY, type CliRun } from "./run-cli.js";

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

describe("--help and --version", () => {
  it("prints usage to stdout and exits 0", async () => {
    for (const args of [["--help"], ["subscribe", "--help"], ["-h"]]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("subscribe <chatId>...");
      expect(run.stdout).toContain("--client fetch|sdk");
      expect(run.stdout).toContain("--from-file PATH");
      expect(run.stdout).toMatch(/130 +interrupted/);
      expect(run.stderr).toBe("");
    }
  });

  it("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    const run = await cli(["--version"]);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

for (const client of ["fetch", "sdk"] as const) {
  describe(`--client ${client} against the Prism mock`, () => {
    const auth = () => ({ WAWP_BASE_URL: inject("prismUrl"), WAWP_INSTANCE_ID: "cli-instance", WAWP_ACCESS_TOKEN: TOKEN });

    it("prints ordinary text intact with a one-character token (no '[REDACTED]' inside words)", async () => {
      const run = await cli(["subscribe", "447441429009@c.us", "--client", client, "--access-token", "b"], { ...auth(), WAWP_ACCESS_TOKEN: undefined });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("✓ 447441429009@c.us: subscribed (200) Operation completed successfully\n");
      expect(run.stderr).toMatch(/^wawp-presence: 1 subscribed, 0 failed, 0 skipped, in .+\n$/);
      expect(run.stdout + run.stderr).not.toContain("[REDACTED]");
    });

    it("subscribes the page's example contact and exits 0", async () => {
      const run = await cli(["subscribe", "447441429009@c.us", "--client", client], auth());
      expect(run.stderr).toMatch(/^wawp-presence: 1 subscribed, 0 failed, 0 skipped, in .+\n$/);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("✓ 447441429009@c.us: subscribed (200) Operation completed successfully\n");
    });

    it("prints one JSON object per chatId, in the order they finish, with --json", async () => {
      const run = await cli(["subscribe", "447441429009@c.us", "4915123456789%40c.us", "--json", "--client", client], auth());
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(SUMMARY);
      const lines = run.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      lines.sort((a, b) => String(a["chatId"]).localeCompare(String(b["chatId"])));
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
      expect(run.stderr).toMatch(/^wawp-presence: 0 subscribed, 1 failed \(1 HTTP 404\), 0 skipped, in .+\n$/);
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
    ["an unknown command", ["unsubscribe", "447441429009@c.us"], {}, /Unknown command 'unsubscribe'. Commands: subscribe/],
    ["no chatId", ["subscribe"], {}, /at least one chatId.*--from-file/],
    ["an unknown option", ["subscribe", "447441429009@c.us", "--acess-token", TOKEN], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /Unknown option '--acess-token'/],
    ["a misspelt option", ["subscribe", "447441429009@c.us", "--clinet", "sdk"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /^wawp-presence: Unknown option '--clinet' \(did you mean '--client'\?\)\. Run with --help for usage\.\n$/],
    ["an unknown option like no other", ["subscribe", "447441429009@c.us", "--zzz"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /^wawp-presence: Unknown option '--zzz'\. Run with --help for usage\.\n$/],
    ["no instance id", ["subscribe", "447441429009@c.us"], { WAWP_ACCESS_TOKEN: TOKEN }, /WAWP_INSTANCE_ID/],
    ["no access token", ["subscribe", "447441429009@c.us"], { WAWP_INSTANCE_ID: "i" }, /WAWP_ACCESS_TOKEN/],
    ["a bad timeout", ["subscribe", "447441429009@c.us", "--timeout", "soon"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /--timeout must be a positive integer .*got 'soon'/],
    ["a negative timeout", ["subscribe", "447441429009@c.us", "--timeout", "-5"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /^wawp-presence: --timeout must be a positive integer .*got '-5'\n$/],
    ["a zero timeout", ["subscribe", "447441429009@c.us", "--timeout=0"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /--timeout must be a positive integer/],
    ["negative retries", ["subscribe", "447441429009@c.us", "--retries", "-1"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /^wawp-presence: --retries must be a whole number ≥ 0 .*got '-1'\n$/],
    ["a bad concurrency", ["subscribe", "447441429009@c.us", "--concurrency", "0"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /--concurrency must be a positive integer \(at most 1024/],
    ["a file that does not exist", ["subscribe", "--from-file", "/nonexistent/ids.txt"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /cannot read --from-file \/nonexistent\/ids\.txt: there is no such file$/m],
    ["a resume file that does not exist", ["subscribe", "447441429009@c.us", "--resume", "/nonexistent/out.jsonl"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /cannot read --resume/],
    ["--from-file without a path", ["subscribe", "--from-file"], { WAWP_INSTANCE_ID: "i", WAWP_ACCESS_TOKEN: TOKEN }, /--from-file/],
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

describe("pnpm cli (scripts/launch.mjs)", () => {
  it("exits 70, not the usage code 2, when the CLI cannot be built", () => {
    // No pnpm on the PATH: the build step cannot run, which is how a failed build looks to the launcher.
    const launcher = fileURLToPath(new URL("../scripts/launch.mjs", import.meta.url));
    const run = spawnSync(process.execPath, [launcher, "--version"], { env: { PATH: "/nonexistent" }, encoding: "utf8" });
    expect(run.status).toBe(70);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/wawp-presence: building the CLI failed .*run `pnpm build` to see why/);
  });
});

describe("the wawp-presence command (bin/wawp-presence.js)", () => {
  const bin = fileURLToPath(new URL("../bin/wawp-presence.js", import.meta.url));

  it("runs the built CLI", () => {
    const run = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect([run.status, run.stdout]).toEqual([0, `${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`]);
  });

  it("says to build first, with exit 70, in a checkout that was never built", () => {
    // The shim alone in a folder with no dist/, as in a fresh clone before `pnpm build`.
    const folder = mkdtempSync(join(tmpdir(), "wawp-presence-bin-"));
    try {
      mkdirSync(join(folder, "bin"));
      copyFileSync(bin, join(folder, "bin", "wawp-presence.js"));
      writeFileSync(join(folder, "package.json"), '{ "type": "module" }');
      const run = spawnSync(process.execPath, [join(folder, "bin", "wawp-presence.js"), "--version"], { encoding: "utf8" });
      expect(run.status).toBe(70);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe("wawp-presence: the CLI is not built yet; run `pnpm build` in the repository first.\n");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
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
