import {
  type Cell,
  formatCount,
  formatPercent,
  type Report,
  type ReportTable,
} from "./analyses.ts";
import { displayWidth, type Styles } from "./terminal.ts";

function show(table: ReportTable, column: number, cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") {
    return table.percent?.includes(column) ? formatPercent(cell) : formatCount(cell);
  }
  return cell;
}

/** A report as text: title, summary lines and aligned tables (numbers right-aligned). */
export function reportText(report: Report, header: string, styles: Styles): string {
  const lines = [styles.bold(report.title), styles.dim(header), ""];
  const labelWidth = Math.max(...report.summary.map(([label]) => displayWidth(label)));
  for (const [label, value] of report.summary) {
    lines.push(`  ${label}${" ".repeat(labelWidth - displayWidth(label))}  ${value}`);
  }
  for (const table of report.tables) {
    lines.push("", styles.bold(table.title));
    const cells = table.rows.map((row) => row.map((cell, c) => show(table, c, cell)));
    const widths = table.columns.map((name, c) =>
      Math.max(displayWidth(name), ...cells.map((row) => displayWidth(row[c] ?? ""))),
    );
    const numeric = table.columns.map((_, c) =>
      table.rows.some((row) => typeof row[c] === "number"),
    );
    const pad = (value: string, c: number) => {
      const space = " ".repeat(widths[c]! - displayWidth(value));
      return numeric[c] ? space + value : value + space;
    };
    lines.push(`  ${table.columns.map((name, c) => styles.cyan(pad(name, c))).join("  ")}`);
    for (const row of cells)
      lines.push(`  ${row.map((value, c) => pad(value, c)).join("  ")}`.trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

/** A CSV field, quoted as RFC 4180 says when it holds a comma, a quote or a line break. */
function csvField(cell: Cell): string {
  if (cell === null) return "";
  const value = String(cell);
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The report's main table as CSV, raw numbers (ratios as fractions). */
export function reportCsv(report: Report): string {
  const table = report.tables[0]!;
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(","));
  return `${lines.join("\n")}\n`;
}
