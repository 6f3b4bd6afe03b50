import {
  type Money,
  money,
  multiplyMoney,
  type RoundingMode,
  roundingModeSchema,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import { dec } from "./internal/decimal.ts";
import { fail } from "./internal/fail.ts";

const count = (path: string) => (value: number) =>
  validate(z.number().finite().min(0), value, { path: [path] });
const share = z.number().finite().min(0).max(1);

function perHead(revenue: Money, heads: number, path: string, rounding?: RoundingMode): Money {
  const m = money(revenue?.amount, revenue?.currency);
  const n = count(path)(heads);
  if (n === 0) fail("out_of_range", [path], "expected a count above 0");
  return multiplyMoney(m, dec(1).dividedBy(n).toString(), rounding ? { rounding } : {});
}

/**
 * Average revenue per user: a period's revenue divided by its active users.
 *
 * @param revenue - Revenue of the period.
 * @param users - Active users of the period (> 0).
 * @param rounding - Rounding to the minor unit; default `"half-up"`.
 * @returns ARPU.
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { arpu } from "@opsbook/pricing";
 *
 * arpu({ amount: 1000000, currency: "USD" }, 4000) //=> { amount: 250, currency: "USD" }
 * ```
 */
export function arpu(revenue: Money, users: number, rounding?: RoundingMode): Money {
  return perHead(revenue, users, "users", rounding);
}

/**
 * Average revenue per paying user: a period's revenue divided by its paying users.
 *
 * @param revenue - Revenue of the period.
 * @param payers - Paying users of the period (> 0).
 * @param rounding - Rounding to the minor unit; default `"half-up"`.
 * @returns ARPPU.
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { arppu } from "@opsbook/pricing";
 *
 * arppu({ amount: 1000000, currency: "USD" }, 200) //=> { amount: 5000, currency: "USD" }
 * ```
 */
export function arppu(revenue: Money, payers: number, rounding?: RoundingMode): Money {
  return perHead(revenue, payers, "payers", rounding);
}

/**
 * Payer conversion: the share of active users who pay, `payers / users`. ARPU = ARPPU × payer
 * conversion.
 *
 * @param payers - Paying users.
 * @param users - Active users (> 0, ≥ payers).
 * @returns A share in [0, 1].
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { payerConversion } from "@opsbook/pricing";
 *
 * payerConversion(200, 4000) //=> 0.05
 * ```
 */
export function payerConversion(payers: number, users: number): number {
  const p = count("payers")(payers);
  const u = count("users")(users);
  if (u === 0) fail("out_of_range", ["users"], "expected a count above 0");
  if (p > u) fail("out_of_range", ["payers"], `expected at most users (${u}), received ${p}`);
  return p / u;
}

const ltvSchema = z.object({
  arpa: z.object({ amount: z.number().int(), currency: z.string() }),
  grossMargin: share,
  churnRate: z.number().finite().gt(0).max(1),
  discountRate: z.number().finite().min(0).optional(),
  periods: z.number().int().positive().optional(),
  rounding: roundingModeSchema.optional(),
}) satisfies z.ZodType<unknown, LtvInput>;

/**
 * Inputs of {@link ltv}.
 *
 * @category Unit economics
 * @since 0.1.0
 */
export interface LtvInput {
  /** Average revenue per account per period, in minor units. */
  arpa: Money;
  /** Gross margin as a share from 0 to 1. */
  grossMargin: number;
  /** Churn rate per period, above 0 and at most 1. */
  churnRate: number;
  /** Discount rate per period (default 0: no discounting). */
  discountRate?: number;
  /** Number of periods to sum (default: every period, the closed form). */
  periods?: number;
  /** Rounding to the minor unit (default `"half-up"`). */
  rounding?: RoundingMode;
}

/**
 * Customer lifetime value. Without a discount rate it is David Skok's SaaS formula, average revenue
 * per account × gross margin ÷ churn rate (all per period). With `discountRate` i (per period) it
 * is the present value of the same margin paid at the start of each period while the customer
 * stays, Σₜ m·((1 − c)/(1 + i))ᵗ = m(1 + i)/(i + c), which equals Skok's formula at i = 0; `periods`
 * cuts the sum at a horizon.
 *
 * @param input - `arpa` per period, `grossMargin` and `churnRate` as shares, optional
 *   `discountRate`, `periods` and `rounding`.
 * @returns LTV.
 * @see https://www.forentrepreneurs.com/saas-metrics-2-definitions-2/
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { ltv } from "@opsbook/pricing";
 *
 * const arpa = { amount: 10000, currency: "USD" };
 * ltv({ arpa, grossMargin: 0.8, churnRate: 0.02 }) //=> { amount: 400000, currency: "USD" }
 * ltv({ arpa, grossMargin: 0.8, churnRate: 0.02, discountRate: 0.01 })
 * //=> { amount: 269333, currency: "USD" }
 * ```
 */
export function ltv(input: LtvInput): Money {
  const p = validate(ltvSchema, input, { label: "LTV input" });
  const arpa = money(p.arpa.amount, p.arpa.currency);
  const margin = dec(p.grossMargin);
  const churn = dec(p.churnRate);
  const i = dec(p.discountRate ?? 0);
  const keep = dec(1).minus(churn).dividedBy(dec(1).plus(i));
  let factor: ReturnType<typeof dec>;
  if (p.periods === undefined) factor = dec(1).plus(i).dividedBy(i.plus(churn));
  else factor = dec(1).minus(keep.pow(p.periods)).dividedBy(dec(1).minus(keep));
  return multiplyMoney(
    arpa,
    margin.times(factor).toString(),
    p.rounding ? { rounding: p.rounding } : {},
  );
}

/**
 * CAC payback: the periods of gross margin needed to earn back the cost of acquiring a customer,
 * CAC ÷ (ARPA × gross margin) (David Skok; target under 12 months).
 *
 * @param input - `cac`, `arpa` per period (same currency) and `grossMargin`.
 * @returns Periods (months when ARPA is monthly).
 * @see https://www.forentrepreneurs.com/saas-metrics-2-definitions-2/
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { cacPayback } from "@opsbook/pricing";
 *
 * cacPayback({
 *   cac: { amount: 120000, currency: "USD" },
 *   arpa: { amount: 10000, currency: "USD" },
 *   grossMargin: 0.8,
 * }) //=> 15
 * ```
 */
export function cacPayback(input: { cac: Money; arpa: Money; grossMargin: number }): number {
  const cac = money(input?.cac?.amount, input?.cac?.currency);
  const arpa = money(input?.arpa?.amount, input?.arpa?.currency);
  const margin = validate(share, input.grossMargin, { path: ["grossMargin"] });
  if (cac.currency !== arpa.currency) {
    fail(
      "conflict",
      ["arpa", "currency"],
      `expected ${cac.currency} like cac.currency, received ${arpa.currency}`,
    );
  }
  const monthly = dec(arpa.amount).times(margin);
  if (monthly.lessThanOrEqualTo(0))
    fail("out_of_range", ["arpa"], "expected a positive margin per period");
  return dec(cac.amount).dividedBy(monthly).toNumber();
}

/**
 * LTV to CAC ratio (David Skok; healthy above 3).
 *
 * @param lifetimeValue - LTV.
 * @param cac - Customer acquisition cost, same currency.
 * @returns `ltv / cac`.
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { ltvToCac } from "@opsbook/pricing";
 *
 * ltvToCac({ amount: 400000, currency: "USD" }, { amount: 120000, currency: "USD" }) //=> 3.3333333333333335
 * ```
 */
export function ltvToCac(lifetimeValue: Money, cac: Money): number {
  const l = money(lifetimeValue?.amount, lifetimeValue?.currency);
  const c = money(cac?.amount, cac?.currency);
  if (l.currency !== c.currency) {
    fail(
      "conflict",
      ["cac", "currency"],
      `expected ${l.currency} like ltv.currency, received ${c.currency}`,
    );
  }
  if (c.amount <= 0) fail("out_of_range", ["cac", "amount"], "expected a cost above 0");
  return l.amount / c.amount;
}
