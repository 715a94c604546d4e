// `pnpm --silent cli ...` from the repository root: makes sure the CLI and the clients it uses are
// built (a turbo cache hit when nothing changed), then runs it. Build output is kept off stdout,
// which belongs to the CLI alone, and shown on stderr only if the build fails. A failed build exits
// 70 (EX_SOFTWARE in sysexits.h), a code the CLI itself never uses: 2 means bad usage.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const EXIT_BUILD_FAILED = 70;

const root = fileURLToPath(new URL("../../..", import.meta.url));
const build = spawnSync("pnpm", ["exec", "turbo", "run", "build", "--filter=@wawp/presence-cli...", "--output-logs=errors-only"], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
});
if (build.status !== 0) {
  process.stderr.write(build.stdout ?? "");
  process.stderr.write(build.stderr ?? "");
  process.stderr.write(`wawp-presence: building the CLI failed${build.error ? ` (${build.error.message})` : ""}; run \`pnpm build\` to see why.\n`);
  process.exit(EXIT_BUILD_FAILED);
}
// pnpm runs a root script from the repository root; a path the user gives (--from-file ids.txt) is
// relative to where they typed the command, which pnpm passes as INIT_CWD.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import("../dist/cli.js");
