import { timeZoneSchema } from "@opsbook/core";
import { z } from "zod";

const positive = z.number().positive().finite();

/**
 * Parameters of the Bass diffusion model: `p` coefficient of innovation, `q` coefficient of
 * imitation (both per period) and `m` market potential (number of eventual adopters).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassParametersSchema } from "@opsbook/lifecycle";
 *
 * bassParametersSchema.safeParse({ p: 0.03, q: 0.38, m: 1000 }).success //=> true
 * bassParametersSchema.safeParse({ p: 0, q: 0.38, m: 1000 }).success //=> false
 * ```
 */
export const bassParametersSchema = z.object({
  p: positive,
  q: positive,
  m: positive,
});

/**
 * Parameters of the Bass diffusion model, see {@link bassParametersSchema}.
 *
 * @category Product stage
 * @since 0.1.0
 */
export type BassParameters = z.infer<typeof bassParametersSchema>;

/**
 * Options of `fitBass`: whether the series holds adoptions per period (default) or cumulative
 * adoptions, and which form of the model to fit.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { fitBassOptionsSchema } from "@opsbook/lifecycle";
 *
 * fitBassOptionsSchema.parse({}) //=> { kind: "adoptions", form: "continuous" }
 * ```
 */
export const fitBassOptionsSchema = z.object({
  kind: z.enum(["adoptions", "cumulative"]).default("adoptions"),
  form: z.enum(["continuous", "discrete"]).default("continuous"),
});

/**
 * Options of `fitBass`, see {@link fitBassOptionsSchema}.
 *
 * @category Product stage
 * @since 0.1.0
 */
export type FitBassOptions = z.input<typeof fitBassOptionsSchema>;

/**
 * A time series of non-negative finite numbers, one value per period in time order.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { seriesSchema } from "@opsbook/lifecycle";
 *
 * seriesSchema.safeParse([1, 2, 3]).success //=> true
 * seriesSchema.safeParse([1, -2]).success //=> false
 * ```
 */
export const seriesSchema = z.array(z.number().finite().nonnegative());

/**
 * Options of `classifyProductStage`, with their defaults.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { classifyProductStageOptionsSchema } from "@opsbook/lifecycle";
 *
 * classifyProductStageOptionsSchema.parse({})
 * //=> { smoothingWindow: 3, growthThreshold: 0.02, accelerationThreshold: 0.005, minDuration: 3, bass: true, minBassRSquared: 0.8 }
 * ```
 */
export const classifyProductStageOptionsSchema = z.object({
  /** Periods in the trailing moving average that smooths the series. */
  smoothingWindow: z.number().int().min(1).max(52).default(3),
  /** Relative change per period of the smoothed series below which it counts as flat. */
  growthThreshold: z.number().nonnegative().max(1).default(0.02),
  /** Relative second difference below which the curve counts as neither speeding up nor slowing. */
  accelerationThreshold: z.number().nonnegative().max(1).default(0.005),
  /** Periods a new stage must last before the classification switches to it. */
  minDuration: z.number().int().min(1).max(52).default(3),
  /** Whether to fit a Bass model and report its position as evidence. */
  bass: z.boolean().default(true),
  /** Smallest R² for the Bass position to count. */
  minBassRSquared: z.number().min(0).max(1).default(0.8),
});

/**
 * Options of `classifyProductStage`, see {@link classifyProductStageOptionsSchema}.
 *
 * @category Product stage
 * @since 0.1.0
 */
export type ClassifyProductStageOptions = z.input<typeof classifyProductStageOptionsSchema>;

/**
 * Parameters of the shifted-beta-geometric (sBG) retention model: churn probabilities are
 * Beta(`alpha`, `beta`) distributed across customers.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { sbgParametersSchema } from "@opsbook/lifecycle";
 *
 * sbgParametersSchema.safeParse({ alpha: 0.668, beta: 3.806 }).success //=> true
 * ```
 */
export const sbgParametersSchema = z.object({ alpha: positive, beta: positive });

/**
 * Parameters of the sBG model, see {@link sbgParametersSchema}.
 *
 * @category Retention (sBG)
 * @since 0.1.0
 */
export type SbgParameters = z.infer<typeof sbgParametersSchema>;

/**
 * Survivors of one cohort at the start (index 0, the cohort size) and the end of each period.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { cohortSurvivorsSchema } from "@opsbook/lifecycle";
 *
 * cohortSurvivorsSchema.safeParse([1000, 631, 468]).success //=> true
 * cohortSurvivorsSchema.safeParse([1000]).success //=> false
 * ```
 */
export const cohortSurvivorsSchema = z
  .array(z.number().finite().nonnegative())
  .min(2, { error: "expected at least 2 counts (the cohort size and one period)" });

/**
 * One customer's purchase summary for the BG/NBD, Pareto/NBD and Gamma-Gamma models, in the time
 * unit of the analysis (weeks in the papers): `frequency` x repeat purchase days, `recency` t_x
 * time from the first to the last purchase, `T` time from the first purchase to the end of
 * observation, and optionally `monetaryValue`, the mean value of the repeat purchases.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { customerSummarySchema } from "@opsbook/lifecycle";
 *
 * customerSummarySchema.safeParse({ frequency: 2, recency: 30.43, T: 38.86 }).success //=> true
 * customerSummarySchema.safeParse({ frequency: 0, recency: 3, T: 38.86 }).success //=> false
 * ```
 */
export const customerSummarySchema = z
  .object({
    frequency: z.number().int().nonnegative(),
    recency: z.number().finite().nonnegative(),
    T: positive,
    monetaryValue: z.number().finite().nonnegative().optional(),
  })
  .check((ctx) => {
    const { frequency, recency, T } = ctx.value;
    if (recency > T)
      ctx.issues.push({
        code: "custom",
        input: recency,
        path: ["recency"],
        message: `expected recency ≤ T (${T}): a purchase after the end of observation, received ${recency}`,
      });
    if (frequency === 0 && recency !== 0)
      ctx.issues.push({
        code: "custom",
        input: recency,
        path: ["recency"],
        message: `expected recency 0 for a customer without repeat purchases, received ${recency}`,
      });
  });

/**
 * A customer's purchase summary, see {@link customerSummarySchema}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rates Gamma(`r`, `alpha`), dropout
 * probabilities Beta(`a`, `b`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { bgNbdParametersSchema } from "@opsbook/lifecycle";
 *
 * bgNbdParametersSchema.parse({ model: "bg-nbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).r //=> 0.243
 * ```
 */
export const bgNbdParametersSchema = z.object({
  model: z.literal("bg-nbd"),
  r: positive,
  alpha: positive,
  a: positive,
  b: positive,
});

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): purchase rates Gamma(`r`,
 * `alpha`), dropout rates Gamma(`s`, `beta`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { paretoNbdParametersSchema } from "@opsbook/lifecycle";
 *
 * paretoNbdParametersSchema.safeParse({ model: "pareto-nbd", r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }).success
 * //=> true
 * ```
 */
export const paretoNbdParametersSchema = z.object({
  model: z.literal("pareto-nbd"),
  r: positive,
  alpha: positive,
  s: positive,
  beta: positive,
});

/**
 * Parameters of a purchase model: BG/NBD or Pareto/NBD, told apart by `model`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { purchaseModelSchema } from "@opsbook/lifecycle";
 *
 * purchaseModelSchema.safeParse({ model: "bg-nbd", r: 1, alpha: 1, a: 1, b: 1 }).success //=> true
 * purchaseModelSchema.safeParse({ model: "nbd", r: 1, alpha: 1 }).success //=> false
 * ```
 */
export const purchaseModelSchema = z.discriminatedUnion("model", [
  bgNbdParametersSchema,
  paretoNbdParametersSchema,
]);

/**
 * BG/NBD parameters, see {@link bgNbdParametersSchema}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type BgNbdParameters = z.infer<typeof bgNbdParametersSchema>;

/**
 * Pareto/NBD parameters, see {@link paretoNbdParametersSchema}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type ParetoNbdParameters = z.infer<typeof paretoNbdParametersSchema>;

/**
 * Parameters of a purchase model, see {@link purchaseModelSchema}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type PurchaseModel = BgNbdParameters | ParetoNbdParameters;

/**
 * Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005b; Fader & Hardie 2013): transaction
 * values Gamma(`p`, ν) with ν ~ Gamma(`q`, `gamma`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { gammaGammaParametersSchema } from "@opsbook/lifecycle";
 *
 * gammaGammaParametersSchema.safeParse({ p: 6.25, q: 3.74, gamma: 15.44 }).success //=> true
 * ```
 */
export const gammaGammaParametersSchema = z.object({ p: positive, q: positive, gamma: positive });

/**
 * Gamma-Gamma parameters, see {@link gammaGammaParametersSchema}.
 *
 * @category Customer base
 * @since 0.1.0
 */
export type GammaGammaParameters = z.infer<typeof gammaGammaParametersSchema>;

const days = (fallback: number) => z.number().positive().finite().default(fallback);

/**
 * Rules that put every user in a lifecycle stage at a date (all windows in days, counted in
 * calendar days of `timeZone`). Defaults follow common product-analytics practice (Amplitude's
 * and Mixpanel's new / resurrected / dormant definitions, with a 7-day activation window) and
 * are meant to be tuned per product.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { userStageRulesSchema } from "@opsbook/lifecycle";
 *
 * const rules = userStageRulesSchema.parse({ activation: { events: ["project_created"] } });
 * [rules.dormantDays, rules.churnedDays, rules.activation?.withinDays] //=> [14, 30, 7]
 * ```
 */
export const userStageRulesSchema = z.object({
  /** Events that count as activity (default: every event). */
  activityEvents: z.array(z.string().min(1)).optional(),
  /** Activation: `minCount` of `events` within `withinDays` of the first event (default: the first event activates). */
  activation: z
    .object({
      events: z.array(z.string().min(1)).min(1),
      minCount: z.number().int().min(1).default(1),
      withinDays: days(7),
    })
    .optional(),
  /** Days after the first event during which a user who has not activated yet is `new`. */
  newDays: days(7),
  /** Engaged: at least `minActiveDays` active days in the last `windowDays` days. */
  engaged: z
    .object({ minActiveDays: z.number().int().min(1).default(3), windowDays: days(14) })
    .default({ minActiveDays: 3, windowDays: 14 }),
  /**
   * At risk, own-baseline rule: the active-day rate of the last `recentDays` fell by at least
   * `drop` (a share) below the rate of the `baselineDays` before them.
   */
  atRisk: z
    .object({
      recentDays: days(7),
      baselineDays: days(28),
      drop: z.number().gt(0).max(1).default(0.5),
      /**
       * Gap rule: at risk when the time since the last activity exceeds this percentile of the
       * user's own gaps between active days (needs `minGaps` gaps).
       */
      gapPercentile: z.number().gt(0).lt(1).default(0.9),
      minGaps: z.number().int().min(1).default(4),
    })
    .default({ recentDays: 7, baselineDays: 28, drop: 0.5, gapPercentile: 0.9, minGaps: 4 }),
  /** Dormant after this many days without activity. */
  dormantDays: days(14),
  /** Churned after this many days without activity (≥ `dormantDays`). */
  churnedDays: days(30),
  /** Resurrected: back within this many days after a gap of at least `dormantDays`. */
  resurrectedDays: days(7),
  /** IANA time zone of the calendar days. */
  timeZone: timeZoneSchema.default("UTC"),
});

/**
 * User stage rules, see {@link userStageRulesSchema}.
 *
 * @category User stages
 * @since 0.1.0
 */
export type UserStageRules = z.input<typeof userStageRulesSchema>;

/**
 * A `lifecycle-thresholds` config, as shipped beside the lifecycle plays (`kind:
 * lifecycle-thresholds`, without the `kind` field): the options of `classifyProductStage` under
 * `productStage` and the rules of `classifyUserStages` under `userStages`, both optional and
 * both with their defaults. Unknown fields are errors at every level, so a misspelt threshold is
 * caught rather than silently replaced by its default; `userStages.churnedDays` must be at least
 * `userStages.dormantDays`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { lifecycleThresholdsSchema } from "@opsbook/lifecycle";
 *
 * const config = lifecycleThresholdsSchema.parse({
 *   productStage: { minDuration: 4 },
 *   userStages: { dormantDays: 21, churnedDays: 60 },
 * });
 * [config.productStage?.minDuration, config.userStages?.dormantDays, config.userStages?.newDays] //=> [4, 21, 7]
 * lifecycleThresholdsSchema.safeParse({ userStages: { dormantDay: 21 } }).success //=> false
 * lifecycleThresholdsSchema.safeParse({ userStages: { dormantDays: 30, churnedDays: 14 } }).success //=> false
 * ```
 */
export const lifecycleThresholdsSchema = z.strictObject({
  productStage: classifyProductStageOptionsSchema.strict().optional(),
  userStages: userStageRulesSchema
    .extend({
      activation: userStageRulesSchema.shape.activation.unwrap().strict().optional(),
      engaged: userStageRulesSchema.shape.engaged.unwrap().strict().default({
        minActiveDays: 3,
        windowDays: 14,
      }),
      atRisk: userStageRulesSchema.shape.atRisk.unwrap().strict().default({
        recentDays: 7,
        baselineDays: 28,
        drop: 0.5,
        gapPercentile: 0.9,
        minGaps: 4,
      }),
    })
    .strict()
    .check((ctx) => {
      const { dormantDays, churnedDays } = ctx.value;
      if (churnedDays < dormantDays)
        ctx.issues.push({
          code: "custom",
          input: churnedDays,
          path: ["churnedDays"],
          message: `expected churnedDays ≥ dormantDays (${dormantDays}), received ${churnedDays}`,
        });
    })
    .optional(),
});

/**
 * A `lifecycle-thresholds` config, see {@link lifecycleThresholdsSchema}.
 *
 * @category Schemas
 * @since 0.1.0
 */
export type LifecycleThresholds = z.input<typeof lifecycleThresholdsSchema>;
