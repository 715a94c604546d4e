// Generates src/generated/: openapi-generator 4.3.1's typescript-fetch client (API class, models,
// runtime) for spec/openapi.yaml, each .ts file under the repository's "generated" header.
// `--check` compares instead of writing (the stale check in `pnpm test`).
//
// The generator is the jar bundled in @openapitools/openapi-generator-cli 1.0.18-4.3.1, run
// directly with `java -jar` (no shell, no wrapper script): nothing is downloaded, and paths with
// spaces are passed as single arguments. Java is needed to regenerate, not to use the package.
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";
import { describeApi, isJsonType } from "@wawp/codegen/api-table";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const configDir = join(packageDir, "openapi-generator");
const defaultOutDir = join(packageDir, "src", "generated");

const cliPackageJson = require.resolve("@openapitools/openapi-generator-cli/package.json");
const cliVersion = require(cliPackageJson).version;
const jarPath = join(dirname(cliPackageJson), "bin", "openapi-generator.jar");
/** The jar's version, the part after the wrapper's own (1.0.18-4.3.1 bundles 4.3.1). */
const GENERATOR_VERSION = "4.3.1";
const GENERATOR = `openapi-generator ${GENERATOR_VERSION} (typescript-fetch)`;

/** Files the generator writes that are inputs or noise, never copied to src/generated/. */
const SKIPPED = new Set([".openapi-generator-ignore"]);

await runGenerator(async ({ check, outDir = defaultOutDir }) => {
  if (!cliVersion.endsWith(`-${GENERATOR_VERSION}`)) {
    throw new Error(
      `@openapitools/openapi-generator-cli ${cliVersion} is installed, but this script and the committed output are for the ` +
        `${GENERATOR_VERSION} jar (wrapper 1.0.18-${GENERATOR_VERSION}). See the README's section "The generator, and why this version" before changing it.`,
    );
  }
  const spec = await loadSpec();
  const header = generatedHeader({ spec, generator: GENERATOR, packageDir });
  const work = await mkdtemp(join(tmpdir(), "presence-sdk-openapi-generator-"));
  try {
    // The generator reads the ignore file from its output folder; seeding it there keeps it checked in.
    await copyFile(join(configDir, ".openapi-generator-ignore"), join(work, ".openapi-generator-ignore"));
    await runJava([
      // Only the quick JIT tier: a run lasts about a second, so optimising harder costs more than
      // it saves (measured: about 0.15 s less per run).
      "-XX:TieredStopAtLevel=1",
      "-jar",
      jarPath,
      "generate",
      "--generator-name",
      "typescript-fetch",
      "--input-spec",
      spec.path,
      "--output",
      work,
      "--config",
      join(configDir, "config.json"),
    ]);

    const files = {};
    for (const path of await listFiles(work)) {
      if (SKIPPED.has(path)) continue;
      const text = await readFile(join(work, path), "utf8");
      if (path.endsWith(".ts")) files[path] = header + text;
      else if (path.startsWith(".openapi-generator/")) files[path] = text;
      else {
        throw new Error(
          `openapi-generator wrote ${path}, which the SDK does not expect. ` +
            "List it in openapi-generator/.openapi-generator-ignore if it is packaging noise.",
        );
      }
    }
    if (!files["index.ts"] || !files["runtime.ts"]) {
      throw new Error(`openapi-generator produced no index.ts/runtime.ts in ${work}; its output changed shape.`);
    }
    const ownHeader = generatedHeader({ spec, generator: "packages/presence-sdk/scripts/generate.mjs, from openapi-generator's output", packageDir });
    files["operations.gen.ts"] = ownHeader + operationTypes(spec.document, files);
    files["models.gen.ts"] = ownHeader + modelTypes(files);
    files["spec-version.gen.ts"] =
      `${header}/** The info.version of the spec this SDK was generated from. */\n` +
      `export const GENERATED_FROM_SPEC_VERSION = ${JSON.stringify(spec.version)};\n`;

    // The generator's file list. 4.3.1 writes only .openapi-generator/VERSION; later versions also
    // write FILES, the list of what they produced, and this keeps that record for 4.3.1 too.
    files[".openapi-generator/FILES"] = `${Object.keys(files).filter((path) => !path.startsWith(".openapi-generator/")).sort().join("\n")}\n`;
    await emitGenerated({ outDir, files, check, packageName: "@wawp/presence-sdk" });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

/**
 * operations.gen.ts: for each operation, the generated API class whose `<operationId>Raw` method
 * sends it, and the generated model of each documented JSON error body. The SDK's signatures are
 * computed from this; its runtime finds the methods by name on one instance of each class.
 */
function operationTypes(document, files) {
  const api = describeApi(document);
  const classOf = (operationId) => {
    for (const [path, text] of Object.entries(files)) {
      const match = path.startsWith("apis/") && new RegExp(`export class (\\w+) extends runtime\\.BaseAPI[\\s\\S]*async ${operationId}Raw\\(`).exec(text);
      if (match) return { name: match[1], file: path.replace(/\.ts$/, "") };
    }
    throw new Error(`openapi-generator wrote no ${operationId}Raw method; its output changed shape.`);
  };
  const models = new Set(Object.keys(files).filter((path) => path.startsWith("models/") && path !== "models/index.ts").map((path) => path.slice(7, -3)));
  const imports = new Map();
  const entries = [];
  for (const [operationId, operation] of Object.entries(api.operations)) {
    const owner = classOf(operationId);
    imports.set(owner.name, `./${owner.file}`);
    const bodies = [];
    for (const status of Object.keys(operation.responses).map(Number)) {
      if (status < 400) continue;
      const response = resolveRef(document, document.paths[operation.path][operation.method].responses[status]);
      const json = Object.entries(response?.content ?? {}).find(([type]) => isJsonType(type))?.[1];
      const ref = json?.schema?.$ref;
      const model = typeof ref === "string" ? ref.split("/").pop() : undefined;
      if (model && models.has(model)) {
        imports.set(model, `./models/${model}`);
        bodies.push(`${status}: ${model}`);
      }
    }
    entries.push(`  ${operationId}: { api: ${owner.name}; errorBodies: { ${bodies.join("; ")} } };`);
  }
  const importLines = [...imports].sort().map(([name, from]) => `import type { ${name} } from "${from}";`);
  return [
    ...importLines,
    "",
    "/** Per operationId: the generated API class that sends it, and the model of each JSON error body. */",
    "export interface SdkOperations {",
    ...entries,
    "}",
    "",
  ].join("\n");
}

/**
 * models.gen.ts: each model openapi-generator made, as the JSON the SDK takes and hands back. Types
 * only: the SDK returns the checked JSON as it came, so the generated FromJSON/ToJSON converters
 * and enum objects are not part of its API.
 */
function modelTypes(files) {
  const names = Object.entries(files)
    .filter(([path]) => path.startsWith("models/") && path !== "models/index.ts")
    .flatMap(([, text]) => [...text.matchAll(/^export (?:interface|enum|type) (\w+)/gm)].map((match) => match[1]))
    .sort();
  return [
    'import type * as Models from "./models/index";',
    "",
    "/**",
    " * A generated type as JSON. typescript-fetch 4.3.1 makes a string enum a TypeScript enum, which",
    " * refuses the spec's plain strings, and a `date`/`date-time` string a Date; here both are strings.",
    " */",
    "export type Json<T> = T extends Date",
    "  ? string",
    "  : T extends string",
    "    ? `${T}`",
    "    : T extends ReadonlyArray<infer U>",
    "      ? Array<Json<U>>",
    "      : T extends object",
    "        ? { [K in keyof T]: Json<T[K]> }",
    "        : T;",
    "",
    ...names.map((name) => `export type ${name} = Json<Models.${name}>;`),
    "",
  ].join("\n");
}

function resolveRef(document, node) {
  if (node && typeof node.$ref === "string") return resolveRef(document, node.$ref.slice(2).split("/").reduce((at, key) => at?.[key], document));
  return node;
}

/** Runs java with `args` as separate arguments; on failure, shows what the generator printed. */
function runJava(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("java", args, { stdio: ["ignore", "pipe", "pipe"], shell: false });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => {
      if (error.code === "ENOENT") {
        reject(new Error("`java` was not found on PATH. Regenerating @wawp/presence-sdk needs a Java runtime (8 or newer; generated here with 17); using the package does not."));
      } else reject(error);
    });
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const printed = Buffer.concat(output).toString("utf8");
      reject(new Error(`openapi-generator failed (${signal ?? `exit code ${code}`}):\n${printed}`));
    });
  });
}

/** Every file under `dir`, as sorted "/"-separated relative paths. */
async function listFiles(dir, base = dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full, base)));
    else files.push(relative(base, full).split(sep).join("/"));
  }
  return files.sort();
}
