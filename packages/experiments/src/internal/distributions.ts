import chiSquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdfStdlib from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileStdlib from "@stdlib/stats-base-dists-normal-quantile";
import tCdfStdlib from "@stdlib/stats-base-dists-t-cdf";
import tQuantileStdlib from "@stdlib/stats-base-dists-t-quantile";

/** Standard normal CDF Φ(x) (stdlib). */
export function normalCdf(x: number, mean = 0, sd = 1): number {
  return normalCdfStdlib(x, mean, sd);
}

/** Standard normal quantile Φ⁻¹(p) (stdlib). */
export function normalQuantile(p: number, mean = 0, sd = 1): number {
  return normalQuantileStdlib(p, mean, sd);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Student t CDF with `df` degrees of freedom (stdlib). */
export function tCdf(x: number, df: number): number {
  return tCdfStdlib(x, df);
}

/** Student t quantile with `df` degrees of freedom (stdlib). */
export function tQuantile(p: number, df: number): number {
  return tQuantileStdlib(p, df);
}

/** Upper tail of the χ² distribution, P(X ≥ x) (stdlib CDF). */
export function chiSquareSurvival(x: number, df: number): number {
  return 1 - chiSquareCdf(x, df);
}

/** Clamps a probability into [0, 1] and maps NaN to the uninformative `fallback`. */
export function clampProbability(p: number, fallback = 1): number {
  if (Number.isNaN(p)) return fallback;
  return Math.min(1, Math.max(0, p));
}
