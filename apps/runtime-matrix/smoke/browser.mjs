// Entry point of the browser page: esbuild bundles this file with the package modules that the
// runner lists in ./browser-packages.mjs (written per run). ES modules only: a browser has no
// `require`. The result goes to `window.__smoke` for the runner and into the page for the screenshot.
import { runSmoke } from "./checks.mjs";
import { packages } from "./browser-packages.mjs";

const config = JSON.parse(document.getElementById("config").textContent);
const rows = await runSmoke(packages, { ESM: (pkg) => pkg.importEsm() }, config.env);
window.__smoke = rows;
const table = document.getElementById("results");
for (const row of rows) {
  const line = table.insertRow();
  for (const text of [row.ok ? "✓" : "✗", row.package, row.check, row.detail]) line.insertCell().textContent = text;
}
document.getElementById("status").textContent = rows.every((row) => row.ok) ? "all checks passed" : "some checks failed";
