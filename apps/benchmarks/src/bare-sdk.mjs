// The SDK's generator used bare: openapi-generator's typescript-fetch output (packages/presence-sdk/
// src/generated/), bundled once with esbuild so the benchmark can call it the way a careful person
// would without our runtime. Resolves null (with the reason) when it cannot be built.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ACCESS_TOKEN, INSTANCE_ID } from "./constants.mjs";

const generated = fileURLToPath(new URL("../../../packages/presence-sdk/src/generated/index.ts", import.meta.url));

export async function loadBareSdk() {
  const out = mkdtempSync(join(tmpdir(), "bare-sdk-"));
  try {
    // Imported here: a process that never bundles (a bulk run) does not load esbuild.
    const { build } = await import("esbuild");
    await build({ entryPoints: [generated], bundle: true, format: "esm", platform: "neutral", outfile: join(out, "generated.mjs"), logLevel: "error" });
    return { generated: await import(pathToFileURL(join(out, "generated.mjs")).href), reason: undefined };
  } catch (error) {
    return { generated: null, reason: `the generated SDK could not be bundled (${String(error?.message ?? error).split("\n")[0]})` };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * The bundled SDK's API the way a careful caller sets it up: the bench's credentials, and a timeout
 * on every request through the Configuration's fetchApi (its methods take no per-call options).
 */
export function bareSdkApi(generated, basePath, doFetch = globalThis.fetch) {
  const { Configuration, PresenceApi } = generated;
  return new PresenceApi(
    new Configuration({
      basePath,
      apiKey: (name) => (name === "instance_id" ? INSTANCE_ID : ACCESS_TOKEN),
      fetchApi: (url, init) => doFetch(url, { ...init, signal: AbortSignal.timeout(10_000) }),
    }),
  );
}
