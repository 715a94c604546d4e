// The built package (dist/, from `pnpm build`): both entries load as ESM and CJS, nothing is
// imported at run time, the main entry bundles for a browser without any `node:` module, and the
// Node middleware works with a Webhooks instance from the other format.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { exampleEvent, SECRET } from "./support.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const dist = (file: string) => `${packageDir}dist/${file}`;
const read = (file: string) => readFileSync(dist(file), "utf8");
type Main = typeof import("../src/index.js");
type NodeEntry = typeof import("../src/node.js");
const require = createRequire(import.meta.url);

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("@wawp/presence-webhooks: the built package", () => {
  it("has been built", () => {
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "node.js", "node.cjs", "node.d.ts", "node.d.cts"]) {
      expect(existsSync(dist(file)), `dist/${file} is missing: run \`pnpm build\` first`).toBe(true);
    }
  });

  it("declares no runtime dependencies", () => {
    const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, "utf8")) as Record<string, unknown>;
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"]) expect(manifest[field], field).toBeUndefined();
  });

  it("main entry: imports and requires nothing, mentions no node: module", () => {
    for (const file of ["index.js", "index.cjs"]) {
      const code = read(file);
      expect(code).not.toMatch(/^\s*import\s|\bimport\(|\brequire\(/m);
      expect(code).not.toContain("node:");
    }
  });

  it("main entry: bundles for a browser, pulling in no Node built-in", async () => {
    const result = await build({ entryPoints: [dist("index.js")], bundle: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent" });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.every((input) => input.startsWith("dist/") || input.includes("presence-webhooks/dist/")), inputs.join(", ")).toBe(true);
    expect(result.outputFiles[0]?.text).not.toMatch(/node:|\brequire\(/);
  });

  it("has declarations with the spec's event type", () => {
    const declarations = readdirSync(dist("")).filter((file) => file.endsWith(".d.ts"));
    const all = declarations.map(read).join("\n");
    expect(all).not.toContain("@wawp/");
    expect(all).toMatch(/PresenceUpdateEvent: \{/);
    expect(all).toMatch(/declare class WebhookSignatureError extends WebhookError/);
    expect(all).toMatch(/declare function createNodeMiddleware/);
  });

  for (const [format, load] of [
    ["ESM", async () => [(await import(pathToFileURL(dist("index.js")).href)) as Main, (await import(pathToFileURL(dist("node.js")).href)) as NodeEntry] as const],
    ["CJS", async () => [require(dist("index.cjs")) as Main, require(dist("node.cjs")) as NodeEntry] as const],
  ] as const) {
    it(`${format}: signs, verifies and throws the bundle's own typed errors`, async () => {
      const [main] = await load();
      const body = JSON.stringify(exampleEvent());
      const headers = await main.sign(body, SECRET);
      await expect(main.verifyAndParse(body, headers, { secret: SECRET })).resolves.toMatchObject({ presence: "composing" });
      const error = await main.verifyAndParse(body, {}, { secret: SECRET }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(main.WebhookSignatureError);
      expect(error).toBeInstanceOf(main.WebhookError);
      expect(main.PRESENCE_TYPES).toContain("unavailable");
    });
  }

  it("the Node middleware of one format serves a Webhooks instance of the other", async () => {
    const esm = (await import(pathToFileURL(dist("index.js")).href)) as Main;
    const cjsNode = require(dist("node.cjs")) as NodeEntry;
    const webhooks = new esm.Webhooks({ secret: SECRET });
    let received = "";
    webhooks.on("presence.update", (event) => void (received = event.presence));
    const server = createServer(cjsNode.createNodeMiddleware(webhooks));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const body = JSON.stringify(exampleEvent((e) => (e.payload.type = "available")));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await esm.sign(body, SECRET)) },
      body,
    });
    expect(response.status).toBe(200);
    expect(received).toBe("available");
  });
});
