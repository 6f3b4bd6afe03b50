import {
  addPeriods,
  OpsbookError,
  startOfPeriod,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { addStep, type CalendarStep, calendarStep } from "./internal/zoneClock.ts";
import { type TierConfigInput, tierConfigSchema } from "./schemas.ts";

/**
 * A member's activity for tier qualification: points earned (negative for spent or reversed
 * points) and/or spend (in any unit, for `lifetime-spend`).
 *
 * @category Tiers
 * @since 0.1.0
 */
export interface TierActivity {
  timestamp: TimestampInput;
  points?: number;
  spend?: number;
}

/**
 * A manual tier assignment: a floor from `from` until `until` (exclusive; open-ended if absent).
 *
 * @category Tiers
 * @since 0.1.0
 */
export interface TierOverride {
  tier: string;
  from: TimestampInput;
  until?: TimestampInput;
}

/**
 * Options of {@link tierTimeline}.
 *
 * @category Tiers
 * @since 0.1.0
 */
export interface TierTimelineOptions {
  /** When the member joined (anchor of anniversary windows); default the first activity. */
  joinedAt?: TimestampInput;
  /** End of the timeline: activity, window ends and grace periods after it are ignored; default the last activity. */
  until?: TimestampInput;
  overrides?: readonly TierOverride[];
}

/**
 * A span of the timeline: the member's tier from `from` until `until` (`null`: still current).
 *
 * @category Tiers
 * @since 0.1.0
 */
export interface TierSpan {
  tier: string;
  from: number;
  until: number | null;
  reason: "joined" | "qualified" | "downgraded" | "override" | "override-ended";
}

type Step =
  | { at: number; order: number; kind: "window-end" }
  | { at: number; order: number; kind: "drop"; points: number }
  | { at: number; order: number; kind: "activity"; points: number; spend: number }
  | { at: number; order: number; kind: "override" };

const scaled = (s: CalendarStep, k: number): CalendarStep => ({
  months: s.months * k,
  days: s.days * k,
  ms: s.ms * k,
});

/**
 * A member's tier timeline. Qualification `basis`: current `balance` (Voucherify's balance-based
 * tiers: up and down in real time), `points-in-period` (a `calendar`, `anniversary` or `rolling`
 * window), `lifetime-points` or `lifetime-spend`. Upgrades take effect at once. Downgrades happen
 * in real time for balance, lifetime and rolling bases, and at the end of each window for calendar
 * and anniversary windows, where the points of the ended window decide the next tier (Open
 * Loyalty's periodic downgrade). `downgrade: "recompute"` moves to the tier the points qualify
 * for; `"one-step"` one tier down at a time. A `gracePeriod` delays a downgrade, cancelled if the
 * member requalifies meanwhile. Overrides are floors: the member never sits below them while they
 * last.
 *
 * @param config - Tier configuration (validated).
 * @param activity - The member's activity, any order.
 * @param options - `joinedAt`, `until`, `overrides`.
 * @returns Spans in time order, consecutive, the last open-ended.
 * @category Tiers
 * @since 0.1.0
 * @example
 * ```ts
 * import { tierTimeline } from "@opsbook/growth";
 *
 * const config = {
 *   basis: "balance",
 *   tiers: [{ id: "basic", threshold: 0 }, { id: "silver", threshold: 100 }, { id: "gold", threshold: 500 }],
 * } as const;
 * tierTimeline(config, [
 *   { timestamp: "2023-01-10", points: 100 },
 *   { timestamp: "2023-02-15", points: -50 },
 *   { timestamp: "2023-02-25", points: 500 },
 * ], { joinedAt: "2023-01-01" }).map((span) => `${span.tier} ${span.reason}`)
 * //=> ["basic joined", "silver qualified", "basic downgraded", "gold qualified"]
 * ```
 */
export function tierTimeline(
  config: TierConfigInput,
  activity: readonly TierActivity[],
  options: TierTimelineOptions = {},
): TierSpan[] {
  const c = validate(tierConfigSchema, config, { path: ["config"], label: "tier configuration" });
  if (c.basis === "points-in-period" && c.window === undefined) {
    throw new OpsbookError("invalid_input", "config.window: required for points-in-period", [
      "config",
      "window",
    ]);
  }
  const zone = c.timeZone;
  const index = new Map(c.tiers.map((t, i) => [t.id, i]));
  const tierFor = (metric: number) => {
    let q = 0;
    for (let i = 0; i < c.tiers.length; i++) if ((c.tiers[i]?.threshold as number) <= metric) q = i;
    return q;
  };
  const steps: Step[] = [];
  activity.forEach((a, i) => {
    const at = toEpochMs(a.timestamp, ["activity", i, "timestamp"]);
    const points = a.points ?? 0;
    const spend = a.spend ?? 0;
    if (!Number.isFinite(points) || !Number.isFinite(spend)) {
      throw new OpsbookError(
        "invalid_input",
        `activity[${i}]: points and spend must be finite numbers`,
        ["activity", i],
      );
    }
    steps.push({ at, order: 2, kind: "activity", points, spend });
    if (c.basis === "points-in-period" && c.window?.type === "rolling" && points !== 0) {
      steps.push({
        at: addStep(at, calendarStep(c.window.duration), zone),
        order: 1,
        kind: "drop",
        points,
      });
    }
  });
  const firstActivity = steps.reduce((min, s) => Math.min(min, s.at), Number.POSITIVE_INFINITY);
  const joinedAt =
    options.joinedAt !== undefined
      ? toEpochMs(options.joinedAt, ["options", "joinedAt"])
      : firstActivity;
  if (!Number.isFinite(joinedAt)) {
    throw new OpsbookError(
      "invalid_input",
      "options.joinedAt: required when there is no activity",
      ["options", "joinedAt"],
    );
  }
  const lastActivity = steps.reduce(
    (max, s) => (s.kind === "activity" ? Math.max(max, s.at) : max),
    joinedAt,
  );
  const until =
    options.until !== undefined ? toEpochMs(options.until, ["options", "until"]) : lastActivity;
  const overrides = (options.overrides ?? []).map((o, i) => {
    const tier = index.get(o.tier);
    if (tier === undefined)
      throw new OpsbookError("not_found", `options.overrides[${i}].tier: no tier "${o.tier}"`, [
        "options",
        "overrides",
        i,
        "tier",
      ]);
    const from = toEpochMs(o.from, ["options", "overrides", i, "from"]);
    const to =
      o.until === undefined
        ? Number.POSITIVE_INFINITY
        : toEpochMs(o.until, ["options", "overrides", i, "until"]);
    steps.push({ at: from, order: 3, kind: "override" });
    if (Number.isFinite(to)) steps.push({ at: to, order: 3, kind: "override" });
    return { tier, from, to };
  });
  if (c.basis === "points-in-period" && c.window?.type === "calendar") {
    const unit = c.window.unit;
    for (
      let b = addPeriods(startOfPeriod(joinedAt, unit, { timeZone: zone }), unit, 1, {
        timeZone: zone,
      });
      b <= until;
      b = addPeriods(b, unit, 1, { timeZone: zone })
    ) {
      steps.push({ at: b, order: 0, kind: "window-end" });
    }
  } else if (c.basis === "points-in-period" && c.window?.type === "anniversary") {
    const s = calendarStep(c.window.duration);
    for (
      let k = 1, b = addStep(joinedAt, s, zone);
      b <= until;
      k++, b = addStep(joinedAt, scaled(s, k), zone)
    ) {
      steps.push({ at: b, order: 0, kind: "window-end" });
    }
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order);

  const grace = c.gracePeriod ? calendarStep(c.gracePeriod) : undefined;
  const windowed = c.basis === "points-in-period" && c.window?.type !== "rolling";
  let earned = 0;
  const box: { pending: { target: number; at: number } | null } = { pending: null };
  let balance = 0;
  let lifetime = 0;
  let spend = 0;
  let windowPoints = 0;
  const spans: TierSpan[] = [];
  const floorAt = (t: number) =>
    overrides.reduce((max, o) => (o.from <= t && t < o.to ? Math.max(max, o.tier) : max), 0);
  let effective = Math.max(earned, floorAt(joinedAt));
  spans.push({
    tier: c.tiers[effective]?.id as string,
    from: joinedAt,
    until: null,
    reason: "joined",
  });
  const record = (t: number, reason: TierSpan["reason"]) => {
    const next = Math.max(earned, floorAt(t));
    if (next === effective) return;
    const last = spans[spans.length - 1] as TierSpan;
    const why = reason === "override" && next < effective ? "override-ended" : reason;
    if (last.from === t) {
      last.tier = c.tiers[next]?.id as string;
      last.reason = why;
    } else {
      last.until = t;
      spans.push({ tier: c.tiers[next]?.id as string, from: t, until: null, reason: why });
    }
    effective = next;
  };
  const downgradeTo = (t: number, q: number) => {
    const target = c.downgrade === "one-step" ? Math.max(q, earned - 1) : q;
    if (grace === undefined) {
      earned = target;
      record(t, "downgraded");
    } else if (box.pending === null) box.pending = { target, at: addStep(t, grace, zone) };
    else box.pending.target = Math.min(box.pending.target, target);
  };
  const flushPending = (t: number) => {
    if (box.pending !== null && box.pending.at <= t) {
      const { at, target } = box.pending;
      box.pending = null;
      earned = target;
      record(at, "downgraded");
    }
  };
  const metric = () =>
    c.basis === "balance"
      ? balance
      : c.basis === "lifetime-points"
        ? lifetime
        : c.basis === "lifetime-spend"
          ? spend
          : Math.max(0, windowPoints);

  for (const step of steps) {
    if (step.at < joinedAt) continue;
    if (step.at > until) break;
    flushPending(step.at);
    if (step.kind === "window-end") {
      const q = tierFor(Math.max(0, windowPoints));
      windowPoints = 0;
      if (q < earned) downgradeTo(step.at, q);
      continue;
    }
    if (step.kind === "override") {
      record(step.at, "override");
      continue;
    }
    if (step.kind === "drop") windowPoints -= step.points;
    else {
      balance += step.points;
      lifetime += Math.max(0, step.points);
      spend += step.spend;
      windowPoints += step.points;
    }
    const q = tierFor(metric());
    if (q > earned) {
      earned = q;
      box.pending = null;
      record(step.at, "qualified");
    } else if (q === earned) box.pending = null;
    else if (!windowed) downgradeTo(step.at, q);
    else if (box.pending !== null && q >= box.pending.target) box.pending.target = q;
  }
  flushPending(until);
  return spans;
}
