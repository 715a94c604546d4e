// Subscribing a contact list with the CLI as a real process, against the fault server on
// 127.0.0.1: ids from files and stdin, an interrupted run picked up with --resume, the progress
// line only on a terminal, and the exit codes.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultServer, type Fault, type FaultServer } from "@wawp/mock-server/fault-server";
import { CLI, runCli, SUMMARY, type CliRun, type RunOptions } from "./run-cli.js";

const TOKEN = "cli+bulk/token=9";
let server: FaultServer;
const runs: CliRun[] = [];
async function cli(args: string[], environment: Record<string, string>, options?: RunOptions): Promise<CliRun> {
  const run = await runCli(args, environment, options);
  runs.push(run);
  return run;
}
let dir = "";

beforeAll(async () => {
  server = await startFaultServer();
  dir = mkdtempSync(join(tmpdir(), "wawp-cli-bulk-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ WAWP_BASE_URL: server.url, WAWP_INSTANCE_ID: "bulk", WAWP_ACCESS_TOKEN: TOKEN });
/** Contact number `n`, valid for the spec's pattern. */
const id = (n: number): string => `447${String(n).padStart(9, "0")}@c.us`;
const ids = (count: number, from = 0): string[] => Array.from({ length: count }, (_, n) => id(from + n));
/** The chatIds the server was asked to subscribe since request number `since`. */
const sentSince = (since: number): string[] => server.requests.slice(since).map((r) => /\/([^/?]+@c\.us)\//.exec(decodeURIComponent(r.url))?.[1] ?? r.url);
const jsonLines = (text: string) => text.trimEnd().split("\n").filter(Boolean).map((line) => JSON.parse(line) as { chatId: string; ok: boolean; status: number | null; message: string });
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("ids from files and stdin", () => {
  it("reads --from-file and stdin, skips blank lines and comments, mixes in argument ids, one line each", async () => {
    server.script({ kind: "ok" });
    const before = server.requests.length;
    const contacts = file("contacts.txt", `# customers\n${id(1)}\n\n${id(2)}   # Bob\n   ${id(3)}  \r\n#${id(99)}\n`);
    const run = await cli(["subscribe", id(0), "--from-file", contacts, "--from-file", "-", "--json"], env(), { input: `${id(4)}\n${id(5)}` });
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.chatId).sort()).toEqual(ids(6));
    expect(lines.every((l) => l.ok && l.status === 200)).toBe(true);
    expect(sentSince(before).sort()).toEqual(ids(6));
    expect(run.stderr).toMatch(/^wawp-presence: 6 subscribed, 0 failed, 0 skipped, in .+\n$/);
  });

  it("reports an invalid id of a file as a failed line, sends nothing for it, and exits 1", async () => {
    server.script({ kind: "ok" });
    const before = server.requests.length;
    const run = await cli(["subscribe", "--from-file", "-"], env(), { input: `${id(1)}\n+44 7441 429009\n${id(2)}\n` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✗ +44 7441 429009: Invalid chatId");
    expect(run.stdout.split("\n").filter((l) => l.startsWith("✓"))).toHaveLength(2);
    expect(sentSince(before).sort()).toEqual([id(1), id(2)]);
    expect(run.stderr).toMatch(/2 subscribed, 1 failed \(1 invalid\), 0 skipped/);
  });

  it("exits 0 for an empty list, saying the file held no ids", async () => {
    const empty = file("empty.txt", "# nobody yet\n\n");
    const run = await cli(["subscribe", "--from-file", empty], env());
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(run.stderr).toMatch(/^wawp-presence: no chatIds in .*empty\.txt: nothing to do\nwawp-presence: 0 subscribed, 0 failed, 0 skipped, in .+\n$/);
  });

  it("names a missing file in words, with the full path a relative one was looked for at", async () => {
    const run = await cli(["subscribe", "--from-file", "no-such-ids.txt"], env());
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toBe(`wawp-presence: cannot read --from-file no-such-ids.txt: there is no such file (${join(process.cwd(), "no-such-ids.txt")})\n`);
  });

  it("reads a UTF-16 file with its byte-order mark (a spreadsheet's \"Unicode text\")", async () => {
    server.script({ kind: "ok" });
    const before = server.requests.length;
    const path = join(dir, "unicode.txt");
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${id(1)}\r\n# note\r\n${id(2)}\r\n`, "utf16le")]));
    const run = await cli(["subscribe", "--from-file", path, "--json"], env());
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((l) => l.chatId).sort()).toEqual([id(1), id(2)]);
    expect(sentSince(before).sort()).toEqual([id(1), id(2)]);
  });

  it("refuses big-endian UTF-16 before sending, and stops at UTF-16 without a byte-order mark with the fix", async () => {
    const before = server.requests.length;
    const bigEndian = join(dir, "unicode-be.txt");
    writeFileSync(bigEndian, Buffer.from(`\ufeff${id(1)}\n`, "utf16le").swap16());
    const refused = await cli(["subscribe", "--from-file", bigEndian], env());
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr).toMatch(/--from-file .*unicode-be\.txt is UTF-16 big-endian text; save it as UTF-8/);

    const piped = await cli(["subscribe", "--from-file", "-"], env(), { input: Buffer.from(`${id(1)}\n${id(2)}\n`, "utf16le") });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain("line 1 of stdin holds NUL characters, as UTF-16 text read as UTF-8 does; save the ids as UTF-8 text");
    expect(server.requests.length).toBe(before);
  });

  it("writes control characters of an id as escapes, so a file cannot drive the terminal", async () => {
    const run = await cli(["subscribe", "--from-file", "-"], env(), { input: `\x1b]0;owned\x07\x1b[2J${id(1)}\u202e\n` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✗ \\u001b]0;owned\\u0007\\u001b[2J447000000001@c.us\\u202e: Invalid chatId");
    expect(run.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
  });
});

describe("Ctrl-C and --resume", () => {
  it("after a Ctrl-C part-way, --resume sends only the rest: every id has exactly one ok line across the two runs", async () => {
    const total = 300;
    const contacts = file("resume-ids.txt", `${ids(total).join("\n")}\n`);
    const out = join(dir, "out.jsonl");
    writeFileSync(out, "");
    // The first 120 requests are answered; the rest hang until the CLI lets go of them.
    server.script(...Array.from({ length: 120 }, (): Fault => ({ kind: "ok" })), { kind: "hang" });
    const firstSince = server.requests.length;
    const appendTo = () => openSync(out, "a");

    const fd1 = appendTo();
    const first = await cli(["subscribe", "--from-file", contacts, "--json", "--resume", out, "--concurrency", "8"], env(), {
      stdoutFd: fd1,
      onStart: (child) => {
        // Ctrl-C once the answered ones are written and the rest hang.
        const poll = setInterval(() => {
          if (readFileSync(out, "utf8").split("\n").length > 120 && server.requests.length - firstSince >= 128) {
            clearInterval(poll);
            child.kill("SIGINT");
          }
        }, 20);
        child.once("exit", () => clearInterval(poll));
      },
    });
    closeSync(fd1);
    expect(first.code).toBe(130);
    expect(first.stderr).toMatch(/^wawp-presence: interrupted: 120 subscribed, 0 failed, 0 skipped, 8 cancelled, in .+\n$/);
    // Never a half-written line: the file is whole JSON lines.
    const afterFirst = readFileSync(out, "utf8");
    expect(afterFirst.endsWith("\n")).toBe(true);
    expect(jsonLines(afterFirst)).toHaveLength(120);
    await server.waitForConnectionsClosed(firstSince);

    server.script({ kind: "ok" });
    const secondSince = server.requests.length;
    const fd2 = appendTo();
    const second = await cli(["subscribe", "--from-file", contacts, "--json", "--resume", out, "--concurrency", "8"], env(), { stdoutFd: fd2 });
    closeSync(fd2);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^wawp-presence: 180 subscribed, 0 failed, 120 skipped, in .+\n$/);

    const lines = jsonLines(readFileSync(out, "utf8"));
    const okCount = new Map<string, number>();
    for (const line of lines) if (line.ok) okCount.set(line.chatId, (okCount.get(line.chatId) ?? 0) + 1);
    expect([...okCount.keys()].sort()).toEqual(ids(total));
    expect([...okCount.values()].every((n) => n === 1)).toBe(true);
    // The second run asked only for the ids the first did not finish.
    const firstOk = new Set(jsonLines(afterFirst).map((l) => l.chatId));
    expect(sentSince(secondSince).some((chatId) => firstOk.has(chatId))).toBe(false);
    expect(sentSince(secondSince)).toHaveLength(180);
  });

  it("quits at once on a second Ctrl-C even while stdout is not being read", async () => {
    server.script({ kind: "ok" });
    const total = 4000;
    const marks: { stalled?: number; second?: number; exited?: number } = {};
    const run = await cli(["subscribe", "--from-file", file("blocked-ids.txt", `${ids(total).join("\n")}\n`), "--concurrency", "64"], env(), {
      onStart: (child) => {
        // Nothing reads stdout: once the pipe and the buffers are full, the batch waits on it.
        child.stdout?.pause();
        let seen = -1;
        let still = 0;
        const poll = setInterval(() => {
          const count = server.requests.length;
          still = count === seen ? still + 1 : 0;
          seen = count;
          // Stalled on stdout: hundreds sent, then none for three polls in a row (a slow start or a
          // busy machine pauses it for less).
          if (count < 500 || still < 3) return;
          // The first Ctrl-C waits for the reader to take what finished...
          clearInterval(poll);
          marks.stalled = count;
          child.kill("SIGINT");
          setTimeout(() => {
            // ...the second does not.
            marks.second = Date.now();
            child.kill("SIGINT");
          }, 500);
        }, 300);
        child.once("exit", () => {
          marks.exited = Date.now();
          clearInterval(poll);
          child.stdout?.resume();
        });
      },
    });
    expect(run.code).toBe(130);
    expect(marks.stalled).toBeLessThan(total);
    expect(marks.second, "still running after the first Ctrl-C, waiting for the reader").toBeDefined();
    expect(marks.exited! - marks.second!).toBeLessThan(2_000);
  });

  it("will not append text results to the --resume file: that needs --json", async () => {
    const out = file("text-resume.jsonl", "");
    const before = server.requests.length;
    const fd = openSync(out, "a");
    const run = await cli(["subscribe", id(1), "--resume", out], env(), { stdoutFd: fd });
    closeSync(fd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--resume .*text-resume\.jsonl is also where the results go, but without --json .*; add --json/);
    expect(readFileSync(out, "utf8")).toBe("");
    expect(server.requests.length).toBe(before);
  });

  it("quits at once on a second Ctrl-C", async () => {
    server.script({ kind: "hang" });
    const before = server.requests.length;
    const started = Date.now();
    const run = await cli(["subscribe", ...ids(20), "--concurrency", "4"], env(), {
      onStart: (child) => {
        const poll = setInterval(() => {
          if (server.requests.length - before >= 4) {
            clearInterval(poll);
            child.kill("SIGINT");
            child.kill("SIGINT");
          }
        }, 10);
        child.once("exit", () => clearInterval(poll));
      },
    });
    expect(run.code).toBe(130);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.stdout).toBe("");
  });

  it("ignores lines of a --resume file that are not --json results, and says so", async () => {
    server.script({ kind: "ok" });
    const earlier = file("earlier.jsonl", `${JSON.stringify({ chatId: id(1), ok: true, status: 200, message: "ok" })}\n✓ ${id(2)}: subscribed (200) ok\n${JSON.stringify({ chatId: id(3), ok: false, status: 404, message: "no" })}\n{"chatId":"${id(4)}","ok":tr`);
    const before = server.requests.length;
    const run = await cli(["subscribe", ...ids(5), "--resume", earlier], env());
    expect(run.code).toBe(0);
    expect(sentSince(before).sort()).toEqual([id(0), id(2), id(3), id(4)]);
    expect(run.stderr).toContain("ignored 2 line(s) that are not --json results");
    expect(run.stderr).toMatch(/4 subscribed, 0 failed, 1 skipped/);
  });
});

describe("a results file cut off mid-line (a run killed while writing)", () => {
  it("is appended to on a fresh line, so no new result is glued to the broken one", async () => {
    server.script({ kind: "ok" });
    const out = file("killed.jsonl", `${JSON.stringify({ chatId: id(1), ok: true, status: 200, message: "ok" })}\n{"chatId":"${id(2)}","ok":tr`);
    const fd = openSync(out, "a");
    const run = await cli(["subscribe", ...ids(4), "--json", "--resume", out], env(), { stdoutFd: fd });
    closeSync(fd);
    expect(run.code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(2 + 3);
    expect(lines[1]).toBe(`{"chatId":"${id(2)}","ok":tr`);
    expect(lines.slice(2).map((line) => (JSON.parse(line) as { chatId: string }).chatId).sort()).toEqual([id(0), id(2), id(3)]);
  });
});

describe("the progress line", () => {
  const contacts = () => file("progress-ids.txt", `${ids(300).join("\n")}\n`);

  it("is drawn on stderr when it is a terminal (run under script(1)), and results stay on stdout", async () => {
    server.script({ kind: "ok" });
    const out = join(dir, "tty-out.jsonl");
    const command = `'${process.execPath}' '${CLI}' subscribe --from-file '${contacts()}' --json > '${out}'`;
    // Spawned, not spawnSync: the fault server answers from this process's event loop.
    const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], { env: { PATH: process.env["PATH"], ...env() }, stdio: ["ignore", "pipe", "pipe"] });
    let terminal = "";
    child.stdout.on("data", (chunk: Buffer) => (terminal += chunk.toString()));
    const [status, error] = await new Promise<[number | null, Error | undefined]>((resolve) => {
      child.once("error", (e) => resolve([null, e]));
      child.once("close", (code) => resolve([code, undefined]));
    });
    runs.push({ code: status, stdout: terminal, stderr: "" });
    expect(error, "script(1) from util-linux runs the CLI on a pseudo-terminal").toBeUndefined();
    expect(status).toBe(0);
    expect(terminal).toContain("\r\x1b[2K");
    expect(terminal).toMatch(/[\d,]+\/300 \d+% · [\d,]+\/s · 0 failed/);
    expect(terminal).toMatch(/wawp-presence: 300 subscribed, 0 failed, 0 skipped, in .+\r?\n$/);
    const results = readFileSync(out, "utf8");
    expect(jsonLines(results)).toHaveLength(300);
    expect(results).not.toContain("\x1b");
  });

  it("is not drawn when stderr is not a terminal: only the summary", async () => {
    server.script({ kind: "ok" });
    const run = await cli(["subscribe", "--from-file", contacts(), "--json"], env());
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(SUMMARY);
    expect(run.stderr).not.toContain("\r");
    expect(jsonLines(run.stdout)).toHaveLength(300);
  });
});

describe("stdout going away", () => {
  it("stops sending when the reader closes the pipe (| head), says so in the summary alone, and exits 1", async () => {
    server.script({ kind: "ok" });
    const before = server.requests.length;
    const run = await cli(["subscribe", "--from-file", file("pipe-ids.txt", `${ids(3000).join("\n")}\n`), "--concurrency", "32"], env(), {
      onStart: (child) => child.stdout?.once("data", () => child.stdout?.destroy()),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^wawp-presence: stopped, stdout was closed: [\d,]+ subscribed, 0 failed, 0 skipped, [\d,]+ cancelled, in .+\n$/);
    expect(server.requests.length - before).toBeLessThan(3000);
  });
});

describe("the access token", () => {
  it("never appears in what the bulk runs print", () => {
    expect(runs.length).toBeGreaterThan(8);
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain(TOKEN);
      expect(run.stdout + run.stderr).not.toContain(encodeURIComponent(TOKEN));
    }
  });
});
