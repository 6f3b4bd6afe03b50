import { type Money, validate } from "@opsbook/core";
import { z } from "zod";
import { fail } from "./internal/fail.ts";

/**
 * How one customer's MRR moved between two periods.
 *
 * @category Unit economics
 * @since 0.1.0
 */
export interface CustomerMovement {
  customerId: string;
  kind: "new" | "expansion" | "contraction" | "churn" | "reactivation";
  /** Current MRR minus previous MRR, minor units (negative for contraction and churn). */
  change: number;
}

/**
 * MRR movements between two periods (growth accounting of recurring revenue). Amounts are minor
 * units of `currency`; `contraction` and `churn` are positive amounts lost, and
 * `ending = starting + new + expansion + reactivation − contraction − churn`.
 *
 * @category Unit economics
 * @since 0.1.0
 */
export interface MrrMovements {
  currency: string;
  starting: Money;
  ending: Money;
  new: Money;
  expansion: Money;
  contraction: Money;
  churn: Money;
  reactivation: Money;
  /** `ending − starting`. */
  netNew: Money;
  customers: CustomerMovement[];
}

const moneySchema = z.object({ amount: z.number().int().min(0), currency: z.string() });
const inputSchema = z.object({
  previous: z.record(z.string(), moneySchema),
  current: z.record(z.string(), moneySchema),
  everActive: z.array(z.string()).default([]),
});

/**
 * Splits the change in MRR between two periods into new, expansion, contraction, churned and
 * reactivated MRR, customer by customer: a customer with no MRR before and some now is `new`, or a
 * `reactivation` when listed in `everActive` (paid in some earlier period); MRR up is `expansion`,
 * down but above zero is `contraction`, down to zero is `churn` — the MRR movements of David Skok's
 * SaaS metrics and of subscription analytics tools.
 *
 * @param input - `previous` and `current` MRR by customer id (a missing customer has none), and
 *   `everActive`: customers who paid before the previous period.
 * @returns The movements, their totals and the per-customer changes.
 * @throws OpsbookError `conflict` when currencies differ, naming the customer.
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { mrrMovements } from "@opsbook/pricing";
 *
 * const usd = (amount: number) => ({ amount, currency: "USD" });
 * const m = mrrMovements({
 *   previous: { a: usd(5000), b: usd(5000), c: usd(2000) },
 *   current: { a: usd(8000), b: usd(3000), d: usd(1000), e: usd(4000) },
 *   everActive: ["e"],
 * });
 * [m.new.amount, m.expansion.amount, m.contraction.amount, m.churn.amount, m.reactivation.amount]
 * //=> [1000, 3000, 2000, 2000, 4000]
 * m.netNew //=> { amount: 4000, currency: "USD" }
 * ```
 */
export function mrrMovements(input: z.input<typeof inputSchema>): MrrMovements {
  const { previous, current, everActive } = validate(inputSchema, input, { label: "MRR" });
  const ids = [...new Set([...Object.keys(previous), ...Object.keys(current)])];
  const first = previous[ids[0] ?? ""] ?? current[ids[0] ?? ""];
  const currency = (first?.currency ?? "USD").toUpperCase();
  for (const [side, record] of [
    ["previous", previous],
    ["current", current],
  ] as const) {
    for (const [id, m] of Object.entries(record)) {
      if (m.currency.toUpperCase() !== currency) {
        fail("conflict", [side, id, "currency"], `expected ${currency}, received ${m.currency}`);
      }
    }
  }
  const earlier = new Set(everActive);
  const totals = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
  const customers: CustomerMovement[] = [];
  let starting = 0;
  let ending = 0;
  for (const id of ids) {
    const before = previous[id]?.amount ?? 0;
    const after = current[id]?.amount ?? 0;
    starting += before;
    ending += after;
    const change = after - before;
    if (change === 0) continue;
    let kind: CustomerMovement["kind"];
    if (before === 0) kind = earlier.has(id) ? "reactivation" : "new";
    else if (after === 0) kind = "churn";
    else kind = change > 0 ? "expansion" : "contraction";
    totals[kind] += Math.abs(change);
    customers.push({ customerId: id, kind, change });
  }
  const m = (amount: number): Money => ({ amount, currency });
  return {
    currency,
    starting: m(starting),
    ending: m(ending),
    new: m(totals.new),
    expansion: m(totals.expansion),
    contraction: m(totals.contraction),
    churn: m(totals.churn),
    reactivation: m(totals.reactivation),
    netNew: m(ending - starting),
    customers,
  };
}
