import { OpsbookError, type TimestampInput, toEpochMs, validate } from "@opsbook/core";
import { z } from "zod";
import { dayNumberToDate, localDayNumber } from "./internal/zoneClock.ts";

/**
 * Options of {@link computeStreak}.
 *
 * @category Streaks
 * @since 0.1.0
 */
export interface StreakOptions {
  /** Time zone whose local days count; default `"UTC"`. */
  timeZone?: string;
  /** The instant to report the current streak at; default the last activity. */
  asOf?: TimestampInput;
  /** Streak freezes available: each covers one missed day (it keeps the streak but adds no day). */
  freezes?: number;
  /** Local dates (`YYYY-MM-DD`) repaired after the fact: they count as active days. */
  repairs?: readonly string[];
}

/**
 * A member's streak.
 *
 * @category Streaks
 * @since 0.1.0
 */
export interface StreakResult {
  /** Active days in the streak that is still alive at `asOf` (0 if it broke). */
  current: number;
  /** Active days of the longest streak. */
  longest: number;
  /** Last active local date, `null` without activity. */
  lastActiveDay: string | null;
  /** Missed days covered by freezes, in order. */
  frozenDays: string[];
  freezesLeft: number;
}

const optionsSchema = z.strictObject({
  timeZone: z.string().default("UTC"),
  asOf: z.union([z.number(), z.string(), z.date()]).optional(),
  freezes: z.number().int().nonnegative().default(0),
  repairs: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")).default([]),
});

/**
 * Counts a daily streak over local days in a time zone: a day is active when it has at least one
 * activity (or is repaired); a missed day breaks the streak unless a freeze covers it (freezes are
 * spent automatically, oldest gap first, and a gap longer than the freezes left breaks the streak).
 * Today not being active yet does not break the current streak (as Duolingo counts it).
 *
 * @param activity - Instants of activity.
 * @param options - `timeZone`, `asOf`, `freezes`, `repairs`.
 * @returns The current and longest streak.
 * @category Streaks
 * @since 0.1.0
 * @example
 * ```ts
 * import { computeStreak } from "@opsbook/growth";
 *
 * const days = ["2026-11-20T23:30:00Z", "2026-11-21T10:00:00Z", "2026-11-23T10:00:00Z"];
 * computeStreak(days).current //=> 1
 * computeStreak(days, { freezes: 1 })
 * //=> { current: 3, longest: 3, lastActiveDay: "2026-11-23", frozenDays: ["2026-11-22"], freezesLeft: 0 }
 *
 * // in Shanghai (UTC+8) the first two instants fall on the same local day
 * computeStreak(days, { timeZone: "Asia/Shanghai" }).longest //=> 1
 * ```
 */
export function computeStreak(
  activity: readonly TimestampInput[],
  options: StreakOptions = {},
): StreakResult {
  const o = validate(optionsSchema, options, { path: ["options"] });
  const daySet = new Set<number>();
  activity.forEach((value, i) => {
    daySet.add(localDayNumber(toEpochMs(value, ["activity", i]), o.timeZone));
  });
  for (const date of o.repairs)
    daySet.add(Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000));
  const days = [...daySet].sort((a, b) => a - b);
  let freezesLeft = o.freezes;
  const frozenDays: string[] = [];
  if (days.length === 0)
    return { current: 0, longest: 0, lastActiveDay: null, frozenDays, freezesLeft };
  let run = 0;
  let longest = 0;
  let previous = Number.NaN;
  for (const day of days) {
    const gap = day - previous - 1;
    if (run > 0 && gap > 0) {
      if (gap <= freezesLeft) {
        freezesLeft -= gap;
        for (let d = previous + 1; d < day; d++) frozenDays.push(dayNumberToDate(d));
      } else run = 0;
    }
    run += 1;
    if (run > longest) longest = run;
    previous = day;
  }
  const last = days[days.length - 1] as number;
  const asOfDay =
    o.asOf === undefined
      ? last
      : localDayNumber(toEpochMs(o.asOf, ["options", "asOf"]), o.timeZone);
  if (asOfDay < last) {
    throw new OpsbookError(
      "out_of_range",
      "options.asOf: expected an instant at or after the last activity",
      ["options", "asOf"],
    );
  }
  // Days missed since the last activity, not counting today (which may still be completed).
  const missed = asOfDay - last - 1;
  let current = run;
  if (missed > 0) {
    if (missed <= freezesLeft) {
      freezesLeft -= missed;
      for (let d = last + 1; d < asOfDay; d++) frozenDays.push(dayNumberToDate(d));
    } else current = 0;
  }
  return { current, longest, lastActiveDay: dayNumberToDate(last), frozenDays, freezesLeft };
}
