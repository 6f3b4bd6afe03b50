import {
  type Money,
  OpsbookError,
  periodKey,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import { scoreByRank } from "./quantileScores.ts";
import { type RfmGridCell, rfmGridCellSchema } from "./schemas.ts";

const DAY = 86_400_000;

/**
 * The widely copied 5×5 recency × frequency grid with ten named segments, as a list of cells
 * (inclusive score ranges; R is the row, F the column):
 *
 * | R \ F | 1 | 2 | 3 | 4 | 5 |
 * | --- | --- | --- | --- | --- | --- |
 * | 5 | new customers | potential loyalists | potential loyalists | champions | champions |
 * | 4 | promising | potential loyalists | potential loyalists | loyal customers | loyal customers |
 * | 3 | about to sleep | about to sleep | need attention | loyal customers | loyal customers |
 * | 2 | hibernating | hibernating | at risk | at risk | can't lose |
 * | 1 | hibernating | hibernating | at risk | at risk | can't lose |
 *
 * Origin: the segment names and descriptions follow the RFM segment chart popularised by Putler
 * (putler.com, "RFM analysis" documentation and blog); this R×F layout is the `seg_map` table of
 * regular expressions (`r'[1-2][1-2]': 'hibernating'`, `r'5[4-5]': 'champions'`, …) copied across
 * countless pandas RFM tutorials and notebooks. It has no "lost" segment — the lowest corner is
 * "hibernating"; vendor grids that add "lost" (edrone, Bloomreach) split it differently, so pass
 * your own `grid` to use one of those.
 *
 * @category RFM
 * @since 0.1.0
 * @example
 * ```ts
 * import { defaultRfmGrid } from "@opsbook/persona";
 *
 * defaultRfmGrid.length //=> 10
 * defaultRfmGrid.find((cell) => cell.segment === "champions")
 * //=> { segment: "champions", recency: [5, 5], frequency: [4, 5] }
 * ```
 */
export const defaultRfmGrid: readonly RfmGridCell[] = Object.freeze([
  { segment: "hibernating", recency: [1, 2], frequency: [1, 2] },
  { segment: "at risk", recency: [1, 2], frequency: [3, 4] },
  { segment: "can't lose", recency: [1, 2], frequency: [5, 5] },
  { segment: "about to sleep", recency: [3, 3], frequency: [1, 2] },
  { segment: "need attention", recency: [3, 3], frequency: [3, 3] },
  { segment: "loyal customers", recency: [3, 4], frequency: [4, 5] },
  { segment: "promising", recency: [4, 4], frequency: [1, 1] },
  { segment: "new customers", recency: [5, 5], frequency: [1, 1] },
  { segment: "potential loyalists", recency: [4, 5], frequency: [2, 3] },
  { segment: "champions", recency: [5, 5], frequency: [4, 5] },
] as RfmGridCell[]);

/**
 * A purchase: who, when and how much. `amount` is a core `Money` (integer minor units) or a plain
 * number; all amounts of one call must be of one kind and, for money, one currency. Other fields
 * (CDNOW's `quantity`) are ignored.
 *
 * @category RFM
 * @since 0.1.0
 */
export interface RfmTransaction {
  customerId: string;
  date: TimestampInput;
  amount: Money | number;
}

/**
 * Options of {@link rfmSegments}.
 *
 * @category RFM
 * @since 0.1.0
 */
export interface RfmOptions {
  /** The analysis date recency is measured from (default: the latest transaction). */
  asOf?: TimestampInput;
  /** Number of score bins per dimension (default 5, quintiles). */
  bins?: number;
  /**
   * What frequency counts: `"transactions"` (default) or `"days"`, distinct purchase days — several
   * purchases on one day count once, as in Fader, Hardie & Lee's CDNOW summaries.
   */
  frequency?: "transactions" | "days";
  /** Time zone of purchase days for `frequency: "days"` (default `"UTC"`). */
  timeZone?: string;
  /** The R×F grid (default {@link defaultRfmGrid}; required when `bins` is not 5). */
  grid?: readonly RfmGridCell[];
  /** Renames segments of the grid: `{ champions: "VIP" }`. Unknown names are an error. */
  labels?: Record<string, string>;
}

/**
 * One customer's RFM result.
 *
 * @category RFM
 * @since 0.1.0
 */
export interface RfmCustomer {
  customerId: string;
  /** Days from the last purchase to `asOf` (fractional when times are not midnight). */
  recencyDays: number;
  frequency: number;
  /** Total spend: `Money` when amounts are money, else a number. */
  monetary: Money | number;
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  /** The three scores as a string, e.g. `"545"`. */
  score: string;
  segment: string;
}

/**
 * One segment's size and value.
 *
 * @category RFM
 * @since 0.1.0
 */
export interface RfmSegmentSummary {
  segment: string;
  customers: number;
  /** Share of customers (0 when there are none). */
  share: number;
  /** Total spend of the segment's customers (`Money` or number, like the input). */
  value: Money | number;
  /** Share of total spend (0 when the total is 0). */
  valueShare: number;
  meanRecencyDays: number;
  meanFrequency: number;
}

/**
 * Result of {@link rfmSegments}.
 *
 * @category RFM
 * @since 0.1.0
 */
export interface RfmReport {
  /** Epoch milliseconds recency is measured from (0 when there are no transactions and no `asOf`). */
  asOf: number;
  bins: number;
  customers: RfmCustomer[];
  /** Every segment of the grid in grid order, empty ones included. */
  segments: RfmSegmentSummary[];
  grid: RfmGridCell[];
}

const moneySchema = z.object({
  amount: z.number().int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
const timestamp = z.union([z.date(), z.string(), z.number()]);
const transactionSchema = z.object({
  customerId: z.string().min(1),
  date: timestamp,
  amount: z.union([moneySchema, z.number().refine(Number.isFinite, "expected a finite number")]),
});
const optionsSchema = z
  .object({
    asOf: timestamp.optional(),
    bins: z.number().int().min(2).max(10).default(5),
    frequency: z.enum(["transactions", "days"]).default("transactions"),
    timeZone: z.string().default("UTC"),
    grid: z.array(rfmGridCellSchema).min(1).optional(),
    labels: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict();

/**
 * Checks that a grid covers every R×F cell of a `bins`×`bins` board exactly once and returns a
 * lookup `(r − 1)·bins + (f − 1) → cell index`.
 */
function gridLookup(grid: readonly RfmGridCell[], bins: number): number[] {
  const lookup = new Array<number>(bins * bins).fill(-1);
  grid.forEach((cell, index) => {
    for (const axis of ["recency", "frequency"] as const) {
      const [lo, hi] = cell[axis];
      if (lo > hi || hi > bins)
        throw new OpsbookError(
          "out_of_range",
          `grid[${index}].${axis}: expected scores from 1 to ${bins} with min ≤ max, received [${lo}, ${hi}]`,
          ["grid", index, axis],
        );
    }
    for (let r = cell.recency[0]; r <= cell.recency[1]; r++)
      for (let f = cell.frequency[0]; f <= cell.frequency[1]; f++) {
        const at = (r - 1) * bins + (f - 1);
        const other = lookup[at] as number;
        if (other >= 0)
          throw new OpsbookError(
            "conflict",
            `grid[${index}]: R${r} F${f} is already in "${grid[other]?.segment}" (grid[${other}])`,
            ["grid", index],
          );
        lookup[at] = index;
      }
  });
  const missing: string[] = [];
  lookup.forEach((v, at) => {
    if (v < 0) missing.push(`R${Math.floor(at / bins) + 1} F${(at % bins) + 1}`);
  });
  if (missing.length > 0)
    throw new OpsbookError(
      "invalid_input",
      `grid: expected every R×F cell of a ${bins}×${bins} grid to have a segment, missing ${missing.join(", ")}`,
      ["grid"],
    );
  return lookup;
}

/**
 * RFM segmentation: recency, frequency and monetary scores by quantile bins, and a named segment
 * per customer from an R×F grid (M is scored and reported but, as in the grid, does not choose the
 * segment). Recency is days from the last purchase to `asOf`, frequency the number of purchases (or
 * purchase days), monetary the total spend. Scores follow {@link quantileScores}: ranks with ties
 * broken by order of first appearance of the customer in `transactions` (pandas
 * `rank(method="first")`), then equal-count bins (pandas `qcut`); recency is scored descending
 * (most recent = `bins`).
 *
 * Every customer gets exactly one segment (the grid must cover each R×F cell once: a gap is an
 * `invalid_input` error, an overlap a `conflict`). With no transactions the report is empty.
 *
 * @param transactions - Purchases (the CDNOW rows of `@opsbook/sample-data`'s `cdnowSample()` fit as they are).
 * @param options - `asOf`, `bins`, `frequency`, `timeZone`, `grid`, `labels`.
 * @returns Customers with scores and segments, and each segment's size and value.
 * @throws {@link OpsbookError} for bad rows, mixed currencies (`conflict`), a grid that misses or
 *   repeats a cell, a non-5 `bins` without a grid (`unsupported`) or a label for an unknown segment (`not_found`).
 * @category RFM
 * @since 0.1.0
 * @example
 * ```ts
 * import { rfmSegments } from "@opsbook/persona";
 *
 * const day = (d: number) => `2026-01-${String(d).padStart(2, "0")}`;
 * const report = rfmSegments(
 *   [
 *     { customerId: "a", date: day(30), amount: 50 }, { customerId: "a", date: day(28), amount: 50 },
 *     { customerId: "b", date: day(2), amount: 20 },
 *     { customerId: "c", date: day(29), amount: 10 },
 *   ],
 *   { bins: 2, grid: [
 *     { segment: "active", recency: [2, 2], frequency: [1, 2] },
 *     { segment: "lapsed", recency: [1, 1], frequency: [1, 2] },
 *   ] },
 * );
 * report.customers.map((c) => [c.customerId, c.score, c.segment])
 * //=> [["a", "222", "active"], ["b", "111", "lapsed"], ["c", "211", "active"]]
 * report.segments.map((s) => [s.segment, s.customers, s.value]) //=> [["active", 2, 110], ["lapsed", 1, 20]]
 * rfmSegments([], { labels: { champs: "VIP" } }) //=> throws OpsbookError
 * ```
 */
export function rfmSegments(
  transactions: readonly RfmTransaction[],
  options: RfmOptions = {},
): RfmReport {
  const rows = validate(z.array(transactionSchema), transactions, { path: ["transactions"] });
  const opts = validate(optionsSchema, options, { path: ["options"], label: "RFM options" });
  if (opts.bins !== 5 && !opts.grid)
    throw new OpsbookError(
      "unsupported",
      `options.grid: the default grid is 5×5; pass a grid for bins = ${opts.bins}`,
      ["options", "grid"],
    );
  const baseGrid = (opts.grid ?? defaultRfmGrid).map((c) => ({ ...c }));
  if (opts.labels) {
    const names = new Set(baseGrid.map((c) => c.segment));
    const unknown = Object.keys(opts.labels).filter((name) => !names.has(name));
    if (unknown.length > 0)
      throw OpsbookError.fromIssues(
        unknown.map((name) => ({
          code: "not_found" as const,
          path: ["options", "labels", name],
          message: `options.labels: no segment "${name}" in the grid (segments: ${[...names].join(", ")})`,
        })),
        "RFM options",
      );
    for (const cell of baseGrid) cell.segment = opts.labels[cell.segment] ?? cell.segment;
  }
  const lookup = gridLookup(baseGrid, opts.bins);

  // Aggregate per customer, in order of first appearance.
  const index = new Map<string, number>();
  const last: number[] = [];
  const count: number[] = [];
  const days: Set<string>[] = [];
  const spend: number[] = [];
  let currency: string | undefined;
  let kind: "money" | "number" | undefined;
  let latest = Number.NEGATIVE_INFINITY;
  rows.forEach((row, i) => {
    const t = toEpochMs(row.date, ["transactions", i, "date"]);
    const rowKind = typeof row.amount === "number" ? "number" : "money";
    if (kind === undefined) kind = rowKind;
    if (rowKind !== kind)
      throw new OpsbookError(
        "conflict",
        `transactions[${i}].amount: expected ${kind === "money" ? "Money like the first row" : "a number like the first row"}`,
        ["transactions", i, "amount"],
      );
    let value: number;
    if (typeof row.amount === "number") value = row.amount;
    else {
      currency ??= row.amount.currency;
      if (row.amount.currency !== currency)
        throw new OpsbookError(
          "conflict",
          `transactions[${i}].amount.currency: expected ${currency} like the first row, received ${row.amount.currency}`,
          ["transactions", i, "amount", "currency"],
        );
      value = row.amount.amount;
    }
    let c = index.get(row.customerId);
    if (c === undefined) {
      c = last.length;
      index.set(row.customerId, c);
      last.push(t);
      count.push(0);
      days.push(new Set());
      spend.push(0);
    }
    last[c] = Math.max(last[c] as number, t);
    count[c] = (count[c] as number) + 1;
    if (opts.frequency === "days")
      (days[c] as Set<string>).add(periodKey(t, "day", { timeZone: opts.timeZone }));
    spend[c] = (spend[c] as number) + value;
    latest = Math.max(latest, t);
  });
  const asOf = opts.asOf === undefined ? latest : toEpochMs(opts.asOf, ["options", "asOf"]);
  const ids = [...index.keys()];
  const recency = last.map((t) => (asOf - t) / DAY);
  const frequency = opts.frequency === "days" ? days.map((d) => d.size) : count;
  const r = scoreByRank(recency, opts.bins, true);
  const f = scoreByRank(frequency, opts.bins, false);
  const m = scoreByRank(spend, opts.bins, false);
  const asValue = (v: number): Money | number =>
    kind === "money" ? { amount: v, currency: currency as string } : v;

  const customers = ids.map((customerId, c): RfmCustomer => {
    const rs = r[c] as number;
    const fs = f[c] as number;
    const cell = baseGrid[lookup[(rs - 1) * opts.bins + (fs - 1)] as number] as RfmGridCell;
    return {
      customerId,
      recencyDays: recency[c] as number,
      frequency: frequency[c] as number,
      monetary: asValue(spend[c] as number),
      recencyScore: rs,
      frequencyScore: fs,
      monetaryScore: m[c] as number,
      score: `${rs}${fs}${m[c]}`,
      segment: cell.segment,
    };
  });

  const total = spend.reduce((s, v) => s + v, 0);
  const order = [...new Set(baseGrid.map((c) => c.segment))];
  const segments = order.map((segment): RfmSegmentSummary => {
    const members = customers.map((_c, i) => i).filter((i) => customers[i]?.segment === segment);
    const value = members.reduce((s, i) => s + (spend[i] as number), 0);
    const mean = (xs: number[]) =>
      xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
    return {
      segment,
      customers: members.length,
      share: customers.length === 0 ? 0 : members.length / customers.length,
      value: asValue(value),
      valueShare: total === 0 ? 0 : value / total,
      meanRecencyDays: mean(members.map((i) => recency[i] as number)),
      meanFrequency: mean(members.map((i) => frequency[i] as number)),
    };
  });
  return {
    asOf: Number.isFinite(asOf) ? asOf : 0,
    bins: opts.bins,
    customers,
    segments,
    grid: baseGrid,
  };
}
