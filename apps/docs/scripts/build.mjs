// pnpm docs: the reference docs, into dist/ (not committed; GitHub Pages publishes it).
//   dist/index.html       the HTTP API, from spec/openapi.yaml, by Redocly's build-docs; one
//                         self-contained file (Redoc's script is inlined, nothing is fetched when viewed)
//   dist/api/<package>/   the TypeScript API of each published package, by TypeDoc, from its src/index.ts
//   dist/api/index.html   the list of those packages
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, OptionDefaults } from "typedoc";
import { publishedPackages, repoRoot } from "@wawp/runtime-matrix/published";

const app = fileURLToPath(new URL("..", import.meta.url));
const out = join(app, "dist");
const spec = join(repoRoot, "spec", "openapi.yaml");
const REPOSITORY = "https://github.com/wawp/presence-clients";

function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(1);
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

/** Redocly's CLI entry, from its manifest, run on this Node (no shell, no PATH lookup). */
function redoclyBin() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@redocly/cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifestPath, "utf8"));
  return join(dirname(manifestPath), typeof bin === "string" ? bin : bin.redocly);
}

function buildHttpReference() {
  const args = [
    redoclyBin(),
    "build-docs",
    spec,
    "--output",
    join(out, "index.html"),
    // Redoc's script goes into the page instead of a CDN link: the docs work offline.
    "--inlineBundle",
    "--template",
    join(app, "redoc-template.hbs"),
    // Every operation on the one page, not behind a "Show" button per tag.
    "--openapi.pagination=none",
    // Every response section open: each status shows its content types and schema without a click.
    "--openapi.expandResponses=all",
  ];
  const result = spawnSync(process.execPath, args, {
    cwd: app,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (result.status !== 0) fail(`redocly build-docs failed:\n${result.stdout}${result.stderr}`);
}

/** One TypeDoc site per package: each documents its whole public surface, shared classes included. */
async function buildTypeScriptReference(pkg) {
  const entry = join(pkg.dir, "src", "index.ts");
  if (!existsSync(entry)) fail(`${pkg.name} has no src/index.ts to document`);
  // The package's entry is the program's only root file; everything else is reached by imports.
  const tsconfig = join(out, ".typedoc", `${pkg.folder}.tsconfig.json`);
  mkdirSync(dirname(tsconfig), { recursive: true });
  writeFileSync(tsconfig, JSON.stringify({ extends: join(app, "tsconfig.typedoc.json"), files: [entry] }));
  const readme = join(pkg.dir, "README.md");
  const typedoc = await Application.bootstrapWithPlugins({
    entryPoints: [entry],
    tsconfig,
    name: pkg.name,
    readme: existsSync(readme) ? readme : "none",
    excludeInternal: true,
    excludePrivate: true,
    // Type errors fail the typecheck task, not the docs.
    skipErrorChecking: true,
    // openapi-typescript writes `@description` in the generated types.
    blockTags: [...OptionDefaults.blockTags, "@description"],
    sourceLinkTemplate: `${REPOSITORY}/blob/{gitRevision}/{path}#L{line}`,
    logLevel: "Warn",
  });
  const project = await typedoc.convert();
  if (!project || typedoc.logger.hasErrors()) fail(`TypeDoc could not document ${pkg.name} (see the errors above)`);
  await typedoc.generateDocs(project, join(out, "api", pkg.folder));
  if (typedoc.logger.hasErrors()) fail(`TypeDoc could not write the docs of ${pkg.name}`);
}

function writePackageIndex(packages) {
  const items = packages.map((pkg) => `    <li><a href="./${pkg.folder}/index.html">${escapeHtml(pkg.name)}</a></li>`).join("\n");
  writeFileSync(
    join(out, "api", "index.html"),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>WAWP presence clients: TypeScript API</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>
<body>
  <h1>TypeScript API of the published packages</h1>
  <ul>
${items}
  </ul>
  <p><a href="../index.html">The HTTP API reference</a>, generated from the OpenAPI spec.</p>
</body>
</html>
`,
  );
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "api"), { recursive: true });
buildHttpReference();
const packages = publishedPackages();
for (const pkg of packages) await buildTypeScriptReference(pkg);
writePackageIndex(packages);
rmSync(join(out, ".typedoc"), { recursive: true, force: true });
console.log(`docs: ${join("apps", "docs", "dist")} (HTTP API + ${packages.map((pkg) => pkg.name).join(", ")}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
