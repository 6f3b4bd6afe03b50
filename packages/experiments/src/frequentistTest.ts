import { validate } from "@opsbook/core";
import { parseArms } from "./internal/arms.ts";
import { clampProbability, tCdf, tQuantile } from "./internal/distributions.ts";
import { effectMoments, type UninformativeReason } from "./internal/effect.ts";
import { type FrequentistOptions, frequentistOptionsSchema, type Statistic } from "./schemas.ts";

/**
 * Result of {@link frequentistTest}. `ci` bounds are `null` on the open side of a one-sided test
 * (JSON has no infinity). When the data cannot support a test, `uninformative` names the reason
 * and the result is the documented uninformative one: estimate 0, interval [0, 0], p-value 1.
 *
 * @category Tests
 * @since 0.1.0
 */
export interface FrequentistResult {
  method: "frequentist";
  difference: "relative" | "absolute";
  alternative: "two-sided" | "greater" | "less";
  alpha: number;
  /** Relative lift (treatment − control) / control, or the absolute difference. */
  estimate: number;
  standardError: number;
  ci: [number | null, number | null];
  pValue: number;
  degreesOfFreedom: number;
  significant: boolean;
  /** θ of CUPED, pooled across arms; `null` without covariates. */
  theta: number | null;
  uninformative: UninformativeReason | null;
}

/**
 * Welch's t-test of treatment against control on sufficient statistics, with Welch–Satterthwaite
 * degrees of freedom, the relative lift's variance from the delta method (or the absolute
 * difference), one- or two-sided p-values and a confidence interval. With covariates in both
 * arms it applies CUPED with θ pooled across arms. Formulas follow GrowthBook's gbstats
 * (`TwoSidedTTest`, `OneSidedTreatmentGreaterTTest`, `OneSidedTreatmentLesserTTest`).
 *
 * @param control - Statistics of the control arm.
 * @param treatment - Statistics of the treatment arm (same `type`).
 * @param options - `difference` (`"relative"`), `alternative` (`"two-sided"`; `"greater"` tests
 * treatment > control), `alpha` (0.05), `cuped` (true).
 * @returns Estimate, standard error, interval, p-value; uninformative (p = 1) for zero variance,
 * an empty arm or a zero control mean with a relative lift.
 * @throws {@link OpsbookError} for negative counts, conversions > n, or arms of different types.
 * @category Tests
 * @since 0.1.0
 * @example
 * ```ts
 * import { frequentistTest } from "@opsbook/experiments";
 *
 * const result = frequentistTest(
 *   { type: "proportion", n: 1000, conversions: 100 },
 *   { type: "proportion", n: 1000, conversions: 130 },
 * );
 * Number(result.estimate.toFixed(2)) //=> 0.3
 * Number(result.pValue.toFixed(4)) //=> 0.0656
 * result.significant //=> false
 * frequentistTest(
 *   { type: "proportion", n: 10, conversions: 0 },
 *   { type: "proportion", n: 10, conversions: 2 },
 * ).pValue //=> 1
 * frequentistTest({ type: "proportion", n: 10, conversions: 11 }, { type: "proportion", n: 10, conversions: 2 })
 * //=> throws OpsbookError
 * ```
 */
export function frequentistTest(
  control: Statistic,
  treatment: Statistic,
  options: FrequentistOptions = {},
): FrequentistResult {
  const [a, b] = parseArms(control, treatment);
  const o = validate(frequentistOptionsSchema, options, { path: ["options"], label: "options" });
  const effect = effectMoments(a, b, o.difference === "relative", o.cuped);
  const base = {
    method: "frequentist" as const,
    difference: o.difference,
    alternative: o.alternative,
    alpha: o.alpha,
    theta: effect.theta,
  };
  if (effect.uninformative) {
    return {
      ...base,
      estimate: 0,
      standardError: 0,
      ci: [0, 0],
      pValue: 1,
      degreesOfFreedom: 0,
      significant: false,
      uninformative: effect.uninformative,
    };
  }
  const se = Math.sqrt(effect.variance);
  const df = effect.degreesOfFreedom;
  const t = effect.estimate / se;
  let pValue: number;
  let ci: [number | null, number | null];
  if (o.alternative === "two-sided") {
    pValue = 2 * (1 - tCdf(Math.abs(t), df));
    const width = tQuantile(1 - o.alpha / 2, df) * se;
    ci = [effect.estimate - width, effect.estimate + width];
  } else {
    const width = tQuantile(1 - o.alpha, df) * se;
    if (o.alternative === "greater") {
      pValue = 1 - tCdf(t, df);
      ci = [effect.estimate - width, null];
    } else {
      pValue = tCdf(t, df);
      ci = [null, effect.estimate + width];
    }
  }
  pValue = clampProbability(pValue);
  return {
    ...base,
    estimate: effect.estimate,
    standardError: se,
    ci,
    pValue,
    degreesOfFreedom: df,
    significant: pValue < o.alpha,
    uninformative: null,
  };
}
