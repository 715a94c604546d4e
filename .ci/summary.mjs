// Adds up the vitest JSON reports that `pnpm test` left in each package's test-results/ and
// prints one closing line: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const root of ["packages", "apps"]) {
  for (const name of existsSync(root) ? readdirSync(root).sort() : []) {
    const file = join(root, name, "test-results", "vitest.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    const p = report.numPassedTests ?? 0;
    const f = report.numFailedTests ?? 0;
    const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    passed += p;
    failed += f;
    skipped += s;
    rows.push(`  ${join(root, name).padEnd(30)} ${String(p).padStart(5)} passed ${String(f).padStart(4)} failed ${String(s).padStart(4)} skipped`);
  }
}
console.log("\nTest summary (vitest, per package):");
for (const row of rows) console.log(row);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
