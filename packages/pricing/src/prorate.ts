import {
  addMoney,
  type Money,
  money,
  multiplyMoney,
  type RoundingMode,
  roundingModeSchema,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { dec } from "./internal/decimal.ts";
import { fail } from "./internal/fail.ts";

/**
 * The proration of a mid-period plan change.
 *
 * @category Discounts
 * @since 0.1.0
 */
export interface Proration {
  /** Share of the period left after the change, `(periodEnd − changeAt) / (periodEnd − periodStart)`. */
  remainingFraction: number;
  /** Credit for the unused time on the old price (negative). */
  unusedTimeCredit: Money;
  /** Charge for the remaining time on the new price. */
  remainingTimeCharge: Money;
  /** `unusedTimeCredit + remainingTimeCharge`: positive for an upgrade, negative for a downgrade. */
  net: Money;
}

/**
 * Options of {@link prorate}.
 *
 * @category Discounts
 * @since 0.1.0
 */
export interface ProrateOptions {
  /** Price per period before the change. */
  from: Money;
  /** Price per period after the change. */
  to: Money;
  /** Start of the current billing period. */
  periodStart: TimestampInput;
  /** End of the current billing period (exclusive). */
  periodEnd: TimestampInput;
  /** When the change takes effect, inside the period. */
  changeAt: TimestampInput;
  /** Rounding of each line to minor units; default `"half-up"`. */
  rounding?: RoundingMode;
}

/**
 * Prorates a plan change in the middle of a billing period the way Stripe does: the customer is
 * credited for the unused time on the old price and charged for the remaining time on the new
 * price, each as its own line, in proportion to the exact time left (Stripe prorates to the
 * second). The net is what the next invoice adds (or credits).
 *
 * @param options - Old and new price, the period and the moment of the change.
 * @returns The remaining fraction, both lines and the net.
 * @throws OpsbookError when the currencies differ or `changeAt` lies outside the period.
 * @see https://docs.stripe.com/billing/subscriptions/prorations
 * @category Discounts
 * @since 0.1.0
 * @example
 * ```ts
 * import { prorate } from "@opsbook/pricing";
 *
 * const change = prorate({
 *   from: { amount: 1000, currency: "USD" },
 *   to: { amount: 2000, currency: "USD" },
 *   periodStart: "2026-04-01T00:00:00Z",
 *   periodEnd: "2026-05-01T00:00:00Z",
 *   changeAt: "2026-04-16T00:00:00Z",
 * });
 * change.remainingFraction //=> 0.5
 * change.unusedTimeCredit //=> { amount: -500, currency: "USD" }
 * change.remainingTimeCharge //=> { amount: 1000, currency: "USD" }
 * change.net //=> { amount: 500, currency: "USD" }
 * ```
 */
export function prorate(options: ProrateOptions): Proration {
  const from = money(options.from?.amount, options.from?.currency);
  const to = money(options.to?.amount, options.to?.currency);
  if (from.currency !== to.currency) {
    fail(
      "conflict",
      ["to", "currency"],
      `expected ${from.currency} like from.currency, received ${to.currency}`,
    );
  }
  const rounding = validate(roundingModeSchema.default("half-up"), options.rounding, {
    path: ["rounding"],
  });
  const start = toEpochMs(options.periodStart, ["periodStart"]);
  const end = toEpochMs(options.periodEnd, ["periodEnd"]);
  const at = toEpochMs(options.changeAt, ["changeAt"]);
  if (!(end > start))
    fail("out_of_range", ["periodEnd"], "expected a period end after the period start");
  if (at < start || at > end) {
    fail("out_of_range", ["changeAt"], "expected a moment inside the billing period");
  }
  const fraction = dec(end - at).dividedBy(end - start);
  const credit = multiplyMoney(from, fraction.negated().toString(), { rounding });
  const charge = multiplyMoney(to, fraction.toString(), { rounding });
  return {
    remainingFraction: fraction.toNumber(),
    unusedTimeCredit: credit.amount === 0 ? { amount: 0, currency: credit.currency } : credit,
    remainingTimeCharge: charge,
    net: addMoney(credit, charge),
  };
}
