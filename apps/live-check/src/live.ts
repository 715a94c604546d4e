#!/usr/bin/env node
// `pnpm test:live`: the contract probes through `prism proxy` in front of the real API.
// Needs WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN; without them it says it skipped, and why.
import { productionUrl } from "./cases.js";
import { formatLiveReport, runLiveCheck } from "./live-check.js";

const instanceId = process.env["WAWP_INSTANCE_ID"];
const accessToken = process.env["WAWP_ACCESS_TOKEN"];
const upstream = process.env["WAWP_BASE_URL"] || productionUrl();

if (!instanceId || !accessToken) {
  console.log(
    "test:live skipped: WAWP_INSTANCE_ID and WAWP_ACCESS_TOKEN are not set. It checks the real API against " +
      "spec/openapi.yaml and needs a real instance; set both to run it (WAWP_BASE_URL picks another server).",
  );
  process.exit(0);
}

try {
  const results = await runLiveCheck({ upstream, instanceId, accessToken, chatId: process.env["WAWP_CHAT_ID"] || undefined });
  const report = formatLiveReport(upstream, results).split(accessToken).join("[REDACTED]");
  console.log(report);
  process.exitCode = results.some((r) => r.violations.length > 0) ? 1 : 0;
} catch (error) {
  console.error(`test:live failed: ${(error instanceof Error ? error.message : String(error)).split(accessToken).join("[REDACTED]")}`);
  process.exitCode = 2;
}
