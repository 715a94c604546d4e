// The runtime matrix as a test: runs it once, prints the table, and fails for every runtime with a ✗.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runMatrix, type MatrixResult } from "../src/matrix.js";
import { publishedPackages } from "../src/published.js";
import { SERVER_RUNTIMES } from "../src/runtimes.js";
import { columns, mark, renderTable } from "../src/table.js";

const results = fileURLToPath(new URL("../test-results/", import.meta.url));
let matrix: MatrixResult;

beforeAll(async () => {
  matrix = await runMatrix({ screenshot: `${results}browser.png` });
  const table = renderTable(matrix);
  mkdirSync(results, { recursive: true });
  writeFileSync(`${results}matrix.txt`, `${table}\n`);
  process.stdout.write(`\n${table}\n\n`);
});

describe("the runtime matrix", () => {
  const runtimes = [...SERVER_RUNTIMES.map((runtime) => runtime.name), "Chromium"];

  it.each(runtimes)("%s passes every check", (name) => {
    const result = matrix.results.find((candidate) => candidate.runtime.startsWith(name));
    expect(result, `no result for ${name}`).toBeDefined();
    if (result === undefined) return;
    const failedColumns = columns(matrix.results).filter((column) => mark(result, column) === "✗");
    const details = [result.failure, ...result.rows.filter((row) => !row.ok).map((row) => `${row.package} ${row.format} ${row.check}: ${row.detail}`)];
    expect(failedColumns, details.filter(Boolean).join("\n")).toEqual([]);
  });

  it("ran every published package in every module format each runtime has", () => {
    const names = publishedPackages().map((pkg) => pkg.name);
    for (const result of matrix.results) {
      const formats = result.runtime.startsWith("Chromium") ? ["ESM"] : ["ESM", "CJS"];
      for (const name of names) {
        for (const format of formats) {
          const loaded = result.rows.some((row) => row.package === name && row.format === format && row.check === "load");
          expect(loaded, `${result.runtime} did not load ${name} as ${format}`).toBe(true);
        }
      }
    }
  });
});
