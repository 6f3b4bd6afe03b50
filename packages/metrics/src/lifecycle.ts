import { addPeriods, periodKey, toEpochMs, validate } from "@opsbook/core";
import { activityByPeriod } from "./internal/activity.ts";
import { PeriodIndexer } from "./internal/periodIndexer.ts";
import { periodRange } from "./internal/range.ts";
import { filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type LifecycleOptions, lifecycleOptionsSchema } from "./schemas.ts";

/**
 * One period of a {@link lifecycle} result.
 *
 * @category Lifecycle
 * @since 0.1.0
 */
export interface LifecyclePeriod {
  /** Start of the period (epoch milliseconds). */
  period: number;
  /** Period key. */
  key: string;
  /** Active users whose "new" period this is. */
  new: number;
  /** Active users who were also active in the previous period. */
  returning: number;
  /** Active users who were not active in the previous period and are not new. */
  resurrecting: number;
  /** Users active in the previous period but not in this one, as a negative number (as charted). */
  dormant: number;
}

/**
 * Splits each period's users into PostHog's lifecycle statuses: new, returning, resurrecting and
 * dormant (negative, so that the bars stack below the axis).
 *
 * `newUserRule` says when a user is new: `"first-activity"` (default; the period of their first
 * matching event ever, also before the range — Amplitude, Mixpanel) or `"creation"` (the period of
 * `createdAt` given in `users` — PostHog keys "new" on the person's creation; users missing from
 * `users` fall back to their first activity). A user created earlier whose first activity comes
 * later is resurrecting then, as in PostHog. The period before `from` is read to classify the first
 * period.
 *
 * @param events - Events or an `EventTable`; `event` selects the events that count as activity.
 * @param options - See {@link lifecycleOptionsSchema}.
 * @returns One row per period of the range.
 * @throws {@link OpsbookError} naming the bad row or option.
 * @category Lifecycle
 * @since 0.1.0
 * @example
 * ```ts
 * import { lifecycle } from "@opsbook/metrics";
 *
 * const day = (d: number) => Date.UTC(2026, 10, 2 + d, 12);
 * const events = [
 *   { userId: "ann", event: "visit", timestamp: day(0) },
 *   { userId: "ann", event: "visit", timestamp: day(1) },
 *   { userId: "bob", event: "visit", timestamp: day(0) },
 *   { userId: "bob", event: "visit", timestamp: day(2) },
 * ];
 * lifecycle(events).map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant])
 * //=> [["2026-11-02", 2, 0, 0, 0], ["2026-11-03", 0, 1, 0, -1], ["2026-11-04", 0, 0, 1, -1]]
 * ```
 */
export function lifecycle(events: EventsInput, options: LifecycleOptions = {}): LifecyclePeriod[] {
  const o = validate(lifecycleOptionsSchema, options, { path: ["options"], label: "options" });
  const matchers = o.event === undefined ? undefined : Array.isArray(o.event) ? o.event : [o.event];
  const table = toTable(events, filterKeys(matchers ?? []));
  const shown = periodRange(table, o.unit, o, o);
  if (!shown) return [];
  // One extra period before the range, to classify its first period.
  const before = addPeriods(shown.starts[0]!, o.unit, -1, o);
  const range = new PeriodIndexer(before, shown.end - 1, o.unit, o);
  const P = range.length;
  const activity = activityByPeriod(table, matchers, range);
  const created = new Map<string, number>();
  if (o.newUserRule === "creation") {
    o.users?.forEach((user, i) => {
      created.set(user.userId, toEpochMs(user.createdAt, ["options", "users", i, "createdAt"]));
    });
  }
  const counts = {
    new: new Float64Array(P),
    returning: new Float64Array(P),
    resurrecting: new Float64Array(P),
    dormant: new Float64Array(P),
  };
  for (let u = 0; u < table.userCount; u++) {
    const from = activity.offsets[u]!;
    const to = activity.offsets[u + 1]!;
    if (from === to) continue;
    const anchor = created.get(table.userIds[u]!) ?? activity.firstSeen[u]!;
    const newPeriod = anchor < range.base ? -1 : range.index(anchor);
    let previous = -2;
    for (let k = from; k < to; k++) {
      const p = activity.periods[k]!;
      if (p === newPeriod) counts.new[p]! += 1;
      else if (p === previous + 1) counts.returning[p]! += 1;
      else counts.resurrecting[p]! += 1;
      if (previous >= 0 && p !== previous + 1) counts.dormant[previous + 1]! += 1;
      previous = p;
    }
    if (previous + 1 < P) counts.dormant[previous + 1]! += 1;
  }
  return range.starts.slice(1).map((period, i) => ({
    period,
    key: periodKey(period, o.unit, o),
    new: counts.new[i + 1]!,
    returning: counts.returning[i + 1]!,
    resurrecting: counts.resurrecting[i + 1]!,
    dormant: counts.dormant[i + 1]! === 0 ? 0 : -counts.dormant[i + 1]!,
  }));
}
