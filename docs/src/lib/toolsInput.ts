/**
 * Reading the tables that the tools page's calculators take as pasted text (Van Westendorp answers,
 * a Bass series, RFM customer rows): one row per line, cells separated by tabs (a spreadsheet
 * paste), commas, semicolons or spaces; blank lines and lines starting with `#` are skipped. Errors
 * are `OpsbookError`s naming the line, as the packages' own errors name the field.
 */
import { OpsbookError } from "@opsbook/core";

/** One non-blank line of a pasted table: its 1-based line number and its cells. */
export interface TableLine {
  line: number;
  cells: string[];
}

/**
 * Splits pasted text into lines and cells. A line with a tab, comma or semicolon is split on
 * those (so an id may hold a space); any other line on white space.
 */
export function tableLines(text: string): TableLine[] {
  const lines: TableLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const cells = /[\t,;]/.test(trimmed) ? trimmed.split(/\s*[\t,;]\s*/) : trimmed.split(/\s+/);
    lines.push({ line: index + 1, cells: cells.filter((cell) => cell !== "") });
  });
  return lines;
}

/**
 * A cell as a number: a leading currency sign is allowed (`$12`, `¥68`), thousands separators are
 * not (the comma separates cells). Throws `invalid_input` naming the field and the line.
 */
export function numberCell(cell: string | undefined, field: string, line: number): number {
  const text = (cell ?? "").replace(/^[$¥€£]/, "");
  const value = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new OpsbookError(
      "invalid_input",
      `line ${line}: expected a number for ${field}, received ${JSON.stringify(cell ?? "")}`,
      [field, line],
    );
  }
  return value;
}

/**
 * Adds the pasted line to an `OpsbookError` from a package whose path points into the rows it was
 * given (`responses[2].cheap` is the third row): `lineOf(2)` gives that row's line.
 */
export function withLine(error: unknown, lineOf: (index: number) => number | undefined): unknown {
  if (!(error instanceof OpsbookError)) return error;
  const index = error.path.find((key) => typeof key === "number");
  const line = typeof index === "number" ? lineOf(index) : undefined;
  if (line === undefined) return error;
  return new OpsbookError(error.code, `line ${line}: ${error.message}`, error.path, {
    issues: error.issues,
    cause: error,
  });
}
