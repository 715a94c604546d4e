// The packages this repository publishes: every package under packages/ that is not private. The
// matrix tests each of them and the docs document each of them, so a new published package joins
// both by existing. For the matrix it must bring a smoke module (smoke/packages/<folder>.mjs).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const smokeDir = fileURLToPath(new URL("../smoke/", import.meta.url));

export interface PublishedPackage {
  name: string;
  /** The folder's name under packages/, e.g. "presence-client". */
  folder: string;
  /** Absolute path of the package folder. */
  dir: string;
}

export function publishedPackages(root = repoRoot): PublishedPackage[] {
  const packagesDir = join(root, "packages");
  const found: PublishedPackage[] = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, folder, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name: string; private?: boolean };
    if (manifest.private !== true) found.push({ name: manifest.name, folder, dir: join(packagesDir, folder) });
  }
  return found;
}

/** The file in smoke/packages/ that checks a package; throws, naming the file to add, when there is none. */
export function smokeModuleOf(pkg: PublishedPackage): string {
  const file = `${pkg.folder}.mjs`;
  if (!existsSync(join(smokeDir, "packages", file))) {
    throw new Error(`${pkg.name} is published but has no smoke module: add apps/runtime-matrix/smoke/packages/${file} (see presence-client.mjs)`);
  }
  return file;
}
