import { OpsbookError } from "@opsbook/core";
import type { Statistic } from "../schemas.ts";

/**
 * Why a test returned its uninformative result instead of an estimate: an arm without units, no
 * variance in either arm, or a zero control mean for a relative difference.
 *
 * @category Tests
 * @since 0.1.0
 */
export type UninformativeReason = "empty_arm" | "zero_variance" | "zero_baseline";

/** Summary of one arm after CUPED (if any): means, per-unit variance, units. */
export interface Arm {
  n: number;
  /** Mean used for the effect (CUPED-adjusted when θ ≠ 0). */
  mean: number;
  /** Mean of the metric without adjustment. */
  unadjustedMean: number;
  /** Per-unit variance (CUPED-adjusted when θ ≠ 0). */
  variance: number;
  /** CUPED parts, present when the arm was adjusted. */
  cuped?: { postMean: number; postVariance: number; preVariance: number; covariance: number };
}

/** Effect moments shared by the three tests (gbstats `EffectMoments`). */
export interface Effect {
  control: Arm;
  treatment: Arm;
  estimate: number;
  variance: number;
  degreesOfFreedom: number;
  theta: number | null;
  uninformative: UninformativeReason | null;
}

interface Moments {
  n: number;
  sum: number;
  mean: number;
  variance: number;
  binary: boolean;
}

// Sample variance (n − 1 denominator), as gbstats' SampleMeanStatistic; 0 for n ≤ 1.
function sampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n <= 1) return 0;
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

function postMoments(s: Statistic): Moments {
  if (s.type === "proportion") {
    const mean = s.n === 0 ? 0 : s.conversions / s.n;
    // gbstats' ProportionStatistic: Bernoulli variance p(1 − p).
    return { n: s.n, sum: s.conversions, mean, variance: mean * (1 - mean), binary: true };
  }
  if (s.type === "mean") {
    const mean = s.n === 0 ? 0 : s.sum / s.n;
    return {
      n: s.n,
      sum: s.sum,
      mean,
      variance: sampleVariance(s.n, s.sum, s.sumSquares),
      binary: false,
    };
  }
  throw new OpsbookError("unsupported", "ratio statistics have no single post-period mean");
}

function preMoments(s: Statistic): Moments | undefined {
  if (s.type === "ratio" || !s.covariate) return undefined;
  const c = s.covariate;
  const mean = s.n === 0 ? 0 : c.sum / s.n;
  if (c.sumSquares === undefined)
    return { n: s.n, sum: c.sum, mean, variance: mean * (1 - mean), binary: true };
  return {
    n: s.n,
    sum: c.sum,
    mean,
    variance: sampleVariance(s.n, c.sum, c.sumSquares),
    binary: false,
  };
}

// gbstats compute_covariance: population form for two 0/1 variables, sample form otherwise.
function covariance(
  n: number,
  a: { sum: number; binary: boolean },
  b: { sum: number; binary: boolean },
  sumOfProducts: number,
): number {
  if (n <= 1) return 0;
  if (a.binary && b.binary) return sumOfProducts / n - (a.sum * b.sum) / (n * n);
  return (sumOfProducts - (a.sum * b.sum) / n) / (n - 1);
}

// Delta-method variance of a ratio of means (gbstats utils.variance_of_ratios).
export function varianceOfRatios(
  meanM: number,
  varM: number,
  meanD: number,
  varD: number,
  covMD: number,
): number {
  return varM / meanD ** 2 + (varD * meanM ** 2) / meanD ** 4 - (2 * covMD * meanM) / meanD ** 3;
}

function ratioArm(s: Extract<Statistic, { type: "ratio" }>): Arm {
  const mean = s.denominator.sum === 0 ? 0 : s.numerator.sum / s.denominator.sum;
  const meanM = s.n === 0 ? 0 : s.numerator.sum / s.n;
  const meanD = s.n === 0 ? 0 : s.denominator.sum / s.n;
  let variance = 0;
  if (meanD !== 0 && s.n > 1) {
    const varM = sampleVariance(s.n, s.numerator.sum, s.numerator.sumSquares);
    const varD = sampleVariance(s.n, s.denominator.sum, s.denominator.sumSquares);
    const cov = (s.sumOfProducts - (s.numerator.sum * s.denominator.sum) / s.n) / (s.n - 1);
    variance = Math.max(0, varianceOfRatios(meanM, varM, meanD, varD, cov));
  }
  return { n: s.n, mean, unadjustedMean: mean, variance };
}

function plainArm(s: Statistic): Arm {
  if (s.type === "ratio") return ratioArm(s);
  const m = postMoments(s);
  return { n: m.n, mean: m.mean, unadjustedMean: m.mean, variance: m.variance };
}

/**
 * θ pooled across both arms (gbstats compute_theta): covariance of post and pre values over the
 * pooled units divided by the pooled pre-period variance; 0 when either pooled variance is 0.
 */
export function pooledTheta(control: Statistic, treatment: Statistic): number {
  if (control.type === "ratio" || treatment.type === "ratio") return 0;
  if (!control.covariate || !treatment.covariate) return 0;
  const n = control.n + treatment.n;
  const postA = postMoments(control);
  const postB = postMoments(treatment);
  const preA = preMoments(control)!;
  const preB = preMoments(treatment)!;
  const jointPost = joint(postA, postB, n, control, treatment, "post");
  const jointPre = joint(preA, preB, n, control, treatment, "pre");
  if (jointPre.variance === 0 || jointPost.variance === 0) return 0;
  const cov = covariance(
    n,
    jointPost,
    jointPre,
    control.covariate.sumOfProducts + treatment.covariate.sumOfProducts,
  );
  return cov / jointPre.variance;
}

function joint(
  a: Moments,
  b: Moments,
  n: number,
  control: Exclude<Statistic, { type: "ratio" }>,
  treatment: Exclude<Statistic, { type: "ratio" }>,
  which: "post" | "pre",
): Moments {
  const sum = a.sum + b.sum;
  const mean = n === 0 ? 0 : sum / n;
  if (a.binary && b.binary) return { n, sum, mean, variance: mean * (1 - mean), binary: true };
  const squares = (s: Exclude<Statistic, { type: "ratio" }>, m: Moments) => {
    if (which === "pre") return s.covariate?.sumSquares ?? m.sum;
    return s.type === "mean" ? s.sumSquares : m.sum;
  };
  const sumSquares = squares(control, a) + squares(treatment, b);
  return { n, sum, mean, variance: sampleVariance(n, sum, sumSquares), binary: false };
}

function adjustedArm(s: Exclude<Statistic, { type: "ratio" }>, theta: number): Arm {
  const post = postMoments(s);
  const pre = preMoments(s)!;
  const cov = covariance(s.n, post, pre, s.covariate!.sumOfProducts);
  const variance = s.n <= 1 ? 0 : post.variance + theta * theta * pre.variance - 2 * theta * cov;
  return {
    n: s.n,
    mean: post.mean - theta * pre.mean,
    unadjustedMean: post.mean,
    variance: Math.max(0, variance),
    cuped: {
      postMean: post.mean,
      postVariance: post.variance,
      preVariance: pre.variance,
      covariance: cov,
    },
  };
}

// gbstats frequentist_variance_relative_cuped: delta method on (post_b, pre_b, post_a, pre_a)
// with the relative lift's denominator the unadjusted control mean.
function relativeCupedVariance(a: Arm, b: Arm, theta: number): number {
  const ca = a.cuped!;
  const cb = b.cuped!;
  const denTreatment = b.n * a.unadjustedMean ** 2;
  const denControl = a.n * a.unadjustedMean ** 2;
  if (denTreatment === 0 || denControl === 0) return 0;
  const vTreatment =
    (cb.postVariance + theta ** 2 * cb.preVariance - 2 * theta * cb.covariance) / denTreatment;
  const k = -cb.postMean;
  const vControl =
    ((ca.postVariance * k ** 2) / ca.postMean ** 2 +
      (2 * theta * ca.covariance * k) / ca.postMean +
      theta ** 2 * ca.preVariance) /
    denControl;
  return vTreatment + vControl;
}

/** Checks that both arms can be compared and returns whether CUPED applies. */
function checkPair(control: Statistic, treatment: Statistic, cuped: boolean): boolean {
  if (control.type !== treatment.type)
    throw new OpsbookError(
      "conflict",
      `treatment.type: expected "${control.type}" like control, received "${treatment.type}"`,
      ["treatment", "type"],
    );
  if (control.type === "ratio" || treatment.type === "ratio") return false;
  const hasA = control.covariate !== undefined;
  const hasB = treatment.covariate !== undefined;
  if (hasA !== hasB)
    throw new OpsbookError(
      "conflict",
      `${hasA ? "treatment" : "control"}.covariate: expected a covariate in both arms for CUPED, received undefined`,
      [hasA ? "treatment" : "control", "covariate"],
    );
  return cuped && hasA;
}

/**
 * Computes the effect moments of treatment against control: point estimate, variance of the
 * estimate (delta method for relative lifts), Welch–Satterthwaite degrees of freedom, and θ.
 */
export function effectMoments(
  control: Statistic,
  treatment: Statistic,
  relative: boolean,
  cuped: boolean,
): Effect {
  const useCuped = checkPair(control, treatment, cuped);
  let theta: number | null = null;
  let a: Arm;
  let b: Arm;
  if (useCuped && control.type !== "ratio" && treatment.type !== "ratio") {
    theta = pooledTheta(control, treatment);
    if (theta === 0) {
      // No pre-period variation: gbstats falls back to the unadjusted analysis.
      a = plainArm(control);
      b = plainArm(treatment);
    } else {
      a = adjustedArm(control, theta);
      b = adjustedArm(treatment, theta);
    }
  } else {
    a = plainArm(control);
    b = plainArm(treatment);
  }
  const base = { control: a, treatment: b, theta };
  const none = { ...base, estimate: 0, variance: 0, degreesOfFreedom: 0 };
  if (a.n === 0 || b.n === 0) return { ...none, uninformative: "empty_arm" };
  if (a.variance <= 0 || b.variance <= 0) return { ...none, uninformative: "zero_variance" };
  if (relative && (a.mean === 0 || a.unadjustedMean === 0))
    return { ...none, uninformative: "zero_baseline" };

  const estimate = relative ? (b.mean - a.mean) / a.unadjustedMean : b.mean - a.mean;
  let variance: number;
  if (relative && a.cuped && b.cuped && theta !== null) {
    variance = relativeCupedVariance(a, b, theta);
  } else if (relative) {
    variance =
      b.variance / (a.unadjustedMean ** 2 * b.n) +
      (a.variance * b.unadjustedMean ** 2) / (a.unadjustedMean ** 4 * a.n);
  } else {
    variance = b.variance / b.n + a.variance / a.n;
  }
  // Welch–Satterthwaite degrees of freedom on the per-arm variances of the means.
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const degreesOfFreedom = (va + vb) ** 2 / (vb ** 2 / (b.n - 1) + va ** 2 / (a.n - 1));
  if (!(variance > 0) || !Number.isFinite(estimate))
    return { ...none, uninformative: "zero_variance" };
  return { ...base, estimate, variance, degreesOfFreedom, uninformative: null };
}
