import { validate } from "@opsbook/core";
import { z } from "zod";

const inputSchema = z.object({
  values: z.array(z.number().refine(Number.isFinite, "expected a finite number")),
  bins: z.number().int().min(2).max(100).default(5),
  order: z.enum(["ascending", "descending"]).default("ascending"),
});

/**
 * Scores values 1…`bins` by equal-count quantile bins of their ranks — the rule most RFM
 * tutorials use, pandas `qcut(x.rank(method="first"), bins, labels=False) + 1`:
 *
 * 1. rank the values 1…n, ties broken by position in the input (pandas `rank(method="first")`), so
 *    tied values can land in different bins and every bin gets its share even when half the
 *    customers bought exactly once;
 * 2. put rank r in the first bin i with r ≤ 1 + i·(n − 1)/bins (pandas `qcut` edges are the linear
 *    quantiles of the ranks, right-closed, lowest included); the comparison is done in exact integer
 *    arithmetic as `bins·(r − 1) ≤ i·(n − 1)`.
 *
 * With `order: "descending"` the score is reversed (`bins + 1 −` score), which is how recency is
 * scored: the fewest days since the last purchase gets the highest score. A single value gets
 * score 1 (ascending) or `bins` (descending) — pandas raises on duplicate bin edges instead.
 *
 * @param values - The values to score (finite numbers).
 * @param options - `bins` (default 5, quintiles) and `order` (default `"ascending"`: larger value, larger score).
 * @returns One score per value, in input order.
 * @throws {@link OpsbookError} for non-finite values or bins outside 2–100.
 * @category RFM
 * @since 0.1.0
 * @example
 * ```ts
 * import { quantileScores } from "@opsbook/persona";
 *
 * // pandas docs: pd.qcut(range(5), 4, labels=False) → [0, 0, 1, 2, 3]
 * quantileScores([0, 1, 2, 3, 4], { bins: 4 }) //=> [1, 1, 2, 3, 4]
 *
 * // ties broken by input order
 * quantileScores([1, 1, 1, 1, 1, 2, 3, 5, 8, 13]) //=> [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
 * quantileScores([3, 40, 7], { bins: 3, order: "descending" }) //=> [3, 1, 2]
 * ```
 */
export function quantileScores(
  values: readonly number[],
  options: { bins?: number; order?: "ascending" | "descending" } = {},
): number[] {
  const input = validate(inputSchema, { values, ...options }, { label: "quantileScores input" });
  return scoreByRank(input.values, input.bins, input.order === "descending");
}

/** Unvalidated core of {@link quantileScores}, shared with RFM. */
export function scoreByRank(
  values: readonly number[],
  bins: number,
  descending: boolean,
): number[] {
  const n = values.length;
  const order = values.map((_, i) => i);
  // Stable sort: equal values keep input order, which is pandas rank(method="first").
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const scores = new Array<number>(n).fill(1);
  order.forEach((index, position) => {
    const r = position + 1;
    let bin = 1;
    while (bin < bins && bins * (r - 1) > bin * (n - 1)) bin++;
    scores[index] = descending ? bins + 1 - bin : bin;
  });
  return scores;
}
