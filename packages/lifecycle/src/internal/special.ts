/**
 * Special functions used by the likelihoods: log-gamma, log-beta and the Gauss hypergeometric
 * function 2F1 by its power series.
 *
 * @internal
 */

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes, 3rd ed., §6.1; the coefficients of
// Paul Godfrey's table). Relative error below 1e-15 for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Natural logarithm of the gamma function for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection formula: Γ(x)Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Natural logarithm of the beta function B(a, b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Result of {@link hyp2f1}: the value and whether the series converged. */
export interface Hyp2f1Result {
  value: number;
  terms: number;
  converged: boolean;
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) = Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for |z| < 1, summed
 * term by term with the ratio (a+n)(b+n) z / ((c+n)(n+1)) until a term no longer changes the sum
 * (Abramowitz & Stegun 15.1.1). For z < −0.5 the Pfaff transformation
 * 2F1(a, b; c; z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)) (A&S 15.3.4) brings the argument into
 * [−0.5, 0.5) where the series converges fast.
 */
export function hyp2f1Series(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms = 200_000,
): Hyp2f1Result {
  if (z < -0.5) {
    const inner = hyp2f1Series(a, c - b, c, z / (z - 1), maxTerms);
    return { ...inner, value: (1 - z) ** -a * inner.value };
  }
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum))
      return { value: sum, terms: n + 1, converged: true };
    if (!Number.isFinite(sum)) break;
  }
  return { value: sum, terms: maxTerms, converged: false };
}

/** 2F1 value; NaN when the series does not converge (the caller treats NaN as an infeasible point). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const result = hyp2f1Series(a, b, c, z);
  return result.converged ? result.value : Number.NaN;
}

/** log(exp(x) + exp(y)) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  if (y === Number.NEGATIVE_INFINITY) return x;
  const m = Math.max(x, y);
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}
