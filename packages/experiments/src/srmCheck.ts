import { OpsbookError, validate } from "@opsbook/core";
import { z } from "zod";
import { chiSquareSurvival, clampProbability } from "./internal/distributions.ts";

/**
 * Result of {@link srmCheck}.
 *
 * @category Diagnostics
 * @since 0.1.0
 */
export interface SrmResult {
  /** P-value of the χ² goodness-of-fit test; 1 when fewer than two arms can be compared. */
  pValue: number;
  chiSquare: number;
  degreesOfFreedom: number;
  /** Expected units per arm under the planned weights (0 for skipped arms). */
  expected: number[];
  /** True when `pValue` is below `threshold`. */
  mismatch: boolean;
  threshold: number;
}

const inputSchema = z.object({
  users: z.array(z.number().int().min(0)).min(1),
  weights: z.array(z.number().min(0)).min(1),
  threshold: z.number().gt(0).lt(1).default(0.001),
});

/**
 * Sample-ratio-mismatch check: a χ² goodness-of-fit test of the units seen in each arm against
 * the planned weights (GrowthBook `check_srm`). Arms with weight 0 or with no units are left out
 * and the remaining weights renormalised, so a paused arm does not raise an alarm; with fewer
 * than two arms left the result is uninformative (p = 1).
 *
 * @param users - Units observed per arm.
 * @param weights - Planned traffic weights per arm (any scale; same length as `users`).
 * @param options - `threshold` below which a mismatch is flagged (0.001, GrowthBook's default).
 * @returns P-value, χ² statistic, expected counts and the `mismatch` flag.
 * @throws {@link OpsbookError} when the lengths differ or counts are negative.
 * @category Diagnostics
 * @since 0.1.0
 * @example
 * ```ts
 * import { srmCheck } from "@opsbook/experiments";
 *
 * const result = srmCheck([1000, 1200], [0.5, 0.5]);
 * Number(result.pValue.toFixed(9)) //=> 0.000020079
 * result.mismatch //=> true
 * srmCheck([500, 0, 510], [1, 0, 1]).expected //=> [505, 0, 505]
 * srmCheck([1, 2], [1]) //=> throws OpsbookError
 * ```
 */
export function srmCheck(
  users: readonly number[],
  weights: readonly number[],
  options: { threshold?: number } = {},
): SrmResult {
  const input = validate(inputSchema, { users, weights, ...options }, { label: "srmCheck input" });
  if (input.users.length !== input.weights.length)
    throw new OpsbookError(
      "conflict",
      `weights: expected ${input.users.length} weights like users, received ${input.weights.length}`,
      ["weights"],
    );
  const keep = input.users.map((u, i) => u > 0 && (input.weights[i] ?? 0) > 0);
  const total = input.users.reduce((s, u, i) => (keep[i] ? s + u : s), 0);
  const weightSum = input.weights.reduce((s, w, i) => (keep[i] ? s + w : s), 0);
  const kept = keep.filter(Boolean).length;
  const expected = input.users.map((_, i) =>
    keep[i] ? ((input.weights[i] ?? 0) / weightSum) * total : 0,
  );
  if (kept < 2 || total === 0)
    return {
      pValue: 1,
      chiSquare: 0,
      degreesOfFreedom: 0,
      expected,
      mismatch: false,
      threshold: input.threshold,
    };
  let chiSquare = 0;
  input.users.forEach((u, i) => {
    const e = expected[i] ?? 0;
    if (keep[i] && e > 0) chiSquare += (u - e) ** 2 / e;
  });
  const pValue = clampProbability(chiSquareSurvival(chiSquare, kept - 1));
  return {
    pValue,
    chiSquare,
    degreesOfFreedom: kept - 1,
    expected,
    mismatch: pValue < input.threshold,
    threshold: input.threshold,
  };
}
