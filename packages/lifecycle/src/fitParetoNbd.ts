import type { PurchaseModelFitInfo } from "./fitBgNbd.ts";
import { checkSummaries, compress } from "./internal/customerData.ts";
import { nelderMead } from "./internal/optimize.ts";
import { paretoNbdLogLikelihood } from "./internal/paretoNbd.ts";
import type { CustomerSummary, ParetoNbdParameters } from "./schemas.ts";

/**
 * A fitted Pareto/NBD model, usable wherever {@link ParetoNbdParameters} are expected.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type ParetoNbdFit = ParetoNbdParameters & PurchaseModelFitInfo;

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood, with
 * the likelihood in the form of Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions" (eq. 22), which needs the Gauss hypergeometric function ₂F₁; evaluated in
 * log space, identical customers merged, Nelder–Mead over the logarithms of r, α, s and β.
 *
 * @param customers - One summary per customer (see `rfmSummary`).
 * @returns The parameters with the log-likelihood and convergence details.
 * @throws OpsbookError for impossible summaries or an empty list.
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { fitParetoNbd } from "@opsbook/lifecycle";
 *
 * const fit = fitParetoNbd([
 *   { frequency: 0, recency: 0, T: 38 },
 *   { frequency: 2, recency: 30, T: 38 },
 *   { frequency: 5, recency: 36, T: 38 },
 *   { frequency: 1, recency: 4, T: 30 },
 * ]);
 * fit.model //=> "pareto-nbd"
 * fit.logLikelihood < 0 //=> true
 * ```
 */
export function fitParetoNbd(customers: readonly CustomerSummary[]): ParetoNbdFit {
  checkSummaries(customers);
  const data = compress(customers);
  let meanT = 0;
  for (let i = 0; i < data.T.length; i++)
    meanT += (data.T[i] as number) * (data.weight[i] as number);
  meanT /= data.customers;
  const objective = (v: number[]) => {
    const [r, alpha, s, beta] = v.map(Math.exp) as [number, number, number, number];
    return -paretoNbdLogLikelihood(data, r, alpha, s, beta);
  };
  const start = [0, Math.log(meanT / 4), 0, Math.log(meanT / 4)];
  const result = nelderMead(objective, start, { tolerance: 1e-10 });
  const [r, alpha, s, beta] = result.x.map(Math.exp) as [number, number, number, number];
  return {
    model: "pareto-nbd",
    r,
    alpha,
    s,
    beta,
    logLikelihood: -result.value,
    customers: data.customers,
    distinctRows: data.x.length,
    converged: result.converged,
    evaluations: result.evaluations,
  };
}
