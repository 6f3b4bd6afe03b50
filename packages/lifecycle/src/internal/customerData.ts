import { OpsbookError, type OpsbookIssue } from "@opsbook/core";
import type { CustomerSummary } from "../schemas.ts";

/** Customers with identical (x, t_x, T) merged into one row with a weight. */
export interface CompressedCustomers {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Distinct frequencies, and for each row the index of its frequency in that list. */
  frequencies: number[];
  frequencyIndex: Uint32Array;
  customers: number;
}

/**
 * Checks summaries in a tight loop (the rules of `customerSummarySchema`, without a zod parse per
 * row, so that a million customers validate fast) and throws one OpsbookError listing the first
 * problems.
 */
export function checkSummaries(customers: readonly CustomerSummary[], label = "customers"): void {
  if (!Array.isArray(customers))
    throw new OpsbookError(
      "invalid_input",
      `${label}: expected an array of customer summaries`,
      [],
    );
  const issues: OpsbookIssue[] = [];
  const add = (
    i: number,
    key: string,
    message: string,
    code: OpsbookIssue["code"] = "invalid_input",
  ) => issues.push({ code, path: [i, key], message: `[${i}].${key}: ${message}` });
  for (let i = 0; i < customers.length && issues.length < 20; i++) {
    const c = customers[i] as CustomerSummary | undefined;
    if (typeof c !== "object" || c === null) {
      issues.push({ code: "invalid_input", path: [i], message: `[${i}]: expected an object` });
      continue;
    }
    const { frequency: x, recency: tx, T } = c;
    if (!Number.isInteger(x) || x < 0)
      add(i, "frequency", `expected an integer ≥ 0, received ${x}`);
    if (typeof T !== "number" || !(T > 0) || !Number.isFinite(T))
      add(i, "T", `expected a number > 0, received ${T}`);
    if (typeof tx !== "number" || !(tx >= 0) || !Number.isFinite(tx))
      add(i, "recency", `expected a number ≥ 0, received ${tx}`);
    else if (tx > T)
      add(
        i,
        "recency",
        `expected recency ≤ T (${T}): a purchase after the end of observation, received ${tx}`,
        "out_of_range",
      );
    else if (x === 0 && tx !== 0)
      add(
        i,
        "recency",
        `expected recency 0 for a customer without repeat purchases, received ${tx}`,
      );
  }
  if (issues.length > 0) throw OpsbookError.fromIssues(issues, label);
  if (customers.length === 0)
    throw new OpsbookError(
      "out_of_range",
      `${label}: expected at least one customer, received none`,
      [],
    );
}

/** Merges identical summaries; the likelihood is then a weighted sum over distinct rows. */
export function compress(customers: readonly CustomerSummary[]): CompressedCustomers {
  const rows = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const weights: number[] = [];
  for (const c of customers) {
    const key = `${c.frequency}|${c.recency}|${c.T}`;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, xs.length);
      xs.push(c.frequency);
      txs.push(c.recency);
      Ts.push(c.T);
      weights.push(1);
    } else weights[row] = (weights[row] as number) + 1;
  }
  const frequencies = [...new Set(xs)].sort((a, b) => a - b);
  const position = new Map(frequencies.map((f, i) => [f, i]));
  return {
    x: Float64Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    weight: Float64Array.from(weights),
    frequencies,
    frequencyIndex: Uint32Array.from(xs, (x) => position.get(x) as number),
    customers: customers.length,
  };
}
