#!/usr/bin/env node
// `pnpm test:live`: the contract probes through `prism proxy` in front of the real API.
// Needs WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN; without them it says it skipped, and why.
import { productionUrl } from "@wawp/mock-server";
import { formatLiveReport, liveCheckFailed, runLiveCheck } from "./live-check.js";

const instanceId = process.env["WAWP_INSTANCE_ID"];
const accessToken = process.env["WAWP_ACCESS_TOKEN"];
const upstream = process.env["WAWP_BASE_URL"] || productionUrl();

if (!instanceId || !accessToken) {
  console.log(
    "test:live skipped: WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN are not set. It checks the real API against " +
      "spec/openapi.yaml and needs a real instance; set both to run it (WAWP_BASE_URL picks another server, " +
      "WAWP_CHAT_ID a contact of your own).",
  );
  process.exit(0);
}

const hide = (text: string): string => text.split(accessToken).join("[REDACTED]");
try {
  const chatId = process.env["WAWP_CHAT_ID"];
  const results = await runLiveCheck({ upstream, instanceId, accessToken, params: chatId ? { chatId } : undefined });
  console.log(hide(formatLiveReport(upstream, results)));
  process.exitCode = liveCheckFailed(results) ? 1 : 0;
} catch (error) {
  console.error(`test:live failed: ${hide(error instanceof Error ? error.message : String(error))}`);
  process.exitCode = 2;
}
