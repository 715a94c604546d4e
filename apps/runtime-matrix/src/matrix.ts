// The runtime matrix: pack and install every published package outside the workspace, start the
// Prism mock and a server that never answers, then run the one smoke script on each server runtime
// and in Chromium. Returns one result per runtime; src/table.ts turns them into the table.
import { execFile } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { runInBrowser } from "./browser-run.js";
import { createConsumerProject } from "./consumer-project.js";
import { startHangingServer } from "./hanging-server.js";
import { startPrism } from "./mock.js";
import { publishedPackages, smokeDir, smokeModuleOf } from "./published.js";
import { SERVER_RUNTIMES, versionOf, type Runtime } from "./runtimes.js";
import { isSmokeRows, type SmokeConfig, type SmokeEnv, type SmokeRow } from "./smoke-config.js";
import { presenceUpdateExample } from "./spec-event.js";

export interface RuntimeResult {
  /** "Node 22.23.3", "Chromium 156.0.8078.108" */
  runtime: string;
  rows: SmokeRow[];
  /** Why the runtime produced no rows (binary missing, crash, bad output). */
  failure?: string;
  ms: number;
}

export interface MatrixResult {
  packages: string[];
  results: RuntimeResult[];
  /** Packing and installing the tarballs, starting the servers. */
  setupMs: number;
}

const WEBHOOKS = "@wawp/presence-webhooks";
const RUN_LIMIT_MS = 120_000;

export async function runMatrix(options: { screenshot: string }): Promise<MatrixResult> {
  const started = Date.now();
  const packages = publishedPackages();
  const modules = packages.map(smokeModuleOf);
  const project = createConsumerProject(
    packages.map((pkg) => pkg.dir),
    { type: "module" },
  );
  const smoke = join(project.dir, "smoke");
  cpSync(smokeDir, smoke, { recursive: true });
  const prism = await startPrism({ errors: true });
  const hanging = await startHangingServer();
  try {
    const env: SmokeEnv = {
      prismUrl: prism.url,
      hangUrl: hanging.url,
      instanceId: "matrix-instance",
      token: "matrix-secret-token-5f3a9c71",
      timeoutMs: 300,
      abortAfterMs: 150,
    };
    if (packages.some((pkg) => pkg.name === WEBHOOKS)) {
      env.webhookSecret = "matrix-webhook-secret-2b8e44";
      env.webhookEvent = presenceUpdateExample();
    }
    const config: SmokeConfig = { modules, env };
    const setupMs = Date.now() - started;

    const results: RuntimeResult[] = [];
    for (const runtime of SERVER_RUNTIMES) results.push(await runServerRuntime(runtime, project.dir, config));
    results.push(await runBrowser(smoke, config, options.screenshot));
    return { packages: packages.map((pkg) => pkg.name), results, setupMs };
  } finally {
    await hanging.close();
    await prism.stop();
    project.remove();
  }
}

async function runServerRuntime(runtime: Runtime, cwd: string, config: SmokeConfig): Promise<RuntimeResult> {
  const started = Date.now();
  const fail = (runtimeLabel: string, failure: string): RuntimeResult => ({ runtime: runtimeLabel, rows: [], failure, ms: Date.now() - started });
  let binary: string;
  let label: string;
  try {
    binary = runtime.binary();
    const version = versionOf(binary);
    label = `${runtime.name} (${version})`;
    if (runtime.major !== undefined && !version.startsWith(`${runtime.major}.`)) {
      return fail(label, `${binary} is version ${version}, not ${runtime.major}.x`);
    }
  } catch (error) {
    return fail(runtime.name, (error as Error).message);
  }
  const argv = runtime.argv(join("smoke", "server.mjs"), [JSON.stringify(config)]);
  const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };
  const outcome = await new Promise<{ stdout: string; stderr: string; error: Error | null }>((resolve) => {
    execFile(binary, argv, { cwd, env, timeout: RUN_LIMIT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ stdout, stderr, error }));
  });
  const lastLine = outcome.stdout.trim().split("\n").at(-1) ?? "";
  let rows: unknown;
  try {
    rows = JSON.parse(lastLine);
  } catch {
    rows = undefined;
  }
  if (outcome.error !== null || !isSmokeRows(rows)) {
    const why = outcome.error?.message.split("\n")[0] ?? "no result line";
    return fail(label, `${why}\n${outcome.stderr.trim().split("\n").slice(-15).join("\n")}`);
  }
  return { runtime: label, rows, ms: Date.now() - started };
}

async function runBrowser(smoke: string, config: SmokeConfig, screenshot: string): Promise<RuntimeResult> {
  const started = Date.now();
  try {
    const run = await runInBrowser(smoke, config, screenshot);
    return { runtime: `Chromium (${run.version})`, rows: run.rows, ms: Date.now() - started };
  } catch (error) {
    return { runtime: "Chromium", rows: [], failure: (error as Error).message, ms: Date.now() - started };
  }
}
