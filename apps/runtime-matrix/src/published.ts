// The packages this repository publishes: every package under packages/ that is not private. The
// matrix tests each of them, so a new published package joins it by existing, and must bring a
// smoke module (smoke/packages/<folder>.mjs) to say what to check.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const smokeDir = fileURLToPath(new URL("../smoke/", import.meta.url));

export interface PublishedPackage {
  name: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** The file in smoke/packages/ that checks it. */
  smokeModule: string;
}

export function publishedPackages(root = repoRoot): PublishedPackage[] {
  const packagesDir = join(root, "packages");
  const found: PublishedPackage[] = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, folder, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name: string; private?: boolean };
    if (manifest.private === true) continue;
    const smokeModule = `${folder}.mjs`;
    if (!existsSync(join(smokeDir, "packages", smokeModule))) {
      throw new Error(`${manifest.name} is published but has no smoke module: add apps/runtime-matrix/smoke/packages/${smokeModule} (see presence-client.mjs)`);
    }
    found.push({ name: manifest.name, dir: join(packagesDir, folder), smokeModule });
  }
  return found;
}
