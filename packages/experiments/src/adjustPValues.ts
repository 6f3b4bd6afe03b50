import { validate } from "@opsbook/core";
import { z } from "zod";

/**
 * A p-value adjustment for multiple comparisons: `"holm"` (Holm–Bonferroni, controls the
 * family-wise error rate) or `"benjamini-hochberg"` (controls the false discovery rate).
 *
 * @category Multiple testing
 * @since 0.1.0
 */
export type PValueAdjustment = "holm" | "benjamini-hochberg";

const inputSchema = z.object({
  pValues: z.array(z.number().min(0).max(1)),
  method: z.enum(["holm", "benjamini-hochberg"]),
});

/**
 * Adjusts p-values for multiple comparisons (several metrics or arms read at once) and returns
 * them in input order, each capped at 1. Holm (1979): sort ascending, multiply the i-th (from 0)
 * by m − i, then take the running maximum. Benjamini & Hochberg (1995): sort descending,
 * multiply the i-th by m / (m − i), then take the running minimum. Compare the adjusted values
 * with the usual alpha.
 *
 * @param pValues - Unadjusted p-values, each in [0, 1].
 * @param method - `"holm"` or `"benjamini-hochberg"`.
 * @returns Adjusted p-values in input order.
 * @throws {@link OpsbookError} for values outside [0, 1] or an unknown method.
 * @category Multiple testing
 * @since 0.1.0
 * @example
 * ```ts
 * import { adjustPValues } from "@opsbook/experiments";
 *
 * adjustPValues([0.01, 0.04, 0.03, 0.005], "holm") //=> [0.03, 0.06, 0.06, 0.02]
 * adjustPValues([0.01, 0.04, 0.03, 0.005], "benjamini-hochberg") //=> [0.02, 0.04, 0.04, 0.02]
 * adjustPValues([1.2], "holm") //=> throws OpsbookError
 * ```
 */
export function adjustPValues(pValues: readonly number[], method: PValueAdjustment): number[] {
  const input = validate(inputSchema, { pValues, method }, { label: "adjustPValues input" });
  const m = input.pValues.length;
  const order = input.pValues.map((p, i) => ({ p, i }));
  const out = new Array<number>(m).fill(0);
  if (input.method === "holm") {
    order.sort((x, y) => x.p - y.p);
    let running = 0;
    order.forEach(({ p, i }, rank) => {
      running = Math.max(running, Math.min(1, p * (m - rank)));
      out[i] = running;
    });
  } else {
    order.sort((x, y) => y.p - x.p);
    let running = 1;
    order.forEach(({ p, i }, rank) => {
      running = Math.min(running, Math.min(1, (p * m) / (m - rank)));
      out[i] = running;
    });
  }
  return out;
}
