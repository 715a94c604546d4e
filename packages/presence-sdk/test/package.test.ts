// The built package (dist/, from `pnpm build`): ESM and CJS both work, and it stands alone — no
// runtime dependency, nothing of the internal @wawp/presence-core left to install, types included.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const dist = (file: string) => `${packageDir}dist/${file}`;
const read = (file: string) => readFileSync(dist(file), "utf8");
type Built = typeof import("../src/index.js");

const NOT_FOUND = () =>
  new Response('{"status":404,"message":"Session does not exist","error":"Not Found"}', { status: 404, headers: { "content-type": "application/json" } });

describe("@wawp/presence-sdk: the built package", () => {
  it("has been built", () => {
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) {
      expect(existsSync(dist(file)), `dist/${file} is missing: run \`pnpm build\` first`).toBe(true);
    }
  });

  it("declares no runtime dependencies", () => {
    const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, "utf8")) as Record<string, unknown>;
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"]) {
      expect(manifest[field], field).toBeUndefined();
    }
  });

  it("imports and requires nothing: the generated runtime and the core are bundled in", () => {
    expect(read("index.js")).not.toMatch(/^\s*import\s|\bimport\(|\brequire\(/m);
    expect(read("index.cjs")).not.toMatch(/\brequire\(|\bimport\(/);
  });

  it("has self-contained declarations that include the generated model", () => {
    for (const file of ["index.d.ts", "index.d.cts"]) {
      const types = read(file);
      // Only the package's own files: a chunk shared with the testing entry, nothing installed.
      for (const [, from] of types.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) expect(from).toMatch(/^\.\//);
      expect(types).not.toContain("@wawp/");
      expect(types).toMatch(/interface SubscribeResponse(\$\d+)? \{/);
      expect(types).toMatch(/type SubscribeResponse = Json<SubscribeResponse(\$\d+)?>;/);
      expect(types).toMatch(/declare class NotFoundError extends PresenceApiError<404>/);
    }
  });

  it("declares as values only what the bundle exports at run time (the generated models are types)", async () => {
    const list = /^export \{([^}]*)\};?$/m.exec(read("index.d.ts"))?.[1] ?? "";
    const values = list
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "" && !entry.startsWith("type "))
      .map((entry) => entry.split(/\s+as\s+/).pop());
    expect(values).toContain("createPresenceSdk");
    expect(values).not.toContain("PresenceUpdateEventEventEnum");
    const built = (await import(pathToFileURL(dist("index.js")).href)) as Record<string, unknown>;
    expect(values.filter((name) => name === undefined || built[name] === undefined)).toEqual([]);
  });

  for (const [format, load] of [
    ["ESM", async () => (await import(pathToFileURL(dist("index.js")).href)) as Built],
    ["CJS", async () => createRequire(import.meta.url)(dist("index.cjs")) as Built],
  ] as const) {
    it(`${format}: rejects with the bundle's own typed error classes`, async () => {
      const built = await load();
      const sdk = built.createPresenceSdk({ instanceId: "i", accessToken: "package-test-token", fetch: async () => NOT_FOUND(), retry: { maxRetries: 0 } });
      const error = await sdk.subscribe("447441429009@c.us").then(
        () => expect.unreachable("should reject"),
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(built.NotFoundError);
      expect(error).toBeInstanceOf(built.PresenceError);
      expect(built.isPresenceError(error)).toBe(true);
      expect((error as InstanceType<Built["NotFoundError"]>).serverMessage).toBe("Session does not exist");
      expect(built.PRESENCE_API_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    });
  }

  it("keeps instanceof working across the ESM and the CJS copy, both ways", async () => {
    const esm = (await import(pathToFileURL(dist("index.js")).href)) as Built;
    const cjs = createRequire(import.meta.url)(dist("index.cjs")) as Built;
    expect(esm.NotFoundError).not.toBe(cjs.NotFoundError);
    for (const [from, to] of [
      [esm, cjs],
      [cjs, esm],
    ] as const) {
      const sdk = from.createPresenceSdk({ instanceId: "i", accessToken: "package-test-token", fetch: async () => NOT_FOUND(), retry: { maxRetries: 0 } });
      const error = await sdk.subscribe("447441429009@c.us").catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(to.NotFoundError);
      expect(error).toBeInstanceOf(to.PresenceApiError);
      expect(error).toBeInstanceOf(to.PresenceError);
      expect(error).not.toBeInstanceOf(to.UnauthorizedError);
      expect(to.isPresenceError(error)).toBe(true);
    }
  });
});
