import { fromDecimal, type Money, OpsbookError, type OpsbookIssue, validate } from "@opsbook/core";
import { z } from "zod";
import { type CdnowParseOptions, cdnowParseOptionsSchema } from "./schemas.ts";

/**
 * One purchase of the CDNOW data set (Fader & Hardie): a customer bought `quantity` CDs for
 * `amount` on `date`. Several rows may share a customer and a day.
 *
 * @category CDNOW
 * @since 0.1.0
 * @example
 * ```ts
 * import { cdnowSample } from "@opsbook/sample-data";
 *
 * cdnowSample()[0]
 * //=> { customerId: "4", date: "1997-01-01", quantity: 2, amount: { amount: 2933, currency: "USD" } }
 * ```
 */
export interface CdnowTransaction {
  /** Customer id of the master file, without leading zeros (the sample keeps the master ids). */
  customerId: string;
  /** Purchase date, `YYYY-MM-DD`. */
  date: string;
  /** Number of CDs bought. */
  quantity: number;
  /** Dollar value in US cents, converted once from the file's decimal text. */
  amount: Money;
}

const layouts = {
  sample: {
    columns: 5,
    date: 2,
    quantity: 3,
    amount: 4,
    describe: "5 columns (customer id, sample id, YYYYMMDD date, CDs, dollars)",
  },
  master: {
    columns: 4,
    date: 1,
    quantity: 2,
    amount: 3,
    describe: "4 columns (customer id, YYYYMMDD date, CDs, dollars)",
  },
} as const;

const digits = /^\d+$/;
const decimal = /^\d+(?:\.\d+)?$/;

function calendarDate(token: string): string | undefined {
  if (!/^\d{8}$/.test(token)) return undefined;
  const y = Number(token.slice(0, 4));
  const m = Number(token.slice(4, 6));
  const d = Number(token.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${token.slice(0, 4)}-${token.slice(4, 6)}-${token.slice(6, 8)}`;
}

/**
 * Parses the text of a CDNOW file — `CDNOW_sample.txt` (`format: "sample"`) or `CDNOW_master.txt`
 * (`format: "master"`) as published by Fader & Hardie with "Counting Your Customers the Easy Way"
 * (Marketing Science, 2005) — into transactions. Columns are separated by whitespace; line endings
 * may be `\n` or `\r\n`; blank lines and the master file's header line are skipped. Dollar values
 * become integer cents here, once, without binary floating point.
 *
 * @param text - The file's text.
 * @param options - `format`: `"sample"` (5 columns) or `"master"` (4 columns).
 * @returns Transactions in file order.
 * @throws `OpsbookError` (from `@opsbook/core`) `invalid_input` listing every bad line, each issue's `path` being
 *   `["line", n]` with the 1-based line number and its message starting `line n:`.
 * @category CDNOW
 * @since 0.1.0
 * @example
 * ```ts
 * import { parseCdnow } from "@opsbook/sample-data";
 *
 * parseCdnow(" 00001 19970101  1   11.77\r\n 00002 19970112  5   77.00\r\n", { format: "master" })
 * //=> [
 * //   { customerId: "1", date: "1997-01-01", quantity: 1, amount: { amount: 1177, currency: "USD" } },
 * //   { customerId: "2", date: "1997-01-12", quantity: 5, amount: { amount: 7700, currency: "USD" } },
 * // ]
 * parseCdnow("00004 0001 19970231 2 29.33", { format: "sample" }) //=> throws OpsbookError
 * ```
 */
export function parseCdnow(text: string, options: CdnowParseOptions): CdnowTransaction[] {
  const input = validate(z.string(), text, { label: "text" });
  const { format } = validate(cdnowParseOptionsSchema, options, { path: ["options"] });
  const layout = layouts[format];
  const transactions: CdnowTransaction[] = [];
  const issues: OpsbookIssue[] = [];
  const lines = input.split("\n");
  let seenData = false;
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    if (line === "") continue;
    const tokens = line.split(/\s+/);
    if (!seenData && format === "master" && !digits.test(tokens[0] as string)) {
      seenData = true;
      continue; // the master file's header: customer_id date number_of_cds dollar_value
    }
    seenData = true;
    const lineNumber = n + 1;
    const problem = (expected: string, received: string): void => {
      issues.push({
        code: "invalid_input",
        path: ["line", lineNumber],
        message: `line ${lineNumber}: expected ${expected}, received ${received}`,
        expected,
        received,
      });
    };
    if (tokens.length !== layout.columns) {
      problem(layout.describe, `${tokens.length} columns`);
      continue;
    }
    const [id] = tokens as [string];
    const dateToken = tokens[layout.date] as string;
    const quantityToken = tokens[layout.quantity] as string;
    const amountToken = tokens[layout.amount] as string;
    const date = calendarDate(dateToken);
    let ok = true;
    if (!digits.test(id)) {
      problem("customer id of digits", JSON.stringify(id));
      ok = false;
    }
    if (format === "sample" && !digits.test(tokens[1] as string)) {
      problem("sample id of digits", JSON.stringify(tokens[1]));
      ok = false;
    }
    if (date === undefined) {
      problem("date YYYYMMDD", JSON.stringify(dateToken));
      ok = false;
    }
    if (!digits.test(quantityToken)) {
      problem("number of CDs (integer ≥ 0)", JSON.stringify(quantityToken));
      ok = false;
    }
    if (!decimal.test(amountToken)) {
      problem("dollar value (decimal ≥ 0)", JSON.stringify(amountToken));
      ok = false;
    }
    if (!ok) continue;
    transactions.push({
      customerId: String(Number(id)),
      date: date as string,
      quantity: Number(quantityToken),
      amount: fromDecimal(amountToken, "USD"),
    });
  }
  if (issues.length > 0) throw OpsbookError.fromIssues(issues, `CDNOW ${format} text`);
  return transactions;
}
