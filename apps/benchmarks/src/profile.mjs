// node src/profile.mjs [--contender presence-client] [--mode canned|http] [--ms 4000] [--top 30]
// Profiles one contender's canned-fetch case (section 1a), or its end-to-end case against the local
// server (1b) with `--mode http`, with `node --cpu-prof` and prints where
// the time goes: self time by function and by file, and total (inclusive) time for the functions
// that matter. The loop is bounded by call count and by time.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

function flag(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}
const contenderKey = flag("contender", "presence-client");
const mode = flag("mode", "canned");
const ms = Number(flag("ms", "4000"));
const top = Number(flag("top", "30"));
const maxCalls = Number(flag("calls", "2000000"));

if (process.env.BENCH_PROFILE_CHILD === "1") {
  const { cannedFetch, loadSdk, makeContenders } = await import("./contenders.mjs");
  const { sdk } = await loadSdk();
  const { generated } = await (await import("./bare-sdk.mjs")).loadBareSdk();
  const server = mode === "http" ? await (await import("./server.mjs")).startBenchServer() : undefined;
  const options = server ? { baseUrl: server.url, mode: "http", sdk, generated } : { baseUrl: "https://api.wawp.net", fetch: cannedFetch, mode: "canned", sdk, generated };
  const contender = makeContenders(options).find((c) => c.key === contenderKey);
  if (!contender?.call) throw new Error(`no runnable contender '${contenderKey}'`);
  const deadline = performance.now() + ms;
  let calls = 0;
  while (calls < maxCalls && performance.now() < deadline) {
    for (let i = 0; i < 64; i += 1) await contender.call();
    calls += 64;
  }
  await server?.close();
  process.stdout.write(`${calls} calls in ${ms} ms: ${((ms * 1000) / calls).toFixed(2)} µs per call (profiler on)\n`);
} else {
  const dir = mkdtempSync(join(tmpdir(), "bench-prof-"));
  const run = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    env: { ...process.env, BENCH_PROFILE_CHILD: "1" },
    stdio: ["ignore", "inherit", "inherit"],
    timeout: ms + 60_000,
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8"));
  rmSync(dir, { recursive: true, force: true });
  summarize(profile);
}

function summarize(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  // Sample i lasted timeDeltas[i + 1]; close enough to attribute delta i to sample i.
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[index] ?? 0)));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const label = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^file:\/\//, "").replace(/.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/.*\/packages\//, "packages/") : "";
    return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
  };
  const fileOf = (node) => {
    const url = node.callFrame.url;
    if (!url) return node.callFrame.functionName.startsWith("(") ? node.callFrame.functionName : "(native)";
    if (url.startsWith("node:")) return url;
    return url.replace(/^file:\/\//, "").replace(/.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/.*\/packages\//, "packages/").replace(/.*\/apps\//, "apps/");
  };

  let total = 0;
  const bySelf = new Map();
  const byFile = new Map();
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    total += us;
    const node = nodes.get(id);
    const name = label(node);
    bySelf.set(name, (bySelf.get(name) ?? 0) + us);
    const file = fileOf(node);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    // Inclusive: charge every distinct function on the stack once.
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = label(nodes.get(at));
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + us);
    }
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const list = (title, map, count) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`  ${pct(us)}  ${name}`);
  };
  list(`Self time by function (top ${top})`, bySelf, top);
  list("Self time by file", byFile, 20);
  list(`Total time by function (top ${top})`, inclusive, top);
}
