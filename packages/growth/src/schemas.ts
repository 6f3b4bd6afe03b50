import { parseDuration, roundingModeSchema, timestampSchema, timeZoneSchema } from "@opsbook/core";
import { z } from "zod";

const isoDuration = z.string().refine(
  (value) => {
    try {
      const d = parseDuration(value);
      return Object.values(d).every((part) => part >= 0) && Object.values(d).some((p) => p > 0);
    } catch {
      return false;
    }
  },
  {
    message: "expected a positive ISO-8601 duration such as P90D or P1Y",
    params: { expected: "ISO-8601 duration" },
  },
);

const positiveInt = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const nonNegativeInt = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * When points expire. `none`: never. `rolling`: a calendar duration after the points become
 * active (`P90D`, `P12M`), optionally rounded up to the end of that day, month, quarter or year
 * (Talon.One's `_U` suffix; Square's `P12M` with `roundTo: "month"`: points earned on 6 July 2020
 * expire on 1 August 2021). `fixed-date`: at the end of a day of the year (31 December), on
 * or after the points become active, plus `yearsAfter` years. `inactivity`: the whole balance
 * expires when the member has neither earned nor spent for `duration` (Smile.io).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { expiryPolicySchema } from "@opsbook/growth";
 *
 * expiryPolicySchema.parse({ type: "rolling", duration: "P12M", roundTo: "month" }).roundTo //=> "month"
 * expiryPolicySchema.safeParse({ type: "rolling", days: 90 }).success //=> false
 * ```
 */
export const expiryPolicySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({
    type: z.literal("rolling"),
    duration: isoDuration,
    roundTo: z.enum(["day", "month", "quarter", "year"]).optional(),
  }),
  z.strictObject({
    type: z.literal("fixed-date"),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    yearsAfter: nonNegativeInt.default(0),
  }),
  z.strictObject({ type: z.literal("inactivity"), duration: isoDuration }),
]);

/**
 * Policies of a points ledger: time zone of its calendar, `burnOrder` (which lots a burn takes
 * first), `expiry`, `pendingFor` (points activate after this delay), `returnPolicy` (what a
 * reversal may take back) and `allowNegative` (whether a burn may overdraw the balance).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { ledgerPolicySchema } from "@opsbook/growth";
 *
 * ledgerPolicySchema.parse({})
 * //=> { timeZone: "UTC", burnOrder: "earliest-expiry", expiry: { type: "none" }, returnPolicy: "within-balance", allowNegative: false }
 * ```
 */
export const ledgerPolicySchema = z.strictObject({
  timeZone: timeZoneSchema.default("UTC"),
  burnOrder: z
    .enum(["earliest-expiry", "earliest-earned", "latest-earned"])
    .default("earliest-expiry"),
  expiry: expiryPolicySchema.default({ type: "none" }),
  pendingFor: isoDuration.optional(),
  returnPolicy: z.enum(["only-pending", "within-balance", "unlimited"]).default("within-balance"),
  allowNegative: z.boolean().default(false),
});

/**
 * A structured condition on an event's properties: a comparison of one property (`exists`,
 * `missing`, `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `in`, `notIn`, `contains`), or `all`, `any`
 * and `not` of other conditions.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export type Condition =
  | { property: string; op: "exists" | "missing" }
  | {
      property: string;
      op: "eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "in" | "notIn" | "contains";
      value: unknown;
    }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * A structured condition on event properties — no expressions, no `eval`. A leaf compares the
 * property at a dotted path (`order.total`) with `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `in`,
 * `notIn`, `contains`, `exists` or `missing`; `all`, `any` and `not` combine conditions.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { conditionSchema } from "@opsbook/growth";
 *
 * conditionSchema.safeParse({ all: [{ property: "total", op: "gte", value: 50 }] }).success //=> true
 * conditionSchema.safeParse({ property: "total", op: "matches", value: ".*" }).success //=> false
 * ```
 */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ property: z.string().min(1), op: z.enum(["exists", "missing"]) }),
    z.strictObject({
      property: z.string().min(1),
      op: z.enum(["eq", "neq", "gt", "gte", "lt", "lte", "contains"]),
      value: scalar,
    }),
    z.strictObject({
      property: z.string().min(1),
      op: z.enum(["in", "notIn"]),
      value: z.array(scalar),
    }),
    z.strictObject({ all: z.array(conditionSchema) }),
    z.strictObject({ any: z.array(conditionSchema) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const decimal = z.union([
  z.number().positive().finite(),
  z.string().regex(/^\d+(\.\d+)?$/, "expected a positive decimal string"),
]);

/**
 * What a rule awards: `fixed` points; `per-amount` — `points` for every `per` units of a numeric
 * property (Square's "1 point per $10": $105 earns 10), rounded with `rounding` (default `down`);
 * or `multiplier` — the property times `factor`, rounded.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { rewardSchema } from "@opsbook/growth";
 *
 * rewardSchema.parse({ type: "per-amount", property: "total", per: 10, points: 1 }).rounding //=> "down"
 * ```
 */
export const rewardSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("fixed"), points: positiveInt }),
  z.strictObject({
    type: z.literal("per-amount"),
    property: z.string().min(1),
    per: decimal,
    points: positiveInt.default(1),
    rounding: roundingModeSchema.default("down"),
  }),
  z.strictObject({
    type: z.literal("multiplier"),
    property: z.string().min(1),
    factor: decimal,
    rounding: roundingModeSchema.default("down"),
  }),
]);

/**
 * A declarative earning rule (JSON or YAML): the `event` names it matches, `conditions` on the
 * event's properties, the `reward`, targeting by member `tiers` or `segments`, validity
 * (`validFrom`/`validUntil` inclusive, `daysOfWeek` 1 = Monday … 7 = Sunday, in `timeZone`) and
 * a `cap` of points per rule per calendar period. Unknown fields are rejected.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { earningRuleSchema } from "@opsbook/growth";
 *
 * earningRuleSchema.parse({ id: "login", event: "login", reward: { type: "fixed", points: 5 } }).id //=> "login"
 * earningRuleSchema.safeParse({ id: "x", event: "login", reward: { type: "fixed", points: 5 }, bonus: 2 }).success //=> false
 * ```
 */
export const earningRuleSchema = z.strictObject({
  id: z.string().min(1),
  event: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  conditions: z.array(conditionSchema).optional(),
  reward: rewardSchema,
  tiers: z.array(z.string()).optional(),
  segments: z.array(z.string()).optional(),
  validFrom: timestampSchema.optional(),
  validUntil: timestampSchema.optional(),
  daysOfWeek: z.array(z.number().int().min(1).max(7)).optional(),
  cap: z
    .strictObject({
      period: z.enum(["day", "week", "month", "quarter", "year"]),
      points: positiveInt,
    })
    .optional(),
  timeZone: timeZoneSchema.optional(),
});

/**
 * An XP curve (Moodle Level Up's methods and two more). `table`: explicit cumulative thresholds,
 * level 1 at the first. `flat`: `base` XP per level. `linear`: `base`, then each level costs
 * `increment` more than the one before. `relative`: each threshold is `base` plus the previous
 * one times `coefficient`, rounded (Moodle's default: base 120, coefficient 1.3). `polynomial`:
 * threshold of level L is `round(coefficient × (L − 1)^exponent)`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { levelCurveSchema } from "@opsbook/growth";
 *
 * levelCurveSchema.parse({ type: "relative", levels: 10, base: 120, coefficient: 1.3 }).type //=> "relative"
 * ```
 */
export const levelCurveSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("table"), thresholds: z.array(nonNegativeInt).min(1) }),
  z.strictObject({ type: z.literal("flat"), levels: positiveInt, base: positiveInt }),
  z.strictObject({
    type: z.literal("linear"),
    levels: positiveInt,
    base: positiveInt,
    increment: nonNegativeInt,
  }),
  z.strictObject({
    type: z.literal("relative"),
    levels: positiveInt,
    base: positiveInt,
    coefficient: z.number().min(1).finite(),
  }),
  z.strictObject({
    type: z.literal("polynomial"),
    levels: positiveInt,
    coefficient: z.number().positive().finite(),
    exponent: z.number().positive().finite(),
  }),
]);

/**
 * Membership tiers: ordered `tiers` with their qualifying `threshold`, the `basis` (current
 * `balance`, `points-in-period`, `lifetime-points` or `lifetime-spend`), the `window` for
 * `points-in-period` (`calendar` year/quarter/month, `anniversary` of joining, or `rolling`
 * duration), the `downgrade` policy at a window's end (`one-step` or `recompute`), an optional
 * `gracePeriod` before a downgrade takes effect, and the `timeZone`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { tierConfigSchema } from "@opsbook/growth";
 *
 * tierConfigSchema.parse({ basis: "balance", tiers: [{ id: "basic", threshold: 0 }] }).downgrade //=> "recompute"
 * ```
 */
export const tierConfigSchema = z.strictObject({
  tiers: z
    .array(z.strictObject({ id: z.string().min(1), threshold: nonNegativeInt }))
    .min(1)
    .refine(
      (tiers) => tiers.every((t, i) => i === 0 || t.threshold > (tiers[i - 1]?.threshold ?? 0)),
      {
        message: "thresholds must increase strictly from the first tier to the last",
      },
    ),
  basis: z.enum(["balance", "points-in-period", "lifetime-points", "lifetime-spend"]),
  window: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("calendar"), unit: z.enum(["month", "quarter", "year"]) }),
      z.strictObject({ type: z.literal("anniversary"), duration: isoDuration }),
      z.strictObject({ type: z.literal("rolling"), duration: isoDuration }),
    ])
    .optional(),
  downgrade: z.enum(["one-step", "recompute"]).default("recompute"),
  gracePeriod: isoDuration.optional(),
  timeZone: timeZoneSchema.default("UTC"),
});

/**
 * A badge (achievement): earned when a member has `count` matching events (`criterion: "count"`),
 * a `sum` of a property reaching `count`, or a streak of `count` consecutive local days
 * (`criterion: "streak"`). `repeatable` badges are earned again every further `count`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { badgeSchema } from "@opsbook/growth";
 *
 * badgeSchema.parse({ id: "regular", event: "login", criterion: "streak", count: 7 }).repeatable //=> false
 * ```
 */
export const badgeSchema = z.strictObject({
  id: z.string().min(1),
  event: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  conditions: z.array(conditionSchema).optional(),
  criterion: z.enum(["count", "sum", "streak"]).default("count"),
  property: z.string().min(1).optional(),
  count: positiveInt,
  repeatable: z.boolean().default(false),
  timeZone: timeZoneSchema.default("UTC"),
});

/**
 * A quest or challenge: members reach `target` matching events (or a `sum` of `property`) between
 * `start` and `end`, both inclusive. The first `winners` members to complete it win, ranked by
 * completion time; `repeatable` quests count every further completion.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { questSchema } from "@opsbook/growth";
 *
 * questSchema.parse({ id: "q", event: "run", target: 3, start: "2026-12-01", end: "2026-12-31T23:59:59Z" }).start
 * //=> 1796083200000
 * ```
 */
export const questSchema = z.strictObject({
  id: z.string().min(1),
  event: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  conditions: z.array(conditionSchema).optional(),
  measure: z.enum(["count", "sum"]).default("count"),
  property: z.string().min(1).optional(),
  target: positiveInt,
  start: timestampSchema,
  end: timestampSchema,
  repeatable: z.boolean().default(false),
  winners: positiveInt.optional(),
});

/**
 * A leaderboard ranking method, named after the shorthand of four items where the second and
 * third tie: `standard` "1224", `modified` "1334", `dense` "1223", `ordinal` "1234",
 * `fractional` "1 2.5 2.5 4".
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { rankingMethodSchema } from "@opsbook/growth";
 *
 * rankingMethodSchema.options //=> ["standard", "modified", "dense", "ordinal", "fractional"]
 * ```
 */
export const rankingMethodSchema = z.enum([
  "standard",
  "modified",
  "dense",
  "ordinal",
  "fractional",
]);

/**
 * A points programme as one YAML-shaped document: its `timeZone`, ledger `policy`, earning
 * `rules`, XP `levels`, membership `tiers`, `badges` and `quests`. Rule ids must be unique.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { programmeConfigSchema } from "@opsbook/growth";
 *
 * const config = programmeConfigSchema.parse({
 *   name: "Stars",
 *   rules: [{ id: "order", event: "purchase", reward: { type: "per-amount", property: "total", per: 1 } }],
 * });
 * config.policy.burnOrder //=> "earliest-expiry"
 * ```
 */
export const programmeConfigSchema = z
  .strictObject({
    name: z.string().min(1),
    timeZone: timeZoneSchema.default("UTC"),
    policy: ledgerPolicySchema.default({
      timeZone: "UTC",
      burnOrder: "earliest-expiry",
      expiry: { type: "none" },
      returnPolicy: "within-balance",
      allowNegative: false,
    }),
    rules: z.array(earningRuleSchema).default([]),
    levels: levelCurveSchema.optional(),
    tiers: tierConfigSchema.optional(),
    badges: z.array(badgeSchema).default([]),
    quests: z.array(questSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "id"],
          message: `duplicate rule id "${rule.id}"`,
          params: { code: "conflict" },
        });
      }
      seen.add(rule.id);
    });
  });

/**
 * Ledger policies after defaults.
 *
 * @category Ledger
 * @since 0.1.0
 */
export type LedgerPolicy = z.output<typeof ledgerPolicySchema>;
/**
 * Ledger policies as written.
 *
 * @category Ledger
 * @since 0.1.0
 */
export type LedgerPolicyInput = z.input<typeof ledgerPolicySchema>;
/**
 * An expiry policy.
 *
 * @category Ledger
 * @since 0.1.0
 */
export type ExpiryPolicy = z.output<typeof expiryPolicySchema>;
/**
 * An earning rule after parsing.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export type EarningRule = z.output<typeof earningRuleSchema>;
/**
 * An earning rule as written.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export type EarningRuleInput = z.input<typeof earningRuleSchema>;
/**
 * A level curve as data.
 *
 * @category Levels
 * @since 0.1.0
 */
export type LevelCurveConfig = z.output<typeof levelCurveSchema>;
/**
 * Tier configuration after defaults.
 *
 * @category Tiers
 * @since 0.1.0
 */
export type TierConfig = z.output<typeof tierConfigSchema>;
/**
 * Tier configuration as written.
 *
 * @category Tiers
 * @since 0.1.0
 */
export type TierConfigInput = z.input<typeof tierConfigSchema>;
/**
 * A badge after parsing.
 *
 * @category Badges
 * @since 0.1.0
 */
export type Badge = z.output<typeof badgeSchema>;
/**
 * A badge as written.
 *
 * @category Badges
 * @since 0.1.0
 */
export type BadgeInput = z.input<typeof badgeSchema>;
/**
 * A quest after parsing.
 *
 * @category Quests
 * @since 0.1.0
 */
export type Quest = z.output<typeof questSchema>;
/**
 * A quest as written.
 *
 * @category Quests
 * @since 0.1.0
 */
export type QuestInput = z.input<typeof questSchema>;
/**
 * A ranking method.
 *
 * @category Leaderboards
 * @since 0.1.0
 */
export type RankingMethod = z.output<typeof rankingMethodSchema>;
/**
 * A programme configuration after defaults.
 *
 * @category Programme
 * @since 0.1.0
 */
export type ProgrammeConfig = z.output<typeof programmeConfigSchema>;
/**
 * A programme configuration as written (YAML-shaped).
 *
 * @category Programme
 * @since 0.1.0
 */
export type ProgrammeConfigInput = z.input<typeof programmeConfigSchema>;
