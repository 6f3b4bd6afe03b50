import { addPeriods, periodKey, toEpochMs, validate } from "@opsbook/core";
import { activityByPeriod } from "./internal/activity.ts";
import { PeriodIndexer } from "./internal/periodIndexer.ts";
import { periodRange } from "./internal/range.ts";
import { filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import {
  type GrowthAccountingOptions,
  growthAccountingOptionsSchema,
  type RevenueRow,
  revenueRowSchema,
} from "./schemas.ts";

/**
 * One period of {@link growthAccounting}.
 *
 * @category Growth accounting
 * @since 0.1.0
 */
export interface GrowthAccountingPeriod {
  /** Start of the period (epoch milliseconds). */
  period: number;
  /** Period key. */
  key: string;
  /** Active users. */
  active: number;
  /** Active for the first time ever. */
  new: number;
  /** Active in this period and the previous one. */
  retained: number;
  /** Active, not in the previous period, active at some earlier time. */
  resurrected: number;
  /** Active in the previous period but not in this one (a positive count). */
  churned: number;
  /** (new + resurrected) ÷ churned; `null` when nobody churned. */
  quickRatio: number | null;
}

/**
 * Social Capital's growth accounting of active users (Jonathan Hsu, "Diligence at Social
 * Capital, Part 1: Accounting for User Growth", 2015): each period's active users are new,
 * retained or resurrected, and last period's actives who did not come back churned, so that
 * `active[t] − active[t−1] = new + resurrected − churned`; the quick ratio is
 * `(new + resurrected) ÷ churned`. "New" is the period of the user's first matching event ever
 * (activity before `from` counts); the period before `from` is read so the first row is complete.
 *
 * @param activity - Events or an `EventTable`; `event` selects the events that count as activity.
 * @param options - See {@link growthAccountingOptionsSchema} (default unit: month).
 * @returns One row per period.
 * @throws {@link OpsbookError} naming the bad row or option.
 * @category Growth accounting
 * @since 0.1.0
 * @example
 * ```ts
 * import { growthAccounting } from "@opsbook/metrics";
 *
 * const events = [
 *   { userId: "ann", event: "use", timestamp: "2026-01-10" },
 *   { userId: "bob", event: "use", timestamp: "2026-01-12" },
 *   { userId: "ann", event: "use", timestamp: "2026-02-03" },
 *   { userId: "cai", event: "use", timestamp: "2026-02-09" },
 *   { userId: "bob", event: "use", timestamp: "2026-03-01" },
 * ];
 * growthAccounting(events).map((p) => [p.key, p.active, p.new, p.retained, p.resurrected, p.churned])
 * //=> [["2026-01", 2, 2, 0, 0, 0], ["2026-02", 2, 1, 1, 0, 1], ["2026-03", 1, 0, 0, 1, 2]]
 * growthAccounting(events)[1].quickRatio //=> 1
 * ```
 */
export function growthAccounting(
  activity: EventsInput,
  options: GrowthAccountingOptions = {},
): GrowthAccountingPeriod[] {
  const o = validate(growthAccountingOptionsSchema, options, {
    path: ["options"],
    label: "options",
  });
  const matchers = o.event === undefined ? undefined : Array.isArray(o.event) ? o.event : [o.event];
  const table = toTable(activity, filterKeys(matchers ?? []));
  const shown = periodRange(table, o.unit, o, o);
  if (!shown) return [];
  const range = new PeriodIndexer(
    addPeriods(shown.starts[0]!, o.unit, -1, o),
    shown.end - 1,
    o.unit,
    o,
  );
  const P = range.length;
  const act = activityByPeriod(table, matchers, range);
  const active = new Float64Array(P);
  const fresh = new Float64Array(P);
  const retained = new Float64Array(P);
  const resurrected = new Float64Array(P);
  const churned = new Float64Array(P);
  for (let u = 0; u < table.userCount; u++) {
    const first = act.firstSeen[u]!;
    const firstPeriod = first < range.base ? -1 : range.index(first);
    let previous = -2;
    for (let k = act.offsets[u]!; k < act.offsets[u + 1]!; k++) {
      const p = act.periods[k]!;
      active[p]! += 1;
      if (p === firstPeriod) fresh[p]! += 1;
      else if (p === previous + 1) retained[p]! += 1;
      else resurrected[p]! += 1;
      if (previous >= 0 && p !== previous + 1) churned[previous + 1]! += 1;
      previous = p;
    }
    if (previous >= 0 && previous + 1 < P) churned[previous + 1]! += 1;
  }
  return range.starts.slice(1).map((period, i) => {
    const p = i + 1;
    return {
      period,
      key: periodKey(period, o.unit, o),
      active: active[p]!,
      new: fresh[p]!,
      retained: retained[p]!,
      resurrected: resurrected[p]!,
      churned: churned[p]!,
      quickRatio: churned[p]! === 0 ? null : (fresh[p]! + resurrected[p]!) / churned[p]!,
    };
  });
}

/**
 * One period of {@link revenueAccounting}; amounts in integer minor units.
 *
 * @category Growth accounting
 * @since 0.1.0
 */
export interface RevenueAccountingPeriod {
  /** Start of the period (epoch milliseconds). */
  period: number;
  /** Period key. */
  key: string;
  /** Revenue of the period. */
  revenue: number;
  /** From users paying for the first time. */
  new: number;
  /** Increase from users who paid last period and pay more now. */
  expansion: number;
  /** From users who paid before, not last period. */
  resurrected: number;
  /** Decrease from users who paid last period and pay less, but something, now. */
  contraction: number;
  /** Last period's revenue of users who pay nothing now. */
  churned: number;
  /** Revenue kept from last period: the smaller of the two amounts of users paying in both. */
  retained: number;
  /** (new + expansion + resurrected) ÷ (contraction + churned); `null` when that is 0. */
  quickRatio: number | null;
}

/**
 * Social Capital's growth accounting of revenue (Jonathan Hsu, "Diligence at Social Capital,
 * Part 2: Accounting for Revenue Growth", 2015): each period's change in revenue (for example
 * MRR) splits into new, expansion and resurrected revenue against contraction and churned revenue,
 * so that `revenue[t] − revenue[t−1] = new + expansion + resurrected − contraction − churned`.
 * Rows of one user in one period add up; the period before `from` is read.
 *
 * @param rows - `{ userId, timestamp, amount }` with `amount` in integer minor units.
 * @param options - `unit` (default month), `timeZone`, `weekStartsOn`, `from`, `to`.
 * @returns One row per period.
 * @throws {@link OpsbookError} naming the bad row (`rows[2].amount`) or option.
 * @category Growth accounting
 * @since 0.1.0
 * @example
 * ```ts
 * import { revenueAccounting } from "@opsbook/metrics";
 *
 * const rows = [
 *   { userId: "ann", timestamp: "2026-01-05", amount: 1000 },
 *   { userId: "bob", timestamp: "2026-01-05", amount: 500 },
 *   { userId: "ann", timestamp: "2026-02-05", amount: 3000 },
 *   { userId: "cai", timestamp: "2026-02-05", amount: 200 },
 * ];
 * const [, feb] = revenueAccounting(rows);
 * [feb.revenue, feb.new, feb.expansion, feb.churned, feb.quickRatio] //=> [3200, 200, 2000, 500, 4.4]
 * ```
 */
export function revenueAccounting(
  rows: RevenueRow[],
  options: Omit<GrowthAccountingOptions, "event"> = {},
): RevenueAccountingPeriod[] {
  const o = validate(growthAccountingOptionsSchema, options, {
    path: ["options"],
    label: "options",
  });
  const parsed = validate(revenueRowSchema.array(), rows, { path: ["rows"], label: "rows" });
  const events = parsed.map((r, i) => ({
    userId: r.userId,
    event: "revenue",
    timestamp: toEpochMs(r.timestamp, ["rows", i, "timestamp"]),
  }));
  const table = toTable(events);
  const shown = periodRange(table, o.unit, o, o);
  if (!shown) return [];
  const range = new PeriodIndexer(
    addPeriods(shown.starts[0]!, o.unit, -1, o),
    shown.end - 1,
    o.unit,
    o,
  );
  const P = range.length;
  const amounts = new Map<string, Map<number, number>>();
  const first = new Map<string, number>();
  parsed.forEach((r, i) => {
    const t = events[i]!.timestamp;
    if (!first.has(r.userId) || t < first.get(r.userId)!) first.set(r.userId, t);
    const p = range.index(t);
    if (p < 0) return;
    let byPeriod = amounts.get(r.userId);
    if (!byPeriod) amounts.set(r.userId, (byPeriod = new Map()));
    byPeriod.set(p, (byPeriod.get(p) ?? 0) + r.amount);
  });
  const sums = Array.from({ length: P }, () => ({
    revenue: 0,
    new: 0,
    expansion: 0,
    resurrected: 0,
    contraction: 0,
    churned: 0,
    retained: 0,
  }));
  for (const [user, byPeriod] of amounts) {
    const f = first.get(user)!;
    const firstPeriod = f < range.base ? -1 : range.index(f);
    let paidBefore = firstPeriod < 0;
    for (let p = 0; p < P; p++) {
      const now = byPeriod.get(p) ?? 0;
      const before = p > 0 ? (byPeriod.get(p - 1) ?? 0) : 0;
      const s = sums[p]!;
      s.revenue += now;
      if (p > 0) {
        if (now > 0 && before === 0) {
          if (paidBefore) s.resurrected += now;
          else s.new += now;
        } else if (now > 0 && before > 0) {
          s.retained += Math.min(now, before);
          if (now > before) s.expansion += now - before;
          else s.contraction += before - now;
        } else if (now === 0 && before > 0) s.churned += before;
      }
      if (now > 0) paidBefore = true;
    }
  }
  return range.starts.slice(1).map((period, i) => {
    const s = sums[i + 1]!;
    const down = s.contraction + s.churned;
    return {
      period,
      key: periodKey(period, o.unit, o),
      ...s,
      quickRatio: down === 0 ? null : (s.new + s.expansion + s.resurrected) / down,
    };
  });
}
