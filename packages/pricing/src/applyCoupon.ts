import {
  fromDecimal,
  type Money,
  money,
  type RoundingMode,
  roundDecimal,
  roundingModeSchema,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import { dec, minDec } from "./internal/decimal.ts";
import { type Coupon, couponSchema } from "./schemas.ts";

/**
 * The effect of a coupon on one billing period's amount.
 *
 * @category Discounts
 * @since 0.1.0
 */
export interface CouponResult {
  /** Whether the coupon still applies in this period. */
  applies: boolean;
  /** The discount as a negative (or zero) amount. */
  discount: Money;
  /** Amount after the discount, never below zero. */
  total: Money;
}

const optionsSchema = z.object({
  periodIndex: z.number().int().min(0).default(0),
  rounding: roundingModeSchema.default("half-up"),
});

/**
 * Applies a coupon to one billing period's amount. A percent coupon takes `percentOff` of the
 * amount (rounded to the minor unit); an amount coupon takes `amountOff`, capped at the amount so
 * the total never goes below zero. The coupon applies in periods `0 … durationPeriods − 1` counted
 * from redemption (every period when `durationPeriods` is absent), as Stripe's `duration:
 * "repeating"` with `duration_in_months` does.
 *
 * @param amount - The period's amount before the discount.
 * @param coupon - The coupon (see {@link couponSchema}).
 * @param options - `periodIndex` (0 = the period of redemption) and `rounding`.
 * @returns Whether it applies, the discount and the total.
 * @category Discounts
 * @since 0.1.0
 * @example
 * ```ts
 * import { applyCoupon } from "@opsbook/pricing";
 *
 * const price = { amount: 2900, currency: "USD" };
 * applyCoupon(price, { id: "LAUNCH", percentOff: 20, durationPeriods: 3 }).total
 * //=> { amount: 2320, currency: "USD" }
 * applyCoupon(price, { id: "LAUNCH", percentOff: 20, durationPeriods: 3 }, { periodIndex: 3 }).applies
 * //=> false
 * applyCoupon(price, { id: "TEN", amountOff: "50" }).total //=> { amount: 0, currency: "USD" }
 * ```
 */
export function applyCoupon(
  amount: Money,
  coupon: z.input<typeof couponSchema>,
  options: { periodIndex?: number; rounding?: RoundingMode } = {},
): CouponResult {
  const base = money(amount.amount, amount.currency);
  const parsed: Coupon = validate(couponSchema, coupon, { path: ["coupon"], label: "coupon" });
  const { periodIndex, rounding } = validate(optionsSchema, options, {
    path: ["options"],
    label: "options",
  });
  const applies = parsed.durationPeriods === undefined || periodIndex < parsed.durationPeriods;
  if (!applies || base.amount <= 0) {
    return { applies, discount: { amount: 0, currency: base.currency }, total: base };
  }
  let off: number;
  if (parsed.percentOff !== undefined) {
    const exact = dec(base.amount).times(parsed.percentOff).dividedBy(100);
    off = Number(roundDecimal(exact.toString(), 0, rounding));
  } else {
    const minor = fromDecimal(parsed.amountOff as string, base.currency, { rounding }).amount;
    off = minDec(dec(minor), dec(base.amount)).toNumber();
  }
  off = Math.min(off, base.amount);
  return {
    applies,
    discount: { amount: off === 0 ? 0 : -off, currency: base.currency },
    total: { amount: base.amount - off, currency: base.currency },
  };
}
