// node src/ab.mjs --rev <git revision> [--mode canned|http|both] [--rounds 41]
// Before/after for a performance change: builds the client from the sources at <rev> and from the
// working tree the same way (esbuild, @wawp/presence-core aliased to its sources), then times both
// next to the floor in one process, interleaved in short blocks (alternating order), so drifting
// machine load hits all three alike. Prints medians of per-block µs per call and of per-block
// ratios to the floor. Read-only on the repository (git archive into a temporary folder).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ACCESS_TOKEN, CHAT_ID, INSTANCE_ID } from "./constants.mjs";
import { cannedFetch, makeContenders } from "./contenders.mjs";
import { median, table } from "./report.mjs";
import { startBenchServer } from "./server.mjs";

function flag(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
}
const rev = flag("rev", undefined);
if (!rev) {
  process.stderr.write("usage: node src/ab.mjs --rev <git revision> [--mode canned|http|both] [--rounds N]\n");
  process.exit(2);
}
const modes = flag("mode", "both") === "both" ? ["canned", "http"] : [flag("mode", "canned")];
const rounds = Number(flag("rounds", "41"));
const root = fileURLToPath(new URL("../../../", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));

const work = mkdtempSync(join(tmpdir(), "bench-ab-"));
try {
  // The sources at <rev>, next to the working tree's.
  const archive = join(work, "before.tar");
  execFileSync("git", ["-C", root, "archive", "--output", archive, rev, "packages/presence-core/src", "packages/presence-client/src"]);
  execFileSync("tar", ["-xf", archive, "-C", work]);

  async function bundleClient(base, label) {
    const outfile = join(work, `${label}.mjs`);
    await build({
      entryPoints: [join(base, "packages/presence-client/src/index.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outfile,
      logLevel: "silent",
      plugins: [
        {
          // @wawp/presence-core and its subpaths (e.g. /public) from the same tree's sources.
          name: "core-from-sources",
          setup(plugin) {
            plugin.onResolve({ filter: /^@wawp\/presence-core(\/.*)?$/ }, (args) => ({
              path: join(base, "packages/presence-core/src", `${args.path.slice("@wawp/presence-core/".length) || "index"}.ts`),
            }));
          },
        },
      ],
      // openapi-fetch resolves from this app's node_modules for both builds.
      nodePaths: [join(here, "../node_modules")],
      external: [],
    });
    return import(pathToFileURL(outfile).href);
  }
  const before = await bundleClient(work, "before");
  const after = await bundleClient(root, "after");

  const rows = [];
  for (const mode of modes) {
    const server = mode === "http" ? await startBenchServer() : undefined;
    try {
      const baseUrl = server ? server.url : "https://api.wawp.net";
      const fetchOption = server ? {} : { fetch: cannedFetch };
      const floor = makeContenders({ baseUrl, mode: server ? "http" : "canned", sdk: null, ...(server ? {} : { fetch: cannedFetch }) }).find((c) => c.key === "floor").call;
      const caller = (module) => {
        const client = module.createPresenceClient({ baseUrl, instanceId: INSTANCE_ID, accessToken: ACCESS_TOKEN, ...fetchOption });
        return async () => {
          const { data, error } = await client.subscribe(CHAT_ID);
          if (error || data?.success !== true) throw error ?? new Error("unexpected result");
        };
      };
      const variants = { floor, [`before (${rev})`]: caller(before), "after (working tree)": caller(after) };
      const names = Object.keys(variants);
      const perCall = mode === "http" ? 50 : 2_000;
      const times = Object.fromEntries(names.map((name) => [name, []]));
      for (const name of names) for (let i = 0; i < perCall * 5; i += 1) await variants[name]();
      const deadline = performance.now() + 120_000;
      for (let round = 0; round < rounds && performance.now() < deadline; round += 1) {
        for (const name of round % 2 ? names : [...names].reverse()) {
          const started = process.hrtime.bigint();
          for (let i = 0; i < perCall; i += 1) await variants[name]();
          times[name].push(Number(process.hrtime.bigint() - started) / perCall / 1_000);
        }
      }
      for (const name of names) {
        const ratio = median(times[name].map((value, index) => value / times.floor[index]));
        rows.push([mode === "http" ? "(b) node:http" : "(a) canned", name, `${median(times[name]).toFixed(2)} µs`, `${ratio.toFixed(3)}×`, String(times[name].length)]);
      }
    } finally {
      await server?.close();
    }
  }
  process.stdout.write(table(`presence-client before/after — ${new Date().toISOString()}, Node ${process.version}`, ["case", "build", "per call", "× floor", "blocks"], rows, [], "llrrr"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
