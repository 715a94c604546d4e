// The maintainer's spec-change loop, end to end on a copy of the spec: add an optional field to the
// success body, and (1) the stale check catches the forgotten regenerate, naming the command;
// (2) `generate` makes the field typed in both clients, which a type-check proves.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
let work = "";
let spec = "";

function generate(pkg: "presence-client" | "presence-sdk", ...args: string[]) {
  return spawnSync(process.execPath, [join(repo, "packages", pkg, "scripts", "generate.mjs"), ...args], {
    encoding: "utf8",
    env: { ...process.env, WAWP_SPEC_PATH: spec },
  });
}

function typeCheck(file: string, source: string) {
  writeFileSync(join(work, file), source);
  return spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2022", "--lib", "es2022,dom", "--skipLibCheck", join(work, file)], { encoding: "utf8" });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "wawp-spec-change-"));
  spec = join(work, "openapi.yaml");
  const original = readFileSync(join(repo, "spec", "openapi.yaml"), "utf8");
  const marker = "        message:\n          type: string\n          description: A human-readable outcome.\n";
  expect(original).toContain(marker);
  writeFileSync(spec, original.replace(marker, `${marker}        subscribedAt:\n          type: string\n          description: When the subscription started.\n`));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("adding an optional field to the success body", () => {
  for (const pkg of ["presence-client", "presence-sdk"] as const) {
    it(`makes ${pkg}'s stale check fail until it is regenerated, naming the command`, () => {
      const result = generate(pkg, "--check");
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("src/generated/ is stale");
      expect(result.stderr).toContain("pnpm generate");
    });
  }

  it("is typed in @wawp/presence-client after generate", () => {
    expect(generate("presence-client", "--out", join(work, "client")).status).toBe(0);
    const use = (value: string) =>
      `import type { components } from "./client/schema.gen.ts";\nconst body: components["schemas"]["SubscribeResponse"] = { success: true, message: "m", subscribedAt: ${value} };\nexport default body;\n`;
    const good = typeCheck("client-good.ts", use('"2026-11-25"').replace('.gen.ts"', '.gen"'));
    expect(good.stdout).toBe("");
    const bad = typeCheck("client-bad.ts", use("42").replace('.gen.ts"', '.gen"'));
    expect(bad.stdout).toMatch(/subscribedAt|number/);
  });

  it("is typed in @wawp/presence-sdk after generate", () => {
    expect(generate("presence-sdk", "--out", join(work, "sdk")).status).toBe(0);
    const use = (value: string) =>
      `import type { SubscribeResponse } from "./sdk/models";\nconst body: SubscribeResponse = { success: true, message: "m", subscribedAt: ${value} };\nexport default body;\n`;
    expect(typeCheck("sdk-good.ts", use('"2026-11-25"')).stdout).toBe("");
    expect(typeCheck("sdk-bad.ts", use("42")).stdout).toMatch(/subscribedAt|number/);
  });
});
