// Starts a real Prism process on a free loopback port, waits until it answers, and stops it —
// also when the test run fails or the process exits — so nobody ever starts a mock by hand.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { specPath } from "@wawp/codegen";
import { freePort } from "./free-port.js";

const require = createRequire(import.meta.url);

export interface PrismOptions {
  /** "mock" serves the spec's examples; "proxy" forwards to `upstream` and checks its answers. */
  mode?: "mock" | "proxy";
  /** The real server, for proxy mode. */
  upstream?: string;
  /** Turn request/response violations into error responses (Prism's `--errors`). */
  errors?: boolean;
  /** Generate random schema-valid responses instead of the examples (Prism's `-d`). */
  dynamic?: boolean;
  /** Seed for dynamic mode, so a run can be repeated. */
  seed?: number;
  /** A fixed port; a free one is picked when absent. */
  port?: number;
  /** The spec to serve. @default spec/openapi.yaml */
  spec?: string;
  /** How long to wait for Prism to answer. @default 60000 */
  readyTimeoutMs?: number;
}

export interface PrismServer {
  /** The base URL, e.g. http://127.0.0.1:43123 */
  url: string;
  port: number;
  /** Everything Prism printed so far (stdout and stderr), one entry per line. */
  logs(): string[];
  /** Stops Prism: SIGTERM, then SIGKILL if it has not exited within 5 s. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const EXIT_WITH_PARENT = fileURLToPath(new URL("./exit-with-parent.cjs", import.meta.url));

function prismBin(): string {
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = require(manifestPath) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin["prism"];
  if (!bin) throw new Error("@stoplight/prism-cli has no 'prism' bin");
  return join(dirname(manifestPath), bin);
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: never leave a Prism behind when the test process ends, however it ends.
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

export async function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  const mode = options.mode ?? "mock";
  if (mode === "proxy" && !options.upstream) throw new Error("startPrism: proxy mode needs an upstream URL");
  const port = options.port ?? (await freePort(HOST));
  const args = [prismBin(), mode, options.spec ?? specPath];
  if (mode === "proxy") args.push(options.upstream as string);
  args.push("--host", HOST, "--port", String(port));
  if (options.errors) args.push("--errors");
  if (options.dynamic) args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", String(options.seed));

  installExitHook();
  // Spawned directly (no shell) so the PID held here is Prism's own. Its stdin is a pipe held open
  // here: exit-with-parent ends Prism when that pipe closes, so a board or test run killed with
  // SIGKILL leaves no Prism behind.
  const child = spawn(process.execPath, ["--require", EXIT_WITH_PARENT, ...args], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  running.add(child);
  const lines: string[] = [];
  const collect = (chunk: Buffer): void => {
    // Prism colours its output even when told not to; strip ANSI codes for readable logs.
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(line.replace(/\u001b\[[0-9;]*m/g, ""));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  exited.then(() => running.delete(child));

  const url = `http://${HOST}:${port}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return exited.then(() => undefined);
    stopped = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };

  try {
    await waitUntilAnswering(url, exited, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const tail = lines.slice(-20).join("\n");
    throw new Error(`Prism did not start on ${url}: ${(error as Error).message}\n--- Prism output ---\n${tail}`);
  }
  return { url, port, logs: () => [...lines], stop };
}

async function waitUntilAnswering(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline) {
    if (gone) throw new Error("the process exited before it answered");
    try {
      // Any HTTP answer (Prism says 404 for "/") means it is listening.
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer within ${timeoutMs} ms`);
}
