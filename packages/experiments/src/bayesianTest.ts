import { validate } from "@opsbook/core";
import { parseArms } from "./internal/arms.ts";
import { normalCdf, normalPdf, normalQuantile } from "./internal/distributions.ts";
import { effectMoments, type UninformativeReason } from "./internal/effect.ts";
import { type BayesianOptions, bayesianOptionsSchema, type Statistic } from "./schemas.ts";

/**
 * Result of {@link bayesianTest}. `risk.control` is the expected loss of keeping control (how
 * much lift is given up if treatment is in fact better), `risk.treatment` the expected loss of
 * shipping treatment; both are in the units of `difference`. When the data cannot support a
 * test, `uninformative` names the reason and the result is chance to win 0.5, estimate 0,
 * interval [0, 0], risks 0.
 *
 * @category Tests
 * @since 0.1.0
 */
export interface BayesianResult {
  method: "bayesian";
  difference: "relative" | "absolute";
  alpha: number;
  /** Posterior probability that treatment is better (lower is better with `inverse`). */
  chanceToWin: number;
  /** Posterior mean of the lift. */
  estimate: number;
  /** Posterior standard deviation of the lift. */
  standardDeviation: number;
  /** Equal-tailed credible interval at level 1 − alpha. */
  ci: [number, number];
  risk: { control: number; treatment: number };
  theta: number | null;
  uninformative: UninformativeReason | null;
}

// E[max(X, 0)] and E[max(−X, 0)] for X ~ N(mu, sigma²): the truncated-normal means times the
// tail probabilities, as gbstats EffectBayesianABTest.get_risk.
function risks(mu: number, sigma: number): [number, number] {
  const z = mu / sigma;
  const density = sigma * normalPdf(z);
  const positive = mu * normalCdf(z) + density;
  const negative = -mu * normalCdf(-z) + density;
  return [Math.max(0, positive), Math.max(0, negative)];
}

/**
 * Bayesian A/B test with a Gaussian model on the lift (GrowthBook's `EffectBayesianABTest`): the
 * data give a normal likelihood for the lift (delta method for relative lifts), combined with an
 * improper flat prior (default) or a proper Gaussian prior on the relative lift. Reports the
 * chance to win, a credible interval and the expected loss (risk) of choosing each arm. CUPED
 * applies when both arms carry covariates.
 *
 * @param control - Statistics of the control arm.
 * @param treatment - Statistics of the treatment arm (same `type`).
 * @param options - `difference` (`"relative"`), `alpha` (0.05, interval level), `prior`
 * (`{ mean: 0, variance: 1, proper: false }`, on the relative lift), `inverse` (false; true when
 * lower is better), `cuped` (true).
 * @returns Posterior summary; chance to win 0.5 when uninformative.
 * @throws {@link OpsbookError} for invalid statistics or options.
 * @category Tests
 * @since 0.1.0
 * @example
 * ```ts
 * import { bayesianTest } from "@opsbook/experiments";
 *
 * const result = bayesianTest(
 *   { type: "mean", n: 10, sum: 100, sumSquares: 1002.25 },
 *   { type: "mean", n: 10, sum: 105, sumSquares: 1111.5 },
 * );
 * Number(result.chanceToWin.toFixed(5)) //=> 0.91923
 * result.ci.map((x) => Number(x.toFixed(2))) //=> [-0.02, 0.12]
 * bayesianTest({ type: "mean", n: 0, sum: 0, sumSquares: 0 }, { type: "mean", n: 0, sum: 0, sumSquares: 0 }).chanceToWin
 * //=> 0.5
 * ```
 */
export function bayesianTest(
  control: Statistic,
  treatment: Statistic,
  options: BayesianOptions = {},
): BayesianResult {
  const [a, b] = parseArms(control, treatment);
  const o = validate(bayesianOptionsSchema, options, { path: ["options"], label: "options" });
  const relative = o.difference === "relative";
  const effect = effectMoments(a, b, relative, o.cuped);
  const base = {
    method: "bayesian" as const,
    difference: o.difference,
    alpha: o.alpha,
    theta: effect.theta,
  };
  const uninformative = (reason: UninformativeReason): BayesianResult => ({
    ...base,
    chanceToWin: 0.5,
    estimate: 0,
    standardDeviation: 0,
    ci: [0, 0],
    risk: { control: 0, treatment: 0 },
    uninformative: reason,
  });
  if (effect.uninformative) return uninformative(effect.uninformative);

  // The prior is stated on the relative lift; for absolute differences it is rescaled by the
  // control mean (gbstats prior_type "relative").
  const baseline = effect.control.unadjustedMean;
  const prior = relative
    ? o.prior
    : {
        ...o.prior,
        mean: o.prior.mean * Math.abs(baseline),
        variance: o.prior.variance * baseline ** 2,
      };
  if (!relative && o.prior.proper && baseline === 0) return uninformative("zero_baseline");
  const precision = 1 / effect.variance + (prior.proper ? 1 / prior.variance : 0);
  const mean = prior.proper
    ? (effect.estimate / effect.variance + prior.mean / prior.variance) / precision
    : effect.estimate;
  const sd = Math.sqrt(1 / precision);
  const above = 1 - normalCdf(0, mean, sd);
  const chanceToWin = o.inverse ? 1 - above : above;
  const [riskControl, riskTreatment] = risks(mean, sd);
  return {
    ...base,
    chanceToWin,
    estimate: mean,
    standardDeviation: sd,
    ci: [normalQuantile(o.alpha / 2, mean, sd), normalQuantile(1 - o.alpha / 2, mean, sd)],
    risk: o.inverse
      ? { control: riskTreatment, treatment: riskControl }
      : { control: riskControl, treatment: riskTreatment },
    uninformative: null,
  };
}
