// pnpm bench [--quick]: what each client costs per call, in bytes and in the pipeline, next to a
// hand-written fetch, axios and bare openapi-fetch, with the project's targets beside each figure.
// Run after the workspace is built (the root `pnpm bench` builds first). Progress goes to stderr,
// the tables to stdout; a full run also saves its tables to results/latest.txt.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { loadBareSdk } from "./bare-sdk.mjs";
import { cannedFetch, loadSdk, makeContenders } from "./contenders.mjs";
import { measureCost } from "./cost.mjs";
import { measureBytes } from "./bytes.mjs";
import { measurePipeline } from "./pipeline.mjs";
import { startBenchServer } from "./server.mjs";
import { bytes, duration, median, ops, ratio, signedBytes, table, verdict } from "./report.mjs";

const quick = process.argv.includes("--quick");
// --only 1a,1b,2,3 runs just those sections (for working on one of them); never saved as latest.
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? undefined : new Set(String(process.argv[onlyIndex + 1] ?? "").split(","));
const wants = (section) => only === undefined || only.has(section);
const started = performance.now();
const log = (line) => process.stderr.write(`${line}\n`);
let printed = "";
const print = (text) => {
  printed += `${text}\n`;
  process.stdout.write(`${text}\n`);
};

const PLAN = quick
  ? { rounds: 2, timeMs: 150, iterations: 50, warmupMs: 60, warmupIterations: 20, maxTaskMs: 2_000 }
  : { rounds: 15, timeMs: 200, iterations: 50, warmupMs: 80, warmupIterations: 20, maxTaskMs: 5_000 };

// The honest floors: a client that promises never to hang arms a timeout, so it is compared with
// fetch plus AbortSignal.timeout, and with its own generator used bare with the same timeout.
const TARGETS = {
  /** (b) end to end: each client at most this many times the floor with a timeout. */
  endToEnd: 1.05,
  /** Bytes, gzip: presence-client with openapi-fetch, and presence-sdk (the sizes before this round). */
  clientGzBytes: 8_400,
  sdkGzBytes: 7_300,
  warmGenerateMs: 1_000,
  cliHelpMs: 150,
};
/** (a) CPU: each client no slower than its own generator used bare with a timeout. */
const BARE_FLOOR = { "presence-client": "openapi-fetch-timeout", "presence-sdk": "generated-sdk-timeout" };
const targets = [];
function target(label, figure, met) {
  targets.push([label, figure, verdict(met)]);
  return verdict(met);
}

const cpu = cpus();
print(`pnpm bench${quick ? " --quick" : ""} — ${new Date().toISOString()}`);
print(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}`);
print(
  `Cost: ${PLAN.rounds} round(s), each task >= ${PLAN.iterations} calls and >= ${PLAN.timeMs} ms after >= ${PLAN.warmupIterations} calls / ${PLAN.warmupMs} ms of warm-up, cut at ${PLAN.maxTaskMs} ms; medians over rounds.`,
);
print("");

const { sdk, reason: sdkMissing } = await loadSdk();
if (!sdk) log(`note: ${sdkMissing}; its rows are n/a`);
const { generated, reason: generatedMissing } = await loadBareSdk();
if (!generated) log(`note: ${generatedMissing}; its row is n/a`);
// Missed targets are reported, not failures. Something that could not be measured at all is a
// failure: the exit code then tells CI that the bench code has rotted.
const unmeasured = [];
if (!sdk) unmeasured.push(sdkMissing);
if (!generated) unmeasured.push(generatedMissing);

// ---- 1. Cost per call ----------------------------------------------------------------------------
function costTable(title, results, mode) {
  const byKey = Object.fromEntries(results.map((result) => [result.key, result]));
  const timedFloor = byKey["floor-timeout"];
  // Paired per round, like the ratio to the floor: the median over rounds of a/b.
  const paired = (a, b) => (a?.roundMeansMs && b?.roundMeansMs ? median(a.roundMeansMs.map((mean, index) => mean / b.roundMeansMs[index])) : Number.NaN);
  const rows = results.map((result) => {
    if (result.unavailable) {
      unmeasured.push(`${result.name} (${mode}): ${result.unavailable}`);
      return [result.name, "n/a", "n/a", "n/a", "n/a", "n/a", result.unavailable];
    }
    const versusTimedFloor = paired(result, timedFloor);
    let goal = "";
    const bareKey = BARE_FLOOR[result.key];
    if (bareKey && mode === "a") {
      const versusBare = paired(result, byKey[bareKey]);
      goal = `≤ its bare generator + timeout: ${target(`${result.name} CPU ≤ ${byKey[bareKey]?.name} (a)`, `${ratio(versusBare)}`, Number.isFinite(versusBare) ? versusBare <= 1 : undefined)} (${ratio(versusBare)})`;
    } else if (bareKey && mode === "b") {
      goal = `≤ ${TARGETS.endToEnd}× floor + timeout: ${target(`${result.name} end to end ≤ ${TARGETS.endToEnd}× floor + timeout (b)`, ratio(versusTimedFloor), Number.isFinite(versusTimedFloor) ? versusTimedFloor <= TARGETS.endToEnd : undefined)}`;
    }
    return [result.name, ops(result.opsPerSec), duration(result.meanMs), duration(result.p99Ms), ratio(result.ratio), ratio(versusTimedFloor), goal + (result.cut ? " (cut by time limit)" : "")];
  });
  print(table(title, ["contender", "ops/s", "mean", "p99", "× floor", "× floor+timeout", "target"], rows, [], "lrrrrrl"));
}

if (wants("1a")) {
  log("1a. cost per call, injected canned fetch");
  const canned = await measureCost(makeContenders({ baseUrl: "https://api.wawp.net", fetch: cannedFetch, mode: "canned", sdk, generated }), PLAN, log);
  costTable("1a. Cost per call — injected fetch returning a fresh canned 200 Response (no network)", canned, "a");
}

if (wants("1b")) {
  log("1b. cost per call, end to end against node:http on 127.0.0.1");
  const server = await startBenchServer();
  let network;
  try {
    network = await measureCost(makeContenders({ baseUrl: server.url, mode: "http", sdk, generated }), PLAN, log);
  } finally {
    await server.close();
  }
  costTable("1b. Cost per call — end to end, global fetch (undici) / axios http adapter → node:http on 127.0.0.1, keep-alive", network, "b");
}

// ---- 2. Bytes ------------------------------------------------------------------------------------
if (wants("2")) {
log("2. bytes");
const size = await measureBytes();
for (const row of size.rows) if (row.unavailable) unmeasured.push(`${row.label}: ${row.unavailable}`);
const [, , clientRow, sdkRow] = size.rows;
print(
  table(
    "2. Bytes — esbuild bundle (ESM, minified, tree-shaken, platform browser) with runtime deps, then gzip -9",
    ["bundle", "minified", "gzip", "target"],
    size.rows.map((row) => {
      if (row.unavailable) return [row.label, "n/a", `n/a (${row.unavailable})`, ""];
      const limit = row === clientRow ? TARGETS.clientGzBytes : row === sdkRow ? TARGETS.sdkGzBytes : undefined;
      const goal = limit === undefined ? "" : `≤ ${bytes(limit)}: ${target(`${row.label} ≤ ${bytes(limit)} gzip`, bytes(row.gzBytes), row.gzBytes <= limit)}`;
      return [row.label, bytes(row.minBytes), bytes(row.gzBytes), goal];
    }),
    [`presence-client − openapi-fetch: ${signedBytes(size.clientDeltaMin)} minified, ${signedBytes(size.clientDeltaGz)} gzip`, ...size.notes],
  ),
);

}

// ---- 4. Error-body message extraction ------------------------------------------------------------
if (wants("4")) {
  log("4. message extraction on hostile 1 MiB bodies");
  const run = spawnSync(process.execPath, [fileURLToPath(new URL("./message-bench.mjs", import.meta.url)), ...(quick ? ["--quick"] : [])], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) unmeasured.push(`message extraction bench exited with ${run.status}`);
  print(`4. Error-body message extraction and redaction, worst bodies at the 1 MiB read bound (node src/message-bench.mjs)\n${run.stdout.trimEnd()}\n`);
  const worst = /worst (\S+) ([\d.]+ [µm]?s): (MET|MISSED)/.exec(run.stdout);
  if (worst) target("message extraction < 50 ms per 1 MiB body (worst case)", `${worst[1]} ${worst[2]}`, worst[3] === "MET");
}

// ---- 5. Webhook receiver throughput (apps/presence-board) ----------------------------------------
if (wants("5")) {
  log("5. webhook receiver throughput");
  const script = fileURLToPath(new URL("../../presence-board/bench/bench.mjs", import.meta.url));
  const run = spawnSync(process.execPath, [script, ...(quick ? ["--quick"] : [])], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) unmeasured.push(`receiver bench exited with ${run.status}`);
  print(`5. Webhook receiver — signed presence.update events, each committed to SQLite before its 200 (node apps/presence-board/bench/bench.mjs)\n${run.stdout.trimEnd()}\n`);
  for (const [, label, figure, verdictText] of run.stdout.matchAll(/(board >= [^(]+) \(([^)]+)\): (MET|MISSED)/g)) target(`receiver: ${label}`, figure, verdictText === "MET");
}

// ---- 6. Bulk subscribing (subscribeMany and the CLI) ---------------------------------------------
if (wants("6")) {
  log("6. bulk subscribing");
  const run = spawnSync(process.execPath, [fileURLToPath(new URL("./bulk.mjs", import.meta.url)), ...(quick ? ["--quick"] : [])], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) unmeasured.push(`bulk bench exited with ${run.status}`);
  print(`6. Bulk subscribing — a local server answering each subscribe after 20 ms (node src/bulk.mjs)\n${run.stdout.trimEnd()}\n`);
  for (const [, label, figure, verdictText] of run.stdout.matchAll(/^target: (.+?) \(([^)]+)\): (MET|MISSED)$/gm)) target(`bulk: ${label}`, figure, verdictText === "MET");
}

// ---- 3. Pipeline ---------------------------------------------------------------------------------
if (wants("3")) {
log("3. pipeline");
const pipeline = await measurePipeline({ quick, sdkAvailable: Boolean(sdk), log });
for (const row of pipeline) if (row.failure) unmeasured.push(`${row.label}: ${row.failure}`);
print(
  table(
    `3. Pipeline — wall time of each command from spawn to exit${quick ? " (--quick: slow steps skipped)" : ""}`,
    ["step", "time", "runs", "target"],
    pipeline.map((row) => {
      let goal = "";
      if (row.key === "generate-warm") goal = `< ${duration(TARGETS.warmGenerateMs)}: ${target("warm generate < 1 s", duration(row.ms), row.failure ? undefined : row.ms < TARGETS.warmGenerateMs)}`;
      if (row.key === "cli-help") goal = `< ${duration(TARGETS.cliHelpMs)}: ${target("CLI --help < 150 ms", duration(row.ms), row.failure ? undefined : row.ms < TARGETS.cliHelpMs)}`;
      if (row.skipped) return [row.label, "skipped", "", `(${row.skipped})`];
      if (row.failure) return [row.label, "failed", String(row.runs ?? 0), row.failure];
      return [row.label, duration(row.ms), row.runs > 1 ? `median of ${row.runs}` : "1", goal];
    }),
    [],
    "lrll",
  ),
);

}

// ---- Targets -------------------------------------------------------------------------------------
const targetNotes = [`total bench time ${duration(performance.now() - started)}`];
if (quick) targetNotes.push("--quick: 2 short rounds, so the per-call verdicts are indicative only; run without --quick for the figures.");
print(table("Targets", ["target", "figure", "verdict"], targets, targetNotes, "lrl"));

if (!quick && only === undefined) {
  const dir = fileURLToPath(new URL("../results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}latest.txt`, printed);
  log(`saved to apps/benchmarks/results/latest.txt`);
}

if (unmeasured.length > 0) {
  log(`bench: ${unmeasured.length} part(s) could not be measured:\n  ${unmeasured.join("\n  ")}`);
  process.exitCode = 1;
}
