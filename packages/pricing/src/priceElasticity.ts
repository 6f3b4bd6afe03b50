import { validate } from "@opsbook/core";
import { z } from "zod";
import { fail } from "./internal/fail.ts";

const pointSchema = z.object({
  price: z.number().finite().positive(),
  quantity: z.number().finite().min(0),
});

/**
 * Arc (midpoint) price elasticity of demand between two observations: the percentage change in
 * quantity over the percentage change in price, each measured against the midpoint of the two
 * values, so the result does not depend on the direction of the move (Allen's arc elasticity, the
 * "midpoint method" of economics textbooks such as OpenStax Principles of Economics §5.1). Demand
 * that falls as price rises gives a negative number; |e| > 1 is elastic.
 *
 * @param a - First observation `{ price, quantity }`.
 * @param b - Second observation.
 * @returns `((q₂ − q₁) / ((q₁ + q₂) / 2)) / ((p₂ − p₁) / ((p₁ + p₂) / 2))`.
 * @throws OpsbookError when the prices are equal.
 * @category Price research
 * @since 0.1.0
 * @example
 * ```ts
 * import { arcElasticity } from "@opsbook/pricing";
 *
 * Math.round(arcElasticity({ price: 60, quantity: 3000 }, { price: 70, quantity: 2800 }) * 100) / 100
 * //=> -0.45
 * ```
 */
export function arcElasticity(
  a: z.input<typeof pointSchema>,
  b: z.input<typeof pointSchema>,
): number {
  const p = validate(pointSchema, a, { path: ["a"] });
  const q = validate(pointSchema, b, { path: ["b"] });
  if (p.price === q.price)
    fail("invalid_input", ["b", "price"], "expected a price different from a.price");
  const quantityMid = (p.quantity + q.quantity) / 2;
  if (quantityMid === 0) return 0;
  const dq = (q.quantity - p.quantity) / quantityMid;
  const dp = (q.price - p.price) / ((p.price + q.price) / 2);
  return dq / dp;
}

/**
 * Point price elasticity of demand: `(dQ/dP) × P / Q` at one point of a demand curve, given the
 * curve's slope there (for a linear demand `Q = a − bP`, the slope is `−b`).
 *
 * @param slope - dQ/dP at the point (quantity per unit of price; negative for normal demand).
 * @param point - `{ price, quantity }` at which to measure.
 * @returns The elasticity.
 * @throws OpsbookError when the quantity is zero.
 * @category Price research
 * @since 0.1.0
 * @example
 * ```ts
 * import { pointElasticity } from "@opsbook/pricing";
 *
 * // Q = 100 − 2P at P = 20: Q = 60, e = −2 × 20 / 60
 * Math.round(pointElasticity(-2, { price: 20, quantity: 60 }) * 1000) / 1000 //=> -0.667
 * ```
 */
export function pointElasticity(slope: number, point: z.input<typeof pointSchema>): number {
  const s = validate(z.number().finite(), slope, { path: ["slope"] });
  const p = validate(pointSchema, point, { path: ["point"] });
  if (p.quantity === 0) fail("out_of_range", ["point", "quantity"], "expected a quantity above 0");
  return (s * p.price) / p.quantity;
}
