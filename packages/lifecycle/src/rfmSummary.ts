import {
  currencyExponent,
  type Money,
  OpsbookError,
  type OpsbookIssue,
  periodIndex,
  type TimestampInput,
  timestampSchema,
  timeZoneSchema,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { z } from "zod";

/**
 * One purchase: who bought, when (`timestamp`, or `date` as in `@opsbook/sample-data`'s CDNOW
 * rows) and optionally for how much (a number in major units, or `Money` in minor units).
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface Transaction {
  customerId: string;
  timestamp?: TimestampInput;
  date?: TimestampInput;
  amount?: number | Money;
}

/**
 * A customer's summary as produced by {@link rfmSummary}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface RfmCustomer {
  customerId: string;
  /** Repeat purchase days: purchase days after the first purchase day. */
  frequency: number;
  /** Time from the first to the last purchase day, in periods of `periodDays`. */
  recency: number;
  /** Time from the first purchase day to the observation end day, in periods. */
  T: number;
  /** Mean value of the repeat purchase days (day totals, major units); 0 without repeat purchases. */
  monetaryValue: number;
  /** Time of the first purchase (or the given first purchase date), epoch milliseconds. */
  firstPurchase: number;
}

/**
 * A problem found in the transactions and reported instead of thrown.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface RfmWarning {
  code: "before_first_purchase";
  /** Index of the transaction in the input. */
  index: number;
  customerId: string;
  message: string;
}

/**
 * Result of {@link rfmSummary}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface RfmSummary {
  /** One row per customer acquired by the observation end, in order of first appearance. */
  customers: RfmCustomer[];
  /** Transactions dropped because they precede the customer's known first purchase. */
  warnings: RfmWarning[];
  /** Transactions after the observation end (left for a holdout period) and their customers. */
  excluded: { transactions: number; customersAcquiredLater: number };
  /** Currency of the amounts, when they were `Money`. */
  currency: string | null;
}

const optionsSchema = z.object({
  observationEnd: timestampSchema,
  periodDays: z.number().positive().finite().default(7),
  timeZone: timeZoneSchema.default("UTC"),
  firstPurchases: z.record(z.string(), timestampSchema).optional(),
  invalid: z.enum(["report", "throw"]).default("report"),
}) satisfies z.ZodType<unknown, RfmSummaryOptions>;

/**
 * Options of {@link rfmSummary}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface RfmSummaryOptions {
  /** End of the observation period (T is measured to its day); later transactions are left out. */
  observationEnd: TimestampInput;
  /** Days in a period of recency and T (default 7: weeks, as in the papers). */
  periodDays?: number;
  /** IANA time zone of the calendar days (default `"UTC"`). */
  timeZone?: string;
  /** Customers' first purchase dates from another system, by customer id. */
  firstPurchases?: Record<string, TimestampInput>;
  /** An early transaction is reported in `warnings` and dropped (`"report"`, default) or thrown. */
  invalid?: "report" | "throw";
}

const DAY = 86_400_000;

/**
 * Builds the frequency / recency / T summary that the BG/NBD, Pareto/NBD and Gamma-Gamma models
 * take, as in Fader & Hardie's note "Creating an RFM Summary Using Excel" (2008) and lifetimes'
 * `summary_data_from_transaction_data`: purchases are grouped by calendar day in `timeZone`
 * (several purchases on one day count once and their amounts add up), `frequency` is the number
 * of purchase days after the first, `recency` and `T` run from the first purchase day to the last
 * purchase day and to the day of `observationEnd`, in periods of `periodDays` days (default 7:
 * weeks, as in the papers). Transactions after `observationEnd` are left out (a holdout period).
 *
 * When `firstPurchases` gives customers' first purchase dates from another system, times are
 * measured from them, and a transaction on an earlier day is flagged in `warnings` and dropped
 * (or, with `invalid: "throw"`, raises an OpsbookError).
 *
 * @param transactions - Purchases, in any order.
 * @param options - `observationEnd` (required), `periodDays`, `timeZone`, `firstPurchases`,
 *   `invalid`.
 * @returns The customers, the warnings and what was excluded.
 * @throws OpsbookError for a row without a customer id or a valid time, for amounts in several
 *   currencies, or for an early transaction with `invalid: "throw"`.
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { rfmSummary } from "@opsbook/lifecycle";
 *
 * const summary = rfmSummary(
 *   [
 *     { customerId: "a", date: "2026-01-01", amount: 10 },
 *     { customerId: "a", date: "2026-01-01", amount: 5 },
 *     { customerId: "a", date: "2026-01-15", amount: 20 },
 *     { customerId: "a", date: "2026-01-29", amount: 30 },
 *     { customerId: "b", date: "2026-01-08", amount: 12 },
 *     { customerId: "b", date: "2026-03-01", amount: 99 },
 *   ],
 *   { observationEnd: "2026-02-26" },
 * );
 * summary.customers.map(({ customerId, frequency, recency, T, monetaryValue }) => [customerId, frequency, recency, T, monetaryValue])
 * //=> [["a", 2, 4, 8, 25], ["b", 0, 0, 7, 0]]
 * summary.excluded //=> { transactions: 1, customersAcquiredLater: 0 }
 * ```
 */
export function rfmSummary(
  transactions: Iterable<Transaction>,
  options: RfmSummaryOptions,
): RfmSummary {
  const o = validate(optionsSchema, options, { label: "options" });
  const utc = o.timeZone === "UTC";
  const calendar = { timeZone: o.timeZone };
  const dayOf = (ms: number) => (utc ? Math.floor(ms / DAY) : periodIndex(ms, 0, "day", calendar));
  const endDay = dayOf(o.observationEnd);
  const known = new Map<string, number>();
  for (const [id, ms] of Object.entries(o.firstPurchases ?? {})) known.set(id, dayOf(ms));

  const issues: OpsbookIssue[] = [];
  const warnings: RfmWarning[] = [];
  const days = new Map<string, Map<number, number>>();
  let currency: string | null = null;
  let scale = 1;
  let excludedRows = 0;
  const laterIds = new Set<string>();
  const firstMs = new Map<string, number>();
  let index = -1;
  for (const row of transactions) {
    index++;
    if (typeof row !== "object" || row === null) {
      issues.push({
        code: "invalid_input",
        path: [index],
        message: `[${index}]: expected a transaction object`,
      });
      continue;
    }
    const { customerId, amount } = row;
    if (typeof customerId !== "string" || customerId.length === 0) {
      issues.push({
        code: "invalid_input",
        path: [index, "customerId"],
        message: `[${index}].customerId: expected a non-empty string`,
      });
      continue;
    }
    const key = row.timestamp !== undefined ? "timestamp" : "date";
    let ms: number;
    try {
      ms = toEpochMs((row.timestamp ?? row.date) as TimestampInput, [index, key]);
    } catch (error) {
      issues.push(...(error as OpsbookError).issues);
      continue;
    }
    let value = 0;
    if (typeof amount === "number" && Number.isFinite(amount)) value = amount;
    else if (typeof amount === "object" && amount !== null && Number.isInteger(amount.amount)) {
      if (currency === null) {
        currency = amount.currency;
        scale = 10 ** currencyExponent(currency);
      } else if (amount.currency !== currency) {
        throw new OpsbookError(
          "conflict",
          `[${index}].amount.currency: expected ${currency} like the earlier rows, received ${amount.currency}`,
          [index, "amount", "currency"],
        );
      }
      value = amount.amount / scale;
    } else if (amount !== undefined) {
      issues.push({
        code: "invalid_input",
        path: [index, "amount"],
        message: `[${index}].amount: expected a finite number or Money`,
      });
      continue;
    }
    const day = dayOf(ms);
    if (day > endDay) {
      excludedRows++;
      laterIds.add(customerId);
      continue;
    }
    const first = known.get(customerId);
    if (first !== undefined && day < first) {
      const message = `[${index}]: transaction of customer ${customerId} on a day before their first purchase`;
      if (o.invalid === "throw") issues.push({ code: "out_of_range", path: [index, key], message });
      else warnings.push({ code: "before_first_purchase", index, customerId, message });
      continue;
    }
    let byDay = days.get(customerId);
    if (!byDay) days.set(customerId, (byDay = new Map()));
    byDay.set(day, (byDay.get(day) ?? 0) + value);
    const earliest = firstMs.get(customerId);
    if (earliest === undefined || ms < earliest) firstMs.set(customerId, ms);
  }
  if (issues.length > 0) throw OpsbookError.fromIssues(issues, "transactions");

  const customers: RfmCustomer[] = [];
  let later = 0;
  const seen = new Set<string>();
  for (const [customerId, byDay] of days) {
    seen.add(customerId);
    const sorted = [...byDay.keys()].sort((a, b) => a - b);
    const firstDay = known.get(customerId) ?? (sorted[0] as number);
    const repeat = sorted.filter((d) => d > firstDay);
    const lastDay = repeat.length > 0 ? (repeat[repeat.length - 1] as number) : firstDay;
    const spend = repeat.reduce((s, d) => s + (byDay.get(d) as number), 0);
    customers.push({
      customerId,
      frequency: repeat.length,
      recency: (lastDay - firstDay) / o.periodDays,
      T: (endDay - firstDay) / o.periodDays,
      monetaryValue: repeat.length > 0 ? spend / repeat.length : 0,
      firstPurchase: o.firstPurchases?.[customerId] ?? (firstMs.get(customerId) as number),
    });
  }
  for (const id of laterIds) if (!seen.has(id)) later++;
  return {
    customers,
    warnings,
    excluded: { transactions: excludedRows, customersAcquiredLater: later },
    currency,
  };
}
