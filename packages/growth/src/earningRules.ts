import { type EventInput, periodKey, type RoundingMode, toEpochMs, validate } from "@opsbook/core";
import { z } from "zod";
import { matchesCondition, matchesEvent } from "./internal/conditions.ts";
import { roundRational, toFraction } from "./internal/decimal.ts";
import { readPath } from "./internal/properties.ts";
import { type EarningRule, type EarningRuleInput, earningRuleSchema } from "./schemas.ts";

/**
 * Points already awarded per rule in its current cap period: `{ [ruleId]: { period, points } }`,
 * where `period` is the period key (`"2026-11-25"`, `"2026-W48"`). Plain data: store it with the member.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export type CapUsage = Record<string, { period: string; points: number }>;

/**
 * Who the event belongs to, for targeting and caps.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export interface RuleContext {
  /** The member's current tier id. */
  tier?: string;
  /** The member's segments. */
  segments?: readonly string[];
  /** Cap usage so far (default: none). */
  caps?: CapUsage;
}

/**
 * What one rule awarded for an event: `points` after the cap, `uncapped` before it.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export interface RuleAward {
  ruleId: string;
  points: number;
  uncapped: number;
  capped: boolean;
}

/**
 * Points an event earns: the total, each rule's award and the updated cap usage.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export interface EarningResult {
  points: number;
  awards: RuleAward[];
  caps: CapUsage;
}

/**
 * Options of {@link compileEarningRules}.
 *
 * @category Earning rules
 * @since 0.1.0
 */
export interface EarningRulesOptions {
  /** Time zone of validity days and cap periods when a rule names none; default `"UTC"`. */
  timeZone?: string;
}

const optionsSchema = z.strictObject({ timeZone: z.string().default("UTC") });

const isoWeekday = (timestamp: number, timeZone: string): number => {
  const day = periodKey(timestamp, "day", { timeZone });
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
};

function rewardOf(
  rule: EarningRule,
  properties: Record<string, unknown> | undefined,
): number | undefined {
  const reward = rule.reward;
  if (reward.type === "fixed") return reward.points;
  const raw = readPath(properties, reward.property);
  const value = typeof raw === "number" || typeof raw === "string" ? toFraction(raw) : undefined;
  if (value === undefined) return undefined;
  const rounding: RoundingMode = reward.rounding;
  if (reward.type === "per-amount") {
    // points × value / per, as an exact fraction (Square: 1 point per $10, $105 earns 10).
    const per = toFraction(reward.per) as { digits: bigint; scale: number };
    const n = value.digits * BigInt(reward.points) * 10n ** BigInt(per.scale);
    const d = per.digits * 10n ** BigInt(value.scale);
    return roundRational(n, d, rounding);
  }
  const factor = toFraction(reward.factor) as { digits: bigint; scale: number };
  return roundRational(
    value.digits * factor.digits,
    10n ** BigInt(value.scale + factor.scale),
    rounding,
  );
}

/**
 * Compiles declarative earning rules (JSON or YAML data, validated once; unknown fields are
 * rejected) into a function that scores one event. For each rule whose `event` matches and whose
 * `conditions` all hold: it checks targeting (`tiers`, `segments`), validity (`validFrom` and
 * `validUntil` inclusive, `daysOfWeek` in the rule's time zone), computes the reward (fixed,
 * per amount with exact decimal rounding, or multiplier) and applies the rule's `cap` per calendar
 * period, awarding the partial remainder up to the cap (Oasis's capped point rule "no more than
 * 75 per day": events worth 20, 30 and 40 in one day earn 20, 30 and 25). Conditions are
 * structured data; nothing is ever evaluated as code.
 *
 * @param rules - The earning rules.
 * @param options - `timeZone` for rules that name none.
 * @returns A function `(event, context?) => { points, awards, caps }`; store `caps` with the member
 * and pass it back with the next event.
 * @category Earning rules
 * @since 0.1.0
 * @example
 * ```ts
 * import { compileEarningRules } from "@opsbook/growth";
 *
 * const earn = compileEarningRules([
 *   { id: "spend", event: "purchase", reward: { type: "per-amount", property: "total", per: 10 } },
 *   { id: "review", event: "review", reward: { type: "fixed", points: 20 }, cap: { period: "day", points: 30 } },
 * ]);
 * earn({ userId: "u1", event: "purchase", timestamp: "2026-11-25T10:00:00Z", properties: { total: 105 } }).points //=> 10
 * const first = earn({ userId: "u1", event: "review", timestamp: "2026-11-25T10:00:00Z" });
 * earn({ userId: "u1", event: "review", timestamp: "2026-11-25T11:00:00Z" }, { caps: first.caps }).points //=> 10
 * compileEarningRules([{ id: "x", event: "e", reward: { type: "fixed", points: 1 }, formula: "1+1" }]) //=> throws OpsbookError
 * ```
 */
export function compileEarningRules(
  rules: EarningRuleInput[],
  options: EarningRulesOptions = {},
): (event: EventInput, context?: RuleContext) => EarningResult {
  const parsed = validate(z.array(earningRuleSchema), rules, {
    path: ["rules"],
    label: "earning rules",
  });
  const { timeZone } = validate(optionsSchema, options, { path: ["options"] });
  return (event: EventInput, context: RuleContext = {}): EarningResult => {
    const at = toEpochMs(event.timestamp, ["event", "timestamp"]);
    const caps: CapUsage = { ...(context.caps ?? {}) };
    const awards: RuleAward[] = [];
    let total = 0;
    for (const rule of parsed) {
      if (!matchesEvent(rule.event, event.event)) continue;
      if (rule.conditions && !rule.conditions.every((c) => matchesCondition(c, event.properties)))
        continue;
      if (rule.tiers && (context.tier === undefined || !rule.tiers.includes(context.tier)))
        continue;
      if (rule.segments && !rule.segments.some((s) => context.segments?.includes(s))) continue;
      if (rule.validFrom !== undefined && at < rule.validFrom) continue;
      if (rule.validUntil !== undefined && at > rule.validUntil) continue;
      const zone = rule.timeZone ?? timeZone;
      if (rule.daysOfWeek && !rule.daysOfWeek.includes(isoWeekday(at, zone))) continue;
      const uncapped = rewardOf(rule, event.properties);
      if (uncapped === undefined) continue;
      let points = uncapped;
      if (rule.cap) {
        const period = periodKey(at, rule.cap.period, { timeZone: zone });
        const used = caps[rule.id]?.period === period ? (caps[rule.id]?.points ?? 0) : 0;
        points = Math.max(0, Math.min(uncapped, rule.cap.points - used));
        caps[rule.id] = { period, points: used + points };
      }
      awards.push({ ruleId: rule.id, points, uncapped, capped: points < uncapped });
      total += points;
    }
    return { points: total, awards, caps };
  };
}
