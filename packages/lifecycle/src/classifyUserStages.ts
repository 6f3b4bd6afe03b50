import {
  type EventInput,
  normalizeEvents,
  OpsbookError,
  type OpsEvent,
  periodIndex,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { type UserStageRules, userStageRulesSchema } from "./schemas.ts";
import type { UserStage } from "./stagePlays.ts";

/**
 * The lifecycle stages in the order of {@link UserStageCounts}.
 *
 * @category User stages
 * @since 0.1.0
 * @example
 * ```ts
 * import { userStages } from "@opsbook/lifecycle";
 *
 * userStages.length //=> 7
 * userStages[0] //=> "new"
 * ```
 */
export const userStages: readonly UserStage[] = [
  "new",
  "activated",
  "engaged",
  "at_risk",
  "dormant",
  "churned",
  "resurrected",
];

/**
 * Number of users in each stage.
 *
 * @category User stages
 * @since 0.1.0
 */
export type UserStageCounts = Record<UserStage, number>;

/**
 * One user's stage with the facts that decided it.
 *
 * @category User stages
 * @since 0.1.0
 */
export interface UserStageEntry {
  userId: string;
  stage: UserStage;
  /** The rule that decided the stage, in words. */
  reason: string;
  /** Days since the first event and since the last activity. */
  daysSinceFirstSeen: number;
  daysSinceLastActive: number;
  /** Whether the user has met the activation rule by the date. */
  activated: boolean;
  /** Active days in the engagement window. */
  recentActiveDays: number;
}

/**
 * Result of {@link classifyUserStages}.
 *
 * @category User stages
 * @since 0.1.0
 */
export interface UserStageClassification {
  /** The date classified, epoch milliseconds. */
  asOf: number;
  /** One entry per user seen on or before the date, in order of first appearance. */
  users: UserStageEntry[];
  counts: UserStageCounts;
}

interface UserDays {
  /** Sorted distinct active days (day numbers). */
  active: number[];
  /** First day with any event. */
  first: number;
  /** Day numbers of activation events, sorted. */
  activation: number[];
}

/** Per-user day lists, built once and classified at any date. */
export interface PreparedUsers {
  order: string[];
  users: Map<string, UserDays>;
  dayOf: (ms: number) => number;
}

const DAY = 86_400_000;

/** @internal */
export function prepareUsers(
  events: Iterable<EventInput | OpsEvent>,
  rules: ReturnType<typeof userStageRulesSchema.parse>,
): PreparedUsers {
  const { events: rows } = normalizeEvents(events, { invalid: "throw" });
  const utc = rules.timeZone === "UTC";
  const dayOf = (ms: number) =>
    utc ? Math.floor(ms / DAY) : periodIndex(ms, 0, "day", { timeZone: rules.timeZone });
  const activity = rules.activityEvents ? new Set(rules.activityEvents) : undefined;
  const activationEvents = rules.activation ? new Set(rules.activation.events) : undefined;
  const users = new Map<string, UserDays>();
  const order: string[] = [];
  const sets = new Map<string, Set<number>>();
  for (const e of rows) {
    const day = dayOf(e.timestamp);
    let u = users.get(e.userId);
    if (!u) {
      u = { active: [], first: day, activation: [] };
      users.set(e.userId, u);
      sets.set(e.userId, new Set());
      order.push(e.userId);
    }
    if (day < u.first) u.first = day;
    if (!activity || activity.has(e.event)) sets.get(e.userId)!.add(day);
    if (activationEvents?.has(e.event)) u.activation.push(day);
  }
  for (const [id, u] of users) {
    u.active = [...sets.get(id)!].sort((a, b) => a - b);
    u.activation.sort((a, b) => a - b);
  }
  return { order, users, dayOf };
}

/** Number of sorted days in [from, to]. */
function countBetween(sorted: number[], from: number, to: number): number {
  let n = 0;
  for (const d of sorted) if (d >= from && d <= to) n++;
  return n;
}

/** @internal */
export function classifyPrepared(
  prepared: PreparedUsers,
  rules: ReturnType<typeof userStageRulesSchema.parse>,
  asOfMs: number,
): UserStageClassification {
  const today = prepared.dayOf(asOfMs);
  const counts = Object.fromEntries(userStages.map((s) => [s, 0])) as UserStageCounts;
  const out: UserStageEntry[] = [];
  for (const userId of prepared.order) {
    const u = prepared.users.get(userId)!;
    if (u.first > today) continue;
    const active = u.active.filter((d) => d <= today);
    const last = active.length > 0 ? (active[active.length - 1] as number) : u.first;
    const sinceLast = today - last;
    const sinceFirst = today - u.first;
    let activated = true;
    if (rules.activation) {
      const { minCount, withinDays } = rules.activation;
      activated =
        countBetween(u.activation, u.first, Math.min(today, u.first + withinDays - 1)) >= minCount;
    }
    const e = rules.engaged;
    const recentActiveDays = countBetween(active, today - e.windowDays + 1, today);
    let stage: UserStage;
    let reason: string;
    // Latest return after a long gap: the first active day after a gap ≥ dormantDays.
    let returnDay = -Infinity;
    for (let i = 1; i < active.length; i++)
      if ((active[i] as number) - (active[i - 1] as number) >= rules.dormantDays)
        returnDay = active[i] as number;
    const risk = atRiskReason(active, today, sinceLast, rules);
    if (sinceLast >= rules.churnedDays) {
      stage = "churned";
      reason = `no activity for ${sinceLast} days (≥ ${rules.churnedDays})`;
    } else if (sinceLast >= rules.dormantDays) {
      stage = "dormant";
      reason = `no activity for ${sinceLast} days (≥ ${rules.dormantDays})`;
    } else if (today - returnDay < rules.resurrectedDays) {
      stage = "resurrected";
      reason = `returned ${today - returnDay} days ago after a gap of at least ${rules.dormantDays} days`;
    } else if (!activated) {
      stage = "new";
      reason =
        sinceFirst < rules.newDays
          ? `first seen ${sinceFirst} days ago, not activated yet`
          : "has not met the activation rule";
    } else if (risk) {
      stage = "at_risk";
      reason = risk;
    } else if (recentActiveDays >= e.minActiveDays) {
      stage = "engaged";
      reason = `${recentActiveDays} active days in the last ${e.windowDays} (≥ ${e.minActiveDays})`;
    } else if (sinceFirst < rules.newDays && !rules.activation) {
      stage = "new";
      reason = `first seen ${sinceFirst} days ago`;
    } else {
      stage = "activated";
      reason = rules.activation
        ? "met the activation rule"
        : "active, below the engagement threshold";
    }
    counts[stage]++;
    out.push({
      userId,
      stage,
      reason,
      daysSinceFirstSeen: sinceFirst,
      daysSinceLastActive: sinceLast,
      activated,
      recentActiveDays,
    });
  }
  return { asOf: asOfMs, users: out, counts };
}

function atRiskReason(
  active: number[],
  today: number,
  sinceLast: number,
  rules: ReturnType<typeof userStageRulesSchema.parse>,
): string | undefined {
  const r = rules.atRisk;
  const recentStart = today - r.recentDays + 1;
  const baselineStart = recentStart - r.baselineDays;
  // Own-baseline rule: only for users with a full baseline window of history.
  if (active.length > 0 && (active[0] as number) <= baselineStart) {
    const baselineRate = countBetween(active, baselineStart, recentStart - 1) / r.baselineDays;
    const recentRate = countBetween(active, recentStart, today) / r.recentDays;
    if (baselineRate > 0 && recentRate <= baselineRate * (1 - r.drop))
      return `active-day rate fell from ${baselineRate.toFixed(2)} to ${recentRate.toFixed(2)} per day (≥ ${Math.round(r.drop * 100)}% drop)`;
  }
  // Gap rule: the current gap is longer than the user's usual gaps.
  const gaps: number[] = [];
  for (let i = 1; i < active.length; i++)
    gaps.push((active[i] as number) - (active[i - 1] as number));
  if (gaps.length >= r.minGaps) {
    gaps.sort((a, b) => a - b);
    const rank = r.gapPercentile * (gaps.length - 1);
    const lo = Math.floor(rank);
    const threshold =
      (gaps[lo] as number) +
      (rank - lo) * ((gaps[Math.min(lo + 1, gaps.length - 1)] as number) - (gaps[lo] as number));
    if (sinceLast > threshold)
      return `${sinceLast} days since the last activity, above the user's ${Math.round(r.gapPercentile * 100)}th-percentile gap of ${threshold.toFixed(1)} days`;
  }
  return undefined;
}

/**
 * Puts every user in a lifecycle stage at a date, with configurable rules (see
 * {@link userStageRulesSchema}): `churned` after `churnedDays` without activity, `dormant` after
 * `dormantDays`, `resurrected` when back within `resurrectedDays` after such a gap, `new` until
 * the activation rule is met, `at_risk` when the user's own activity rate drops by `atRisk.drop`
 * against their baseline or the current gap exceeds their usual gaps (a percentile of their own
 * gaps, the purchase-gap rule), `engaged` with enough active days in the window, and `activated`
 * otherwise. The rules are checked in that order; the first that matches decides.
 *
 * @param events - Events (`userId`, `event`, `timestamp`); invalid rows throw.
 * @param asOf - The date to classify at; only events up to its day count.
 * @param rules - Stage rules; every field has a default.
 * @returns Each user's stage with the reason, and the counts per stage.
 * @throws OpsbookError for invalid events, rules or date, or `churnedDays < dormantDays`.
 * @category User stages
 * @since 0.1.0
 * @example
 * ```ts
 * import { classifyUserStages } from "@opsbook/lifecycle";
 *
 * const events = [
 *   { userId: "ana", event: "open", timestamp: "2026-03-01" },
 *   { userId: "ana", event: "open", timestamp: "2026-03-20" },
 *   { userId: "ana", event: "open", timestamp: "2026-03-25" },
 *   { userId: "ana", event: "open", timestamp: "2026-03-30" },
 *   { userId: "ben", event: "open", timestamp: "2026-02-01" },
 *   { userId: "cai", event: "open", timestamp: "2026-03-29" },
 * ];
 * const result = classifyUserStages(events, "2026-03-31");
 * result.users.map((u) => [u.userId, u.stage])
 * //=> [["ana", "engaged"], ["ben", "churned"], ["cai", "new"]]
 * ```
 */
export function classifyUserStages(
  events: Iterable<EventInput | OpsEvent>,
  asOf: TimestampInput,
  rules: UserStageRules = {},
): UserStageClassification {
  const r = parseRules(rules);
  const asOfMs = toEpochMs(asOf, ["asOf"]);
  return classifyPrepared(prepareUsers(events, r), r, asOfMs);
}

/** @internal */
export function parseRules(rules: UserStageRules) {
  const r = validate(userStageRulesSchema, rules, { label: "rules" });
  if (r.churnedDays < r.dormantDays)
    throw new OpsbookError(
      "conflict",
      `rules.churnedDays: expected ≥ dormantDays (${r.dormantDays}), received ${r.churnedDays}`,
      ["churnedDays"],
    );
  return r;
}
