// Renders the matrix: one row per runtime, one column per check. A cell is ✓ when every package
// and module format that has the check passed it, ✗ when one failed, – when nothing there has the
// check (CommonJS in a browser, the browser-only checks on a server runtime).
import type { MatrixResult, RuntimeResult } from "./matrix.js";
import type { SmokeRow } from "./smoke-config.js";

export type Mark = "✓" | "✗" | "–";

const LEADING = ["runs", "ESM", "CJS"];

const columnOf = (row: SmokeRow): string => (row.check === "load" ? row.format : row.check);

export function columns(results: readonly RuntimeResult[]): string[] {
  const seen = new Set(LEADING);
  const rest: string[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      const column = columnOf(row);
      if (!seen.has(column)) {
        seen.add(column);
        rest.push(column);
      }
    }
  }
  return [...LEADING, ...rest];
}

export function mark(result: RuntimeResult, column: string): Mark {
  if (column === "runs") return result.failure === undefined ? "✓" : "✗";
  if (result.failure !== undefined) return "✗";
  const rows = result.rows.filter((row) => columnOf(row) === column);
  if (rows.length === 0) return "–";
  return rows.every((row) => row.ok) ? "✓" : "✗";
}

export function renderTable(matrix: MatrixResult): string {
  const cols = columns(matrix.results);
  const first = Math.max(7, ...matrix.results.map((result) => result.runtime.length));
  const header = ["runtime".padEnd(first), ...cols, "time"].join(" │ ");
  const lines = [header, header.replace(/[^│]/g, "─").replace(/│/g, "┼")];
  for (const result of matrix.results) {
    const cells = cols.map((column) => mark(result, column).padEnd(column.length));
    lines.push([result.runtime.padEnd(first), ...cells, `${(result.ms / 1000).toFixed(1)} s`].join(" │ "));
  }
  const problems: string[] = [];
  for (const result of matrix.results) {
    if (result.failure !== undefined) problems.push(`✗ ${result.runtime}: ${result.failure}`);
    for (const row of result.rows) if (!row.ok) problems.push(`✗ ${result.runtime} · ${row.package} · ${row.format} · ${row.check}: ${row.detail}`);
  }
  const total = matrix.setupMs + matrix.results.reduce((sum, result) => sum + result.ms, 0);
  return [
    `Runtime matrix for ${matrix.packages.join(", ")} (installed from packed tarballs with npm)`,
    "",
    ...lines,
    "",
    ...problems,
    ...(problems.length > 0 ? [""] : []),
    `setup (pack, npm install, Prism) ${(matrix.setupMs / 1000).toFixed(1)} s; total ${(total / 1000).toFixed(1)} s`,
  ].join("\n");
}
