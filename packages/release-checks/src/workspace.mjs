// What the release checks need to know about the workspace: its root, and which packages are
// published clients generated from the spec.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";

export function workspaceRoot(start = process.cwd()) {
  let dir = resolve(start);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = resolve(dir, "..");
    if (parent === dir) throw new Error("not inside the pnpm workspace (no pnpm-workspace.yaml above the current folder)");
    dir = parent;
  }
  return dir;
}

/** Every workspace package under packages/ and apps/, with its folder (relative to the root). */
export function workspacePackages(root) {
  const found = [];
  for (const group of ["packages", "apps"]) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const manifestPath = join(groupDir, name, "package.json");
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      found.push({ dir: `${group}/${name}`, name: manifest.name, version: manifest.version, private: manifest.private === true });
    }
  }
  return found;
}

/** The published packages: every one that is not private. All of them are generated from the spec. */
export function publishedClients(root) {
  return workspacePackages(root).filter((pkg) => !pkg.private);
}
