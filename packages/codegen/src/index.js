// Shared by every package's scripts/generate.mjs. Kept as plain ESM (typed by index.d.ts)
// so a generate script runs straight from a fresh install, before anything is built.
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

/**
 * Absolute path of spec/openapi.yaml, found through the workspace dependency on @wawp/presence-spec.
 * WAWP_SPEC_PATH points the generators at another spec (used by the spec-change tests).
 */
export const specPath = process.env.WAWP_SPEC_PATH || require.resolve("@wawp/presence-spec/openapi.yaml");

/** The first words of every generated file's header. */
const GENERATED_MARK = "GENERATED FILE, DO NOT EDIT.";

/** The command a maintainer runs to regenerate every client. Named in headers and stale-check failures. */
export const GENERATE_COMMAND = "pnpm generate";

/** Reads and parses the spec. */
export async function loadSpec() {
  const text = await readFile(specPath, "utf8");
  const document = parse(text);
  const version = document?.info?.version;
  if (typeof version !== "string") {
    throw new Error(`${specPath}: info.version is missing; the generated code records it, so the spec must set it.`);
  }
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { path: specPath, text, document, version, sha256 };
}

/**
 * The header every generated file starts with. It names the source and the command, and the
 * spec's version and digest, so a reader can tell where a file came from without git history.
 */
export function generatedHeader({ spec, generator, packageDir }) {
  const source = relative(packageDir, spec.path).split(sep).join("/");
  return [
    "/**",
    ` * ${GENERATED_MARK}`,
    ` * Source: ${source} (spec version ${spec.version}, sha256 ${spec.sha256.slice(0, 12)})`,
    ` * Generator: ${generator}`,
    ` * Regenerate with \`${GENERATE_COMMAND}\` from the repository root; hand edits are overwritten.`,
    " */",
    "",
  ].join("\n");
}

async function listFiles(dir, base = dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error && error.code === "ENOENT") return [];
    throw error;
  }
  const files = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(full, base)));
    else files.push(relative(base, full).split(sep).join("/"));
  }
  return files.sort();
}

/**
 * Writes `files` (relative path -> content) as the whole content of `outDir`, or, with `check`,
 * compares them with what is committed there and throws a message naming the fix.
 * Files in `outDir` that the generator no longer produces are removed (write) or reported (check).
 */
export async function emitGenerated({ outDir, files, check, packageName }) {
  const wanted = new Map(Object.entries(files));
  const present = await listFiles(outDir);
  if (check) {
    const problems = [];
    for (const [path, content] of wanted) {
      let current;
      try {
        current = await readFile(join(outDir, path), "utf8");
      } catch {
        problems.push(`missing  ${path}`);
        continue;
      }
      if (current !== content) problems.push(`differs  ${path}`);
    }
    for (const path of present) if (!wanted.has(path)) problems.push(`extra    ${path}`);
    if (problems.length > 0) {
      const list = problems.map((line) => `  ${line}`).join("\n");
      throw new StaleGeneratedCodeError(
        `${packageName}: src/generated/ is stale: it is not what spec/openapi.yaml produces now.\n${list}\n` +
          `Run \`${GENERATE_COMMAND}\` from the repository root and commit the result.`,
      );
    }
    return { written: 0, checked: wanted.size };
  }
  // A file the generator no longer makes is removed, but only if it is one a generator made (it
  // carries the header, or is the generator's own metadata): pointed at the wrong folder with
  // --out, this never deletes hand-written code.
  for (const path of present) {
    if (wanted.has(path)) continue;
    const text = await readFile(join(outDir, path), "utf8").catch(() => "");
    if (!text.includes(GENERATED_MARK) && !path.startsWith(".openapi-generator/")) {
      throw new Error(`${join(outDir, path)} is in the output folder but was not generated; refusing to delete it. Point --out at a folder of its own.`);
    }
    await rm(join(outDir, path));
  }
  let written = 0;
  for (const [path, content] of wanted) {
    const target = join(outDir, path);
    let current;
    try {
      current = await readFile(target, "utf8");
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    written += 1;
  }
  return { written, checked: 0 };
}

export class StaleGeneratedCodeError extends Error {
  name = "StaleGeneratedCodeError";
}

/**
 * Runs a generate script's main function and turns a failure into a clean message and exit code 1.
 * Flags: `--check` compares instead of writing; `--out DIR` writes somewhere other than src/generated/.
 */
export async function runGenerator(main) {
  const check = process.argv.includes("--check");
  const at = process.argv.indexOf("--out");
  const outDir = at === -1 ? undefined : process.argv[at + 1];
  if (at !== -1 && !outDir) throw new Error("--out needs a folder");
  try {
    await main({ check, outDir });
  } catch (error) {
    if (error instanceof StaleGeneratedCodeError) {
      console.error(error.message);
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exitCode = 1;
  }
}
