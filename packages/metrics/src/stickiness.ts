import { startOfPeriod, validate } from "@opsbook/core";
import { activityByPeriod } from "./internal/activity.ts";
import { PeriodIndexer } from "./internal/periodIndexer.ts";
import { periodRange } from "./internal/range.ts";
import { ratio } from "./internal/stats.ts";
import { filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type StickinessOptions, stickinessOptionsSchema } from "./schemas.ts";

/**
 * Result of {@link stickiness}.
 *
 * @category Stickiness
 * @since 0.1.0
 */
export interface StickinessResult {
  /** Number of periods (intervals) in the range. */
  intervals: number;
  /** `exact[k - 1]`: users active in exactly k intervals of the range (PostHog stickiness). */
  exact: number[];
  /** `cumulative[k - 1]`: users active in k intervals or more. */
  cumulative: number[];
  /**
   * The power-user curves (Andrew Chen's L7, L28 and L30): `l7[k - 1]` users active on exactly k of
   * the last 7 days of the range, and so on.
   */
  powerUsers: { l7: number[]; l28: number[]; l30: number[] };
  /**
   * Users active on the last day of the range (DAU), in its last 7 days (WAU) and last 30 days
   * (MAU), and their ratios (0 when the denominator is 0).
   */
  actives: {
    dau: number;
    wau: number;
    mau: number;
    dauOverMau: number;
    dauOverWau: number;
    wauOverMau: number;
  };
}

/**
 * Measures how often users come back: users by the number of intervals (days, weeks, months) they
 * were active in a range, exact and cumulative (PostHog's stickiness insight), the power-user
 * curves L7 / L28 / L30 over the range's last days, and DAU, WAU, MAU with their ratios (days are
 * calendar days in `timeZone`; the last day is the one holding the range's end).
 *
 * @param events - Events or an `EventTable`; `event` selects the events that count as activity.
 * @param options - See {@link stickinessOptionsSchema}.
 * @returns The distributions and ratios; zeros for empty input.
 * @throws {@link OpsbookError} naming the bad row or option.
 * @category Stickiness
 * @since 0.1.0
 * @example
 * ```ts
 * import { stickiness } from "@opsbook/metrics";
 *
 * const day = (d: number) => Date.UTC(2026, 10, 2 + d, 12);
 * const events = [
 *   { userId: "ann", event: "visit", timestamp: day(0) },
 *   { userId: "ann", event: "visit", timestamp: day(1) },
 *   { userId: "ann", event: "visit", timestamp: day(2) },
 *   { userId: "bob", event: "visit", timestamp: day(2) },
 * ];
 * const result = stickiness(events);
 * result.exact //=> [1, 0, 1]
 * result.cumulative //=> [2, 1, 1]
 * result.actives.dauOverMau //=> 1
 * result.powerUsers.l7 //=> [1, 0, 1, 0, 0, 0, 0]
 * ```
 */
export function stickiness(events: EventsInput, options: StickinessOptions = {}): StickinessResult {
  const o = validate(stickinessOptionsSchema, options, { path: ["options"], label: "options" });
  const matchers = o.event === undefined ? undefined : Array.isArray(o.event) ? o.event : [o.event];
  const table = toTable(events, filterKeys(matchers ?? []));
  const range = periodRange(table, o.unit, o, o);
  const intervals = range?.length ?? 0;
  const exact = new Array<number>(intervals).fill(0);
  const empty = {
    intervals,
    exact,
    cumulative: [...exact],
    powerUsers: {
      l7: new Array(7).fill(0),
      l28: new Array(28).fill(0),
      l30: new Array(30).fill(0),
    },
    actives: { dau: 0, wau: 0, mau: 0, dauOverMau: 0, dauOverWau: 0, wauOverMau: 0 },
  };
  if (!range) return empty;
  const activity = activityByPeriod(table, matchers, range);
  for (let u = 0; u < table.userCount; u++) {
    const k = activity.offsets[u + 1]! - activity.offsets[u]!;
    if (k > 0) exact[k - 1]! += 1;
  }
  const cumulative = [...exact];
  for (let k = intervals - 2; k >= 0; k--) cumulative[k]! += cumulative[k + 1]!;

  // The last 30 calendar days of the range, for the power-user curves and DAU / WAU / MAU.
  const lastDay = startOfPeriod(range.end - 1, "day", o);
  const firstDay = startOfPeriod(lastDay - 29.5 * 86_400_000, "day", o);
  const days = new PeriodIndexer(firstDay, lastDay, "day", o);
  const daily = activityByPeriod(table, matchers, days);
  const D = days.length; // 30
  const l7 = new Array<number>(7).fill(0);
  const l28 = new Array<number>(28).fill(0);
  const l30 = new Array<number>(30).fill(0);
  let dau = 0;
  let wau = 0;
  let mau = 0;
  for (let u = 0; u < table.userCount; u++) {
    let in7 = 0;
    let in28 = 0;
    let in30 = 0;
    let last = false;
    for (let k = daily.offsets[u]!; k < daily.offsets[u + 1]!; k++) {
      const back = D - 1 - daily.periods[k]!; // 0 = last day
      if (back < 30) in30++;
      if (back < 28) in28++;
      if (back < 7) in7++;
      if (back === 0) last = true;
    }
    if (in7 > 0) l7[in7 - 1]! += 1;
    if (in28 > 0) l28[in28 - 1]! += 1;
    if (in30 > 0) l30[in30 - 1]! += 1;
    if (last) dau++;
    if (in7 > 0) wau++;
    if (in30 > 0) mau++;
  }
  return {
    intervals,
    exact,
    cumulative,
    powerUsers: { l7, l28, l30 },
    actives: {
      dau,
      wau,
      mau,
      dauOverMau: ratio(dau, mau),
      dauOverWau: ratio(dau, wau),
      wauOverMau: ratio(wau, mau),
    },
  };
}
