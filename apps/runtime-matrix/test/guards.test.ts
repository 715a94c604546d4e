// The matrix's own detectors, each shown to fire: a ✓ in the table means something only if the
// check behind it can say ✗.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tokenLeak } from "../smoke/checks.mjs";
import { bundleForBrowser, nodeOnlyImports } from "../src/browser-bundle.js";
import { publishedPackages, smokeModuleOf } from "../src/published.js";
import { presenceUpdateExample } from "../src/spec-event.js";
import { columns, mark, renderTable } from "../src/table.js";

const scratch = mkdtempSync(join(tmpdir(), "wawp-matrix-guards-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the browser bundle guard", () => {
  it("fails a bundle that imports a node: builtin, naming it", async () => {
    const entry = join(scratch, "uses-node.mjs");
    writeFileSync(entry, `import { readFileSync } from "node:fs";\nconsole.log(readFileSync);\n`);
    const { problems } = await bundleForBrowser(entry, join(scratch, "out-node.js"));
    expect(problems.join("\n")).toContain("node:fs");
  });

  it("fails a bundle that imports a bare builtin", async () => {
    const entry = join(scratch, "uses-crypto.mjs");
    writeFileSync(entry, `import { createHash } from "crypto";\nconsole.log(createHash);\n`);
    const { problems } = await bundleForBrowser(entry, join(scratch, "out-crypto.js"));
    expect(problems.join("\n")).toContain("crypto");
  });

  it("passes a browser-only bundle", async () => {
    const entry = join(scratch, "plain.mjs");
    writeFileSync(entry, `export const ok = await fetch("/").then((r) => r.ok);\n`);
    expect(await bundleForBrowser(entry, join(scratch, "out-plain.js"))).toMatchObject({ problems: [] });
  });

  it("reads Node-only and external imports out of a metafile", () => {
    const metafile = {
      inputs: {
        "a.js": { bytes: 1, imports: [{ path: "node:crypto", kind: "import-statement" as const, external: true }] },
        "b.js": { bytes: 1, imports: [{ path: "some-cdn-module", kind: "import-statement" as const, external: true }, { path: "c.js", kind: "import-statement" as const }] },
      },
      outputs: {},
    };
    expect(nodeOnlyImports(metafile)).toEqual(["a.js imports node:crypto", "b.js leaves some-cdn-module external"]);
  });
});

describe("the token check", () => {
  const token = "tok-3e1";
  it("finds the token in each view of an error", () => {
    expect(tokenLeak(new Error(`bad ${token}`), token)).toBe("message");
    const hidden = Object.assign(new Error("fine"), { url: `https://x/?access_token=${token}` });
    expect(tokenLeak(hidden, token)).toBe("JSON");
    const inStack = new Error("fine");
    inStack.stack = `Error: fine\n    at ${encodeURIComponent(`${token}/x`)}`;
    expect(tokenLeak(inStack, token)).toBe("stack");
    expect(tokenLeak(new Error("clean"), token)).toBeUndefined();
  });
});

describe("the list of published packages", () => {
  it("holds the non-private packages of this repository", () => {
    const names = publishedPackages().map((pkg) => pkg.name);
    expect(names).toEqual(expect.arrayContaining(["@wawp/presence-client", "@wawp/presence-sdk"]));
    expect(names).not.toContain("@wawp/presence-core");
  });

  it("refuses a published package without a smoke module, naming the file to add", () => {
    const root = join(scratch, "repo");
    mkdirSync(join(root, "packages", "presence-pager"), { recursive: true });
    writeFileSync(join(root, "packages", "presence-pager", "package.json"), JSON.stringify({ name: "@wawp/presence-pager" }));
    const [pager] = publishedPackages(root);
    expect(pager).toMatchObject({ name: "@wawp/presence-pager", folder: "presence-pager" });
    expect(() => smokeModuleOf(pager!)).toThrow("smoke/packages/presence-pager.mjs");
  });
});

describe("the webhook event read from the spec", () => {
  it("takes the presence.update example through $refs", () => {
    const spec = {
      "x-webhooks": { "presence.update": { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Event" } } } } } } },
      components: { schemas: { Event: { type: "object", example: { event: "presence.update" } } } },
    };
    expect(presenceUpdateExample(spec)).toEqual({ event: "presence.update" });
  });

  it("says what is missing when the spec has no webhooks", () => {
    expect(() => presenceUpdateExample({ openapi: "3.0.3" })).toThrow("no x-webhooks section");
  });
});

describe("the table", () => {
  const matrix = {
    packages: ["@wawp/x"],
    setupMs: 1000,
    results: [
      { runtime: "Node 20 (20.0.0)", ms: 500, rows: [{ package: "@wawp/x", format: "ESM", check: "load", ok: true, detail: "" }, { package: "@wawp/x", format: "CJS", check: "load", ok: true, detail: "" }, { package: "@wawp/x", format: "ESM", check: "abort", ok: false, detail: "came back as a timeout" }] },
      { runtime: "Chromium (1.0)", ms: 700, rows: [{ package: "@wawp/x", format: "ESM", check: "load", ok: true, detail: "" }, { package: "@wawp/x", format: "ESM", check: "abort", ok: true, detail: "" }] },
      { runtime: "Bun", ms: 1, rows: [], failure: "no binary" },
    ],
  };

  it("marks passes, failures, and checks a runtime does not have", () => {
    expect(columns(matrix.results)).toEqual(["runs", "ESM", "CJS", "abort"]);
    expect(columns(matrix.results).map((column) => mark(matrix.results[0]!, column))).toEqual(["✓", "✓", "✓", "✗"]);
    expect(columns(matrix.results).map((column) => mark(matrix.results[1]!, column))).toEqual(["✓", "✓", "–", "✓"]);
    expect(columns(matrix.results).map((column) => mark(matrix.results[2]!, column))).toEqual(["✗", "✗", "✗", "✗"]);
    const table = renderTable(matrix);
    expect(table).toContain("✗ Node 20 (20.0.0) · @wawp/x · ESM · abort: came back as a timeout");
    expect(table).toContain("✗ Bun: no binary");
  });
});
