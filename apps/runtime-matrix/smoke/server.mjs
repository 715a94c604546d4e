// Entry point for the server runtimes (Node, Bun, Deno): loads each package as ESM and through
// `require` (every one of them has `createRequire`), runs the checks, and prints the rows as one
// JSON line. Usage: <runtime> server.mjs '<config JSON>' (see src/smoke-config.ts).
import { createRequire } from "node:module";
import process from "node:process";
import { runSmoke } from "./checks.mjs";

const config = JSON.parse(process.argv[2] ?? "{}");
const packages = [];
for (const file of config.modules) packages.push(await import(`./packages/${file}`));
const require = createRequire(import.meta.url);
const loaders = {
  ESM: (pkg) => pkg.importEsm(),
  CJS: (pkg) => {
    // Prove the CommonJS build is what loaded, not the ESM one through require(esm).
    const resolved = require.resolve(pkg.name);
    if (!resolved.endsWith(".cjs")) throw new Error(`require resolved ${resolved}, not a .cjs file`);
    return require(pkg.name);
  },
};
const rows = await runSmoke(packages, loaders, config.env);
process.stdout.write(`${JSON.stringify(rows)}\n`);
