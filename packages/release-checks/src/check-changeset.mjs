// CI rule: a change to the spec or to generated code, against the base branch, needs a changeset
// that names every published package it affects. The base is $CHANGESET_BASE_REF, else origin/main,
// else main. On the base branch itself there is nothing to compare, so the check passes.
import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import parseChangeset from "@changesets/parse";
import { publishedClients, workspaceRoot, workspacePackages } from "./workspace.mjs";

function git(root, args) {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function refExists(root, ref) {
  try {
    git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

function baseRef(root) {
  for (const ref of [process.env.CHANGESET_BASE_REF, "origin/main", "main"]) if (ref && refExists(root, ref)) return ref;
  return undefined;
}

/** Files changed since the merge base with `base`, committed or not. */
function changedFiles(root, base) {
  const mergeBase = git(root, ["merge-base", base, "HEAD"]);
  const committed = git(root, ["diff", "--name-only", `${mergeBase}`, "--"]).split("\n");
  const untracked = git(root, ["ls-files", "--others", "--exclude-standard"]).split("\n");
  return [...new Set([...committed, ...untracked])].filter(Boolean);
}

/** Which published packages a changed file affects. */
export function affectedBy(file, root) {
  const published = publishedClients(root).map((pkg) => pkg.name);
  // The spec, and the facts core takes from it, reach every client.
  if (file.startsWith("spec/") || file.startsWith("packages/presence-core/src/generated/")) return published;
  const match = /^(packages|apps)\/([^/]+)\/src\/generated\//.exec(file);
  if (!match) return [];
  const owner = workspacePackages(root).find((pkg) => pkg.dir === `${match[1]}/${match[2]}`);
  return owner && !owner.private ? [owner.name] : [];
}

export function checkChangeset(root) {
  const base = baseRef(root);
  if (!base) return { base, ok: true, message: "no base branch to compare with; nothing to check" };
  const files = changedFiles(root, base);
  const needed = new Set(files.flatMap((file) => affectedBy(file, root)));
  if (needed.size === 0) return { base, ok: true, message: `no spec or generated change since ${base}` };
  const named = new Set();
  for (const file of files) {
    if (!/^\.changeset\/[^/]+\.md$/.test(file) || file === ".changeset/README.md") continue;
    let text;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch {
      continue; // deleted in this change
    }
    for (const release of parseChangeset(text).releases) named.add(release.name);
  }
  const missing = [...needed].filter((name) => !named.has(name)).sort();
  if (missing.length === 0) return { base, ok: true, message: `the spec/generated change since ${base} has a changeset for ${[...needed].join(", ")}` };
  const why = files.filter((file) => affectedBy(file, root).length > 0).slice(0, 8).join(", ");
  return {
    base,
    ok: false,
    message:
      `The spec or generated code changed since ${base} (${why}), but no changeset names ${missing.join(", ")}.\n` +
      `Run \`pnpm changeset\`, select ${missing.join(" and ")}, choose the bump (a new optional field is a minor), describe the change, and commit the file it writes in .changeset/.`,
  };
}

// Run as a script (not when imported by a test). Compared as real paths, so a folder with spaces
// or a symlink in its path still runs the check.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = checkChangeset(workspaceRoot());
  if (!result.ok) {
    console.error(`check-changeset: ${result.message}`);
    process.exit(1);
  }
  console.log(`check-changeset: ${result.message}.`);
}
