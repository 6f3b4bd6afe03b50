import { OpsbookError, type OpsbookIssue, validate } from "@opsbook/core";
import { z } from "zod";
import { nelderMead } from "./internal/optimize.ts";
import { logGamma } from "./internal/special.ts";
import {
  type CustomerSummary,
  type GammaGammaParameters,
  gammaGammaParametersSchema,
} from "./schemas.ts";

/**
 * A fitted Gamma-Gamma model.
 *
 * @category Customer base
 * @since 0.1.0
 */
export interface GammaGammaFit extends GammaGammaParameters {
  logLikelihood: number;
  /** Customers used: those with at least one repeat purchase and a positive monetary value. */
  customers: number;
  converged: boolean;
}

/**
 * Fits the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
 * Using Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie 2013, "The
 * Gamma-Gamma Model of Monetary Value") by maximum likelihood on the customers with at least one
 * repeat purchase: the mean m̄ of x transactions has density
 * Γ(px+q)/(Γ(px)Γ(q)) · γ^q x^{px} m̄^{px−1}/(γ + x·m̄)^{px+q}.
 * The model assumes spend is independent of purchase frequency; check that before using it.
 *
 * @param customers - Summaries with `frequency` and `monetaryValue` (see `rfmSummary`).
 * @returns p, q, γ and the log-likelihood.
 * @throws OpsbookError when no customer has a repeat purchase with a positive value, or a
 *   customer with repeat purchases lacks `monetaryValue`.
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { fitGammaGamma } from "@opsbook/lifecycle";
 *
 * const fit = fitGammaGamma([
 *   { frequency: 1, recency: 10, T: 30, monetaryValue: 20 },
 *   { frequency: 3, recency: 25, T: 30, monetaryValue: 35 },
 *   { frequency: 2, recency: 12, T: 30, monetaryValue: 50 },
 *   { frequency: 5, recency: 28, T: 30, monetaryValue: 28 },
 *   { frequency: 0, recency: 0, T: 30, monetaryValue: 0 },
 * ]);
 * fit.customers //=> 4
 * fitGammaGamma([{ frequency: 0, recency: 0, T: 30 }]) //=> throws OpsbookError
 * ```
 */
export function fitGammaGamma(customers: readonly CustomerSummary[]): GammaGammaFit {
  if (!Array.isArray(customers))
    throw new OpsbookError(
      "invalid_input",
      "customers: expected an array of customer summaries",
      [],
    );
  const xs: number[] = [];
  const ms: number[] = [];
  const issues: OpsbookIssue[] = [];
  customers.forEach((c, i) => {
    if (!(c.frequency > 0)) return;
    if (
      typeof c.monetaryValue !== "number" ||
      !Number.isFinite(c.monetaryValue) ||
      c.monetaryValue < 0
    ) {
      issues.push({
        code: "invalid_input",
        path: [i, "monetaryValue"],
        message: `[${i}].monetaryValue: expected a number ≥ 0 for a customer with repeat purchases, received ${c.monetaryValue}`,
      });
      return;
    }
    if (c.monetaryValue === 0) return;
    xs.push(c.frequency);
    ms.push(c.monetaryValue);
  });
  if (issues.length > 0) throw OpsbookError.fromIssues(issues, "customers");
  if (xs.length === 0)
    throw new OpsbookError(
      "out_of_range",
      "customers: expected at least one customer with a repeat purchase and a positive monetary value",
      [],
    );
  const n = xs.length;
  const logX = xs.map(Math.log);
  const logM = ms.map(Math.log);
  const objective = (v: number[]) => {
    const [p, q, gamma] = v.map(Math.exp) as [number, number, number];
    let ll = n * (q * Math.log(gamma) - logGamma(q));
    for (let i = 0; i < n; i++) {
      const x = xs[i] as number;
      const px = p * x;
      ll +=
        logGamma(px + q) -
        logGamma(px) +
        px * (logX[i] as number) +
        (px - 1) * (logM[i] as number) -
        (px + q) * Math.log(gamma + x * (ms[i] as number));
    }
    return -ll;
  };
  const meanM = ms.reduce((s, v) => s + v, 0) / n;
  const result = nelderMead(objective, [0, 0, Math.log(meanM)], { tolerance: 1e-12 });
  const [p, q, gamma] = result.x.map(Math.exp) as [number, number, number];
  return { p, q, gamma, logLikelihood: -result.value, customers: n, converged: result.converged };
}

const spendCustomerSchema = z.object({
  frequency: z.number().int().nonnegative(),
  monetaryValue: z.number().finite().nonnegative().optional(),
});

/**
 * Expected value of a customer's future transactions under the Gamma-Gamma model (Fader, Hardie &
 * Lee 2005, eq. 5): a weighted mean of the population mean pγ/(q−1) and the customer's own mean
 * m̄, E(M | p, q, γ, m̄, x) = (q−1)/(px+q−1)·pγ/(q−1) + px/(px+q−1)·m̄. The more repeat purchases,
 * the more weight on the customer's own mean.
 *
 * @param model - p, q (> 1) and γ.
 * @param customer - `frequency` x and `monetaryValue` m̄ (ignored when x = 0).
 * @returns Expected spend per transaction, in the unit of `monetaryValue`.
 * @throws OpsbookError `out_of_range` when q ≤ 1 (the population mean is infinite).
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { expectedSpend } from "@opsbook/lifecycle";
 *
 * // Fader & Hardie (2013) on the CDNOW sample: p = 6.25, q = 3.74, γ = 15.44.
 * const model = { p: 6.25, q: 3.74, gamma: 15.44 };
 * Math.round(expectedSpend(model, { frequency: 0 }) * 100) / 100 //=> 35.22
 * Math.round(expectedSpend(model, { frequency: 2, monetaryValue: 15 }) * 100) / 100 //=> 18.64
 * ```
 */
export function expectedSpend(
  model: GammaGammaParameters,
  customer: Pick<CustomerSummary, "frequency" | "monetaryValue">,
): number {
  const { p, q, gamma } = validate(gammaGammaParametersSchema, model, { label: "model" });
  const { frequency: x, monetaryValue } = validate(spendCustomerSchema, customer, {
    label: "customer",
  });
  if (q <= 1)
    throw new OpsbookError(
      "out_of_range",
      `model.q: expected > 1 for a finite mean spend, received ${q}`,
      ["q"],
    );
  const m = x > 0 ? (monetaryValue ?? 0) : 0;
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
