// Packs each client and the CLI, installs the tarballs with plain npm into a fresh project in the
// system's temp folder (outside the workspace, so nothing resolves through workspace links), then
// uses them the way a consumer would: ESM import, CJS require, a type-check under two module
// resolutions, and the `wawp-presence` command through npx and a global install.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism, type PrismServer } from "@wawp/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tsBlockUnder } from "./readme-block.js";
import { startScopeRegistry, type ScopeRegistry } from "./scope-registry.js";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const CLIENTS = ["presence-client", "presence-sdk"] as const;
const CLI_DIR = join(repo, "apps", "presence-cli");
let project = "";
let prism: PrismServer;
let tarballs: string[] = [];

/** The environment for npm and npx: this run's own npm_config_* (set by pnpm) left out. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith("npm_config_")));
}

function node(file: string) {
  return spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8", env: { ...process.env, PRISM_URL: prism.url } });
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "wawp-consumer-"));
  const packs = join(project, "packs");
  mkdirSync(packs);
  // The CLI depends on the clients and on @wawp/presence-webhooks (its simulate-events command).
  for (const dir of [...[...CLIENTS, "presence-webhooks"].map((name) => join(repo, "packages", name)), CLI_DIR]) {
    execFileSync("pnpm", ["pack", "--pack-destination", packs], { cwd: dir, stdio: "pipe" });
  }
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "wawp-consumer", version: "1.0.0", private: true }));
  tarballs = readdirSync(packs).map((file) => join(packs, file));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { cwd: project, stdio: "pipe", env: npmEnv() });
  prism = await startPrism({ errors: true });
});

afterAll(async () => {
  await prism?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

const USE_BOTH = (load: string) => `
${load}
const baseUrl = process.env.PRISM_URL;
const options = { instanceId: "consumer", accessToken: "consumer-token" };
const viaClient = await client.createPresenceClient({ ...options, baseUrl }).subscribe("447441429009@c.us");
const viaSdk = await sdk.createPresenceSdk({ ...options, basePath: baseUrl }).subscribe("447441429009@c.us");
const invalid = await client.createPresenceClient({ ...options, baseUrl }).subscribe("+44");
console.log(JSON.stringify({
  client: viaClient.data,
  sdk: viaSdk,
  invalid: invalid.error instanceof client.PresenceValidationError,
  version: client.PRESENCE_API_VERSION === sdk.PRESENCE_API_VERSION,
}));
`;

describe("the packed tarballs, installed with npm outside the workspace", () => {
  it("installs only what the code imports at run time", () => {
    const installed = readdirSync(join(project, "node_modules")).filter((name) => !name.startsWith("."));
    // openapi-fetch (and its helper types) for presence-client; nothing for presence-sdk or
    // presence-webhooks; the CLI needs only the published packages.
    expect(installed.sort()).toEqual(["@wawp", "openapi-fetch", "openapi-typescript-helpers"]);
    expect(readdirSync(join(project, "node_modules", "@wawp")).sort()).toEqual(["presence-cli", "presence-client", "presence-sdk", "presence-webhooks"]);
  });

  const expected = { client: { success: true, message: "Operation completed successfully" }, sdk: { success: true, message: "Operation completed successfully" }, invalid: true, version: true };

  it("works from an ESM import against the Prism mock", () => {
    writeFileSync(join(project, "esm.mjs"), USE_BOTH(`import * as client from "@wawp/presence-client";\nimport * as sdk from "@wawp/presence-sdk";`));
    const result = node("esm.mjs");
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it("works from a CJS require against the Prism mock", () => {
    writeFileSync(join(project, "cjs.cjs"), `(async () => {\n${USE_BOTH(`const client = require("@wawp/presence-client");\nconst sdk = require("@wawp/presence-sdk");`)}\n})();`);
    const result = node("cjs.cjs");
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  const consumer = `
import { createPresenceClient, NotFoundError, type SubscribeSuccess } from "@wawp/presence-client";
import { createPresenceSdk, PresenceError } from "@wawp/presence-sdk";

export async function both(): Promise<string> {
  const { data, error } = await createPresenceClient({ instanceId: "i", accessToken: "t" }).subscribe("447441429009@c.us");
  if (error instanceof NotFoundError) return error.serverMessage ?? String(error.status);
  if (error) return error.kind;
  const typed: SubscribeSuccess = data;
  const fromSdk = await createPresenceSdk({ instanceId: "i", accessToken: "t" }).subscribe("447441429009@c.us");
  const flag: boolean = fromSdk.success;
  return typed.message + String(flag) + String(PresenceError);
}
`;
  /** The subscribeMany example of a client's README, as a user copies it. */
  const bulkExample = (client: (typeof CLIENTS)[number]): string => tsBlockUnder(join(repo, "packages", client, "README.md"), "## Subscribing a contact list");

  for (const [resolution, module] of [["bundler", "esnext"], ["node16", "node16"]] as const) {
    it(`type-checks a consumer and each README's subscribeMany example under moduleResolution ${resolution}, and catches a misuse`, () => {
      const dir = join(project, `ts-${resolution}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      writeFileSync(join(dir, "consumer.ts"), consumer);
      for (const client of CLIENTS) writeFileSync(join(dir, `readme-${client}.ts`), bulkExample(client));
      const tsconfig = (files: string[]) =>
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false }, files });
      writeFileSync(join(dir, "tsconfig.json"), tsconfig(["consumer.ts", ...CLIENTS.map((client) => `readme-${client}.ts`)]));
      const ok = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
      expect(ok.stdout + ok.stderr).toBe("");
      expect(ok.status).toBe(0);

      writeFileSync(join(dir, "misuse.ts"), `import { createPresenceClient } from "@wawp/presence-client";\nconst r = await createPresenceClient({ instanceId: "i", accessToken: "t" }).subscribe("1@c.us");\nif (r.data) r.data.notAField.toFixed();\nexport {};\n`);
      writeFileSync(join(dir, "tsconfig.misuse.json"), tsconfig(["misuse.ts"]));
      const bad = spawnSync(process.execPath, [tsc, "-p", "tsconfig.misuse.json"], { cwd: dir, encoding: "utf8" });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toContain("notAField");
    });
  }
});

describe("the CLI, from its packed tarball", () => {
  const CHAT_ID = "447441429009@c.us";
  const cliEnv = () => ({ ...npmEnv(), WAWP_BASE_URL: prism.url, WAWP_INSTANCE_ID: "consumer", WAWP_ACCESS_TOKEN: "consumer-token" });
  const npx = (args: string[], options: { cwd?: string; input?: string } = {}) =>
    spawnSync("npx", args, { cwd: options.cwd ?? project, encoding: "utf8", env: cliEnv(), input: options.input ?? "", timeout: 120_000 });
  /** Like spawnSync, but leaves this process's event loop free: the stand-in registry answers from it. */
  const run = (command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(command, args, { cwd: options.cwd ?? project, env: options.env ?? cliEnv(), stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("close", (status) => resolve({ status, stdout, stderr }));
    });
  const version = () => (JSON.parse(readFileSync(join(CLI_DIR, "package.json"), "utf8")) as { version: string }).version;

  it("depends at run time on the published packages only, and ships no tests, scripts or sources", () => {
    const manifest = JSON.parse(readFileSync(join(project, "node_modules", "@wawp", "presence-cli", "package.json"), "utf8")) as Record<string, unknown>;
    // The two clients, and @wawp/presence-webhooks for `simulate-events` (it signs test events).
    expect(Object.keys(manifest["dependencies"] as object).sort()).toEqual(["@wawp/presence-client", "@wawp/presence-sdk", "@wawp/presence-webhooks"]);
    expect(manifest["bin"]).toEqual({ "wawp-presence": "./bin/wawp-presence.js" });
    const shipped = readdirSync(join(project, "node_modules", "@wawp", "presence-cli")).sort();
    expect(shipped).toEqual(["LICENSE", "README.md", "bin", "dist", "package.json"]);
    expect(readdirSync(join(project, "node_modules", "@wawp", "presence-cli", "bin"))).toEqual(["wawp-presence.js"]);
    expect(readdirSync(join(project, "node_modules", "@wawp", "presence-cli", "dist")).every((file) => file.endsWith(".js") || file.endsWith(".d.ts"))).toBe(true);
  });

  it("answers npx wawp-presence --version and --help", () => {
    const shown = npx(["wawp-presence", "--version"]);
    expect(shown.stderr).toBe("");
    expect(shown.stdout).toBe(`${version()}\n`);
    const help = npx(["wawp-presence", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("wawp-presence subscribe <chatId>...");
    expect(help.stdout).toContain("--from-file PATH");
  });

  it("subscribes against the Prism mock, from an argument and from stdin, with both clients", () => {
    for (const client of ["fetch", "sdk"]) {
      const one = npx(["wawp-presence", "subscribe", CHAT_ID, "--client", client]);
      expect(one.status, one.stderr).toBe(0);
      expect(one.stdout).toBe(`✓ ${CHAT_ID}: subscribed (200) Operation completed successfully\n`);
      const many = npx(["wawp-presence", "subscribe", "--from-file", "-", "--json", "--client", client], { input: `${CHAT_ID}\n# a comment\n4915123456789@c.us\n` });
      expect(many.status, many.stderr).toBe(0);
      const lines = many.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { chatId: string; ok: boolean });
      expect(lines.map((l) => l.chatId).sort()).toEqual([CHAT_ID, "4915123456789@c.us"]);
      expect(lines.every((l) => l.ok)).toBe(true);
      expect(many.stderr).toMatch(/^wawp-presence: 2 subscribed, 0 failed, 0 skipped, in /);
    }
  });

  describe("as a user gets it: from a registry", () => {
    let registry: ScopeRegistry;
    let outside = "";
    beforeAll(async () => {
      registry = await startScopeRegistry(tarballs);
      // Outside the project: npx would find the copy installed there.
      outside = mkdtempSync(join(tmpdir(), "wawp-npx-"));
    });
    afterAll(async () => {
      await registry?.close();
      if (outside) rmSync(outside, { recursive: true, force: true });
    });
    // The clients' own dependency (openapi-fetch) is in npm's cache since the install above:
    // --prefer-offline takes it from there instead of asking the registry again.
    const fromRegistry = () => [`--@wawp:registry=${registry.url}`, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

    it("runs with npx @wawp/presence-cli subscribe ... in a folder with nothing installed", async () => {
      const result = await run("npx", ["--yes", ...fromRegistry(), "@wawp/presence-cli", "subscribe", CHAT_ID], { cwd: outside });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toBe(`✓ ${CHAT_ID}: subscribed (200) Operation completed successfully\n`);
      expect(registry.requests).toContain("@wawp/presence-cli");
    });

    it("installs with npm install -g and runs from the global bin folder", async () => {
      const prefix = join(project, "global");
      const install = await run("npm", ["install", "-g", `--prefix=${prefix}`, ...fromRegistry(), "@wawp/presence-cli"], { env: npmEnv() });
      expect(install.status, install.stderr).toBe(0);
      const bin = join(prefix, "bin", "wawp-presence");
      const shown = spawnSync(bin, ["--version"], { encoding: "utf8", env: cliEnv() });
      expect(shown.stdout).toBe(`${version()}\n`);
      const subscribed = spawnSync(bin, ["subscribe", CHAT_ID, "--json"], { encoding: "utf8", env: cliEnv() });
      expect(subscribed.status, subscribed.stderr).toBe(0);
      expect(JSON.parse(subscribed.stdout)).toMatchObject({ chatId: CHAT_ID, ok: true, status: 200 });
    });
  });
});
