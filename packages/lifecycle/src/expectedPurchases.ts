import { OpsbookError, validate } from "@opsbook/core";
import { z } from "zod";
import { bgNbdConditional, bgNbdUnconditional } from "./internal/bgNbd.ts";
import { paretoNbdConditional, paretoNbdUnconditional } from "./internal/paretoNbd.ts";
import {
  type CustomerSummary,
  customerSummarySchema,
  type PurchaseModel,
  purchaseModelSchema,
} from "./schemas.ts";

const durationSchema = z.number().nonnegative().finite();

/**
 * Expected number of purchases of a customer in the next `t` periods, given their history:
 * BG/NBD eq. 10 of Fader, Hardie & Lee (2005), with the Gauss hypergeometric function
 * ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t)); Pareto/NBD eq. 22 of Fader & Hardie's (2005) derivation note.
 *
 * @param model - A BG/NBD or Pareto/NBD model.
 * @param customer - The customer's `frequency`, `recency` and `T`.
 * @param t - Length of the forecast period, in the model's time unit.
 * @returns Expected number of purchases in (T, T + t].
 * @throws OpsbookError `unsupported` for a BG/NBD model with a = 1 or a + b + x ≤ 1, where the
 *   closed form does not apply.
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { expectedPurchases } from "@opsbook/lifecycle";
 *
 * // Fader, Hardie & Lee (2005), p. 280: a CDNOW customer with x = 2, t_x = 30.43, T = 38.86
 * // is expected to make 1.226 purchases in the next 39 weeks.
 * const model = { model: "bg-nbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
 * Math.round(expectedPurchases(model, { frequency: 2, recency: 30.43, T: 38.86 }, 39) * 1000) / 1000
 * //=> 1.226
 * ```
 */
export function expectedPurchases(
  model: PurchaseModel,
  customer: CustomerSummary,
  t: number,
): number {
  const m = validate(purchaseModelSchema, model, { label: "model" });
  const c = validate(customerSummarySchema, customer, { label: "customer" });
  const horizon = validate(durationSchema, t, { label: "t" });
  if (horizon === 0) return 0;
  if (m.model === "bg-nbd") checkBgNbdExpectation(m.a, m.b + c.frequency);
  return m.model === "bg-nbd"
    ? bgNbdConditional(m.r, m.alpha, m.a, m.b, c.frequency, c.recency, c.T, horizon)
    : paretoNbdConditional(m.r, m.alpha, m.s, m.beta, c.frequency, c.recency, c.T, horizon);
}

/**
 * Expected number of purchases of a randomly chosen new customer in their first `t` periods:
 * BG/NBD eq. 9 of Fader, Hardie & Lee (2005); Pareto/NBD eq. 17 of Schmittlein, Morrison &
 * Colombo (1987). Multiply by the size of each cohort to forecast a customer base's purchases.
 *
 * @param model - A BG/NBD or Pareto/NBD model.
 * @param t - Time since the first purchase.
 * @returns E[X(t)].
 * @category Customer base
 * @since 0.1.0
 * @example
 * ```ts
 * import { expectedPurchasesUnconditional } from "@opsbook/lifecycle";
 *
 * const model = { model: "bg-nbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
 * Math.round(expectedPurchasesUnconditional(model, 39) * 1000) / 1000 //=> 1.197
 * ```
 */
export function expectedPurchasesUnconditional(model: PurchaseModel, t: number): number {
  const m = validate(purchaseModelSchema, model, { label: "model" });
  const horizon = validate(durationSchema, t, { label: "t" });
  if (horizon === 0) return 0;
  if (m.model === "bg-nbd") checkBgNbdExpectation(m.a, m.b);
  return m.model === "bg-nbd"
    ? bgNbdUnconditional(m.r, m.alpha, m.a, m.b, horizon)
    : paretoNbdUnconditional(m.r, m.alpha, m.s, m.beta, horizon);
}

/**
 * The closed forms of FHL (2005) divide by a − 1 and need ₂F₁ with c = a + b + x − 1 > 0.
 */
function checkBgNbdExpectation(a: number, bPlusX: number): void {
  if (a === 1 || a + bPlusX - 1 <= 0)
    throw new OpsbookError(
      "unsupported",
      `model: the closed-form BG/NBD expectation needs a ≠ 1 and a + b + x > 1, received a = ${a}, b + x = ${bPlusX}`,
      ["a"],
    );
}
