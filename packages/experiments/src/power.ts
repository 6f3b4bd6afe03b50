import { OpsbookError, validate } from "@opsbook/core";
import { z } from "zod";
import { normalCdf, normalQuantile } from "./internal/distributions.ts";
import { sequentialMultiplier } from "./sequentialTest.ts";

const metricSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("proportion"), baseline: z.number().gt(0).lt(1) }),
  z.object({ type: z.literal("mean"), mean: z.number(), standardDeviation: z.number().positive() }),
]);

const common = {
  metric: metricSchema,
  relative: z.boolean().default(true),
  alpha: z.number().gt(0).lt(1).default(0.05),
  alternative: z.enum(["two-sided", "one-sided"]).default("two-sided"),
  sequential: z.object({ tuning: z.number().positive().default(5000) }).optional(),
};

/**
 * The metric a power calculation is about: a conversion rate (`baseline` in (0, 1)) or a mean with
 * its per-unit standard deviation.
 *
 * @category Planning
 * @since 0.1.0
 */
export type PlanningMetric =
  | { type: "proportion"; baseline: number }
  | { type: "mean"; mean: number; standardDeviation: number };

/**
 * Options shared by {@link power}, {@link minimumDetectableEffect} and {@link sampleSize}.
 *
 * @category Planning
 * @since 0.1.0
 */
export interface PlanningOptions {
  metric: PlanningMetric;
  /** Effect sizes are relative lifts (default) or absolute differences. */
  relative?: boolean;
  alpha?: number;
  alternative?: "two-sided" | "one-sided";
  /** Plan for {@link sequentialTest} with this tuning N* (inflates the sample size). */
  sequential?: { tuning?: number };
}

type Metric = z.infer<typeof metricSchema>;

const meanOf = (m: Metric) => (m.type === "proportion" ? m.baseline : m.mean);
const varianceOf = (m: Metric) =>
  m.type === "proportion" ? m.baseline * (1 - m.baseline) : m.standardDeviation ** 2;
const zAlpha = (alpha: number, alternative: string) =>
  normalQuantile(alternative === "two-sided" ? 1 - alpha / 2 : 1 - alpha);

// Standard error of the estimated effect with n units per arm, both arms sharing the metric's
// variance and the treatment mean moved by the effect (GrowthBook power.ts powerStandardError).
function standardError(metric: Metric, effect: number, n: number, relative: boolean): number {
  const m = meanOf(metric);
  const v = varianceOf(metric);
  if (!relative) return Math.sqrt((2 * v) / n);
  const mb = m * (1 + effect);
  return Math.sqrt(v / (m * m * n) + (v * mb * mb) / (m ** 4 * n));
}

// Sequential inflation of the standard error: the confidence-sequence multiplier at the pair's
// total sample size over the fixed-horizon critical value (GrowthBook sequentialPowerStandardError).
function sequentialFactor(n: number, alpha: number, tuning: number): number {
  return sequentialMultiplier(2 * n, alpha, tuning) / normalQuantile(1 - alpha / 2);
}

const powerSchema = z.object({
  ...common,
  effect: z.number(),
  usersPerVariation: z.number().positive(),
});

/**
 * Power of a two-arm test to detect `effect` with `usersPerVariation` units per arm, using a
 * normal approximation with the delta-method variance of the relative lift (GrowthBook's
 * `powerEstFrequentist`). With `relative: false` and a mean metric this is statsmodels'
 * `NormalIndPower` with effect size effect / standardDeviation. With `sequential`, the standard
 * error is inflated to the width of the confidence sequence of {@link sequentialTest}.
 *
 * @param options - `metric`, `effect`, `usersPerVariation`, `relative` (true), `alpha` (0.05),
 * `alternative` (`"two-sided"`), `sequential`.
 * @returns Power in [0, 1].
 * @throws {@link OpsbookError} for invalid options.
 * @category Planning
 * @since 0.1.0
 * @example
 * ```ts
 * import { power } from "@opsbook/experiments";
 *
 * Number(power({
 *   metric: { type: "mean", mean: 0, standardDeviation: 1 },
 *   relative: false, effect: 0.3, usersPerVariation: 80,
 * }).toFixed(6)) //=> 0.475101
 * ```
 */
export function power(
  options: PlanningOptions & { effect: number; usersPerVariation: number },
): number {
  const o = validate(powerSchema, options, { label: "power options" });
  let se = standardError(o.metric, o.effect, o.usersPerVariation, o.relative);
  if (o.sequential) se *= sequentialFactor(o.usersPerVariation, o.alpha, o.sequential.tuning);
  if (!(se > 0) || !Number.isFinite(se)) return o.alpha;
  const z = zAlpha(o.alpha, o.alternative);
  const standardized = o.effect / se;
  let result = 1 - normalCdf(z - standardized);
  if (o.alternative === "two-sided") result += normalCdf(-z - standardized);
  return Math.min(1, Math.max(0, result));
}

const mdeSchema = z.object({
  ...common,
  usersPerVariation: z.number().positive(),
  power: z.number().gt(0).lt(1).default(0.8),
});

/**
 * Smallest effect a two-arm test detects with the given power and units per arm. Relative MDEs
 * solve GrowthBook's quadratic (`findMdeFrequentist`), which accounts for the treatment mean in
 * the delta-method variance; absolute MDEs are (z₁₋α/₂ + z_power)·√(2σ²/n). With `sequential`
 * the variance is inflated as in {@link power}.
 *
 * @param options - `metric`, `usersPerVariation`, `power` (0.8), `relative` (true), `alpha`,
 * `alternative`, `sequential`.
 * @returns The MDE, or `null` when no positive effect reaches the power (too few units).
 * @throws {@link OpsbookError} for invalid options.
 * @category Planning
 * @since 0.1.0
 * @example
 * ```ts
 * import { minimumDetectableEffect } from "@opsbook/experiments";
 *
 * const mde = minimumDetectableEffect({
 *   metric: { type: "mean", mean: 10, standardDeviation: Math.sqrt(3909.9997749994377) },
 *   usersPerVariation: 400000 / 3,
 * });
 * Number(mde?.toFixed(5)) //=> 0.07027
 * ```
 */
export function minimumDetectableEffect(
  options: PlanningOptions & { usersPerVariation: number; power?: number },
): number | null {
  const o = validate(mdeSchema, options, { label: "minimumDetectableEffect options" });
  if (o.power <= o.alpha) return null;
  const n = o.usersPerVariation;
  const z = zAlpha(o.alpha, o.alternative) - normalQuantile(1 - o.power);
  const m = meanOf(o.metric);
  let v = varianceOf(o.metric);
  if (o.sequential) v *= sequentialFactor(n, o.alpha, o.sequential.tuning) ** 2;
  if (!o.relative) return z * Math.sqrt((2 * v) / n);
  if (m === 0 || n <= (v * z * z) / (m * m)) return null;
  const sigma2 = v / n;
  const a = 1 - (z * z * sigma2) / (m * m);
  const b = -2 * m;
  const c = m * m - z * z * sigma2;
  const root = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
  return (root - m) / m;
}

const sampleSizeSchema = z.object({
  ...common,
  effect: z.number().refine((e) => e !== 0, { message: "expected a non-zero effect" }),
  power: z.number().gt(0).lt(1).default(0.8),
});

/**
 * Result of {@link sampleSize}.
 *
 * @category Planning
 * @since 0.1.0
 */
export interface SampleSizeResult {
  perVariation: number;
  total: number;
  variations: number;
  /** Unrounded fixed-horizon formula value (Evan Miller's calculator shows it rounded). */
  exact: number;
}

/**
 * Units needed per arm to detect `effect` with the given power. Proportions use Evan Miller's
 * formula, n = (z₁₋α/₂·√(2p(1−p)) + z_power·√(p(1−p) + q(1−q)))² / δ² with q = p + δ; means use
 * n = 2σ²(z₁₋α/₂ + z_power)² / δ². With `sequential` the result is the smallest n at which
 * {@link power} with the same sequential tuning reaches the target (always larger: the price of
 * peeking).
 *
 * @param options - `metric`, `effect` (relative unless `relative: false`), `power` (0.8),
 * `alpha` (0.05), `alternative`, `sequential`, `variations` (2, for the total).
 * @returns Units per variation (rounded up) and in total.
 * @throws {@link OpsbookError} for invalid options or a proportion pushed outside (0, 1).
 * @category Planning
 * @since 0.1.0
 * @example
 * ```ts
 * import { sampleSize } from "@opsbook/experiments";
 *
 * // Evan Miller's calculator: baseline 20 %, +5 points absolute, 80 % power, 5 % two-sided.
 * const size = sampleSize({ metric: { type: "proportion", baseline: 0.2 }, effect: 0.05, relative: false });
 * Math.round(size.exact) //=> 1030
 * size.perVariation //=> 1031
 * size.total //=> 2062
 * ```
 */
export function sampleSize(
  options: PlanningOptions & { effect: number; power?: number; variations?: number },
): SampleSizeResult {
  const { variations = 2, ...rest } = options;
  const o = validate(sampleSizeSchema, rest, { label: "sampleSize options" });
  const vCount = validate(z.number().int().min(2), variations, { path: ["variations"] });
  const m = meanOf(o.metric);
  const delta = o.relative ? m * o.effect : o.effect;
  const za = zAlpha(o.alpha, o.alternative);
  const zb = normalQuantile(o.power);
  let n: number;
  if (o.metric.type === "proportion") {
    const p = o.metric.baseline;
    const q = p + delta;
    if (!(q > 0 && q < 1))
      throw new OpsbookError(
        "out_of_range",
        `effect: expected baseline + effect inside (0, 1), received ${q}`,
        ["effect"],
      );
    const sd1 = Math.sqrt(2 * p * (1 - p));
    const sd2 = Math.sqrt(p * (1 - p) + q * (1 - q));
    n = (za * sd1 + zb * sd2) ** 2 / (delta * delta);
  } else {
    n = (2 * varianceOf(o.metric) * (za + zb) ** 2) / (delta * delta);
  }
  let perVariation = Math.ceil(n);
  if (o.sequential) {
    const target = o.power;
    const reaches = (units: number) =>
      power({ ...rest, usersPerVariation: units, effect: o.effect }) >= target;
    let low = perVariation;
    let high = perVariation;
    while (!reaches(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (reaches(mid)) high = mid;
      else low = mid;
    }
    perVariation = Math.max(perVariation, high);
  }
  return { perVariation, total: perVariation * vCount, variations: vCount, exact: n };
}

const durationSchema = z.object({
  perVariation: z.number().int().min(1),
  variations: z.number().int().min(2).default(2),
  dailyUnits: z.number().positive(),
  traffic: z.number().gt(0).max(1).default(1),
});

/**
 * Days needed to enrol a sample size from daily traffic: ⌈perVariation × variations /
 * (dailyUnits × traffic)⌉, where `traffic` is the share of eligible units in the experiment.
 * Round up to whole weeks yourself when weekly cycles matter.
 *
 * @param options - `perVariation`, `variations` (2), `dailyUnits` (eligible units per day),
 * `traffic` (1).
 * @returns Days and the total units enrolled.
 * @throws {@link OpsbookError} for invalid options.
 * @category Planning
 * @since 0.1.0
 * @example
 * ```ts
 * import { experimentDuration } from "@opsbook/experiments";
 *
 * experimentDuration({ perVariation: 1031, dailyUnits: 300, traffic: 0.5 })
 * //=> { days: 14, totalUnits: 2062 }
 * ```
 */
export function experimentDuration(options: {
  perVariation: number;
  variations?: number;
  dailyUnits: number;
  traffic?: number;
}): { days: number; totalUnits: number } {
  const o = validate(durationSchema, options, { label: "experimentDuration options" });
  const totalUnits = o.perVariation * o.variations;
  return { days: Math.ceil(totalUnits / (o.dailyUnits * o.traffic)), totalUnits };
}
