// Plain-text tables and number formatting for the benchmark output (and results/latest.txt).

/**
 * Renders rows (arrays of cells) under headers. `align` has one letter per column, "l" or "r";
 * by default the first column is left-aligned and the others right-aligned.
 */
export function table(title, headers, rows, notes = [], align = undefined) {
  const cells = [headers, ...rows].map((row) => headers.map((_, column) => (row[column] === undefined || row[column] === null ? "" : String(row[column]))));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const right = headers.map((_, column) => (align ? align[column] === "r" : column > 0));
  const line = (row) =>
    row
      .map((cell, column) => (right[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const out = [title, "=".repeat(Math.min(100, Math.max(title.length, rule.length))), line(cells[0]), rule, ...cells.slice(1).map(line)];
  for (const note of notes) out.push(`  ${note}`);
  return `${out.join("\n")}\n`;
}

export function median(values) {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = finite.length >> 1;
  return finite.length % 2 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
}

/** A duration in ms, in the unit that reads best. */
export function duration(ms) {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function ops(value) {
  if (!Number.isFinite(value)) return "n/a";
  return Math.round(value).toLocaleString("en-US");
}

export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a";
}

export function bytes(value) {
  if (!Number.isFinite(value)) return "n/a";
  return `${value.toLocaleString("en-US")} B`;
}

export function signedBytes(value) {
  if (!Number.isFinite(value)) return "n/a";
  return `${value < 0 ? "−" : "+"}${Math.abs(value).toLocaleString("en-US")} B`;
}

export function megabytes(value) {
  return Number.isFinite(value) ? `${(value / 1024 / 1024).toFixed(1)} MB` : "n/a";
}

/** "MET" / "MISSED" / "n/a" for a target check; `value` undefined means it could not be measured. */
export function verdict(met) {
  if (met === undefined) return "n/a";
  return met ? "MET" : "MISSED";
}
