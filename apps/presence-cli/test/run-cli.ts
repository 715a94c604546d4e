// Runs the built CLI as a real process and captures what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the CLI's stdin, which is then closed; stdin is empty otherwise. */
  input?: string | Uint8Array;
  /** An open file descriptor to give the CLI as stdout (as `>> file` would); stdout is captured otherwise. */
  stdoutFd?: number;
  /** Called once the process has started, e.g. to send it a signal. */
  onStart?: (child: ChildProcess) => void;
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}, options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      // Only what the test gives: no WAWP_* from the developer's shell.
      env: { PATH: process.env["PATH"], ...env },
      stdio: [options.input === undefined ? "ignore" : "pipe", options.stdoutFd ?? "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.once("error", reject);
    options.onStart?.(child);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The summary line the CLI writes on stderr at the end of a subscribe run. */
export const SUMMARY = /^wawp-presence: (interrupted: )?[\d,]+ subscribed, [\d,]+ failed( \([^)]*\))?, [\d,]+ skipped(, [\d,]+ cancelled)?, in [^\n]+\n$/;
