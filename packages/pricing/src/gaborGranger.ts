import { validate } from "@opsbook/core";
import { z } from "zod";
import { fail } from "./internal/fail.ts";

/**
 * One price of a Gabor–Granger demand curve.
 *
 * @category Price research
 * @since 0.1.0
 */
export interface GaborGrangerPoint {
  price: number;
  /** Respondents who would buy at this price. */
  buyers: number;
  /** `buyers / respondents`. */
  demand: number;
  /** Expected revenue per respondent, `price × demand`. */
  revenueIndex: number;
}

/**
 * Result of {@link gaborGranger}.
 *
 * @category Price research
 * @since 0.1.0
 */
export interface GaborGrangerResult {
  respondents: number;
  /** One point per price tested, in ascending price order. */
  curve: GaborGrangerPoint[];
  /** The tested price with the highest revenue index (the lowest such price on ties). */
  revenueMaximisingPrice: number;
  /** Its revenue index. */
  maxRevenueIndex: number;
}

const inputSchema = z.object({
  prices: z.array(z.number().finite().positive()).min(1),
  responses: z.array(z.array(z.boolean().nullable())),
  monotone: z.boolean().default(true),
});

/**
 * Gabor–Granger price research (Gabor & Granger, 1966): respondents say whether they would buy at
 * each of several prices; the share who would buy at a price traces the demand curve, and price ×
 * demand is the expected revenue per respondent, maximised at the revenue-maximising price.
 *
 * With `monotone` (default), a respondent who would buy at a price counts as a buyer at every
 * lower price too — the usual reading when prices are shown from high to low and the interview
 * stops at the first "yes". Unanswered prices (`null`) count as "no" unless implied by monotonicity.
 *
 * @param input - `prices` tested; `responses[i][j]` is respondent i's answer at `prices[j]`;
 *   `monotone`.
 * @returns The demand curve and the revenue-maximising price.
 * @throws OpsbookError when a response row's length differs from the prices, naming the row.
 * @category Price research
 * @since 0.1.0
 * @example
 * ```ts
 * import { gaborGranger } from "@opsbook/pricing";
 *
 * const result = gaborGranger({
 *   prices: [10, 15, 20, 25],
 *   responses: [
 *     [true, true, true, false],
 *     [true, true, false, false],
 *     [true, false, false, false],
 *     [true, true, true, true],
 *   ],
 * });
 * result.curve.map((p) => p.demand) //=> [1, 0.75, 0.5, 0.25]
 * result.curve.map((p) => p.revenueIndex) //=> [10, 11.25, 10, 6.25]
 * result.revenueMaximisingPrice //=> 15
 * ```
 */
export function gaborGranger(input: z.input<typeof inputSchema>): GaborGrangerResult {
  const { prices, responses, monotone } = validate(inputSchema, input, {
    label: "Gabor–Granger survey",
  });
  if (responses.length === 0)
    fail("invalid_input", ["responses"], "expected at least one respondent");
  responses.forEach((row, i) => {
    if (row.length !== prices.length) {
      fail(
        "invalid_input",
        ["responses", i],
        `expected ${prices.length} answers (one per price), received ${row.length}`,
      );
    }
  });
  const order = prices.map((price, j) => ({ price, j })).sort((a, b) => a.price - b.price);
  order.forEach((o, k) => {
    if (k > 0 && o.price === order[k - 1]?.price) {
      fail("conflict", ["prices", o.j], `price ${o.price} is listed twice`);
    }
  });
  const buyers = order.map(() => 0);
  for (const row of responses) {
    // Highest price accepted, in the ascending order.
    let highest = -1;
    order.forEach((o, k) => {
      if (row[o.j] === true) highest = k;
    });
    order.forEach((o, k) => {
      const yes = monotone ? k <= highest : row[o.j] === true;
      if (yes) buyers[k] = (buyers[k] as number) + 1;
    });
  }
  const n = responses.length;
  const curve = order.map((o, k) => {
    const demand = (buyers[k] as number) / n;
    return { price: o.price, buyers: buyers[k] as number, demand, revenueIndex: o.price * demand };
  });
  let best = curve[0] as GaborGrangerPoint;
  for (const point of curve) if (point.revenueIndex > best.revenueIndex) best = point;
  return {
    respondents: n,
    curve,
    revenueMaximisingPrice: best.price,
    maxRevenueIndex: best.revenueIndex,
  };
}
