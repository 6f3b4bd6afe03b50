import { z } from "zod";

const count = z.number().int().min(0);
const finite = z.number();

/**
 * Pre-period covariate of one arm for CUPED: the sum and sum of squares of the pre-period values
 * and the sum of products of pre- and post-period values over the arm's units. For a
 * proportion metric whose covariate is itself a 0/1 flag, `sumSquares` may be left out.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { covariateSchema } from "@opsbook/experiments";
 *
 * covariateSchema.parse({ sum: 12, sumSquares: 40, sumOfProducts: 31 })
 * //=> { sum: 12, sumSquares: 40, sumOfProducts: 31 }
 * ```
 */
export const covariateSchema = z.object({
  sum: finite,
  sumSquares: finite.min(0).optional(),
  sumOfProducts: finite,
});

/**
 * Sufficient statistics of a conversion (0/1) metric in one arm: units `n` and `conversions`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { proportionStatisticSchema } from "@opsbook/experiments";
 *
 * proportionStatisticSchema.safeParse({ type: "proportion", n: 10, conversions: 11 }).success //=> false
 * ```
 */
export const proportionStatisticSchema = z
  .object({
    type: z.literal("proportion"),
    n: count,
    conversions: count,
    covariate: covariateSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.conversions > s.n)
      ctx.addIssue({
        code: "custom",
        path: ["conversions"],
        input: s.conversions,
        message: `expected conversions ≤ n (${s.n})`,
        params: { code: "out_of_range", expected: `integer ≤ ${s.n}` },
      });
  });

/**
 * Sufficient statistics of a numeric metric in one arm: units `n`, `sum` and `sumSquares` of the
 * per-unit values.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { meanStatisticSchema } from "@opsbook/experiments";
 *
 * meanStatisticSchema.parse({ type: "mean", n: 3, sum: 6, sumSquares: 14 }).sum //=> 6
 * ```
 */
export const meanStatisticSchema = z.object({
  type: z.literal("mean"),
  n: count,
  sum: finite,
  sumSquares: finite.min(0),
  covariate: covariateSchema.optional(),
});

const sumsSchema = z.object({ sum: finite, sumSquares: finite.min(0) });

/**
 * Sufficient statistics of a ratio metric (revenue per order, clicks per session) in one arm:
 * units `n`, sums and sums of squares of the per-unit numerator and denominator, and the sum of
 * their products. The variance comes from the delta method.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { ratioStatisticSchema } from "@opsbook/experiments";
 *
 * ratioStatisticSchema.safeParse({
 *   type: "ratio", n: 2,
 *   numerator: { sum: 3, sumSquares: 5 }, denominator: { sum: 2, sumSquares: 2 }, sumOfProducts: 3,
 * }).success //=> true
 * ```
 */
export const ratioStatisticSchema = z.object({
  type: z.literal("ratio"),
  n: count,
  numerator: sumsSchema,
  denominator: sumsSchema,
  sumOfProducts: finite,
});

/**
 * Any arm statistic: proportion, mean or ratio, told apart by `type`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { statisticSchema } from "@opsbook/experiments";
 *
 * statisticSchema.safeParse({ type: "proportion", n: -1, conversions: 0 }).success //=> false
 * ```
 */
export const statisticSchema = z.discriminatedUnion("type", [
  proportionStatisticSchema,
  meanStatisticSchema,
  ratioStatisticSchema,
]);

/** @category Types @since 0.1.0 */
export type Covariate = z.infer<typeof covariateSchema>;
/** @category Types @since 0.1.0 */
export type ProportionStatistic = z.infer<typeof proportionStatisticSchema>;
/** @category Types @since 0.1.0 */
export type MeanStatistic = z.infer<typeof meanStatisticSchema>;
/** @category Types @since 0.1.0 */
export type RatioStatistic = z.infer<typeof ratioStatisticSchema>;
/** @category Types @since 0.1.0 */
export type Statistic = z.infer<typeof statisticSchema>;

const alpha = z.number().gt(0).lt(1).default(0.05);
const difference = z.enum(["relative", "absolute"]).default("relative");

/**
 * Options of {@link frequentistTest}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { frequentistOptionsSchema } from "@opsbook/experiments";
 *
 * frequentistOptionsSchema.parse({})
 * //=> { difference: "relative", alternative: "two-sided", alpha: 0.05, cuped: true }
 * ```
 */
export const frequentistOptionsSchema = z.object({
  difference,
  alternative: z.enum(["two-sided", "greater", "less"]).default("two-sided"),
  alpha,
  cuped: z.boolean().default(true),
});

/**
 * Options of {@link bayesianTest}. The prior is on the relative lift (GrowthBook's default) and is
 * rescaled by the control mean when `difference` is `"absolute"`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { bayesianOptionsSchema } from "@opsbook/experiments";
 *
 * bayesianOptionsSchema.parse({}).prior //=> { mean: 0, variance: 1, proper: false }
 * ```
 */
export const bayesianOptionsSchema = z.object({
  difference,
  alpha,
  prior: z
    .object({
      mean: finite.default(0),
      variance: z.number().positive().default(1),
      proper: z.boolean().default(false),
    })
    .default({ mean: 0, variance: 1, proper: false }),
  inverse: z.boolean().default(false),
  cuped: z.boolean().default(true),
});

/**
 * Options of {@link sequentialTest}. `tuning` is N*, the total sample size (both arms) at which
 * the confidence sequence is tightest; GrowthBook's default is 5000.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { sequentialOptionsSchema } from "@opsbook/experiments";
 *
 * sequentialOptionsSchema.parse({ tuning: 1000 }).tuning //=> 1000
 * ```
 */
export const sequentialOptionsSchema = z.object({
  difference,
  alpha,
  tuning: z.number().positive().default(5000),
  cuped: z.boolean().default(true),
});

/** @category Types @since 0.1.0 */
export type FrequentistOptions = z.input<typeof frequentistOptionsSchema>;
/** @category Types @since 0.1.0 */
export type BayesianOptions = z.input<typeof bayesianOptionsSchema>;
/** @category Types @since 0.1.0 */
export type SequentialOptions = z.input<typeof sequentialOptionsSchema>;

/**
 * An experiment plan, written before launch: hypothesis, primary metric, guardrails, minimum
 * detectable effect, traffic split, duration and the decision rule that {@link decide} applies.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { experimentPlanSchema } from "@opsbook/experiments";
 *
 * const plan = experimentPlanSchema.parse({
 *   name: "Shorter signup form",
 *   hypothesis: "Removing the phone field raises signup completion.",
 *   primaryMetric: { name: "signup_completed" },
 *   minimumDetectableEffect: 0.05,
 *   split: [1, 1],
 *   duration: { minDays: 7, maxDays: 28 },
 *   decisionRule: { engine: "frequentist" },
 * });
 * plan.decisionRule.alpha //=> 0.05
 * plan.guardrails //=> []
 * ```
 */
export const experimentPlanSchema = z
  .object({
    name: z.string().min(1),
    hypothesis: z.string().min(1),
    primaryMetric: z.object({
      name: z.string().min(1),
      direction: z.enum(["increase", "decrease"]).default("increase"),
    }),
    guardrails: z
      .array(
        z.object({
          name: z.string().min(1),
          direction: z.enum(["increase", "decrease"]).default("increase"),
          tolerance: z.number().min(0).default(0),
        }),
      )
      .default([]),
    minimumDetectableEffect: z.number().positive(),
    split: z.array(z.number().min(0)).min(2),
    duration: z.object({
      minDays: z.number().int().min(1),
      maxDays: z.number().int().min(1),
    }),
    decisionRule: z.object({
      engine: z.enum(["frequentist", "bayesian", "sequential"]),
      alpha: z.number().gt(0).lt(1).default(0.05),
      chanceToWin: z.number().gt(0.5).lt(1).default(0.95),
      maxRisk: z.number().min(0).optional(),
      srmThreshold: z.number().gt(0).lt(1).default(0.001),
    }),
  })
  .superRefine((plan, ctx) => {
    if (plan.duration.maxDays < plan.duration.minDays)
      ctx.addIssue({
        code: "custom",
        path: ["duration", "maxDays"],
        input: plan.duration.maxDays,
        message: `expected maxDays ≥ minDays (${plan.duration.minDays})`,
        params: { code: "out_of_range", expected: `integer ≥ ${plan.duration.minDays}` },
      });
    if (!plan.split.some((w) => w > 0))
      ctx.addIssue({
        code: "custom",
        path: ["split"],
        input: plan.split,
        message: "expected at least one positive weight",
        params: { code: "out_of_range", expected: "at least one positive weight" },
      });
  });

/** @category Types @since 0.1.0 */
export type ExperimentPlan = z.output<typeof experimentPlanSchema>;
/** @category Types @since 0.1.0 */
export type ExperimentPlanInput = z.input<typeof experimentPlanSchema>;
