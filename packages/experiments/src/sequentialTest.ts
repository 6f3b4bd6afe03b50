import { validate } from "@opsbook/core";
import { parseArms } from "./internal/arms.ts";
import { clampProbability } from "./internal/distributions.ts";
import { effectMoments, type UninformativeReason } from "./internal/effect.ts";
import { type SequentialOptions, type Statistic, sequentialOptionsSchema } from "./schemas.ts";

/**
 * Result of {@link sequentialTest}: an always-valid confidence sequence and p-value. Uninformative
 * results (see `uninformative`) have estimate 0, interval [0, 0] and p-value 1.
 *
 * @category Tests
 * @since 0.1.0
 */
export interface SequentialResult {
  method: "sequential";
  difference: "relative" | "absolute";
  alpha: number;
  tuning: number;
  estimate: number;
  standardError: number;
  ci: [number, number];
  pValue: number;
  significant: boolean;
  theta: number | null;
  uninformative: UninformativeReason | null;
}

/**
 * The mixing parameter ρ of the normal-mixture confidence sequence for a tuning sample size N*
 * (Waudby-Smith et al. 2023, "Time-uniform central limit theory", eq. 161, two-sided form):
 * ρ² = (−2 ln α + ln(−2 ln α + 1)) / N*.
 */
export function sequentialRhoSquared(alpha: number, tuning: number): number {
  const l = -2 * Math.log(alpha);
  return (l + Math.log(l + 1)) / tuning;
}

/**
 * Half-width multiplier of the asymptotic confidence sequence in standard errors for a total
 * sample size n: √n · √(2(nρ² + 1) ln(√(nρ² + 1) / α) / (nρ)²) (Waudby-Smith et al. eq. 9).
 */
export function sequentialMultiplier(n: number, alpha: number, tuning: number): number {
  const r2 = sequentialRhoSquared(alpha, tuning);
  const k = n * r2 + 1;
  return Math.sqrt(n) * Math.sqrt((2 * k * Math.log(Math.sqrt(k) / alpha)) / (n * n * r2));
}

/**
 * Sequential test with asymptotic confidence sequences (Waudby-Smith et al. 2023, as in
 * GrowthBook's `SequentialTwoSidedTTest`): the interval stays valid however often the results are
 * looked at, so an experiment can be read daily and stopped as soon as the interval excludes 0.
 * `tuning` (N*) is the total sample size at which the sequence is narrowest. The p-value is
 * min(1, 1/E) for the normal-mixture e-value E, consistent with the interval.
 *
 * @param control - Statistics of the control arm.
 * @param treatment - Statistics of the treatment arm (same `type`).
 * @param options - `difference` (`"relative"`), `alpha` (0.05), `tuning` (5000), `cuped` (true).
 * Two-sided only.
 * @returns Estimate, confidence sequence, always-valid p-value; uninformative (p = 1) as
 * {@link frequentistTest}.
 * @throws {@link OpsbookError} for invalid statistics or options.
 * @category Tests
 * @since 0.1.0
 * @example
 * ```ts
 * import { sequentialTest } from "@opsbook/experiments";
 *
 * const result = sequentialTest(
 *   { type: "proportion", n: 3000, conversions: 1396 },
 *   { type: "proportion", n: 3461, conversions: 2422 },
 * );
 * result.ci.map((x) => Number(x.toFixed(5))) //=> [0.40098, 0.60675]
 * result.significant //=> true
 * ```
 */
export function sequentialTest(
  control: Statistic,
  treatment: Statistic,
  options: SequentialOptions = {},
): SequentialResult {
  const [a, b] = parseArms(control, treatment);
  const o = validate(sequentialOptionsSchema, options, { path: ["options"], label: "options" });
  const effect = effectMoments(a, b, o.difference === "relative", o.cuped);
  const base = {
    method: "sequential" as const,
    difference: o.difference,
    alpha: o.alpha,
    tuning: o.tuning,
    theta: effect.theta,
  };
  if (effect.uninformative) {
    return {
      ...base,
      estimate: 0,
      standardError: 0,
      ci: [0, 0],
      pValue: 1,
      significant: false,
      uninformative: effect.uninformative,
    };
  }
  const n = effect.control.n + effect.treatment.n;
  const se = Math.sqrt(effect.variance);
  const width = sequentialMultiplier(n, o.alpha, o.tuning) * se;
  // Normal-mixture e-value: exp(nρ²/(nρ²+1) · z²/2) / √(nρ²+1) (Waudby-Smith et al. eq. 155).
  const r2 = sequentialRhoSquared(o.alpha, o.tuning);
  const k = n * r2 + 1;
  const z2 = effect.estimate ** 2 / effect.variance;
  const logE = ((n * r2) / k) * (z2 / 2) - 0.5 * Math.log(k);
  const pValue = clampProbability(Math.min(1, Math.exp(-logE)));
  return {
    ...base,
    estimate: effect.estimate,
    standardError: se,
    ci: [effect.estimate - width, effect.estimate + width],
    pValue,
    significant: pValue < o.alpha,
    uninformative: null,
  };
}
