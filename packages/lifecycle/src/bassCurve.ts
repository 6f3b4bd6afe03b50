import { validate } from "@opsbook/core";
import { z } from "zod";
import { type BassParameters, bassParametersSchema } from "./schemas.ts";

/**
 * One period of a Bass curve.
 *
 * @category Product stage
 * @since 0.1.0
 */
export interface BassPoint {
  /** Period number, 1 for the first period after launch. */
  period: number;
  /** Adoptions in the period. */
  adoptions: number;
  /** Cumulative adoptions at the end of the period. */
  cumulative: number;
}

/**
 * Options of {@link bassCurve}.
 *
 * @category Product stage
 * @since 0.1.0
 */
export interface BassCurveOptions {
  /**
   * `"continuous"` (default): the closed-form solution of Bass's differential equation, with the
   * adoptions of period t equal to m·(F(t) − F(t−1)) (the Srinivasan–Mason form).
   * `"discrete"`: Bass's own difference equation n(t) = (p + q·N(t−1)/m)·(m − N(t−1)), which reacts
   * to word of mouth one period late and so peaks later than the continuous curve.
   */
  form?: "continuous" | "discrete";
}

/**
 * Cumulative share of the market that has adopted by time t in the continuous Bass model:
 * F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}) (Bass 1969, eq. 7).
 *
 * @param parameters - `p` (innovation), `q` (imitation) and `m` (market potential).
 * @param t - Time since launch, in periods (may be fractional).
 * @returns The adopted share F(t) in [0, 1].
 * @category Product stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassCumulativeShare } from "@opsbook/lifecycle";
 *
 * bassCumulativeShare({ p: 0.03, q: 0.38, m: 1000 }, 0) //=> 0
 * Math.round(bassCumulativeShare({ p: 0.03, q: 0.38, m: 1000 }, 10) * 1000) / 1000 //=> 0.813
 * ```
 */
export function bassCumulativeShare(parameters: BassParameters, t: number): number {
  const { p, q } = validate(bassParametersSchema, parameters, { label: "parameters" });
  return cumulativeShare(p, q, t);
}

/** @internal */
export function cumulativeShare(p: number, q: number, t: number): number {
  if (t <= 0) return 0;
  const e = Math.exp(-(p + q) * t);
  return (1 - e) / (1 + (q / p) * e);
}

/**
 * Adoptions per period of a Bass model, for periods 1…`periods`: the curve to compare with actual
 * sales and the forecast beyond the data.
 *
 * The two forms peak at different times. The continuous density peaks at t* = ln(q/p)/(p+q)
 * (see {@link bassPeakTime}), so the continuous form's period totals m·(F(t) − F(t−1)) are largest
 * in the period that ends about half a period after t*. In Bass's discrete recursion imitators
 * respond to the adopters of the previous period, which delays the peak by about one more period
 * (period 7 against period 8 in the example below). Fit and forecast with the same form.
 *
 * @param parameters - `p`, `q` and `m`.
 * @param periods - Number of periods to return (≥ 1).
 * @param options - The form of the model (default `"continuous"`).
 * @returns One point per period.
 * @category Product stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassCurve } from "@opsbook/lifecycle";
 *
 * const params = { p: 0.03, q: 0.38, m: 1000 };
 * bassCurve(params, 3).map((point) => Math.round(point.adoptions))
 * //=> [36, 49, 65]
 * bassCurve(params, 3, { form: "discrete" }).map((point) => Math.round(point.adoptions))
 * //=> [30, 40, 53]
 * const continuous = bassCurve(params, 20).map((point) => point.adoptions);
 * const discrete = bassCurve(params, 20, { form: "discrete" }).map((point) => point.adoptions);
 * continuous.indexOf(Math.max(...continuous)) + 1 //=> 7
 * discrete.indexOf(Math.max(...discrete)) + 1 //=> 8
 * ```
 */
export function bassCurve(
  parameters: BassParameters,
  periods: number,
  options: BassCurveOptions = {},
): BassPoint[] {
  const { p, q, m } = validate(bassParametersSchema, parameters, { label: "parameters" });
  const n = validate(periodsSchema, periods, { label: "periods" });
  const form = options.form ?? "continuous";
  const out: BassPoint[] = [];
  let cumulative = 0;
  for (let t = 1; t <= n; t++) {
    const adoptions =
      form === "discrete"
        ? (p + (q * cumulative) / m) * (m - cumulative)
        : m * (cumulativeShare(p, q, t) - cumulativeShare(p, q, t - 1));
    cumulative += adoptions;
    out.push({ period: t, adoptions, cumulative });
  }
  return out;
}

const periodsSchema = z.number().int().min(1).max(100_000);

/**
 * Time of the peak of adoptions in the continuous Bass model: t* = ln(q/p)/(p+q) (Bass 1969,
 * eq. 9). When q ≤ p word of mouth never outweighs innovation and adoptions fall from launch, so
 * the peak is at 0.
 *
 * @param parameters - `p` and `q` (`m` does not move the peak and may be omitted).
 * @returns Peak time in periods since launch.
 * @category Product stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassPeakTime } from "@opsbook/lifecycle";
 *
 * // Average coefficients of Sultan, Farley & Lehmann (1990): p = 0.03, q = 0.38.
 * Math.round(bassPeakTime({ p: 0.03, q: 0.38 }) * 100) / 100 //=> 6.19
 * bassPeakTime({ p: 0.4, q: 0.1 }) //=> 0
 * ```
 */
export function bassPeakTime(parameters: Pick<BassParameters, "p" | "q">): number {
  const { p, q } = validate(bassParametersSchema.pick({ p: true, q: true }), parameters, {
    label: "parameters",
  });
  return peakTime(p, q);
}

/** @internal */
export function peakTime(p: number, q: number): number {
  return q > p ? Math.log(q / p) / (p + q) : 0;
}

/**
 * Adopter categories of a Bass diffusion (Mahajan, Muller & Srivastava 1990, "Determination of
 * Adopter Categories by Using Innovation Diffusion Models", JMR 27(1)): the two inflection points of
 * the adoption curve, T₁ = t* − ln(2+√3)/(p+q) and T₃ = t* + ln(2+√3)/(p+q), and the peak t* split
 * adopters into early adopters (with the innovators) before T₁, the early majority from T₁ to t*,
 * the late majority from t* to T₃ and laggards after T₃. When imitation is weak (q < (2+√3)·p) the
 * first inflection point falls before launch and is clamped to 0.
 *
 * @param parameters - `p`, `q` and `m`.
 * @returns The boundaries (in periods since launch) and each category's share of the market
 *   potential m.
 * @category Product stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassAdopterCategories } from "@opsbook/lifecycle";
 *
 * const categories = bassAdopterCategories({ p: 0.03, q: 0.38, m: 1000 });
 * [categories.earlyMajorityStart, categories.peak, categories.laggardsStart].map((t) => Math.round(t * 100) / 100)
 * //=> [2.98, 6.19, 9.4]
 * Math.round(categories.shares.earlyAdopters * 1000) / 1000 //=> 0.149
 * ```
 */
export function bassAdopterCategories(parameters: BassParameters): BassAdopterCategories {
  const { p, q } = validate(bassParametersSchema, parameters, { label: "parameters" });
  return adopterCategories(p, q);
}

/**
 * Boundaries and shares returned by {@link bassAdopterCategories}.
 *
 * @category Product stage
 * @since 0.1.0
 */
export interface BassAdopterCategories {
  /** T₁: first inflection point, where the early majority starts (≥ 0). */
  earlyMajorityStart: number;
  /** t*: peak of adoptions, where the late majority starts. */
  peak: number;
  /** T₃: second inflection point, where laggards start. */
  laggardsStart: number;
  /** Share of the market potential in each category (they sum to 1). */
  shares: { earlyAdopters: number; earlyMajority: number; lateMajority: number; laggards: number };
}

const LN_2_PLUS_SQRT3 = Math.log(2 + Math.sqrt(3));

/** @internal */
export function adopterCategories(p: number, q: number): BassAdopterCategories {
  const peak = peakTime(p, q);
  const half = LN_2_PLUS_SQRT3 / (p + q);
  const t1 = Math.max(0, peak - half);
  const t3 = peak + half;
  const f1 = cumulativeShare(p, q, t1);
  const f2 = cumulativeShare(p, q, peak);
  const f3 = cumulativeShare(p, q, t3);
  return {
    earlyMajorityStart: t1,
    peak,
    laggardsStart: t3,
    shares: { earlyAdopters: f1, earlyMajority: f2 - f1, lateMajority: f3 - f2, laggards: 1 - f3 },
  };
}
