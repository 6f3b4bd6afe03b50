/**
 * The RFM tool: pasted customer rows (id, last purchase date, frequency, monetary) scored and
 * segmented by `rfmSegments` of @opsbook/persona with its default 5×5 grid. `rfmSegments` takes
 * purchases, so each row is handed to it as its purchases: `frequency` purchases on the last
 * purchase date, the first carrying the whole monetary value — which gives it exactly the row's
 * recency, frequency and monetary value.
 */
import { OpsbookError } from "@opsbook/core";
import { type RfmReport, type RfmTransaction, rfmSegments } from "@opsbook/persona";
import { numberCell, tableLines, withLine } from "./toolsInput.ts";

/** One customer as pasted. */
export interface CustomerRow {
  customerId: string;
  lastPurchase: string;
  frequency: number;
  monetary: number;
}

/** Most purchases the tool expands in the browser (the sum of the frequencies). */
export const maxPurchases = 100_000;

/**
 * Reads one customer per line: id, last purchase date (`YYYY-MM-DD`), frequency, monetary. A
 * first line whose frequency is not a number is a header and is skipped.
 */
export function parseCustomerRows(text: string): { rows: CustomerRow[]; lines: number[] } {
  const table = tableLines(text);
  const first = table[0];
  if (first && first.cells.length === 4 && !Number.isFinite(Number(first.cells[2]))) table.shift();
  const rows = table.map(({ line, cells }) => {
    if (cells.length !== 4) {
      throw new OpsbookError(
        "invalid_input",
        `line ${line}: expected id, last purchase date, frequency and monetary, received ${cells.length} values`,
        ["rows", line],
      );
    }
    const frequency = numberCell(cells[2], "frequency", line);
    if (!Number.isInteger(frequency) || frequency < 1) {
      throw new OpsbookError(
        "out_of_range",
        `line ${line}: expected a whole number of purchases ≥ 1 for frequency, received ${cells[2]}`,
        ["frequency", line],
      );
    }
    return {
      customerId: cells[0] as string,
      lastPurchase: cells[1] as string,
      frequency,
      monetary: numberCell(cells[3], "monetary", line),
    };
  });
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = table[i]?.line as number;
    const earlier = seen.get(row.customerId);
    if (earlier !== undefined) {
      throw new OpsbookError(
        "conflict",
        `line ${line}: customer ${JSON.stringify(row.customerId)} is already on line ${earlier}`,
        ["rows", line],
      );
    }
    seen.set(row.customerId, line);
  });
  if (rows.length === 0) {
    throw new OpsbookError("invalid_input", "rows: expected at least one customer", ["rows"]);
  }
  return { rows, lines: table.map((row) => row.line) };
}

/** The rows as the purchases `rfmSegments` reads, and the line of each purchase. */
export function rowsAsPurchases(rows: readonly CustomerRow[], lines: readonly number[]) {
  const purchases: RfmTransaction[] = [];
  const purchaseLines: number[] = [];
  const total = rows.reduce((sum, row) => sum + row.frequency, 0);
  if (total > maxPurchases) {
    throw new OpsbookError(
      "out_of_range",
      `rows: expected at most ${maxPurchases.toLocaleString("en-US")} purchases in all, received ${total.toLocaleString("en-US")}`,
      ["rows"],
    );
  }
  rows.forEach((row, i) => {
    for (let k = 0; k < row.frequency; k++) {
      purchases.push({
        customerId: row.customerId,
        date: row.lastPurchase,
        amount: k === 0 ? row.monetary : 0,
      });
      purchaseLines.push(lines[i] as number);
    }
  });
  return { purchases, purchaseLines };
}

/** The tool's inputs as typed: the pasted rows and the analysis date (empty: the latest purchase). */
export interface RfmToolInputs {
  rows: string;
  asOf: string;
}

/** Scores and segments the pasted customers; errors from the package name the customer's line. */
export function calculateRfm(inputs: RfmToolInputs): RfmReport {
  const { rows, lines } = parseCustomerRows(inputs.rows);
  const { purchases, purchaseLines } = rowsAsPurchases(rows, lines);
  try {
    return rfmSegments(purchases, inputs.asOf === "" ? {} : { asOf: inputs.asOf });
  } catch (error) {
    throw withLine(error, (index) => purchaseLines[index]);
  }
}
