import { validate } from "@opsbook/core";
import { bgNbdProbabilityAlive } from "./internal/bgNbd.ts";
import { paretoNbdProbabilityAlive } from "./internal/paretoNbd.ts";
import {
  type CustomerSummary,
  customerSummarySchema,
  type PurchaseModel,
  purchaseModelSchema,
} from "./schemas.ts";

/**
 * Probability that a customer is still active ("alive") at the end of observation, given their
 * history. BG/NBD: 1/(1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^{r+x}) (Fader, Hardie & Lee 2005,
 * "Counting Your Customers the Easy Way", eq. 13 of the technical appendix); a BG/NBD customer
 * without repeat purchases is alive by assumption. Pareto/NBD: Fader & Hardie (2005), "A Note on
 * Deriving the Pareto/NBD Model and Related Expressions", eq. 18.
 *
 * @param model - A fitted (or hand-written) BG/NBD or Pareto/NBD model.
 * @param customer - The customer's `frequency`, `recency` and `T`.
 * @returns P(alive) in [0, 1].
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { probabilityAlive } from "@opsbook/lifecycle";
 *
 * // BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005).
 * const model = { model: "bg-nbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
 * Math.round(probabilityAlive(model, { frequency: 2, recency: 30.43, T: 38.86 }) * 1000) / 1000 //=> 0.727
 * Math.round(probabilityAlive(model, { frequency: 2, recency: 5, T: 38.86 }) * 1000) / 1000 //=> 0.124
 * ```
 */
export function probabilityAlive(model: PurchaseModel, customer: CustomerSummary): number {
  const m = validate(purchaseModelSchema, model, { label: "model" });
  const c = validate(customerSummarySchema, customer, { label: "customer" });
  return m.model === "bg-nbd"
    ? bgNbdProbabilityAlive(m.r, m.alpha, m.a, m.b, c.frequency, c.recency, c.T)
    : paretoNbdProbabilityAlive(m.r, m.alpha, m.s, m.beta, c.frequency, c.recency, c.T);
}
