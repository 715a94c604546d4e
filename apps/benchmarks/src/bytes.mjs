// Section 2: what each client adds to a bundle. Each built ESM entry is bundled with its runtime
// dependencies by esbuild (minified, tree-shaken, browser platform — what a front end would ship),
// then gzipped at level 9; openapi-fetch and axios alone are bundled from a tiny entry that uses them.
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

async function bundle(options) {
  const result = await build({
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    legalComments: "none",
    ...options,
  });
  const code = result.outputFiles[0].contents;
  return { minBytes: code.byteLength, gzBytes: gzipSync(code, { level: 9 }).byteLength, code: result.outputFiles[0].text };
}

async function measure(label, options, missingPath) {
  if (missingPath && !existsSync(missingPath)) return { label, unavailable: `${missingPath.slice(root.length)} missing (not built)` };
  try {
    return { label, ...(await bundle(options)) };
  } catch (error) {
    return { label, unavailable: String(error?.message ?? error).split("\n")[0] };
  }
}

export async function measureBytes() {
  const clientEntry = `${root}packages/presence-client/dist/index.js`;
  const sdkEntry = `${root}packages/presence-sdk/dist/index.js`;
  const rows = [
    await measure("openapi-fetch 0.17.0 alone", {
      stdin: { contents: `import createClient from "openapi-fetch";\nexport const client = createClient({ baseUrl: "https://api.wawp.net" });\n`, resolveDir: here, sourcefile: "openapi-fetch-alone.mjs" },
    }),
    await measure("axios 1.21.1 alone", {
      stdin: { contents: `import axios from "axios";\nexport const post = (url) => axios.post(url);\n`, resolveDir: here, sourcefile: "axios-alone.mjs" },
    }),
    await measure("@wawp/presence-client (dist/index.js + openapi-fetch)", { entryPoints: [clientEntry] }, clientEntry),
    await measure("@wawp/presence-sdk (dist/index.js)", { entryPoints: [sdkEntry] }, sdkEntry),
    await measure("@wawp/presence-client/testing (dist/testing.js)", { entryPoints: [clientEntry.replace("index.js", "testing.js")] }, clientEntry.replace("index.js", "testing.js")),
    await measure("@wawp/presence-sdk/testing (dist/testing.js)", { entryPoints: [sdkEntry.replace("index.js", "testing.js")] }, sdkEntry.replace("index.js", "testing.js")),
  ];
  const [openapiFetch, , client, sdk] = rows;
  // The main entries must not carry the testing helper: a user who imports the client pays nothing for it.
  for (const row of [client, sdk]) {
    if (row.unavailable || !row.code) continue;
    if (row.code.includes("createMockFetch") || row.code.includes("No operation of the spec matches")) row.unavailable = "the main entry contains the testing helper";
  }
  return {
    rows,
    notes: await byModule(`${root}packages/presence-client/src/index.ts`),
    clientDeltaGz: client.gzBytes - openapiFetch.gzBytes,
    clientDeltaMin: client.minBytes - openapiFetch.minBytes,
    sdkGz: sdk.gzBytes,
  };
}

/**
 * Where presence-client's minified bytes go, by part: openapi-fetch, the generated table, the
 * generic call flow (what generality costs), and the hardening (message scanner, redactor, errors,
 * checks). Read from esbuild's metafile of the same bundle as above.
 */
async function byModule(entry) {
  if (!existsSync(entry)) return [];
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "silent", metafile: true });
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const parts = {};
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const name = path.includes("openapi-fetch") ? "openapi-fetch" : (/presence-core\/(?:dist|src)\/(.+?)\.(?:js|ts)$/.exec(path)?.[1] ?? path.replace(/.*\/src\//, "client:"));
    parts[name] = (parts[name] ?? 0) + bytesInOutput;
  }
  const rows = Object.entries(parts).sort((a, b) => b[1] - a[1]);
  return [`presence-client minified bytes by module (from its sources): ${rows.map(([name, size]) => `${name} ${size}`).join(", ")}`];
}
