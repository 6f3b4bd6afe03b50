import { OpsbookError, validate } from "@opsbook/core";
import { z } from "zod";
import { clampProbability, normalCdf } from "./internal/distributions.ts";

/**
 * Result of {@link proportionsZTest}.
 *
 * @category Tests
 * @since 0.1.0
 */
export interface ProportionsZTestResult {
  /** z statistic; 0 when the standard error is 0. */
  statistic: number;
  /** P-value; 1 when the standard error is 0 (uninformative). */
  pValue: number;
  /** Difference of proportions (first − second), or proportion − value for one sample. */
  difference: number;
  standardError: number;
}

const armSchema = z
  .object({ count: z.number().int().min(0), nobs: z.number().int().min(1) })
  .superRefine((a, ctx) => {
    if (a.count > a.nobs)
      ctx.addIssue({
        code: "custom",
        path: ["count"],
        input: a.count,
        message: `expected count ≤ nobs (${a.nobs})`,
        params: { code: "out_of_range", expected: `integer ≤ ${a.nobs}` },
      });
  });

const inputSchema = z.object({
  samples: z.array(armSchema).min(1).max(2),
  value: z.number().default(0),
  alternative: z.enum(["two-sided", "larger", "smaller"]).default("two-sided"),
  pooled: z.boolean().default(true),
});

/**
 * Options of {@link proportionsZTest}.
 *
 * @category Tests
 * @since 0.1.0
 */
export interface ProportionsZTestOptions {
  /** Null value of the difference (two samples) or of the proportion (one sample); default 0. */
  value?: number;
  /** `"two-sided"` (default), `"larger"` or `"smaller"`, as statsmodels. */
  alternative?: "two-sided" | "larger" | "smaller";
  /**
   * Two samples: pool the proportions for the variance (default, statsmodels
   * `proportions_ztest`), or use each sample's own proportion (Wald, `pooled: false`).
   */
  pooled?: boolean;
}

/**
 * z-test for one or two proportions with statsmodels' `proportions_ztest` semantics: with two
 * samples the variance uses the pooled proportion p̂(1 − p̂)(1/n₁ + 1/n₂) (or, unpooled,
 * p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂); with one sample it uses the sample proportion.
 *
 * @param samples - One or two `{ count, nobs }` samples (successes and trials).
 * @param options - `value`, `alternative`, `pooled`.
 * @returns z statistic, p-value, difference and standard error; p = 1 when the standard error
 * is 0 (all successes or all failures).
 * @throws {@link OpsbookError} for count > nobs, nobs < 1, or a one-sample test without `value`.
 * @category Tests
 * @since 0.1.0
 * @example
 * ```ts
 * import { proportionsZTest } from "@opsbook/experiments";
 *
 * const result = proportionsZTest([{ count: 5, nobs: 83 }, { count: 12, nobs: 99 }]);
 * Number(result.statistic.toFixed(6)) //=> -1.40783
 * Number(result.pValue.toFixed(6)) //=> 0.159181
 * proportionsZTest([{ count: 0, nobs: 10 }, { count: 0, nobs: 12 }]).pValue //=> 1
 * ```
 */
export function proportionsZTest(
  samples: readonly { count: number; nobs: number }[],
  options: ProportionsZTestOptions = {},
): ProportionsZTestResult {
  const input = validate(inputSchema, { samples, ...options }, { label: "proportionsZTest input" });
  const [first, second] = input.samples as [
    { count: number; nobs: number },
    { count: number; nobs: number } | undefined,
  ];
  const p1 = first.count / first.nobs;
  let difference: number;
  let variance: number;
  if (!second) {
    if (options.value === undefined)
      throw new OpsbookError(
        "invalid_input",
        "value: expected the null proportion for a one-sample test, received undefined",
        ["value"],
      );
    difference = p1 - input.value;
    variance = (p1 * (1 - p1)) / first.nobs;
  } else {
    const p2 = second.count / second.nobs;
    difference = p1 - p2 - input.value;
    if (input.pooled) {
      const p = (first.count + second.count) / (first.nobs + second.nobs);
      variance = p * (1 - p) * (1 / first.nobs + 1 / second.nobs);
    } else {
      variance = (p1 * (1 - p1)) / first.nobs + (p2 * (1 - p2)) / second.nobs;
    }
  }
  const standardError = Math.sqrt(variance);
  if (!(standardError > 0)) return { statistic: 0, pValue: 1, difference, standardError: 0 };
  const statistic = difference / standardError;
  let pValue: number;
  if (input.alternative === "two-sided") pValue = 2 * (1 - normalCdf(Math.abs(statistic)));
  else if (input.alternative === "larger") pValue = 1 - normalCdf(statistic);
  else pValue = normalCdf(statistic);
  return { statistic, pValue: clampProbability(pValue), difference, standardError };
}
