import { durationToMs, timestampSchema, timeZoneSchema } from "@opsbook/core";
import { z } from "zod";
import { ledgerPolicySchema } from "./schemas.ts";

const nonNegativeInt = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const positiveInt = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const score = z.number().min(0).max(100);

const fixedDuration = z.string().refine(
  (value) => {
    try {
      return durationToMs(value) > 0;
    } catch {
      return false;
    }
  },
  {
    message: "expected a fixed ISO-8601 duration such as PT1H or P7D",
    params: { expected: "ISO-8601 duration" },
  },
);

/**
 * Anti-fraud rules of a referral programme. Each check adds its `score` (0–100) to a referral's
 * risk score, which is capped at 100; the outcome is `reject` at or above `thresholds.reject`,
 * `hold` (for review) at or above `thresholds.hold`, `approve` below. A check set to `false` is
 * off. Defaults: `selfReferral` 100 (the referee's normalised e-mail is the referrer's: case,
 * plus-addressing, and dots for providers that ignore them); `sharedFingerprint` a shared device 60,
 * payment card 80, IP address 30, counted against the referrer and every earlier account of the
 * programme; `velocity` 40 when a referrer's referrals within any window exceed its `max`
 * (defaults: 5 per hour, 20 per day); `disposableEmail` 50 (shipped domain list plus
 * `extraDomains`); `existingCustomer` 100; `refundRate` 50 when a referrer's refunded customers
 * divided by paying customers reaches `threshold` (FirstPromoter's default 25 %) once they have
 * at least `minCustomers` paying customers. Thresholds default to hold 40, reject 80.
 *
 * @category Referral schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { fraudRulesSchema } from "@opsbook/growth";
 *
 * const rules = fraudRulesSchema.parse({ disposableEmail: false });
 * rules.thresholds //=> { hold: 40, reject: 80 }
 * rules.refundRate //=> { threshold: 0.25, minCustomers: 4, score: 50 }
 * rules.disposableEmail //=> false
 * fraudRulesSchema.safeParse({ thresholds: { hold: 90, reject: 50 } }).success //=> false
 * ```
 */
export const fraudRulesSchema = z
  .strictObject({
    selfReferral: z
      .union([z.literal(false), z.strictObject({ score: score.default(100) })])
      .default({ score: 100 }),
    sharedFingerprint: z
      .union([
        z.literal(false),
        z.strictObject({
          device: score.default(60),
          payment: score.default(80),
          ip: score.default(30),
        }),
      ])
      .default({ device: 60, payment: 80, ip: 30 }),
    velocity: z
      .union([
        z.literal(false),
        z.strictObject({
          windows: z
            .array(z.strictObject({ within: fixedDuration, max: positiveInt }))
            .min(1)
            .default([
              { within: "PT1H", max: 5 },
              { within: "P1D", max: 20 },
            ]),
          score: score.default(40),
        }),
      ])
      .default({
        windows: [
          { within: "PT1H", max: 5 },
          { within: "P1D", max: 20 },
        ],
        score: 40,
      }),
    disposableEmail: z
      .union([
        z.literal(false),
        z.strictObject({
          score: score.default(50),
          extraDomains: z.array(z.string().min(1)).default([]),
        }),
      ])
      .default({ score: 50, extraDomains: [] }),
    existingCustomer: z
      .union([z.literal(false), z.strictObject({ score: score.default(100) })])
      .default({ score: 100 }),
    refundRate: z
      .union([
        z.literal(false),
        z.strictObject({
          threshold: z.number().gt(0).max(1).default(0.25),
          minCustomers: positiveInt.default(4),
          score: score.default(50),
        }),
      ])
      .default({ threshold: 0.25, minCustomers: 4, score: 50 }),
    thresholds: z
      .strictObject({ hold: score.default(40), reject: score.default(80) })
      .default({ hold: 40, reject: 80 }),
  })
  .superRefine((rules, ctx) => {
    if (rules.thresholds.hold > rules.thresholds.reject) {
      ctx.addIssue({
        code: "custom",
        path: ["thresholds", "hold"],
        message: "expected the hold threshold to be at most the reject threshold",
        params: { code: "out_of_range" },
      });
    }
  });

/**
 * One reward of a referral programme: the qualifying `action` (`signup`, `first-purchase`,
 * `every-purchase`, or `event` with the custom event's `event` name), the points for the
 * `referrer` and the `referee` (double-sided when both are positive, single-sided when one is 0)
 * and an optional `minAmount` of the purchase (minor units).
 *
 * @category Referral schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { referralRewardSchema } from "@opsbook/growth";
 *
 * referralRewardSchema.parse({ id: "space", action: "signup", referrer: 500, referee: 500 }).referee //=> 500
 * referralRewardSchema.safeParse({ id: "x", action: "event", referrer: 10 }).success //=> false
 * ```
 */
export const referralRewardSchema = z
  .strictObject({
    id: z.string().min(1),
    action: z.enum(["signup", "first-purchase", "every-purchase", "event"]),
    event: z.string().min(1).optional(),
    referrer: nonNegativeInt.default(0),
    referee: nonNegativeInt.default(0),
    minAmount: nonNegativeInt.optional(),
  })
  .superRefine((reward, ctx) => {
    if (reward.action === "event" && reward.event === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["event"],
        message: "a reward on a custom event needs the event name",
      });
    }
    if (reward.referrer === 0 && reward.referee === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["referrer"],
        message: "expected points for the referrer, the referee or both",
        params: { code: "out_of_range" },
      });
    }
  });

/**
 * A referral programme as plain data (YAML-friendly), the input of `createReferralProgramme` and
 * `simulateProgramme`.
 *
 * - `id` names the programme (events naming another programme are rejected), `timeZone` its
 *   calendar; `startsAt`/`endsAt` bound when referrals are accepted.
 * - `codes`: generated codes' `length` (default 8) and `prefix`, `validFor` (ISO duration from
 *   issue, fixed length), `maxUses` per code (0 = unlimited, as Talon.One's `usageLimit`).
 * - `attribution`: `windowDays` counted in calendar days of `timeZone` with the click day as day 1
 *   (Rewardful: a 30-day window from a click on 1 June credits conversions on or before 30 June;
 *   default 60, Rewardful's default), `model` `first-touch` (Rewardful's default) or `last-touch`,
 *   and `precedence`: `code-over-link` (a code typed at signup beats link clicks, default) or
 *   `touch-order` (the model alone decides).
 * - `rewards`, `milestones` (`points` to the referrer at `referrals` qualified referrals, once),
 *   `qualifyingAction` (what makes a referral count for milestones and caps: `signup` by default,
 *   `first-purchase`, or a custom event name).
 * - `caps.perReferrer` (`points` and/or `referrals`), `caps.budget` (`points` for the whole
 *   programme, both sides and milestones); `capMode` `partial` (grant what is left, default) or
 *   `all-or-nothing`.
 * - `pendingFor`: rewards stay pending in the ledger until the qualifying transaction is final
 *   (e.g. the refund window, `P30D`); `ledger`: the other policies of the points ledger.
 * - `fraud`: see {@link fraudRulesSchema}.
 *
 * @category Referral schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { referralProgrammeSchema } from "@opsbook/growth";
 *
 * const config = referralProgrammeSchema.parse({
 *   id: "space-race",
 *   rewards: [{ id: "space", action: "signup", referrer: 500, referee: 500 }],
 *   caps: { perReferrer: { referrals: 32 } },
 * });
 * config.attribution //=> { windowDays: 60, model: "first-touch", precedence: "code-over-link" }
 * config.codes.maxUses //=> 0
 * referralProgrammeSchema.safeParse({ id: "x", rewards: [] }).success //=> false
 * ```
 */
export const referralProgrammeSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1).optional(),
    timeZone: timeZoneSchema.default("UTC"),
    startsAt: timestampSchema.optional(),
    endsAt: timestampSchema.optional(),
    codes: z
      .strictObject({
        length: z.number().int().min(4).max(16).default(8),
        prefix: z
          .string()
          .regex(/^[A-Z0-9]{0,8}$/, "expected up to 8 upper-case letters or digits")
          .default(""),
        validFor: fixedDuration.optional(),
        maxUses: nonNegativeInt.default(0),
        seed: z.union([z.string(), z.number()]).optional(),
      })
      .default({ length: 8, prefix: "", maxUses: 0 }),
    attribution: z
      .strictObject({
        windowDays: positiveInt.default(60),
        model: z.enum(["first-touch", "last-touch"]).default("first-touch"),
        precedence: z.enum(["code-over-link", "touch-order"]).default("code-over-link"),
      })
      .default({ windowDays: 60, model: "first-touch", precedence: "code-over-link" }),
    rewards: z.array(referralRewardSchema).min(1),
    milestones: z
      .array(z.strictObject({ referrals: positiveInt, points: positiveInt }))
      .default([]),
    qualifyingAction: z.string().min(1).default("signup"),
    caps: z
      .strictObject({
        perReferrer: z
          .strictObject({ points: nonNegativeInt.optional(), referrals: nonNegativeInt.optional() })
          .optional(),
        budget: z.strictObject({ points: nonNegativeInt }).optional(),
      })
      .default({}),
    capMode: z.enum(["partial", "all-or-nothing"]).default("partial"),
    pendingFor: ledgerPolicySchema.shape.pendingFor,
    ledger: ledgerPolicySchema.omit({ pendingFor: true }).partial().default({}),
    fraud: fraudRulesSchema.default(fraudRulesSchema.parse({})),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.rewards.forEach((reward, i) => {
      if (seen.has(reward.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["rewards", i, "id"],
          message: `duplicate reward id "${reward.id}"`,
          params: { code: "conflict" },
        });
      }
      seen.add(reward.id);
    });
    if (
      config.startsAt !== undefined &&
      config.endsAt !== undefined &&
      config.endsAt < config.startsAt
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "expected endsAt on or after startsAt",
        params: { code: "out_of_range" },
      });
    }
  });

/**
 * Anti-fraud rules after defaults.
 *
 * @category Referral schemas
 * @since 0.1.0
 */
export type FraudRules = z.output<typeof fraudRulesSchema>;
/**
 * Anti-fraud rules as written.
 *
 * @category Referral schemas
 * @since 0.1.0
 */
export type FraudRulesInput = z.input<typeof fraudRulesSchema>;
/**
 * A referral reward after defaults.
 *
 * @category Referral schemas
 * @since 0.1.0
 */
export type ReferralReward = z.output<typeof referralRewardSchema>;
/**
 * A referral programme after defaults.
 *
 * @category Referral schemas
 * @since 0.1.0
 */
export type ReferralProgrammeConfig = z.output<typeof referralProgrammeSchema>;
/**
 * A referral programme as written (YAML or JSON).
 *
 * @category Referral schemas
 * @since 0.1.0
 */
export type ReferralProgrammeConfigInput = z.input<typeof referralProgrammeSchema>;
