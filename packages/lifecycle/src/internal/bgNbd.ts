import type { CompressedCustomers } from "./customerData.ts";
import { hyp2f1, logAddExp, logGamma } from "./special.ts";

/**
 * BG/NBD formulas of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way",
 * Marketing Science 24(2), eq. 6 (likelihood), 10 (unconditional expectation), 11 (P(alive)
 * appendix) and 10 of the conditional expectation.
 */
export function bgNbdLogLikelihood(
  data: CompressedCustomers,
  r: number,
  alpha: number,
  a: number,
  b: number,
): number {
  const common = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
  const byFrequency = data.frequencies.map(
    (x) => logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x),
  );
  const logRatio = data.frequencies.map((x) => (x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0));
  let total = 0;
  const n = data.x.length;
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const k = data.frequencyIndex[i] as number;
    const rx = r + x;
    const term1 = -rx * Math.log(alpha + (data.T[i] as number));
    let ll = term1;
    if (x > 0) {
      const term2 = (logRatio[k] as number) - rx * Math.log(alpha + (data.tx[i] as number));
      ll = logAddExp(term1, term2);
    }
    total += (data.weight[i] as number) * ((byFrequency[k] as number) + ll);
  }
  return total + common * data.customers;
}

export function bgNbdProbabilityAlive(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (x === 0) return 1;
  const logOdds =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

export function bgNbdConditional(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  const bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f;
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 1;
  return (head * bracket) / denominator;
}

export function bgNbdUnconditional(
  r: number,
  alpha: number,
  a: number,
  b: number,
  t: number,
): number {
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, z));
}
