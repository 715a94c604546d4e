// `pnpm start`, the project's main job: subscribe to the endpoint page's example contact through
// both generated clients. Against the embedded Prism mock by default; against the real API when
// WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN are set. A repository script, outside the published
// package: it needs the mock (@wawp/mock-server), a development dependency.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { exampleParams, productionUrl, startPrism } from "@wawp/mock-server";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const CLIENTS = ["fetch", "sdk"];
/** The spec's example contact. */
const EXAMPLE_CHAT_ID = String(exampleParams("subscribeToPresence")["chatId"]);

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @param {string} [input] stdin for the CLI @returns {Promise<number>} */
function runCli(args, env, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"], env });
    if (input !== undefined) child.stdin?.end(input);
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

async function main() {
  const live = Boolean(process.env["WAWP_INSTANCE_ID"] && process.env["WAWP_ACCESS_TOKEN"]);
  let prism;
  const env = { ...process.env };
  if (live) {
    console.log(`Using the real API (${process.env["WAWP_BASE_URL"] || productionUrl()}): WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN are set.`);
  } else {
    console.log("Starting the embedded Prism mock of spec/openapi.yaml (set WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN to use the real API)...");
    prism = await startPrism({ errors: true });
    console.log(`Prism is answering on ${prism.url}`);
    Object.assign(env, { WAWP_BASE_URL: prism.url, WAWP_INSTANCE_ID: "demo-instance", WAWP_ACCESS_TOKEN: "demo-token" });
  }
  let worst = 0;
  try {
    for (const client of CLIENTS) {
      console.log(`\n$ wawp-presence subscribe ${EXAMPLE_CHAT_ID} --client ${client}`);
      worst = Math.max(worst, await runCli(["subscribe", EXAMPLE_CHAT_ID, "--client", client], env));
      console.log(`$ wawp-presence subscribe ${EXAMPLE_CHAT_ID} --client ${client} --json`);
      worst = Math.max(worst, await runCli(["subscribe", EXAMPLE_CHAT_ID, "--client", client, "--json"], env));
    }
    // A contact list, as the bulk workflow reads it: one id per line on stdin.
    const list = [EXAMPLE_CHAT_ID, "4915123456789@c.us", "33612345678@c.us"];
    console.log(`\n$ printf '${list.join("\\n")}' | wawp-presence subscribe --from-file - --json`);
    worst = Math.max(worst, await runCli(["subscribe", "--from-file", "-", "--json"], env, `${list.join("\n")}\n`));
  } finally {
    if (prism) {
      await prism.stop();
      console.log("\nPrism stopped.");
    }
  }
  return worst;
}

const stopSignals = ["SIGINT", "SIGTERM"];
for (const signal of stopSignals) process.once(signal, () => process.exit(130));

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`pnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
