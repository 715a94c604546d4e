// pnpm bench (the board's part): webhook receiver throughput with every event committed before its
// 200. Signed presence.update events go over loopback (autocannon, a bounded number of requests on
// a fixed number of connections) to each server in turn, each its own process on a fresh SQLite
// file (WAL, synchronous=FULL):
//   board        the real board (Hono + the webhooks package + the store's group commit)
//   bare group   node:http + HMAC + JSON.parse + the board's own SQLite writes (the history row and
//                the contact's state, same statements), group commit: the yardstick
//   bare single  the same, one transaction (one fsync) per request
//   bare group + package verify   bare group, but verifying with @wawp/presence-webhooks as the board
//                does (node:crypto's HMAC through nodeHmac, and the spec's schema): the package's cost
//   bare group, history only   bare group writing one plain INSERT per event and no contact state:
//                what the board's second table costs
// Every server is checked afterwards: the rows in its database must equal the 200s it gave.
// Usage: node bench/bench.mjs [--quick]   (the workspace must be built: pnpm build)
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const quick = process.argv.includes("--quick");
const PLAN = quick ? { warmup: 1_000, requests: 5_000, rounds: 1 } : { warmup: 3_000, requests: 30_000, rounds: 3 };
const CONNECTIONS = 32;
const TIME_LIMIT_S = 60;
const TARGET_EPS = 5_000;
const TARGET_RATIO = 0.7;
const SECRET = "bench-secret-not-for-production";
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const log = (line) => process.stderr.write(`${line}\n`);

/** Signed bodies, unique ids: every request is a new event that must be inserted. */
function signedRequests(count, tag) {
  const chats = ["447700900001@c.us", "447700900002@c.us", "447700900003@c.us", "447700900004@c.us"];
  const types = ["available", "composing", "paused", "recording", "unavailable"];
  const start = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const chatId = chats[i % chats.length];
    const body = JSON.stringify({
      id: `evt_bench_${tag}_${i}`, timestamp: start + i, session: "default", metadata: {}, engine: "WEBJS", event: "presence.update",
      payload: { chatId, type: types[i % types.length], from: chatId }, me: { id: "22222222222@c.us", lid: "33333333333@lid", pushName: "Bench" },
    });
    return {
      method: "POST",
      path: "/webhooks/wawp",
      headers: { "content-type": "application/json", "x-webhook-hmac": createHmac("sha512", SECRET).update(body).digest("hex"), "x-webhook-hmac-algorithm": "sha512" },
      body,
    };
  });
}

function startServer(contender, dbPath) {
  const [command, args] =
    contender === "board"
      ? [process.execPath, [here("../dist/main.js"), "--port", "0", "--db", dbPath]]
      : [process.execPath, [here("./bare-server.mjs"), BARE_MODES[contender], dbPath]];
  // Credentials for an API that is never called: the board then does not start its mock.
  const env = { PATH: process.env.PATH, WAWP_WEBHOOK_SECRET: SECRET, WAWP_INSTANCE_ID: "bench", WAWP_ACCESS_TOKEN: "bench", WAWP_BASE_URL: "http://127.0.0.1:9" };
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      const match = /Presence board: (http:\/\/\S+?)\/ /.exec(output);
      if (match) resolve({ url: match[1], child });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${contender} exited (${code}):\n${output}`)));
  });
}

/** CPU time (user + system) a process has used, in ms: every thread, and its main thread; null where /proc is absent. */
function cpuMs(pid) {
  const ticks = (stat) => {
    // Fields 14 and 15 (utime, stime) after the command name, in clock ticks (100 per second on Linux).
    const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return null;
  // The process's own stat sums its threads; the task whose id is the pid is the main thread.
  return { all: ticks(stat), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

/** Runs the bounded load; resolves with autocannon's result and the exact wall time of the run. */
function load(url, requests) {
  return new Promise((resolve, reject) => {
    let next = 0;
    let lastResponse = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        pipelining: 1,
        amount: requests.length,
        timeout: 10,
        requests: [{ setupRequest: (req) => ({ ...req, ...requests[next++ % requests.length] }) }],
      },
      // autocannon notices the end of a bounded run on its once-a-second tick, so its own duration
      // (and the time until this callback) is rounded up; the last response's time is exact.
      (error, result) => (error ? reject(error) : resolve({ result, seconds: (lastResponse - started) / 1_000 })),
    );
    instance.on("response", () => {
      lastResponse = performance.now();
    });
    const limit = setTimeout(() => instance.stop(), TIME_LIMIT_S * 1_000);
    instance.once("done", () => clearTimeout(limit));
  });
}

function storedRows(dbPath, contender) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(BARE_MODES[contender] === "history-only" ? "SELECT count(*) AS n FROM events" : "SELECT count(*) AS n FROM changes").get().n;
  } finally {
    db.close();
  }
}

async function measure(contender, round) {
  const dir = mkdtempSync(join(tmpdir(), "board-bench-"));
  const dbPath = join(dir, "bench.db");
  const { url, child } = await startServer(contender, dbPath);
  try {
    await load(url, signedRequests(PLAN.warmup, `w${round}`));
    const requests = signedRequests(PLAN.requests, `m${round}`);
    const cpu0 = cpuMs(child.pid);
    const { result, seconds } = await load(url, requests);
    const cpu1 = cpuMs(child.pid);
    const ok = result["2xx"];
    if (result.non2xx > 0) log(`${contender}: ${result.non2xx} non-2xx answers: ${JSON.stringify(result.statusCodeStats)}`);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    const rows = storedRows(dbPath, contender);
    if (rows !== PLAN.warmup + ok) throw new Error(`${contender}: ${PLAN.warmup + ok} events acknowledged but ${rows} rows stored`);
    const perEvent = (key) => (cpu0 === null || cpu1 === null ? null : ((cpu1[key] - cpu0[key]) * 1_000) / (result["2xx"] + result.non2xx));
    return { eps: ok / seconds, p50: result.latency.p50, p99: result.latency.p99, cpu: perEvent("all"), mainCpu: perEvent("main"), errors: result.errors + result.non2xx + result.timeouts };
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

const BARE_MODES = { "bare group": "group", "bare single": "per-request", "bare group + package verify": "package", "bare group, history only": "history-only" };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CONTENDERS = ["board", ...Object.keys(BARE_MODES)];
const runs = Object.fromEntries(CONTENDERS.map((c) => [c, []]));
for (let round = 0; round < PLAN.rounds; round += 1) {
  for (const contender of CONTENDERS) {
    log(`round ${round + 1}/${PLAN.rounds}: ${contender}...`);
    runs[contender].push(await measure(contender, round));
  }
}

const rows = CONTENDERS.map((contender) => {
  const r = runs[contender];
  const cpu = r.every((x) => x.cpu !== null) ? median(r.map((x) => x.cpu)) : null;
  const mainCpu = r.every((x) => x.mainCpu !== null) ? median(r.map((x) => x.mainCpu)) : null;
  return { contender, eps: median(r.map((x) => x.eps)), p50: median(r.map((x) => x.p50)), p99: median(r.map((x) => x.p99)), cpu, mainCpu, errors: r.reduce((n, x) => n + x.errors, 0) };
});
const yardstick = rows.find((r) => r.contender === "bare group");
const board = rows.find((r) => r.contender === "board");
const line = (cells) => `| ${cells.join(" | ")} |`;
console.log(`Board receiver: ${PLAN.requests} signed events per run after ${PLAN.warmup} of warm-up, ${CONNECTIONS} connections, ${PLAN.rounds} round(s), medians; ` +
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; SQLite WAL, synchronous=FULL; every 200 checked against the rows stored.`);
console.log(line(["server", "events/s", "p50 ms", "p99 ms", "server CPU µs/event", "of which main thread", "errors", "vs bare group"]));
console.log(line(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
const micros = (value) => (value === null ? "n/a" : value.toFixed(0));
for (const r of rows) {
  console.log(line([r.contender, Math.round(r.eps).toLocaleString("en"), r.p50.toFixed(1), r.p99.toFixed(1), micros(r.cpu), micros(r.mainCpu), String(r.errors), `${(r.eps / yardstick.eps).toFixed(2)}×`]));
}
console.log("Server CPU counts every thread of the server process (V8's GC helpers among them), the main thread apart; the load");
console.log("generator shares the same 2 cores, so events/s can be its limit, not the server's.");
const verdict = (met) => (met ? "MET" : "MISSED");
const ratio = board.eps / yardstick.eps;
console.log(
  `\ntarget: board >= ${TARGET_EPS.toLocaleString("en")} events/s (${Math.round(board.eps).toLocaleString("en")}): ${verdict(board.eps >= TARGET_EPS)}; ` +
    `board >= ${TARGET_RATIO}× bare group (${ratio.toFixed(2)}×): ${verdict(ratio >= TARGET_RATIO)}`,
);
