// The release rules, exercised in a scratch clone of this repository: a spec change without a
// changeset fails CI with the command to run; a changeset naming both clients fixes it; the version
// rule follows the pending changesets; and `changeset version` writes versions and changelogs.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const scripts = fileURLToPath(new URL("../src", import.meta.url));
let clone = "";
/** The published packages; they are released together (a fixed group), so every changeset here names them all. */
const PUBLISHED = ["packages/presence-client", "packages/presence-sdk", "packages/presence-webhooks", "apps/presence-cli"];
const ALL = (bump: string) => Object.fromEntries(PUBLISHED.map((dir) => [`@wawp/${dir.split("/")[1]}`, bump]));

const git = (...args: string[]) => execFileSync("git", args, { cwd: clone, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const commitAll = (message: string) => {
  git("add", "-A");
  git("-c", "user.name=ci", "-c", "user.email=ci@localhost", "commit", "-q", "-m", message);
};
const run = (script: string) => spawnSync(process.execPath, [join(scripts, script)], { cwd: clone, encoding: "utf8", env: { ...process.env, CHANGESET_BASE_REF: "main" } });
const edit = (path: string, change: (text: string) => string) => writeFileSync(join(clone, path), change(readFileSync(join(clone, path), "utf8")));
const changeset = (name: string, releases: Record<string, string>) =>
  writeFileSync(join(clone, ".changeset", `${name}.md`), `---\n${Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`).join("\n")}\n---\n\n${name}\n`);

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), "wawp-release-"));
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repo, clone]);
  git("checkout", "-q", "-B", "main");
  // The changelog generator is resolved from the clone; borrow this workspace's install.
  symlinkSync(join(repo, "node_modules"), join(clone, "node_modules"));
  // Start from the released state: every published package at 1.0.0, no pending changeset.
  for (const dir of PUBLISHED) edit(`${dir}/package.json`, (t) => t.replace(/"version": "[^"]+"/, '"version": "1.0.0"'));
  for (const file of readdirSync(join(clone, ".changeset"))) if (file.endsWith(".md") && file !== "README.md") unlinkSync(join(clone, ".changeset", file));
  commitAll("released 1.0.0");
  git("checkout", "-q", "-b", "feature");
});
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("a spec change needs a changeset", () => {
  it("passes with no spec or generated change", () => {
    const result = run("check-changeset.mjs");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("no spec or generated change");
  });

  it("fails for a spec change without a changeset, naming both clients and the command", () => {
    edit("spec/openapi.yaml", (t) => t.replace("    ErrorResponse:\n", "    ErrorResponse:\n      title: ErrorResponse\n"));
    commitAll("spec: title");
    const result = run("check-changeset.mjs");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("spec/openapi.yaml");
    expect(result.stderr).toContain("@wawp/presence-client");
    expect(result.stderr).toContain("@wawp/presence-sdk");
    expect(result.stderr).toContain("pnpm changeset");
  });

  it("still fails when the changeset names only one client", () => {
    changeset("only-client", { "@wawp/presence-client": "patch" });
    const result = run("check-changeset.mjs");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no changeset names [^\n]*@wawp\/presence-sdk/);
  });

  it("passes once a changeset names both", () => {
    changeset("both", ALL("patch"));
    commitAll("changesets");
    expect(run("check-changeset.mjs").status).toBe(0);
  });

  it("treats a change to one client's generated code as that client's", () => {
    git("checkout", "-q", "main");
    git("checkout", "-q", "-b", "generated-only");
    edit("packages/presence-sdk/src/generated/runtime.ts", (t) => `${t}\n`);
    const result = run("check-changeset.mjs");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("@wawp/presence-sdk");
    expect(result.stderr).not.toContain("names @wawp/presence-client");
    git("checkout", "-q", "--", ".");
  });
});

describe("the spec and package versions stay in step", () => {
  it("fails when the spec's minor moves ahead of the clients", () => {
    git("checkout", "-q", "main");
    git("checkout", "-q", "-b", "spec-minor");
    edit("spec/openapi.yaml", (t) => t.replace(/^  version: 1\.0\.0$/m, "  version: 1.1.0"));
    const result = run("check-versions.mjs");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/@wawp\/presence-client will be 1\.0\.0, but the spec is 1\.1\.0.*minor/);
  });

  it("passes when pending minor changesets bring the clients along", () => {
    changeset("new-field", ALL("minor"));
    const result = run("check-versions.mjs");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1.0.0 -> 1.1.0");
  });

  it("`changeset version` bumps both clients together and writes their changelogs", () => {
    const bin = join(repo, "node_modules", ".bin", "changeset");
    const result = spawnSync(bin, ["version"], { cwd: clone, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    for (const dir of PUBLISHED) {
      expect(JSON.parse(readFileSync(join(clone, dir, "package.json"), "utf8")).version).toBe("1.1.0");
      expect(readFileSync(join(clone, dir, "CHANGELOG.md"), "utf8")).toMatch(/## 1\.1\.0[\s\S]*new-field/);
    }
    expect(run("check-versions.mjs").status).toBe(0);
  });
});
