import { bgNbdLogLikelihood } from "./internal/bgNbd.ts";
import { checkSummaries, compress } from "./internal/customerData.ts";
import { nelderMead } from "./internal/optimize.ts";
import type { BgNbdParameters, CustomerSummary } from "./schemas.ts";

/**
 * A fitted purchase model: its parameters and how the fit went.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface PurchaseModelFitInfo {
  /** Maximised log-likelihood (sum over customers). */
  logLikelihood: number;
  /** Number of customers fitted. */
  customers: number;
  /** Distinct (frequency, recency, T) rows after merging identical customers. */
  distinctRows: number;
  /** Whether Nelder–Mead met its convergence test. */
  converged: boolean;
  /** Likelihood evaluations used. */
  evaluations: number;
}

/**
 * A fitted BG/NBD model, usable wherever {@link BgNbdParameters} are expected.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type BgNbdFit = BgNbdParameters & PurchaseModelFitInfo;

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2)) by maximum likelihood. The
 * log-likelihood (eq. 6) is evaluated in log space, with the gamma-function terms computed once
 * per distinct frequency and identical customers merged; Nelder–Mead searches over the logarithms
 * of r, α, a and b, so every parameter stays positive.
 *
 * @param customers - One summary per customer (see `rfmSummary`), times in any unit (weeks in
 *   the paper).
 * @returns The parameters with the log-likelihood and convergence details.
 * @throws OpsbookError when a summary is impossible (recency > T, recency without repeat
 *   purchases, a negative or fractional frequency) or the list is empty.
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { fitBgNbd } from "@opsbook/lifecycle";
 *
 * const fit = fitBgNbd([
 *   { frequency: 0, recency: 0, T: 38 },
 *   { frequency: 2, recency: 30, T: 38 },
 *   { frequency: 5, recency: 36, T: 38 },
 *   { frequency: 1, recency: 4, T: 30 },
 *   { frequency: 0, recency: 0, T: 30 },
 * ]);
 * fit.model //=> "bg-nbd"
 * fit.customers //=> 5
 * fitBgNbd([{ frequency: 0, recency: 5, T: 38 }]) //=> throws OpsbookError
 * ```
 */
export function fitBgNbd(customers: readonly CustomerSummary[]): BgNbdFit {
  checkSummaries(customers);
  const data = compress(customers);
  let meanT = 0;
  for (let i = 0; i < data.T.length; i++)
    meanT += (data.T[i] as number) * (data.weight[i] as number);
  meanT /= data.customers;
  const objective = (v: number[]) => {
    const [r, alpha, a, b] = v.map(Math.exp) as [number, number, number, number];
    return -bgNbdLogLikelihood(data, r, alpha, a, b);
  };
  const result = nelderMead(objective, [0, Math.log(meanT / 4), 0, 0], { tolerance: 1e-10 });
  const [r, alpha, a, b] = result.x.map(Math.exp) as [number, number, number, number];
  return {
    model: "bg-nbd",
    r,
    alpha,
    a,
    b,
    logLikelihood: -result.value,
    customers: data.customers,
    distinctRows: data.x.length,
    converged: result.converged,
    evaluations: result.evaluations,
  };
}
