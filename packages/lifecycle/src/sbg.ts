import { validate } from "@opsbook/core";
import { z } from "zod";
import { hyp2f1 } from "./internal/special.ts";
import { type SbgParameters, sbgParametersSchema } from "./schemas.ts";

const periodsSchema = z.number().int().min(0).max(1_000_000);

/**
 * Survival curve of the shifted-beta-geometric model (Fader & Hardie 2007, "How to Project
 * Customer Retention", J. Interactive Marketing 21(1), eq. 5–7): the share of a cohort still a
 * customer after t periods, S(t) = B(α, β + t)/B(α, β), computed with the recursion
 * S(t) = S(t−1)·(β + t − 1)/(α + β + t − 1).
 *
 * @param parameters - `alpha` and `beta`.
 * @param periods - Last period to project.
 * @returns S(0) = 1, S(1), …, S(periods).
 * @category Retention (sBG)
 * @since 0.1.0
 * @example
 * ```ts
 * import { sbgSurvival } from "@opsbook/lifecycle";
 *
 * // Fader & Hardie (2007), "high end" cohort: α = 0.668, β = 3.806.
 * sbgSurvival({ alpha: 0.668, beta: 3.806 }, 3).map((s) => Math.round(s * 1000))
 * //=> [1000, 851, 747, 670]
 * ```
 */
export function sbgSurvival(parameters: SbgParameters, periods: number): number[] {
  const { alpha, beta } = validate(sbgParametersSchema, parameters, { label: "parameters" });
  const n = validate(periodsSchema, periods, { label: "periods" });
  return survival(alpha, beta, n);
}

/** @internal */
export function survival(alpha: number, beta: number, periods: number): number[] {
  const out = [1];
  let s = 1;
  for (let t = 1; t <= periods; t++) {
    s *= (beta + t - 1) / (alpha + beta + t - 1);
    out.push(s);
  }
  return out;
}

/**
 * Retention rates of the sBG model: the share of customers alive at the end of period t − 1 who
 * renew at the end of period t, r(t) = (β + t − 1)/(α + β + t − 1) (Fader & Hardie 2007, eq. 8).
 * It rises with t: the customers most likely to churn leave first.
 *
 * @param parameters - `alpha` and `beta`.
 * @param periods - Number of periods.
 * @returns r(1), …, r(periods).
 * @category Retention (sBG)
 * @since 0.1.0
 * @example
 * ```ts
 * import { sbgRetentionRates } from "@opsbook/lifecycle";
 *
 * sbgRetentionRates({ alpha: 0.668, beta: 3.806 }, 3).map((r) => Math.round(r * 1000) / 1000)
 * //=> [0.851, 0.878, 0.897]
 * ```
 */
export function sbgRetentionRates(parameters: SbgParameters, periods: number): number[] {
  const { alpha, beta } = validate(sbgParametersSchema, parameters, { label: "parameters" });
  const n = validate(periodsSchema, periods, { label: "periods" });
  return Array.from({ length: n }, (_, i) => (beta + i) / (alpha + beta + i));
}

/**
 * Expected lifetime of a new customer in periods, counting the first (already paid) period:
 * E[T] = Σ_{t≥0} S(t) = (α + β − 1)/(α − 1) when α > 1, and `Infinity` otherwise (the mean of
 * 1/θ under a Beta(α, β) churn probability). With `horizon` H it is E[min(T, H)] = Σ_{t<H} S(t),
 * always finite.
 *
 * @param parameters - `alpha` and `beta`.
 * @param options - `horizon`: cap the lifetime at this many periods.
 * @returns Expected number of periods as a customer.
 * @category Retention (sBG)
 * @since 0.1.0
 * @example
 * ```ts
 * import { sbgExpectedLifetime } from "@opsbook/lifecycle";
 *
 * sbgExpectedLifetime({ alpha: 2, beta: 3 }) //=> 4
 * sbgExpectedLifetime({ alpha: 0.668, beta: 3.806 }) //=> Infinity
 * Math.round(sbgExpectedLifetime({ alpha: 0.668, beta: 3.806 }, { horizon: 10 }) * 100) / 100 //=> 6.35
 * ```
 */
export function sbgExpectedLifetime(
  parameters: SbgParameters,
  options: { horizon?: number } = {},
): number {
  const { alpha, beta } = validate(sbgParametersSchema, parameters, { label: "parameters" });
  const { horizon } = validate(horizonSchema, options, { label: "options" });
  if (horizon !== undefined) {
    const s = survival(alpha, beta, horizon);
    return s.slice(0, horizon).reduce((sum, v) => sum + v, 0);
  }
  return alpha > 1 ? (alpha + beta - 1) / (alpha - 1) : Number.POSITIVE_INFINITY;
}

const horizonSchema = z.object({ horizon: z.number().int().min(1).max(1_000_000).optional() });

const derlOptionsSchema = z.object({
  discountRate: z.number().positive().finite(),
  renewals: z.number().int().min(0).default(0),
});

/**
 * Discounted expected residual lifetime (Fader & Hardie 2010, "Customer-Base Valuation in a
 * Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing Science 29(1), eq. 6): for
 * a customer who has made `renewals` = n − 1 renewals and is about to decide on the next, the
 * expected number of future payments, each discounted by 1/(1 + d) per period,
 * DERL = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)).
 * Multiply by the margin per period to get the customer's residual value.
 *
 * @param parameters - `alpha` and `beta`.
 * @param options - `discountRate` d per period (> 0) and `renewals` made so far (default 0).
 * @returns DERL in discounted periods.
 * @category Retention (sBG)
 * @since 0.1.0
 * @example
 * ```ts
 * import { sbgDerl } from "@opsbook/lifecycle";
 *
 * const highEnd = { alpha: 0.668, beta: 3.806 };
 * Math.round(sbgDerl(highEnd, { discountRate: 0.1 }) * 100) / 100 //=> 5.41
 * Math.round(sbgDerl(highEnd, { discountRate: 0.1, renewals: 4 }) * 100) / 100 //=> 6.9
 * ```
 */
export function sbgDerl(
  parameters: SbgParameters,
  options: { discountRate: number; renewals?: number },
): number {
  const { alpha, beta } = validate(sbgParametersSchema, parameters, { label: "parameters" });
  const { discountRate, renewals } = validate(derlOptionsSchema, options, { label: "options" });
  const n = renewals + 1;
  const z = 1 / (1 + discountRate);
  return ((beta + n - 1) / (alpha + beta + n - 1)) * hyp2f1(1, beta + n, alpha + beta + n, z);
}
