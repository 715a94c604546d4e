// Runs the built board as a real process (node dist/main.js), the way `pnpm board` does, and
// reads the URL it prints. Every process started here is killed when the test file ends.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

export interface BoardProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

const started = new Set<ChildProcess>();
const folders = new Set<string>();
afterAll(async () => {
  const exits: Array<Promise<unknown>> = [];
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    exits.push(new Promise((resolve) => child.once("exit", resolve)));
    child.kill("SIGKILL");
  }
  await Promise.all(exits);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A database path in a fresh folder, removed when the test file ends. */
export function tempDb(): string {
  const folder = mkdtempSync(join(tmpdir(), "presence-board-"));
  folders.add(folder);
  return join(folder, "presence.db");
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs the board to completion (for start-up failures and --help). */
export function runBoard(args: string[], env: Record<string, string | undefined>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env["PATH"], ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** Starts the board and resolves once it prints its URL. */
export function startBoard(args: string[], env: Record<string, string | undefined>): Promise<BoardProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      // Only what the test gives: no WAWP_* from the developer's shell.
      env: { PATH: process.env["PATH"], ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.add(child);
    let output = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const timer = setTimeout(() => reject(new Error(`the board did not print its URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Presence board: (http:\/\/\S+?)\/ /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
          kill: async () => {
            child.kill("SIGKILL");
            await exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the board exited (${code}) before printing its URL:\n${output}`));
    });
  });
}
