// Packs each client, installs the tarballs with plain npm into a fresh project in the system's temp
// folder (outside the workspace, so nothing resolves through workspace links), then uses them the
// way a consumer would: ESM import, CJS require, and a type-check under two module resolutions.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrism, type PrismServer } from "@wawp/mock-server";
import { createConsumerProject, type ConsumerProject } from "@wawp/runtime-matrix/consumer-project";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
const CLIENTS = ["presence-client", "presence-sdk"] as const;
let consumer: ConsumerProject | undefined;
let project = "";
let prism: PrismServer;

function node(file: string) {
  return spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8", env: { ...process.env, PRISM_URL: prism.url } });
}

beforeAll(async () => {
  consumer = createConsumerProject(CLIENTS.map((name) => join(repo, "packages", name)));
  project = consumer.dir;
  prism = await startPrism({ errors: true });
});

afterAll(async () => {
  await prism?.stop();
  consumer?.remove();
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
    // openapi-fetch (and its helper types) for presence-client; nothing for presence-sdk.
    expect(installed.sort()).toEqual(["@wawp", "openapi-fetch", "openapi-typescript-helpers"]);
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
  for (const [resolution, module] of [["bundler", "esnext"], ["node16", "node16"]] as const) {
    it(`type-checks a consumer under moduleResolution ${resolution}, and catches a misuse`, () => {
      const dir = join(project, `ts-${resolution}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      writeFileSync(join(dir, "consumer.ts"), consumer);
      const tsconfig = (files: string[]) =>
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false }, files });
      writeFileSync(join(dir, "tsconfig.json"), tsconfig(["consumer.ts"]));
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
