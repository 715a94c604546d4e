// pnpm load [--total 2000] [--concurrency 200] [--time-limit-ms 60000] [--server fault|worker]
// Sends `total` subscribes through each client, `concurrency` at a time, to a local node:http server
// on 127.0.0.1 answering the documented 200, and prints what
// was sent, answered and failed, whether any call was lost (never settled) or settled twice, p50/p99
// latency and the peak RSS of the process during the run. Each client runs in its own child process
// (so one client's heap does not inflate the next one's RSS) against its own server, one after the
// other. Before the measured run, one burst of `concurrency` calls opens the connections, so the
// figures are the steady state rather than TCP connection set-up.
//
// The server runs in a worker thread by default (src/server.mjs). `--server fault` uses the contract
// harness's startFaultServer in the clients' own process instead; sharing one event loop with 200
// calls in flight, it gives a bimodal latency (p99 ~0.85 s for a plain fetch as well), so the
// latency figures describe that set-up more than the client.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runLoad } from "@wawp/mock-server/load";
import { startFaultServer } from "@wawp/mock-server/fault-server";
import { startBenchServer } from "./server.mjs";
import { createPresenceClient } from "@wawp/presence-client";
import { ACCESS_TOKEN, CHAT_ID, INSTANCE_ID } from "./constants.mjs";
import { loadSdk, subscribeUrl } from "./contenders.mjs";
import { duration, megabytes, table } from "./report.mjs";

function flag(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} needs a whole number >= 1\n`);
    process.exit(2);
  }
  return value;
}
const childIndex = process.argv.indexOf("--child");
const child = childIndex === -1 ? undefined : process.argv[childIndex + 1];
const total = flag("total", 2_000);
const concurrency = flag("concurrency", 200);
const timeLimitMs = flag("time-limit-ms", 60_000);
const serverIndex = process.argv.indexOf("--server");
const serverKind = serverIndex === -1 ? "worker" : process.argv[serverIndex + 1];
if (serverKind !== "worker" && serverKind !== "fault") {
  process.stderr.write("--server must be 'worker' or 'fault'\n");
  process.exit(2);
}

/** The server, behind one interface: its URL, how many requests it has seen, and close(). */
async function startServer() {
  if (serverKind === "worker") return startBenchServer();
  const fault = await startFaultServer();
  return { url: fault.url, requestCount: async () => fault.requests.length, close: () => fault.close() };
}

const { sdk, reason } = await loadSdk();
const clients = [
  {
    name: "floor: hand-written fetch",
    // For reference: the vendor page's sample. A non-2xx or unreadable body rejects (counts as failed).
    make: (baseUrl) => {
      const url = subscribeUrl(baseUrl);
      const init = { method: "POST", headers: { "Content-Type": "application/json" } };
      return async () => {
        const response = await fetch(url, init);
        if (!response.ok) throw new Error(`status ${response.status}`);
        return response.json();
      };
    },
  },
  {
    name: "@wawp/presence-client",
    // Resolves { data } or { error }: an error value counts as failed (runLoad's default).
    make: (baseUrl) => {
      const client = createPresenceClient({ baseUrl, instanceId: INSTANCE_ID, accessToken: ACCESS_TOKEN });
      return () => client.subscribe(CHAT_ID);
    },
  },
  {
    name: "@wawp/presence-sdk",
    unavailable: sdk ? undefined : reason,
    // Resolves the success model or rejects with a typed error: a rejection counts as failed.
    make: (baseUrl) => {
      const client = sdk.createPresenceSdk({ basePath: baseUrl, instanceId: INSTANCE_ID, accessToken: ACCESS_TOKEN });
      return () => client.subscribe(CHAT_ID);
    },
  },
];

/** Runs one client's load in this process; resolves its table row data. */
async function measure(client) {
  const server = await startServer();
  try {
    const subscribe = client.make(server.url);
    // Warm-up: one burst of `concurrency` calls, which also opens the connections.
    await Promise.allSettled(Array.from({ length: Math.min(concurrency, total) }, () => subscribe()));
    const seenBefore = await server.requestCount();
    const firstErrors = [];
    const keep = (error) => {
      if (firstErrors.length < 3) firstErrors.push(`${error?.name ?? "Error"}: ${error?.message ?? String(error)}`);
    };
    const result = await runLoad({
      subscribe: () =>
        subscribe().then(
          (value) => {
            if (value?.error) keep(value.error);
            return value;
          },
          (error) => {
            keep(error);
            throw error;
          },
        ),
      total,
      concurrency,
      timeLimitMs,
    });
    return { ...result, serverSaw: (await server.requestCount()) - seenBefore, firstErrors };
  } finally {
    await server.close();
  }
}

if (child !== undefined) {
  const client = clients.find((candidate) => candidate.name === child);
  const result = await measure(client);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const rows = [];
const notes = [];
for (const client of clients) {
  if (client.unavailable) {
    rows.push([client.name, "n/a", "", "", "", "", "", "", "", "", client.unavailable]);
    continue;
  }
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", client.name, "--total", String(total), "--concurrency", String(concurrency), "--time-limit-ms", String(timeLimitMs), "--server", serverKind], {
    encoding: "utf8",
    timeout: timeLimitMs + 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = run.stdout?.trim().split("\n").at(-1);
  let result;
  try {
    result = JSON.parse(line ?? "");
  } catch {
    rows.push([client.name, "failed", "", "", "", "", "", "", "", "", `the child process ended with ${run.status ?? run.signal}: ${(run.stderr ?? "").trim().split("\n").slice(-2).join(" | ")}`]);
    continue;
  }
  const accounted = result.answered + result.failed + result.unresolved === result.sent;
  rows.push([
    client.name,
    String(result.sent),
    String(result.answered),
    String(result.failed),
    String(result.unresolved),
    String(result.resolvedTwice),
    String(result.serverSaw),
    duration(result.p50Ms),
    duration(result.p99Ms),
    megabytes(result.peakRssBytes),
    `${duration(result.wallMs)}, ${Math.round((result.sent / result.wallMs) * 1000)} req/s, max in flight ${result.maxInFlight}` +
      (accounted ? "" : " — NOT ALL ACCOUNTED FOR") +
      (result.timedOut ? ` — time limit ${timeLimitMs} ms hit` : ""),
  ]);
  for (const error of result.firstErrors) notes.push(`${client.name} failure: ${error}`);
}

process.stdout.write(`pnpm load — ${new Date().toISOString()}, Node ${process.version}, ${total} subscribes per client, concurrency ${concurrency}, time limit ${timeLimitMs} ms\n\n`);
process.stdout.write(
  table(
    `Load — node:http on 127.0.0.1 answering 200 (${serverKind === "worker" ? "in a worker thread" : "startFaultServer, in the clients' process"}), keep-alive, global fetch (undici); one child process per client`,
    ["client", "sent", "answered", "failed", "unresolved", "settled twice", "server saw", "p50", "p99", "peak RSS", "run"],
    rows,
    notes,
    "lrrrrrrrrrl",
  ),
);
// A lost or doubly settled call fails the run.
// Exit 1 when a client lost a call, settled one twice, or its child process crashed.
process.exitCode = rows.some((row) => !/^\d+$/.test(row[1]) || row[4] !== "0" || row[5] !== "0") ? 1 : 0;
