#!/usr/bin/env node
// The `wawp-presence` command. A committed file rather than dist/cli.js itself, so that installing
// the workspace links the command before the first build, without pnpm warning that it is missing.
const cli = new URL("../dist/cli.js", import.meta.url);
try {
  await import(cli.href);
} catch (error) {
  // Only in a checkout that was never built: a published package always has dist/.
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || error.url !== cli.href) throw error;
  process.stderr.write("wawp-presence: the CLI is not built yet; run `pnpm build` in the repository first.\n");
  process.exitCode = 70;
}
