import { type EventInput, OpsbookError, toEpochMs, validate } from "@opsbook/core";
import { z } from "zod";
import { matchesCondition, matchesEvent } from "./internal/conditions.ts";
import { readPath } from "./internal/properties.ts";
import { localDayNumber } from "./internal/zoneClock.ts";
import { type BadgeInput, badgeSchema } from "./schemas.ts";

/**
 * A badge earned by a member: when, and which time (1 for the first, 2 for a repeat…).
 *
 * @category Badges
 * @since 0.1.0
 */
export interface BadgeAward {
  badgeId: string;
  userId: string;
  at: number;
  times: number;
}

/**
 * Awards badges (achievements) from events: `count` matching events, a `sum` of a property
 * reaching `count`, or a `streak` of `count` consecutive local days with a matching event (the
 * streak badges of Oasis and ActiDoo). Each badge is earned at the instant of the event that
 * completes it; a `repeatable` badge is earned again at every further multiple of `count`
 * (for streaks: every `count` days within one unbroken streak).
 *
 * @param badges - Badge definitions (validated; unknown fields rejected).
 * @param events - Events of any number of members, in any order.
 * @returns Awards in time order.
 * @category Badges
 * @since 0.1.0
 * @example
 * ```ts
 * import { awardBadges } from "@opsbook/growth";
 *
 * const events = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05"].map((day) => ({
 *   userId: "u1", event: "workout", timestamp: `${day}T07:00:00Z`,
 * }));
 * awardBadges([
 *   { id: "three-in-a-row", event: "workout", criterion: "streak", count: 3 },
 *   { id: "four-workouts", event: "workout", count: 4 },
 * ], events).map((a) => [a.badgeId, new Date(a.at).toISOString().slice(0, 10)])
 * //=> [["three-in-a-row", "2026-11-03"], ["four-workouts", "2026-11-05"]]
 * ```
 */
export function awardBadges(badges: BadgeInput[], events: readonly EventInput[]): BadgeAward[] {
  const parsed = validate(z.array(badgeSchema), badges, { path: ["badges"], label: "badges" });
  parsed.forEach((badge, i) => {
    if (badge.criterion === "sum" && badge.property === undefined) {
      throw new OpsbookError("invalid_input", `badges[${i}].property: required for a sum badge`, [
        "badges",
        i,
        "property",
      ]);
    }
  });
  const rows = events
    .map((e, i) => ({ e, at: toEpochMs(e.timestamp, ["events", i, "timestamp"]), i }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const awards: BadgeAward[] = [];
  for (const badge of parsed) {
    const progress = new Map<
      string,
      { value: number; times: number; lastDay: number; run: number }
    >();
    for (const { e, at } of rows) {
      if (!matchesEvent(badge.event, e.event)) continue;
      if (badge.conditions && !badge.conditions.every((c) => matchesCondition(c, e.properties)))
        continue;
      let p = progress.get(e.userId);
      if (p === undefined) {
        p = { value: 0, times: 0, lastDay: Number.NaN, run: 0 };
        progress.set(e.userId, p);
      }
      if (badge.criterion === "streak") {
        const day = localDayNumber(at, badge.timeZone);
        if (day === p.lastDay) continue;
        p.run = day === p.lastDay + 1 ? p.run + 1 : 1;
        p.lastDay = day;
        const earned = p.run % badge.count === 0 && (badge.repeatable || p.times === 0);
        if (earned) {
          p.times += 1;
          awards.push({ badgeId: badge.id, userId: e.userId, at, times: p.times });
        }
        continue;
      }
      const amount =
        badge.criterion === "sum" ? Number(readPath(e.properties, badge.property as string)) : 1;
      if (!Number.isFinite(amount)) continue;
      p.value += amount;
      const due = badge.repeatable
        ? Math.floor(p.value / badge.count)
        : Math.min(1, Math.floor(p.value / badge.count));
      while (p.times < due) {
        p.times += 1;
        awards.push({ badgeId: badge.id, userId: e.userId, at, times: p.times });
      }
    }
  }
  return awards.sort((a, b) => a.at - b.at);
}
