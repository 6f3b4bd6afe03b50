import { validate } from "@opsbook/core";
import { z } from "zod";
import { expectedPurchases } from "./expectedPurchases.ts";
import { expectedSpend } from "./gammaGamma.ts";
import type { CustomerSummary, GammaGammaParameters, PurchaseModel } from "./schemas.ts";

const optionsSchema = z.object({
  periods: z.number().int().min(1).max(10_000),
  periodLength: z.number().positive().finite().default(1),
  discountRate: z.number().nonnegative().finite().default(0),
}) satisfies z.ZodType<unknown, CustomerLifetimeValueOptions>;

/**
 * Options of {@link customerLifetimeValue}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface CustomerLifetimeValueOptions {
  /** Periods to sum, 1 to 10,000. */
  periods: number;
  /** Length L of a period in the models' time unit (default 1). */
  periodLength?: number;
  /** Discount rate d per period (default 0). */
  discountRate?: number;
}

/**
 * Residual customer lifetime value: expected purchases in each of the next `periods` periods
 * (from a BG/NBD or Pareto/NBD model) times the expected spend per purchase (Gamma-Gamma),
 * discounted per period, Σᵢ (E[Y(i·L)] − E[Y((i−1)·L)])·E[M]/(1 + d)^i — the discrete
 * approximation of Fader, Hardie & Lee (2005, "RFM and CLV") used by lifetimes'
 * `customer_lifetime_value`. Multiply by a margin for profit.
 *
 * @param purchaseModel - BG/NBD or Pareto/NBD model (time unit of the summaries).
 * @param spendModel - Gamma-Gamma model.
 * @param customer - The customer's summary with `monetaryValue`.
 * @param options - `periods` to sum, `periodLength` L in the model's time unit (default 1),
 *   `discountRate` d per period (default 0).
 * @returns Discounted expected spend over the horizon.
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { customerLifetimeValue } from "@opsbook/lifecycle";
 *
 * const purchases = { model: "bg-nbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
 * const spend = { p: 6.25, q: 3.74, gamma: 15.44 };
 * const customer = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 15 };
 * // 12 four-week periods (weeks are the models' unit), 1% discount per period.
 * Math.round(customerLifetimeValue(purchases, spend, customer, { periods: 12, periodLength: 4, discountRate: 0.01 }) * 100) / 100
 * //=> 25.61
 * ```
 */
export function customerLifetimeValue(
  purchaseModel: PurchaseModel,
  spendModel: GammaGammaParameters,
  customer: CustomerSummary,
  options: CustomerLifetimeValueOptions,
): number {
  const { periods, periodLength, discountRate } = validate(optionsSchema, options, {
    label: "options",
  });
  const spend = expectedSpend(spendModel, customer);
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= periods; i++) {
    const cumulative = expectedPurchases(purchaseModel, customer, i * periodLength);
    value += ((cumulative - previous) * spend) / (1 + discountRate) ** i;
    previous = cumulative;
  }
  return value;
}
