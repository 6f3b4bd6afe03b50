import { calendarOptionsSchema, durationToMs } from "@opsbook/core";
import { z } from "zod";

// Zod schemas of the public inputs of `@opsbook/metrics`; the input types come from `z.input`.

const filterValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Property filters: each key must equal the value, or one of the values of an array.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { propertyFilterSchema } from "@opsbook/metrics";
 *
 * propertyFilterSchema.parse({ plan: ["pro", "team"] }) //=> { plan: ["pro", "team"] }
 * ```
 */
export const propertyFilterSchema = z.record(
  z.string().min(1),
  z.union([filterValue, z.array(filterValue)]),
);

/**
 * An event name with optional property filters (`where`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { eventMatcherSchema } from "@opsbook/metrics";
 *
 * eventMatcherSchema.parse({ event: "purchase", where: { plan: "pro" } })
 * //=> { event: "purchase", where: { plan: "pro" } }
 * ```
 */
export const eventMatcherSchema = z.strictObject({
  event: z.string().min(1),
  where: propertyFilterSchema.optional(),
});

/**
 * A positive duration: milliseconds, or an ISO-8601 duration of fixed length (`"P7D"`, `"PT1H"`;
 * a day is 24 hours). Parses to milliseconds.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { durationSchema } from "@opsbook/metrics";
 *
 * durationSchema.parse("P7D") //=> 604800000
 * durationSchema.safeParse(0).success //=> false
 * ```
 */
export const durationSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  let ms: number;
  try {
    ms = durationToMs(value);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: `expected positive milliseconds or ISO-8601 duration of fixed length, received ${JSON.stringify(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  if (!(ms > 0)) {
    ctx.addIssue({
      code: "custom",
      message: `expected positive duration, received ${JSON.stringify(value)}`,
      input: value,
      params: { code: "out_of_range" },
    });
    return z.NEVER;
  }
  return ms;
});

const stepSchema = z.strictObject({
  event: z.string().min(1),
  where: propertyFilterSchema.optional(),
  /** Longest time from the previous step to this one (in addition to the conversion window). */
  within: durationSchema.optional(),
});

const exclusionSchema = z.strictObject({
  event: z.string().min(1),
  where: propertyFilterSchema.optional(),
  /** Index of the step after which the exclusion applies (default 0, the first step). */
  from: z.int().min(0).optional(),
  /** Index of the step before which it applies (default the last step). */
  to: z.int().min(1).optional(),
});

const timestampLike = z.union([z.number(), z.string(), z.date()]);

// The calendar options every period-based analysis takes, exactly as core defines them.
const calendarShape = calendarOptionsSchema.shape;

/**
 * The definition of {@link funnel}: steps and every option, with defaults filled in.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { funnelDefinitionSchema } from "@opsbook/metrics";
 *
 * const d = funnelDefinitionSchema.parse({ steps: [{ event: "signup" }, { event: "buy" }] });
 * [d.conversionWindow, d.order, d.windowAnchor, d.entry, d.exclusionMode]
 * //=> [1209600000, "ordered", "first-step", "any", "remove-user"]
 * ```
 */
export const funnelDefinitionSchema = z.strictObject({
  steps: z.array(stepSchema).min(1).max(31),
  conversionWindow: durationSchema.default(14 * 86_400_000),
  order: z.enum(["ordered", "strict", "unordered"]).default("ordered"),
  windowAnchor: z.enum(["first-step", "previous-step"]).default("first-step"),
  entry: z.enum(["any", "first"]).default("any"),
  oneStepPerEvent: z.boolean().default(true),
  exclusions: z.array(exclusionSchema).default([]),
  exclusionMode: z.enum(["remove-user", "drop-at-step"]).default("remove-user"),
  breakdown: z
    .strictObject({
      property: z.string().min(1),
      attribution: z
        .union([
          z.literal("first-touch"),
          z.literal("last-touch"),
          z.strictObject({ step: z.int().min(0) }),
        ])
        .default("first-touch"),
    })
    .optional(),
  histogramBins: z.int().min(1).max(1000).default(10),
  perUser: z.boolean().default(false),
  trend: z
    .strictObject({ unit: z.enum(["day", "week", "month", "quarter", "year"]), ...calendarShape })
    .optional(),
});

/**
 * Options of {@link windowFunnel}, ClickHouse's `windowFunnel(window, modes…)(timestamp, cond…)`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { windowFunnelOptionsSchema } from "@opsbook/metrics";
 *
 * windowFunnelOptionsSchema.parse({ window: 10, conditions: [{ event: "a" }] }).modes //=> []
 * ```
 */
export const windowFunnelOptionsSchema = z.strictObject({
  window: z.number().min(0),
  conditions: z
    .array(
      z.union([
        eventMatcherSchema,
        z.custom<(event: import("@opsbook/core").OpsEvent) => boolean>(
          (value) => typeof value === "function",
          { message: "expected event matcher or predicate function" },
        ),
      ]),
    )
    .min(1)
    .max(32),
  modes: z
    .array(z.enum(["strict_deduplication", "strict_order", "strict_increase", "strict_once"]))
    .default([]),
});

const matcherList = z.union([eventMatcherSchema, z.array(eventMatcherSchema).min(1)]);

const periodRange = {
  from: timestampLike.optional(),
  to: timestampLike.optional(),
};

/**
 * Options of {@link retention}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { retentionOptionsSchema } from "@opsbook/metrics";
 *
 * const o = retentionOptionsSchema.parse({});
 * [o.unit, o.cohort, o.returnRule, o.clock, o.reference] //=> ["day", "recurring", "on", "calendar", "cohort"]
 * ```
 */
export const retentionOptionsSchema = z.strictObject({
  startEvent: matcherList.optional(),
  returnEvent: matcherList.optional(),
  unit: z.enum(["day", "week", "month"]).default("day"),
  ...calendarShape,
  ...periodRange,
  periods: z.int().min(1).max(10_000).optional(),
  cohort: z.enum(["recurring", "first-time"]).default("recurring"),
  returnRule: z.enum(["on", "on-or-after"]).default("on"),
  clock: z.enum(["calendar", "rolling"]).default("calendar"),
  brackets: z
    .array(z.tuple([z.int().min(0), z.int().min(0)]))
    .min(1)
    .optional(),
  reference: z.enum(["cohort", "previous"]).default("cohort"),
  asOf: timestampLike.optional(),
});

/**
 * Options of {@link lifecycle}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { lifecycleOptionsSchema } from "@opsbook/metrics";
 *
 * lifecycleOptionsSchema.parse({}).newUserRule //=> "first-activity"
 * ```
 */
export const lifecycleOptionsSchema = z.strictObject({
  event: matcherList.optional(),
  unit: z.enum(["day", "week", "month"]).default("day"),
  ...calendarShape,
  ...periodRange,
  newUserRule: z.enum(["first-activity", "creation"]).default("first-activity"),
  users: z
    .array(z.strictObject({ userId: z.string().min(1), createdAt: timestampLike }))
    .optional(),
});

/**
 * Options of {@link stickiness}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { stickinessOptionsSchema } from "@opsbook/metrics";
 *
 * stickinessOptionsSchema.parse({}).unit //=> "day"
 * ```
 */
export const stickinessOptionsSchema = z.strictObject({
  event: matcherList.optional(),
  unit: z.enum(["day", "week", "month"]).default("day"),
  ...calendarShape,
  ...periodRange,
});

/**
 * Options of {@link growthAccounting} and {@link revenueAccounting}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { growthAccountingOptionsSchema } from "@opsbook/metrics";
 *
 * growthAccountingOptionsSchema.parse({}).unit //=> "month"
 * ```
 */
export const growthAccountingOptionsSchema = z.strictObject({
  event: matcherList.optional(),
  unit: z.enum(["day", "week", "month", "quarter", "year"]).default("month"),
  ...calendarShape,
  ...periodRange,
});

/**
 * One row of revenue for {@link revenueAccounting}: what a user is billed (integer minor units) at
 * a time; rows of the same user and period add up.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { revenueRowSchema } from "@opsbook/metrics";
 *
 * revenueRowSchema.safeParse({ userId: "u", timestamp: 0, amount: 9.5 }).success //=> false
 * ```
 */
export const revenueRowSchema = z.strictObject({
  userId: z.string().min(1),
  timestamp: timestampLike,
  amount: z.int().min(0),
});

/**
 * Options of {@link activationThreshold}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { activationThresholdOptionsSchema } from "@opsbook/metrics";
 *
 * const o = activationThresholdOptionsSchema.parse({ actions: ["core_action"] });
 * [o.windowsDays, o.thresholds, o.retentionDays, o.minSupport] //=> [[1, 3, 7], [1, 2, 3, 5, 10], [28, 35], 30]
 * ```
 */
export const activationThresholdOptionsSchema = z.strictObject({
  actions: z.array(z.string().min(1)).min(1),
  windowsDays: z.array(z.int().min(1)).min(1).default([1, 3, 7]),
  thresholds: z.array(z.int().min(1)).min(1).default([1, 2, 3, 5, 10]),
  signupEvent: z.string().min(1).optional(),
  retentionEvent: matcherList.optional(),
  retentionDays: z
    .tuple([z.int().min(1), z.int().min(1)])
    .refine(([a, b]) => a <= b, { message: "expected [from, to] with from ≤ to" })
    .default([28, 35]),
  minSupport: z.int().min(1).default(30),
  asOf: timestampLike.optional(),
});

const moneySchema = z.strictObject({ amount: z.int(), currency: z.string().length(3) });

/**
 * Input of {@link channelReport}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { channelReportInputSchema } from "@opsbook/metrics";
 *
 * channelReportInputSchema.safeParse({ users: [], events: [], activationEvent: "" }).success //=> false
 * ```
 */
export const channelReportInputSchema = z.strictObject({
  users: z.array(
    z.looseObject({
      userId: z.string().min(1),
      channel: z.string().min(1),
      createdAt: timestampLike,
    }),
  ),
  events: z.any(),
  activationEvent: z.string().min(1),
  activationDays: z.int().min(1).default(7),
  spend: z.record(z.string(), moneySchema).default({}),
  ...calendarShape,
  asOf: timestampLike.optional(),
});

/**
 * Definition of {@link funnel} as written by callers (defaults optional).
 *
 * @category Funnels
 * @since 0.1.0
 */
export type FunnelDefinition = z.input<typeof funnelDefinitionSchema>;
/**
 * Options of {@link windowFunnel} as written by callers.
 *
 * @category Funnels
 * @since 0.1.0
 */
export type WindowFunnelOptions = z.input<typeof windowFunnelOptionsSchema>;
/**
 * Options of {@link retention} as written by callers.
 *
 * @category Retention
 * @since 0.1.0
 */
export type RetentionOptions = z.input<typeof retentionOptionsSchema>;
/**
 * Options of {@link lifecycle} as written by callers.
 *
 * @category Lifecycle
 * @since 0.1.0
 */
export type LifecycleOptions = z.input<typeof lifecycleOptionsSchema>;
/**
 * Options of {@link stickiness} as written by callers.
 *
 * @category Stickiness
 * @since 0.1.0
 */
export type StickinessOptions = z.input<typeof stickinessOptionsSchema>;
/**
 * Options of {@link growthAccounting} and {@link revenueAccounting} as written by callers.
 *
 * @category Growth accounting
 * @since 0.1.0
 */
export type GrowthAccountingOptions = z.input<typeof growthAccountingOptionsSchema>;
/**
 * One revenue row of {@link revenueAccounting}.
 *
 * @category Growth accounting
 * @since 0.1.0
 */
export type RevenueRow = z.input<typeof revenueRowSchema>;
/**
 * Options of {@link activationThreshold} as written by callers.
 *
 * @category Activation
 * @since 0.1.0
 */
export type ActivationThresholdOptions = z.input<typeof activationThresholdOptionsSchema>;
/**
 * Input of {@link channelReport} as written by callers.
 *
 * @category Channels
 * @since 0.1.0
 */
export type ChannelReportInput = z.input<typeof channelReportInputSchema>;
