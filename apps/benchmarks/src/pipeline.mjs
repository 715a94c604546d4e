// Section 3: the developer pipeline — generation cold and warm, the contract suite with Prism's
// start-up, and the CLI's cold start. Every command is a child process timed from spawn to exit,
// and killed if it outlives its time limit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "./report.mjs";
import { CHAT_ID } from "./constants.mjs";

export const root = fileURLToPath(new URL("../../../", import.meta.url));
export const cliPath = `${root}apps/presence-cli/dist/cli.js`;
const quietEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", FORCE_COLOR: "0" };

/** Runs one command; resolves { ms, code, output } and never rejects. */
export function timeCommand(command, args, { cwd = root, timeoutMs = 120_000, env = quietEnv } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    let output = "";
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      resolve({ ms: Number.NaN, code: -1, output: String(error) });
      return;
    }
    const keep = (chunk) => {
      output = (output + chunk.toString("utf8")).slice(-8_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const killer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", (error) => {
      output += `\n${String(error)}`;
    });
    child.once("close", (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(killer);
      resolve({ ms, code: code ?? (signal ? 128 : -1), output });
    });
  });
}

/** Runs a command `runs` times (each bounded); the median of the successful runs, or the failure. */
async function repeat(runs, command, args, options, expectCode = 0) {
  const times = [];
  let failure;
  const deadline = performance.now() + (options?.totalLimitMs ?? 120_000);
  for (let i = 0; i < runs && performance.now() < deadline; i += 1) {
    const result = await timeCommand(command, args, options);
    if (result.code !== expectCode) {
      failure = `exit ${result.code}: ${lastLines(result.output)}`;
      break;
    }
    times.push(result.ms);
  }
  return failure ? { failure, runs: times.length } : { ms: median(times), min: Math.min(...times), runs: times.length };
}

function lastLines(text, count = 3) {
  return text.trim().split("\n").slice(-count).join(" | ").slice(0, 300);
}

/** Makes sure the CLI is built (a turbo cache hit when it is); resolves an error text or undefined. */
async function ensureCli() {
  if (existsSync(cliPath)) return undefined;
  const built = await timeCommand("pnpm", ["exec", "turbo", "run", "build", "--filter=@wawp/presence-cli...", "--output-logs=errors-only"], { timeoutMs: 300_000 });
  if (built.code !== 0 || !existsSync(cliPath)) return `the CLI is not built and building it failed: ${lastLines(built.output)}`;
  return undefined;
}

/**
 * @param {{ quick: boolean, sdkAvailable: boolean, log: (line: string) => void }} options
 * @returns rows { key, label, ms?, runs?, failure?, skipped? }
 */
export async function measurePipeline({ quick, sdkAvailable, log }) {
  const rows = [];
  const add = (key, label, result) => rows.push({ key, label, ...result });

  // Generation. Cold: every generator runs (--force ignores the cache). Warm: all cache hits.
  if (quick) {
    add("generate-cold", "pnpm turbo run generate --force (cold)", { skipped: "--quick" });
    log("  priming the generate cache");
    await timeCommand("pnpm", ["turbo", "run", "generate"], { timeoutMs: 180_000 });
  } else {
    log("  cold generate");
    add("generate-cold", "pnpm turbo run generate --force (cold)", await repeat(1, "pnpm", ["turbo", "run", "generate", "--force"], { timeoutMs: 180_000 }));
  }
  log("  warm generate");
  add("generate-warm", "pnpm turbo run generate (warm, cache hit)", await repeat(quick ? 2 : 3, "pnpm", ["turbo", "run", "generate"], { timeoutMs: 60_000 }));

  // The contract suite of presence-client, Prism start-up included.
  if (quick) {
    add("contract", "presence-client contract suite (vitest + Prism)", { skipped: "--quick" });
  } else {
    log("  contract suite");
    add(
      "contract",
      "presence-client contract suite (vitest + Prism)",
      // The contract cases of every operation (their describe blocks end in "every documented response").
      await repeat(1, "pnpm", ["--filter", "@wawp/presence-client", "exec", "vitest", "run", "test/suites.test.ts", "-t", "every documented response"], { timeoutMs: 180_000 }),
    );
  }

  // The CLI's cold start.
  const cliProblem = await ensureCli();
  if (cliProblem) {
    add("cli-help", "node apps/presence-cli/dist/cli.js --help", { failure: cliProblem });
  } else {
    log("  CLI --help");
    add("cli-help", "node apps/presence-cli/dist/cli.js --help", await repeat(quick ? 5 : 9, process.execPath, [cliPath, "--help"], { timeoutMs: 10_000 }));
  }

  if (quick) {
    add("cli-subscribe", "CLI: one subscribe against Prism (fetch client)", { skipped: "--quick" });
  } else if (cliProblem) {
    add("cli-subscribe", "CLI: one subscribe against Prism (fetch client)", { failure: cliProblem });
  } else {
    log("  CLI subscribe against Prism");
    const { startPrism } = await import("@wawp/mock-server");
    let prism;
    try {
      prism = await startPrism({ readyTimeoutMs: 60_000 });
      const args = (client) => [cliPath, "subscribe", CHAT_ID, "--base-url", prism.url, "--instance-id", "i", "--access-token", "t", "--client", client];
      add("cli-subscribe", "CLI: one subscribe against Prism (fetch client)", await repeat(7, process.execPath, args("fetch"), { timeoutMs: 20_000 }));
      if (sdkAvailable) add("cli-subscribe-sdk", "CLI: one subscribe against Prism (sdk client)", await repeat(7, process.execPath, args("sdk"), { timeoutMs: 20_000 }));
      else add("cli-subscribe-sdk", "CLI: one subscribe against Prism (sdk client)", { skipped: "@wawp/presence-sdk not built" });
    } catch (error) {
      add("cli-subscribe", "CLI: one subscribe against Prism (fetch client)", { failure: String(error?.message ?? error).split("\n")[0] });
    } finally {
      await prism?.stop();
    }
  }
  return rows;
}
