import type { CompressedCustomers } from "./customerData.ts";
import { hyp2f1, logAddExp, logGamma } from "./special.ts";

/**
 * Pareto/NBD formulas as derived in Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD
 * Model and Related Expressions" (eq. 19–22 likelihood, 11 P(alive), 22 conditional expectation)
 * and Schmittlein, Morrison & Colombo (1987).
 *
 * log A₀ with A₀ = F(a₁, b₁; c₁; z(t_x))/(max(α,β)+t_x)^{r+s+x} − F(…; z(T))/(max(α,β)+T)^{r+s+x}.
 */
function logA0(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const k = r + s + x;
  let l1: number;
  let l2: number;
  if (alpha >= beta) {
    l1 =
      Math.log(hyp2f1(k, s + 1, k + 1, (alpha - beta) / (alpha + tx))) - k * Math.log(alpha + tx);
    l2 = Math.log(hyp2f1(k, s + 1, k + 1, (alpha - beta) / (alpha + T))) - k * Math.log(alpha + T);
  } else {
    l1 = Math.log(hyp2f1(k, r + x, k + 1, (beta - alpha) / (beta + tx))) - k * Math.log(beta + tx);
    l2 = Math.log(hyp2f1(k, r + x, k + 1, (beta - alpha) / (beta + T))) - k * Math.log(beta + T);
  }
  if (!(l1 > l2)) return Number.NEGATIVE_INFINITY;
  return l1 + Math.log1p(-Math.exp(l2 - l1));
}

/** ln of the bracket [1/((α+T)^{r+x}(β+T)^s) + s/(r+s+x)·A₀]. */
function logBracket(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
) {
  const first = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const second = Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, T);
  return { first, second, total: logAddExp(first, second) };
}

export function paretoNbdLogLikelihood(
  data: CompressedCustomers,
  r: number,
  alpha: number,
  s: number,
  beta: number,
): number {
  const common = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  const byFrequency = data.frequencies.map((x) => logGamma(r + x));
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i] as number;
    const bracket = logBracket(
      r,
      alpha,
      s,
      beta,
      x,
      data.tx[i] as number,
      data.T[i] as number,
    ).total;
    total +=
      (data.weight[i] as number) *
      ((byFrequency[data.frequencyIndex[i] as number] as number) + bracket);
  }
  return total + common * data.customers;
}

export function paretoNbdProbabilityAlive(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { first, total } = logBracket(r, alpha, s, beta, x, tx, T);
  return Math.exp(first - total);
}

export function paretoNbdConditional(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  const alive = paretoNbdProbabilityAlive(r, alpha, s, beta, x, tx, T);
  const rate = (r + x) / (alpha + T);
  // Expected purchases of an alive customer over t: rate·(β+T)/(s−1)·[1 − ((β+T)/(β+T+t))^{s−1}],
  // and its limit rate·(β+T)·ln(1 + t/(β+T)) when s = 1.
  const horizon =
    Math.abs(s - 1) < 1e-9
      ? (beta + T) * Math.log1p(t / (beta + T))
      : ((beta + T) / (s - 1)) * (1 - ((beta + T) / (beta + T + t)) ** (s - 1));
  return rate * horizon * alive;
}

export function paretoNbdUnconditional(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  t: number,
): number {
  const horizon =
    Math.abs(s - 1) < 1e-9
      ? beta * Math.log1p(t / beta)
      : (beta / (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1));
  return (r / alpha) * horizon;
}
