// node apps/benchmarks/src/bulk.mjs [--quick]: subscribeMany and the CLI against a local server that
// answers every subscribe after a fixed 20 ms, so the ideal throughput of a run is known exactly
// (concurrency / 20 ms). Prints, side by side in one run:
//   - runs at concurrency 1, 8, 32 and 128: wall time, throughput as a ratio to the ideal, and the
//     peak RSS of the process next to a run of fewer ids (flat memory), and at 32 a run three times
//     longer (whether RSS keeps growing);
//   - the same at 32 with 1 % of answers a 429 with Retry-After: 1, checked for exactly-once results,
//     attempts within the retries and no request inside a pause, with the pause's cost;
//   - the CLI reading ids from stdin.
// Each run is a child process of its own, so its peak RSS is its own. Traffic stays on 127.0.0.1;
// every run is bounded in ids and in time. Run after the workspace is built (`pnpm build`). Progress
// goes to stderr, the tables to stdout; a full run also saves them to results/bulk-latest.txt.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, createServer, request as httpRequest } from "node:http";
import { cpus } from "node:os";
import { getHeapSpaceStatistics } from "node:v8";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { bareSdkApi, loadBareSdk } from "./bare-sdk.mjs";
import { ACCESS_TOKEN, INSTANCE_ID, OK_BODY, SUBSCRIBE_PATH } from "./constants.mjs";
import { duration, megabytes, ops, ratio, table, verdict } from "./report.mjs";

const LATENCY_MS = 20;
const MAX_RETRIES = 2;
const SELF = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL("../../presence-cli/dist/cli.js", import.meta.url));
/** Contact number `n`: its number is its index, so a run needs no table of ids. */
const chatId = (n) => `44${String(n).padStart(10, "0")}@c.us`;
const indexOf = (path) => Number(/\/44(\d{10})(?:@|%40)c\.us\//.exec(path)?.[1] ?? -1);

// ---------------------------------------------------------------------------------------------
// The server, in a worker thread so its timers do not share the parent's event loop.
if (!isMainThread && workerData?.role === "server") {
  const body = Buffer.from(OK_BODY);
  const okHeaders = { "content-type": "application/json", "content-length": String(body.length) };
  let mode = { limitEvery: 0 };
  let answers = 0;
  let attempts = new Map();
  let limited = new Set();
  /** Pauses the server asked for: [start, end) in ms since the epoch. */
  let pauses = [];
  let inside = 0;
  let maxAttempts = 0;
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
    const now = Date.now();
    const index = indexOf(request.url ?? "");
    const count = (attempts.get(index) ?? 0) + 1;
    attempts.set(index, count);
    maxAttempts = Math.max(maxAttempts, count);
    // Requests already on their way when a 429 went out arrive within a few ms of it. One arriving
    // later was sent before the client had read the 429 (a slow turn, a GC pause), or broke the
    // pause: the client's own record (sentInside) tells which.
    const last = pauses.at(-1);
    if (last && now > last[0] + 50 && now < last[1] - 10) inside += 1;
    request.resume();
    answers += 1;
    // 1 % of answers a 429, never twice for one id: every id can still end subscribed.
    const limit = mode.limitEvery > 0 && answers % mode.limitEvery === 0 && !limited.has(index);
    setTimeout(() => {
      if (limit) {
        limited.add(index);
        const sent = Date.now();
        pauses.push([sent, sent + 1_000]);
        response.writeHead(429, { "content-type": "application/json", "retry-after": "1" }).end(JSON.stringify({ message: "Too many requests" }));
      } else response.writeHead(200, okHeaders).end(body);
    }, LATENCY_MS);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on("message", (message) => {
    if (message.reset) {
      mode = message.reset;
      answers = 0;
      attempts = new Map();
      limited = new Set();
      pauses = [];
      inside = 0;
      maxAttempts = 0;
      parentPort.postMessage({ ready: true });
    } else if (message === "stats") {
      // The time every sender was held off: the union of the pauses.
      let pausedMs = 0;
      let end = 0;
      for (const [from, to] of pauses) {
        pausedMs += Math.max(0, to - Math.max(from, end));
        end = Math.max(end, to);
      }
      parentPort.postMessage({ stats: { answers, distinct: attempts.size, maxAttempts, limitedAnswers: pauses.length, pausedMs, inside } });
    } else if (message === "close") {
      server.closeAllConnections();
      server.close(() => parentPort.postMessage({ closed: true }));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// One run in a child process: subscribeMany over a lazy stream of ids, accounted for exactly once.
async function child({ url, client, total, concurrency, watchPauses }) {
  if (client in REFERENCES) return loops(total, concurrency, await REFERENCES[client](url));
  // With watchPauses, the run notes when each request is handed to fetch and each pause it learns
  // of (onProgress hears of a pause as it starts): the client's own view of the Retry-After rule.
  const sends = [];
  const pauses = [];
  const watch = watchPauses
    ? {
        fetch: (input, init) => {
          sends.push(Date.now());
          return globalThis.fetch(input, init);
        },
      }
    : {};
  const onProgress = watchPauses
    ? ({ pausedUntil }) => {
        // Progress while paused repeats the same end (give or take the clock's rounding): one pause.
        if (pausedUntil !== undefined && !(Math.abs(pausedUntil - (pauses.at(-1)?.[1] ?? -Infinity)) < 5)) pauses.push([Date.now(), pausedUntil]);
      }
    : undefined;
  const options = { instanceId: INSTANCE_ID, accessToken: ACCESS_TOKEN, retry: { maxRetries: MAX_RETRIES }, ...watch };
  const api =
    client === "sdk"
      ? (await import("@wawp/presence-sdk")).createPresenceSdk({ ...options, basePath: url })
      : (await import("@wawp/presence-client")).createPresenceClient({ ...options, baseUrl: url });
  async function* ids() {
    for (let n = 0; n < total; n += 1) yield chatId(n);
  }
  const seen = new Uint8Array(total);
  let ok = 0;
  let failed = 0;
  let twice = 0;
  let unknown = 0;
  const started = performance.now();
  for await (const result of api.subscribeMany(ids(), { concurrency, onProgress })) {
    const index = indexOf(`/${result.chatId}/`);
    if (index < 0 || index >= total) unknown += 1;
    else if (seen[index]++ > 0) twice += 1;
    if (result.error) failed += 1;
    else ok += 1;
  }
  const wallMs = performance.now() - started;
  let missing = 0;
  for (const count of seen) if (count === 0) missing += 1;
  // Sent after the client learnt of a pause and before it ended (1 ms either side: Date.now() is whole ms).
  const sentInside = sends.filter((at) => pauses.some(([from, until]) => at > from + 1 && at < until - 1)).length;
  return { wallMs, ok, failed, twice, missing, unknown, sentInside, pausesSeen: pauses.length, ...memory() };
}

/**
 * What the clients are measured against, each a function that subscribes one id and resolves
 * whether it succeeded, run in `concurrency` plain loops:
 *   - floor: the honest floor, hand-written fetch with AbortSignal.timeout;
 *   - bare: openapi-fetch (presence-client's runtime) used bare, with the same timeout;
 *   - bareSdk: the generated typescript-fetch SDK (presence-sdk's runtime) used bare, with the same
 *     timeout through its fetchApi;
 *   - http: node:http with a keep-alive agent, no fetch at all: what the ideal loses to Node's fetch;
 *   - timers: no HTTP, only a 20 ms timer per id: what the ideal loses to this machine's timers.
 */
const REFERENCES = {
  floor: (url) => {
    const query = `instance_id=${INSTANCE_ID}&access_token=${ACCESS_TOKEN}`;
    return async (id) => {
      const response = await fetch(`${url}${SUBSCRIBE_PATH.replace("{chatId}", encodeURIComponent(id))}?${query}`, { method: "POST", signal: AbortSignal.timeout(10_000) });
      return (await response.json()).success === true;
    };
  },
  bare: async (url) => {
    const { default: createClient } = await import("openapi-fetch");
    const api = createClient({ baseUrl: url });
    const querySerializer = () => `instance_id=${INSTANCE_ID}&access_token=${ACCESS_TOKEN}`;
    return async (id) => {
      const { data } = await api.POST(SUBSCRIBE_PATH, { params: { path: { chatId: id } }, querySerializer, signal: AbortSignal.timeout(10_000) });
      return data?.success === true;
    };
  },
  bareSdk: async (url) => {
    const { generated, reason } = await loadBareSdk();
    if (!generated) throw new Error(reason);
    const api = bareSdkApi(generated, url);
    return async (id) => (await api.subscribeToPresence({ chatId: id })).success === true;
  },
  http: (url) => {
    const { hostname, port } = new URL(url);
    const agent = new Agent({ keepAlive: true });
    const query = `instance_id=${INSTANCE_ID}&access_token=${ACCESS_TOKEN}`;
    return (id) =>
      new Promise((resolve, reject) => {
        const path = `${SUBSCRIBE_PATH.replace("{chatId}", encodeURIComponent(id))}?${query}`;
        const request = httpRequest({ hostname, port, path, method: "POST", agent, signal: AbortSignal.timeout(10_000) }, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve(JSON.parse(text).success === true));
          response.on("error", reject);
        });
        request.on("error", reject);
        request.end();
      });
  },
  timers: () => () => new Promise((resolve) => setTimeout(resolve, LATENCY_MS, true)),
};

async function loops(total, concurrency, subscribeOne) {
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) if (await subscribeOne(chatId(next++))) ok += 1;
    }),
  );
  return { wallMs: performance.now() - started, ok, failed: total - ok, twice: 0, missing: 0, unknown: 0, ...memory() };
}

/**
 * Peak RSS of the run; the size V8 had grown its young and old generations to by the end (where
 * peak RSS goes: garbage not yet collected, not data kept); and the heap still in use after a full
 * collection (what the run kept).
 */
function memory() {
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
  globalThis.gc?.();
  return { peakRss: process.resourceUsage().maxRSS * 1024, young: spaces.new_space ?? 0, old: spaces.old_space ?? 0, heapKept: process.memoryUsage().heapUsed };
}

if (isMainThread && process.argv[2] === "--child") {
  const result = await child(JSON.parse(process.argv[3]));
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The parent: plan, runs, tables.
async function startServer() {
  const worker = new Worker(SELF, { workerData: { role: "server" } });
  const [{ port }] = await once(worker, "message");
  const ask = async (message, key) => {
    worker.postMessage(message);
    for (;;) {
      const [reply] = await once(worker, "message");
      if (reply[key] !== undefined) return reply[key];
    }
  };
  return {
    url: `http://127.0.0.1:${port}`,
    reset: (mode) => ask({ reset: mode }, "ready"),
    stats: () => ask("stats", "stats"),
    async close() {
      await ask("close", "closed");
      await worker.terminate();
    },
  };
}

/** Runs `node args` to its end, within `timeoutMs`; resolves its stdout, stderr and exit code. */
function runNode(args, { input, timeoutMs, countLines = false, env = process.env }) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: [input ? "pipe" : "ignore", "pipe", "pipe"], env });
    const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
    // A run never outlives the bench (Ctrl-C, or an error in the parent).
    const stop = () => proc.kill("SIGKILL");
    process.once("exit", stop);
    let stdout = "";
    let stderr = "";
    let lines = 0;
    let okLines = 0;
    let tail = "";
    proc.stdout.on("data", (chunk) => {
      if (!countLines) {
        stdout += chunk;
        return;
      }
      // The CLI's output is counted, not kept: 100,000 lines would weigh on this process.
      const text = tail + chunk;
      const parts = text.split("\n");
      tail = parts.pop() ?? "";
      lines += parts.length;
      for (const part of parts) if (part.includes('"ok":true')) okLines += 1;
    });
    proc.stderr.on("data", (chunk) => (stderr += chunk));
    proc.once("error", reject);
    proc.once("close", (code) => {
      clearTimeout(timer);
      process.off("exit", stop);
      resolve({ code, stdout, stderr, lines, okLines });
    });
    if (input) input(proc.stdin);
  });
}

async function runBatch(server, plan) {
  await server.reset({ limitEvery: plan.limitEvery ?? 0 });
  const job = { url: server.url, client: plan.client, total: plan.total, concurrency: plan.concurrency, watchPauses: Boolean(plan.limitEvery) };
  const { code, stdout, stderr } = await runNode(["--expose-gc", SELF, "--child", JSON.stringify(job)], { timeoutMs: 600_000 });
  if (code !== 0) throw new Error(`the run ${JSON.stringify(plan)} failed (exit ${code}): ${stderr.trim()}`);
  return { ...JSON.parse(stdout), server: await server.stats() };
}

/** The CLI, reading `total` ids from stdin; its peak RSS is reported by a preload at exit. */
async function runCli(server, total, concurrency) {
  await server.reset({ limitEvery: 0 });
  const reportRss = `data:text/javascript,${encodeURIComponent('import { writeSync } from "node:fs"; process.on("exit", () => writeSync(2, `@@maxrss ${process.resourceUsage().maxRSS}\\n`));')}`;
  const started = performance.now();
  const result = await runNode([`--import=${reportRss}`, CLI, "subscribe", "--from-file", "-", "--json", "--concurrency", String(concurrency)], {
    timeoutMs: 600_000,
    env: { ...process.env, WAWP_BASE_URL: server.url, WAWP_INSTANCE_ID: INSTANCE_ID, WAWP_ACCESS_TOKEN: ACCESS_TOKEN },
    countLines: true,
    input: async (stdin) => {
      const batch = 1_000;
      for (let n = 0; n < total; n += batch) {
        const text = Array.from({ length: Math.min(batch, total - n) }, (_, i) => chatId(n + i)).join("\n");
        if (!stdin.write(`${text}\n`)) await once(stdin, "drain");
      }
      stdin.end();
    },
  });
  const wallMs = performance.now() - started;
  const rss = Number(/@@maxrss (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN) * 1024;
  const summary = /wawp-presence: [^\n]+/.exec(result.stderr)?.[0] ?? "(no summary)";
  return { wallMs, code: result.code, lines: result.lines, ok: result.okLines, peakRss: rss, summary, server: await server.stats() };
}

// Only the main thread of the parent runs the bench: the server's worker and each run's child
// process load this same module.
if (isMainThread && process.argv[2] !== "--child") await main();

async function main() {
  let printed = "";
  const print = (text) => {
    printed += `${text}\n`;
    process.stdout.write(`${text}\n`);
  };
  const quick = process.argv.includes("--quick");
  const log = (line) => process.stderr.write(`${line}\n`);
  const PLAN = quick
    ? { big: 1_500, small: 300, long: 4_500, single: 100, limited: 500, cli: 5_000, cliSmall: 500 }
    : { big: 10_000, small: 1_000, long: 30_000, single: 500, limited: 10_000, cli: 100_000, cliSmall: 10_000 };
  const RSS_BUDGET = 20 * 1024 * 1024;
  /** An RSS difference with its sign: "+38.0 MB", "−2.1 MB". */
  const growthText = (bytes) => `${bytes >= 0 ? "+" : "−"}${megabytes(Math.abs(bytes))}`;
  const THROUGHPUT_TARGET = 0.9;

  const cpu = cpus();
  print(`bulk bench${quick ? " --quick" : ""} — ${new Date().toISOString()}`);
  print(`Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}`);
  print(`Server: 127.0.0.1, keep-alive, every subscribe answered after ${LATENCY_MS} ms (in a worker thread). Ideal = concurrency / ${LATENCY_MS} ms. Each run is its own process.\n`);

  const server = await startServer();
  const benchStarted = performance.now();
  try {
    // 1. Throughput and memory by concurrency.
    const rows = [];
    const runs = [
      // At concurrency 1 the process idles 20 ms between calls: the floor shows what waking up
      // costs on this machine, which no client can save.
      { client: "floor", concurrency: 1, total: PLAN.single },
      { client: "fetch", concurrency: 1, total: PLAN.single },
      ...[8, 32, 128].flatMap((concurrency) => [
        // At 32, where the target is missed, the references show where the ideal goes: to the
        // machine's timers, to Node's fetch, to the generator's runtime.
        ...(concurrency === 32 ? ["timers", "http"] : []),
        "floor",
        ...(concurrency === 32 ? ["bare", "bareSdk"] : []),
        "fetch",
      ].flatMap((client) => [
        { client, concurrency, total: PLAN.small },
        { client, concurrency, total: PLAN.big },
      ])),
      { client: "sdk", concurrency: 32, total: PLAN.small },
      { client: "sdk", concurrency: 32, total: PLAN.big },
      // Three times longer: whether peak RSS keeps growing with the ids or stops once the heap has
      // grown to the run's working size.
      { client: "floor", concurrency: 32, total: PLAN.long },
      { client: "fetch", concurrency: 32, total: PLAN.long },
    ];
    const NAMES = {
      timers: "reference: a 20 ms timer, no HTTP",
      http: "reference: node:http keep-alive, no fetch",
      floor: "floor: fetch + AbortSignal.timeout",
      bare: "bare openapi-fetch + AbortSignal.timeout",
      bareSdk: "bare generated SDK + AbortSignal.timeout",
      fetch: "@wawp/presence-client",
      sdk: "@wawp/presence-sdk",
    };
    const isClient = (client) => !(client in REFERENCES);
    const smallRss = new Map();
    const bigRss = new Map();
    const floorRate = new Map();
    /** The clients' figures the targets judge (the floor's are its yardstick): the worst of each goes to the summary. */
    const judged = { throughput: [], rss: [] };
    for (const plan of runs) {
      log(`bulk: ${plan.client} × ${plan.total} ids at concurrency ${plan.concurrency}...`);
      const run = await runBatch(server, plan);
      const ideal = plan.concurrency * (1000 / LATENCY_MS);
      const throughput = plan.total / (run.wallMs / 1000);
      if (plan.client === "floor") floorRate.set(`${plan.concurrency}/${plan.total}`, throughput);
      const key = `${plan.client}/${plan.concurrency}`;
      // The timer reference sends nothing.
      const sent = plan.client === "timers" ? plan.total : run.server.answers;
      const accounted = run.ok === plan.total && run.twice === 0 && run.missing === 0 && sent === plan.total;
      let memory = "";
      if (plan.total === PLAN.small && plan.concurrency > 1) smallRss.set(key, run.peakRss);
      else if (plan.total === PLAN.long) memory = `RSS ${growthText(run.peakRss - bigRss.get(key))} vs ${PLAN.big.toLocaleString("en-US")} ids (not judged)`;
      else if (smallRss.has(key)) {
        bigRss.set(key, run.peakRss);
        const growth = run.peakRss - smallRss.get(key);
        memory = `RSS ${growthText(growth)} vs ${PLAN.small.toLocaleString("en-US")} ids: ${verdict(growth <= RSS_BUDGET)}`;
        if (isClient(plan.client)) judged.rss.push({ value: growth, who: `${NAMES[plan.client]} at ${plan.concurrency}` });
      }
      const big = plan.total === PLAN.big && isClient(plan.client);
      const judgedRate = (plan.concurrency === 8 || plan.concurrency === 32) && big;
      if (judgedRate) judged.throughput.push({ value: throughput / ideal, who: `${NAMES[plan.client]} at ${plan.concurrency}` });
      const throughputTarget = judgedRate ? `≥ ${THROUGHPUT_TARGET}× ideal: ${verdict(throughput / ideal >= THROUGHPUT_TARGET)}` : "";
      // Filled in once every run is done: a reference may run before the floor.
      const vsFloor = () => {
        const floorKey = `${plan.concurrency}/${plan.total}`;
        return plan.client !== "floor" && plan.total !== PLAN.small && floorRate.has(floorKey) ? ratio(throughput / floorRate.get(floorKey)) : "";
      };
      rows.push([
        NAMES[plan.client],
        plan.concurrency,
        ops(plan.total),
        duration(run.wallMs),
        ops(throughput),
        ratio(throughput / ideal),
        vsFloor,
        megabytes(run.peakRss),
        `${megabytes(run.young)} / ${megabytes(run.old)}`,
        megabytes(run.heapKept),
        accounted ? "yes" : `NO (${run.ok} ok, ${run.twice} twice, ${run.missing} missing, ${sent} sent)`,
        [throughputTarget, memory].filter(Boolean).join("; "),
      ]);
    }
    print(
      table(
        "1. subscribeMany by concurrency — a lazy stream of ids, server latency 20 ms",
        ["contender", "conc.", "ids", "wall", "ids/s", "× ideal", "× floor", "peak RSS", "young / old gen", "heap kept", "each id once", "target"],
        rows.map((row) => row.map((cell) => (typeof cell === "function" ? cell() : cell))),
        [
          `"× ideal": throughput over concurrency / ${LATENCY_MS} ms; the target (≥ ${THROUGHPUT_TARGET}×) applies at 8 and 32. "× floor": over the floor's throughput at the same concurrency.`,
          `"peak RSS": the run's process; the target is within ${megabytes(RSS_BUDGET)} of the same concurrency with ${PLAN.small.toLocaleString("en-US")} ids. "young / old gen": the size V8 had grown each generation to by the end, garbage included. "heap kept": heap in use after a full GC at the end.`,
          `The references are not clients and are not judged: a 20 ms timer per id shows what this machine's timers cost; node:http, what Node's fetch costs on top.`,
          `The ${PLAN.long.toLocaleString("en-US")}-id runs show whether peak RSS keeps growing with the ids past the ${PLAN.big.toLocaleString("en-US")}-id runs.`,
        ],
        "lrrrrrrrrrll",
      ),
    );

    // One line per target, the worst client's figure: `pnpm bench` gathers these into its summary.
    const lowest = judged.throughput.reduce((worst, x) => (x.value < worst.value ? x : worst));
    const highest = judged.rss.reduce((worst, x) => (x.value > worst.value ? x : worst));
    print(`target: subscribeMany >= ${THROUGHPUT_TARGET}× ideal at 8 and 32 (worst ${ratio(lowest.value)}, ${lowest.who}): ${verdict(lowest.value >= THROUGHPUT_TARGET)}`);
    print(`target: subscribeMany peak RSS within ${megabytes(RSS_BUDGET)} of ${PLAN.small.toLocaleString("en-US")} ids (worst ${growthText(highest.value)}, ${highest.who}): ${verdict(highest.value <= RSS_BUDGET)}\n`);

    // 2. The shared pause.
    log(`bulk: ${PLAN.limited} ids at concurrency 32 with 1 % of answers 429...`);
    const concurrency = 32;
    const limited = await runBatch(server, { client: "fetch", concurrency, total: PLAN.limited, limitEvery: 100 });
    const ideal = concurrency * (1000 / LATENCY_MS);
    const throughput = PLAN.limited / (limited.wallMs / 1000);
    const idealMs = (PLAN.limited / ideal) * 1000;
    const sending = limited.wallMs - limited.server.pausedMs;
    const checks = [
      ["every id ends subscribed", `${ops(limited.ok)} of ${ops(PLAN.limited)} ok, ${limited.failed} failed`, verdict(limited.ok === PLAN.limited)],
      ["none reported twice, none missing", `${limited.twice} twice, ${limited.missing} missing`, verdict(limited.twice === 0 && limited.missing === 0)],
      [`none sent more often than its retries allow (1 + ${MAX_RETRIES})`, `at most ${limited.server.maxAttempts} attempt(s) for one id`, verdict(limited.server.maxAttempts <= 1 + MAX_RETRIES)],
      ["no request sent inside a pause the client knew of", `${limited.sentInside} of ${ops(limited.server.answers)} (${limited.pausesSeen} pauses seen)`, verdict(limited.sentInside === 0)],
    ];
    print(
      table(
        `2. The shared pause — ${ops(PLAN.limited)} ids at concurrency 32, every 100th answer a 429 with Retry-After: 1 (once per id)`,
        ["figure", "value"],
        [
          ["429s answered (each pauses every worker)", ops(limited.server.limitedAnswers)],
          ["requests arriving 50 ms or more into a pause (the server's clock)", ops(limited.server.inside)],
          ["requests sent", ops(limited.server.answers)],
          ["wall time", duration(limited.wallMs)],
          ["  of which every worker was paused", duration(limited.server.pausedMs)],
          ["  of which sending", duration(sending)],
          ["ideal without 429s", duration(idealMs)],
          ["throughput", `${ops(throughput)} ids/s = ${ratio(throughput / ideal)} ideal`],
          ["cost of the pauses", `${ratio(limited.wallMs / idealMs)} the ideal's time; ${duration(limited.server.pausedMs / Math.max(1, limited.server.limitedAnswers))} per 429`],
          ["throughput while sending", `${ops(PLAN.limited / (sending / 1000))} ids/s = ${ratio(PLAN.limited / (sending / 1000) / ideal)} ideal`],
        ],
        [
          "Each 429 holds the whole batch off for its Retry-After, by design: the server asked the client to wait, not one request.",
          "A request can arrive well into a pause by the server's clock yet have been sent before the client had read the 429 (a slow turn, a GC pause); the check below uses the client's own record of its sends and of the pauses it learnt of.",
        ],
      ),
    );
    print(table("   checks", ["check", "seen", "result"], checks));

    // 3. The CLI through stdin.
    const cliRows = [];
    const cliConcurrency = 128;
    for (const total of [PLAN.cliSmall, PLAN.cli]) {
      log(`bulk: the CLI with ${total} ids from stdin...`);
      const run = await runCli(server, total, cliConcurrency);
      const cliIdeal = cliConcurrency * (1000 / LATENCY_MS);
      cliRows.push([
        ops(total),
        duration(run.wallMs),
        ops(total / (run.wallMs / 1000)),
        ratio(total / (run.wallMs / 1000) / cliIdeal),
        megabytes(run.peakRss),
        run.code === 0 && run.ok === total && run.lines === total && run.server.distinct === total ? "yes" : `NO (exit ${run.code}, ${run.ok} ok lines of ${run.lines})`,
      ]);
      cliRows.summary = run.summary;
    }
    print(
      table(
        `3. The CLI — wawp-presence subscribe --from-file - --json --concurrency ${cliConcurrency}, ids piped to stdin, stdout counted`,
        ["ids", "wall (spawn to exit)", "ids/s", "× ideal", "peak RSS (CLI)", "one ok line each"],
        cliRows,
        [`ideal ${ops(cliConcurrency * (1000 / LATENCY_MS))} ids/s; the CLI's last summary: ${cliRows.summary}`],
      ),
    );
  } finally {
    await server.close();
  }
  if (!quick) {
    const results = fileURLToPath(new URL("../results/", import.meta.url));
    mkdirSync(results, { recursive: true });
    writeFileSync(`${results}bulk-latest.txt`, printed);
  }
  log(`bulk: done in ${duration(performance.now() - benchStarted)}`);
}
