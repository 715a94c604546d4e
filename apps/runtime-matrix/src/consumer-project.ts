// A consumer's project: packs workspace packages the way they would be published and installs the
// tarballs with plain npm into a fresh folder in the system's temp directory, outside the
// workspace, so nothing resolves through workspace links. Runtime dependencies come from the
// registry as for any user (npm's cache first: `--prefer-offline`).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ConsumerProject {
  /** The project folder; its node_modules holds the installed tarballs. */
  dir: string;
  /** Deletes the folder. Safe to call twice. */
  remove(): void;
}

/**
 * @param packageDirs absolute paths of the workspace packages to pack (built beforehand)
 * @param manifest extra package.json fields of the consumer project
 */
export function createConsumerProject(packageDirs: readonly string[], manifest: Record<string, unknown> = {}): ConsumerProject {
  const dir = mkdtempSync(join(tmpdir(), "wawp-consumer-"));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const packs = join(dir, "packs");
    mkdirSync(packs);
    // `pnpm pack` replaces workspace: ranges with real versions, as `pnpm publish` does.
    for (const packageDir of packageDirs) execFileSync("pnpm", ["pack", "--pack-destination", packs], { cwd: packageDir, stdio: "pipe" });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "wawp-consumer", version: "1.0.0", private: true, ...manifest }, null, 2));
    const tarballs = readdirSync(packs).map((file) => join(packs, file));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...tarballs], { cwd: dir, stdio: "pipe" });
    return { dir, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
