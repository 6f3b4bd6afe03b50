import { type EventTable, OpsbookError, periodKey, validate } from "@opsbook/core";
import type { z } from "zod";
import { PeriodIndexer } from "./internal/periodIndexer.ts";
import { type DurationSummary, FloatList, ratio, summarizeDurations } from "./internal/stats.ts";
import { compileMatchers, filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type FunnelDefinition, funnelDefinitionSchema } from "./schemas.ts";

type Definition = z.output<typeof funnelDefinitionSchema>;

/**
 * One step of a {@link FunnelResult}.
 *
 * @category Funnels
 * @since 0.1.0
 */
export interface FunnelStep {
  /** Position of the step, from 0. */
  index: number;
  /** Event name of the step. */
  event: string;
  /** Users who reached this step. */
  users: number;
  /** `users` ÷ users at step 0 (0 when nobody entered). */
  conversionFromStart: number;
  /** `users` ÷ users at the previous step (1 for step 0 when anyone entered). */
  conversionFromPrevious: number;
  /** Users who reached the previous step but not this one (0 for step 0). */
  dropOff: number;
  /** `dropOff` ÷ users at the previous step. */
  dropOffRate: number;
  /** Time from the previous step to this one, over users who reached it (empty for step 0). */
  timeToConvert: DurationSummary;
}

/**
 * One group of a funnel broken down by a property.
 *
 * @category Funnels
 * @since 0.1.0
 */
export interface FunnelBreakdownGroup {
  /** The attributed property value (`null` where the event lacks it). */
  value: string | number | boolean | null;
  /** The steps of this group's users. */
  steps: FunnelStep[];
}

/**
 * One entry period of a funnel's conversion trend.
 *
 * @category Funnels
 * @since 0.1.0
 */
export interface FunnelTrendPoint {
  /** Start of the period (epoch milliseconds). */
  period: number;
  /** Period key (`"2026-11-25"`, `"2026-W48"`, `"2026-11"`…). */
  key: string;
  /** Users whose counted chain entered the funnel in the period. */
  entered: number;
  /** Those of them who completed every step. */
  converted: number;
  /** `converted` ÷ `entered`. */
  conversion: number;
}

/**
 * Result of {@link funnel}.
 *
 * @category Funnels
 * @since 0.1.0
 */
export interface FunnelResult {
  /** Users who entered (did step 0), after exclusions. */
  entered: number;
  /** Users who completed every step. */
  converted: number;
  /** Users removed by an exclusion step (`exclusionMode: "remove-user"`). */
  excludedUsers: number;
  /** Per step: users, conversion, drop-off and time to convert. */
  steps: FunnelStep[];
  /** Time from step 0 to the last step, over converted users. */
  timeToConvert: DurationSummary;
  /** Per breakdown value, when `breakdown` is set; largest group first. */
  breakdown?: FunnelBreakdownGroup[];
  /** Per user, the number of steps reached (0…N), when `perUser` is set. */
  perUser?: { userIds: string[]; furthestStep: number[] };
  /** Conversion by entry period, when `trend` is set. */
  trend?: FunnelTrendPoint[];
}

/** Totals of one group (all users, or one breakdown value). */
class Tally {
  readonly reached: Float64Array;
  readonly stepTimes: FloatList[];
  readonly total = new FloatList();
  constructor(n: number) {
    this.reached = new Float64Array(n);
    this.stepTimes = Array.from({ length: n }, () => new FloatList());
  }
}

function stepsOf(def: Definition, tally: Tally): FunnelStep[] {
  const first = tally.reached[0]!;
  return def.steps.map((step, k) => {
    const users = tally.reached[k]!;
    const previous = k === 0 ? users : tally.reached[k - 1]!;
    return {
      index: k,
      event: step.event,
      users,
      conversionFromStart: ratio(users, first),
      conversionFromPrevious: ratio(users, previous),
      dropOff: previous - users,
      dropOffRate: ratio(previous - users, previous),
      timeToConvert: summarizeDurations(
        k === 0 ? new Float64Array(0) : tally.stepTimes[k]!.values(),
        def.histogramBins,
      ),
    };
  });
}

/** Per-user scan state, reused across users: the best chain found so far. */
interface Scan {
  level: number;
  times: Float64Array;
  rows: Int32Array;
  excluded: boolean;
}

/** What the per-user scans need besides the table. */
interface ScanContext {
  def: Definition;
  table: EventTable;
  rowMask: (row: number, code: number) => number;
  byCode: Uint32Array;
  filtered: number;
  within: Float64Array;
  exclusionBits: number;
  exclusionRanges: Int32Array;
  /** Receives each counted user's best chain (`scan`), when breakdown, trend or per-user is on. */
  hook: ((u: number, scan: Scan) => void) | undefined;
}

/**
 * Ordered and strict funnels over every user, in one function so that the hot loop stays tight:
 * for each step k, the live chain whose last reached step is k. For a first-step window the chain
 * with the latest start dominates (its deadline is later), for a previous-step window the one that
 * reached k last; so one chain per step suffices and the scan is linear in the events. Returns the
 * number of users removed by exclusions.
 */
function scanOrdered(ctx: ScanContext, tally: Tally, scan: Scan): number {
  const { def, table, rowMask, byCode, filtered, within, exclusionBits, exclusionRanges, hook } =
    ctx;
  const n = def.steps.length;
  const W = def.conversionWindow;
  const fromFirst = def.windowAnchor === "first-step";
  const firstEntry = def.entry === "first";
  const descending = def.oneStepPerEvent;
  const strict = def.order === "strict";
  const removeUser = def.exclusionMode === "remove-user";
  const exclusionCount = exclusionRanges.length / 2;
  const checkWithin = within.some((w) => w !== Number.POSITIVE_INFINITY);
  const events = table.events;
  const times = table.timestamps;
  const offsets = table.userOffsets;
  const stepMask = n === 32 ? -1 : (1 << n) - 1;
  const has = new Uint8Array(n);
  const frozen = new Uint8Array(n);
  const start = new Float64Array(n);
  const last = new Float64Array(n);
  const ct = new Float64Array(n * n);
  const cr = new Int32Array(n * n);
  const bestT = scan.times;
  const bestR = scan.rows;
  const levels = new Float64Array(n + 1);
  let excludedUsers = 0;
  for (let u = 0; u < table.userCount; u++) {
    const from = offsets[u]!;
    const to = offsets[u + 1]!;
    for (let k = 0; k < n; k++) {
      has[k] = 0;
      frozen[k] = 0;
    }
    let level = 0;
    let entered = false;
    let excluded = false;
    for (let i = from; i < to; i++) {
      const code = events[i]!;
      let m = byCode[code]!;
      if ((m & filtered) !== 0) m = rowMask(i, code);
      if (m === 0) {
        if (strict) for (let k = 0; k < n; k++) has[k] = 0;
        continue;
      }
      const t = times[i]!;
      if ((m & exclusionBits) !== 0) {
        for (let e = 0; e < exclusionCount; e++) {
          if ((m & (1 << (n + e))) === 0) continue;
          for (let k = exclusionRanges[2 * e]!; k < exclusionRanges[2 * e + 1]!; k++) {
            if (has[k] === 0 || frozen[k] === 1) continue;
            if ((fromFirst ? t - start[k]! : t - last[k]!) > W) continue;
            if (removeUser) excluded = true;
            else frozen[k] = 1;
          }
        }
        if (excluded) break;
      }
      let steps = m & stepMask;
      let advanced = 0;
      while (steps !== 0) {
        const k = descending ? 31 - Math.clz32(steps) : 31 - Math.clz32(steps & -steps);
        steps ^= 1 << k;
        if (k === 0) {
          if (firstEntry && entered) continue;
          entered = true;
          has[0] = 1;
          start[0] = t;
          last[0] = t;
          frozen[0] = 0;
          ct[0] = t;
          cr[0] = i;
          advanced |= 1;
          if (level === 0) {
            level = 1;
            bestT[0] = t;
            bestR[0] = i;
          }
          continue;
        }
        const p = k - 1;
        if (has[p] === 0 || frozen[p] === 1) continue;
        const s = start[p]!;
        if ((fromFirst ? t - s : t - last[p]!) > W) continue;
        if (checkWithin && t - last[p]! > within[k]!) continue;
        if (has[k] === 1 && frozen[k] === 0 && fromFirst && start[k]! >= s) continue;
        has[k] = 1;
        start[k] = s;
        last[k] = t;
        frozen[k] = 0;
        const base = k * n;
        const pb = p * n;
        for (let j = 0; j < k; j++) {
          ct[base + j] = ct[pb + j]!;
          cr[base + j] = cr[pb + j]!;
        }
        ct[base + k] = t;
        cr[base + k] = i;
        advanced |= 1 << k;
        if (k >= level) {
          level = k + 1;
          for (let j = 0; j <= k; j++) {
            bestT[j] = ct[base + j]!;
            bestR[j] = cr[base + j]!;
          }
        }
      }
      if (strict) for (let k = 0; k < n; k++) if ((advanced & (1 << k)) === 0) has[k] = 0;
    }
    if (excluded) {
      excludedUsers++;
      continue;
    }
    scan.level = level;
    if (hook) hook(u, scan);
    if (level === 0) continue;
    levels[level]! += 1;
    for (let k = 1; k < level; k++) tally.stepTimes[k]!.push(bestT[k]! - bestT[k - 1]!);
    if (level === n) tally.total.push(bestT[n - 1]! - bestT[0]!);
  }
  for (let k = n - 1, sum = 0; k >= 0; k--) {
    sum += levels[k + 1]!;
    tally.reached[k] = sum;
  }
  return excludedUsers;
}

/**
 * The common case on its own, two to three times faster: an ordered funnel whose steps are
 * distinct event names without filters, per-step windows or exclusions, one step per event. Each
 * event code maps to at most one step, so the loop needs no bit masks. Same results as
 * {@link scanOrdered} (tested against it).
 */
function scanSimple(ctx: ScanContext, stepOf: Int8Array, tally: Tally, scan: Scan): void {
  const { def, table, hook } = ctx;
  const n = def.steps.length;
  const W = def.conversionWindow;
  const fromFirst = def.windowAnchor === "first-step";
  const firstEntry = def.entry === "first";
  const events = table.events;
  const times = table.timestamps;
  const offsets = table.userOffsets;
  const has = new Uint8Array(n);
  const start = new Float64Array(n);
  const last = new Float64Array(n);
  const ct = new Float64Array(n * n);
  const cr = new Int32Array(n * n);
  const bestT = scan.times;
  const bestR = scan.rows;
  const levels = new Float64Array(n + 1);
  for (let u = 0; u < table.userCount; u++) {
    const to = offsets[u + 1]!;
    for (let k = 0; k < n; k++) has[k] = 0;
    let level = 0;
    let entered = false;
    for (let i = offsets[u]!; i < to; i++) {
      const k = stepOf[events[i]!]!;
      if (k < 0) continue;
      const t = times[i]!;
      if (k === 0) {
        if (firstEntry && entered) continue;
        entered = true;
        has[0] = 1;
        start[0] = t;
        last[0] = t;
        ct[0] = t;
        cr[0] = i;
        if (level === 0) {
          level = 1;
          bestT[0] = t;
          bestR[0] = i;
        }
        continue;
      }
      const p = k - 1;
      if (has[p] === 0) continue;
      const s = start[p]!;
      if ((fromFirst ? t - s : t - last[p]!) > W) continue;
      if (fromFirst && has[k] === 1 && start[k]! >= s) continue;
      has[k] = 1;
      start[k] = s;
      last[k] = t;
      const base = k * n;
      const pb = p * n;
      for (let j = 0; j < k; j++) {
        ct[base + j] = ct[pb + j]!;
        cr[base + j] = cr[pb + j]!;
      }
      ct[base + k] = t;
      cr[base + k] = i;
      if (k >= level) {
        level = k + 1;
        for (let j = 0; j <= k; j++) {
          bestT[j] = ct[base + j]!;
          bestR[j] = cr[base + j]!;
        }
      }
    }
    scan.level = level;
    if (hook) hook(u, scan);
    if (level === 0) continue;
    levels[level]! += 1;
    for (let k = 1; k < level; k++) tally.stepTimes[k]!.push(bestT[k]! - bestT[k - 1]!);
    if (level === n) tally.total.push(bestT[n - 1]! - bestT[0]!);
  }
  for (let k = n - 1, sum = 0; k >= 0; k--) {
    sum += levels[k + 1]!;
    tally.reached[k] = sum;
  }
}

/** The step of each event code for {@link scanSimple}, or `undefined` when it does not apply. */
function simpleSteps(def: Definition, table: EventTable): Int8Array | undefined {
  if (def.order !== "ordered" || !def.oneStepPerEvent || def.exclusions.length > 0)
    return undefined;
  const stepOf = new Int8Array(Math.max(1, table.eventNames.length)).fill(-1);
  for (let k = 0; k < def.steps.length; k++) {
    const step = def.steps[k]!;
    if (step.within !== undefined || Object.keys(step.where ?? {}).length > 0) return undefined;
    const code = table.eventCode(step.event);
    if (code < 0) continue;
    if (stepOf[code] !== -1) return undefined;
    stepOf[code] = k;
  }
  return stepOf;
}

/**
 * Unordered funnels (PostHog's "any order"): from each candidate anchor event, the number of
 * distinct steps done within the window after it; the user's level is the best anchor's count.
 */
function scanUnordered(
  ctx: ScanContext,
  from: number,
  to: number,
  scan: Scan,
  counts: Int32Array,
): void {
  const { def, table, rowMask, byCode, filtered, exclusionBits } = ctx;
  const n = def.steps.length;
  const W = def.conversionWindow;
  const all = (1 << n) - 1;
  const events = table.events;
  const times = table.timestamps;
  scan.level = 0;
  scan.excluded = false;
  const rows: number[] = [];
  const masks: number[] = [];
  for (let i = from; i < to; i++) {
    const code = events[i]!;
    let m = byCode[code]!;
    if ((m & filtered) !== 0) m = rowMask(i, code);
    if ((m & exclusionBits) !== 0 && def.exclusionMode === "remove-user" && rows.length > 0) {
      scan.excluded = true;
      return;
    }
    m &= all;
    if (m !== 0) {
      rows.push(i);
      masks.push(m);
    }
  }
  counts.fill(0);
  let distinct = 0;
  let right = 0;
  let bestAnchor = -1;
  for (let a = 0; a < rows.length; a++) {
    const ta = times[rows[a]!]!;
    while (right < rows.length && times[rows[right]!]! - ta <= W) {
      let m = masks[right]!;
      while (m !== 0) {
        const k = 31 - Math.clz32(m);
        m ^= 1 << k;
        if (counts[k]!++ === 0) distinct++;
      }
      right++;
    }
    if (distinct > scan.level) {
      scan.level = distinct;
      bestAnchor = a;
    }
    let m = masks[a]!;
    while (m !== 0) {
      const k = 31 - Math.clz32(m);
      m ^= 1 << k;
      if (--counts[k]! === 0) distinct--;
    }
    if (def.entry === "first") break;
  }
  if (bestAnchor < 0) return;
  // The steps of the best anchor's window in the order they were first done.
  const ta = times[rows[bestAnchor]!]!;
  let seen = 0;
  let reached = 0;
  for (let a = bestAnchor; a < rows.length && reached < scan.level; a++) {
    const row = rows[a]!;
    if (times[row]! - ta > W) break;
    const fresh = masks[a]! & ~seen;
    if (fresh === 0) continue;
    seen |= fresh;
    for (let m = fresh; m !== 0 && reached < scan.level; m &= m - 1) {
      scan.times[reached] = times[row]!;
      scan.rows[reached] = row;
      reached++;
    }
  }
}

/**
 * Computes a conversion funnel: how many users did step 1, then step 2 within the conversion
 * window, and so on, with conversion and drop-off per step, time to convert, an optional breakdown
 * by a property, each user's furthest step and the conversion trend by entry period. One linear
 * pass over each user's events.
 *
 * Semantics and the tool each default matches:
 * - `order`: `"ordered"` (default; other events may come between steps — PostHog, Mixpanel,
 *   ClickHouse), `"strict"` (each step must be the user's very next event after the previous
 *   step: any other event in between breaks the chain — PostHog's strict order), `"unordered"`
 *   (steps in any order within the window from the first matching event — PostHog's unordered).
 * - `conversionWindow` (default 14 days, PostHog's default; Mixpanel's is 7 days in the current
 *   product, 30 days formerly) is inclusive: a step exactly `conversionWindow` after the anchor counts.
 * - `windowAnchor`: `"first-step"` (default; PostHog, Mixpanel, ClickHouse `windowFunnel`) or
 *   `"previous-step"` (each step within the window of the step before — GrowthBook).
 * - `entry`: `"any"` (default; every step-1 event may start a chain and the furthest chain counts —
 *   PostHog) or `"first"` (only the user's first step-1 event starts the funnel — Mixpanel's uniques).
 * - `oneStepPerEvent` (default `true`, PostHog): one event advances at most one step, so a funnel
 *   `view → view` needs two views; `false` lets one event fill consecutive steps (ClickHouse).
 * - `exclusions` with `exclusionMode`: `"remove-user"` (default; a user who does the excluded event
 *   between steps `from` and `to` of a live chain is removed from the whole funnel — PostHog) or
 *   `"drop-at-step"` (that chain stops at the step reached — Mixpanel).
 * - `steps[k].within`: an extra limit on the time from step k−1 to step k.
 * - Equal timestamps: events are taken in table order (time, then input order), and a step may
 *   happen at the same millisecond as the previous step.
 * - `breakdown.attribution`: the property value on the chain's entry event (`"first-touch"`), on
 *   its furthest step (`"last-touch"`), or on step N (`{ step: N }`; users who did not reach it
 *   fall in `null`).
 *
 * Duplicate events change nothing (users are counted once), unsorted input is sorted, and empty
 * input gives zeros.
 *
 * @param events - Events (array or iterable of event objects) or a prebuilt `EventTable` (which
 *   must hold the property columns the filters and breakdown read).
 * @param definition - Steps and options; see {@link funnelDefinitionSchema}.
 * @returns Per-step counts, conversion, drop-off and time to convert.
 * @throws {@link OpsbookError} naming the bad row (`events[3].timestamp`) or field
 *   (`definition.conversionWindow`).
 * @category Funnels
 * @since 0.1.0
 * @example
 * ```ts
 * import { funnel } from "@opsbook/metrics";
 *
 * const events = [
 *   { userId: "ann", event: "signup", timestamp: "2026-11-02T09:00:00Z" },
 *   { userId: "ann", event: "project", timestamp: "2026-11-02T09:30:00Z" },
 *   { userId: "ann", event: "invite", timestamp: "2026-11-03T09:00:00Z" },
 *   { userId: "bob", event: "signup", timestamp: "2026-11-02T10:00:00Z" },
 *   { userId: "bob", event: "project", timestamp: "2026-11-20T10:00:00Z" },
 * ];
 * const result = funnel(events, {
 *   steps: [{ event: "signup" }, { event: "project" }, { event: "invite" }],
 *   conversionWindow: "P7D",
 * });
 * result.steps.map((s) => s.users) //=> [2, 1, 1]
 * result.steps[1].conversionFromPrevious //=> 0.5
 * result.steps[1].timeToConvert.median //=> 1800000
 * result.converted //=> 1
 * ```
 */
export function funnel(events: EventsInput, definition: FunnelDefinition): FunnelResult {
  const def = validate(funnelDefinitionSchema, definition, {
    path: ["definition"],
    label: "definition",
  });
  const n = def.steps.length;
  if (n + def.exclusions.length > 32) {
    throw new OpsbookError(
      "out_of_range",
      `definition.exclusions: expected at most ${32 - n} exclusions with ${n} steps, received ${def.exclusions.length}`,
      ["definition", "exclusions"],
    );
  }
  const exclusionRanges = new Int32Array(def.exclusions.length * 2);
  def.exclusions.forEach((ex, e) => {
    const lo = ex.from ?? 0;
    const hi = ex.to ?? n - 1;
    if (lo >= hi || hi > n - 1) {
      throw new OpsbookError(
        "out_of_range",
        `definition.exclusions[${e}]: expected 0 ≤ from < to ≤ ${n - 1}, received from ${lo}, to ${hi}`,
        ["definition", "exclusions", e],
      );
    }
    exclusionRanges[2 * e] = lo;
    exclusionRanges[2 * e + 1] = hi;
  });
  if (def.breakdown && typeof def.breakdown.attribution === "object") {
    const step = def.breakdown.attribution.step;
    if (step >= n) {
      throw new OpsbookError(
        "out_of_range",
        `definition.breakdown.attribution.step: expected step index < ${n}, received ${step}`,
        ["definition", "breakdown", "attribution", "step"],
      );
    }
  }
  const keys = filterKeys([...def.steps, ...def.exclusions]);
  if (def.breakdown && !keys.includes(def.breakdown.property)) keys.push(def.breakdown.property);
  const table = toTable(events, keys);
  const { byCode, filtered, rowMask } = compileMatchers(table, [...def.steps, ...def.exclusions]);
  const exclusionBits =
    def.exclusions.length === 0 ? 0 : (((1 << def.exclusions.length) - 1) << n) | 0;
  const within = Float64Array.from(def.steps, (s) => s.within ?? Number.POSITIVE_INFINITY);

  const overall = new Tally(n);
  const groups = new Map<unknown, Tally>();
  const breakdownColumn = def.breakdown ? table.property(def.breakdown.property)! : undefined;
  const attribution = def.breakdown?.attribution;
  const furthest = def.perUser ? new Array<number>(table.userCount).fill(0) : undefined;
  let trendIndexer: PeriodIndexer | undefined;
  let trendEntered: Float64Array | undefined;
  let trendConverted: Float64Array | undefined;
  if (def.trend && table.length > 0) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const t of table.timestamps) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    trendIndexer = new PeriodIndexer(min, max, def.trend.unit, def.trend);
    trendEntered = new Float64Array(trendIndexer.length);
    trendConverted = new Float64Array(trendIndexer.length);
  }

  const scan: Scan = {
    level: 0,
    times: new Float64Array(n),
    rows: new Int32Array(n),
    excluded: false,
  };
  const hook =
    breakdownColumn || furthest || trendIndexer
      ? (u: number, s: Scan): void => {
          const level = s.level;
          if (furthest) furthest[u] = level;
          if (level === 0) return;
          if (breakdownColumn) {
            const step =
              attribution === "first-touch"
                ? 0
                : attribution === "last-touch"
                  ? level - 1
                  : (attribution as { step: number }).step;
            const raw = step < level ? breakdownColumn[s.rows[step]!] : null;
            const value =
              raw === undefined || raw === null
                ? null
                : typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean"
                  ? raw
                  : JSON.stringify(raw);
            let tally = groups.get(value);
            if (!tally) {
              tally = new Tally(n);
              groups.set(value, tally);
            }
            record(tally, s);
          }
          if (trendIndexer && trendEntered && trendConverted) {
            const p = trendIndexer.index(s.times[0]!);
            trendEntered[p]! += 1;
            if (level === n) trendConverted[p]! += 1;
          }
        }
      : undefined;
  const ctx: ScanContext = {
    def,
    table,
    rowMask,
    byCode,
    filtered,
    within,
    exclusionBits,
    exclusionRanges,
    hook,
  };
  let excludedUsers = 0;
  if (def.order === "unordered") {
    const counts = new Int32Array(n);
    const offsets = table.userOffsets;
    for (let u = 0; u < table.userCount; u++) {
      scanUnordered(ctx, offsets[u]!, offsets[u + 1]!, scan, counts);
      if (scan.excluded) {
        excludedUsers++;
        continue;
      }
      hook?.(u, scan);
      if (scan.level > 0) record(overall, scan);
    }
  } else {
    const stepOf = simpleSteps(def, table);
    if (stepOf) scanSimple(ctx, stepOf, overall, scan);
    else excludedUsers = scanOrdered(ctx, overall, scan);
  }

  const result: FunnelResult = {
    entered: overall.reached[0]!,
    converted: overall.reached[n - 1]!,
    excludedUsers,
    steps: stepsOf(def, overall),
    timeToConvert: summarizeDurations(overall.total.values(), def.histogramBins),
  };
  if (def.breakdown) {
    result.breakdown = [...groups.entries()]
      .map(([value, tally]) => ({
        value: value as FunnelBreakdownGroup["value"],
        steps: stepsOf(def, tally),
      }))
      .sort(
        (a, b) =>
          b.steps[0]!.users - a.steps[0]!.users || String(a.value).localeCompare(String(b.value)),
      );
  }
  if (furthest) result.perUser = { userIds: table.userIds.slice(), furthestStep: furthest };
  if (def.trend) {
    const trend = def.trend;
    result.trend = (trendIndexer?.starts ?? []).map((period, p) => ({
      period,
      key: periodKey(period, trend.unit, trend),
      entered: trendEntered![p]!,
      converted: trendConverted![p]!,
      conversion: ratio(trendConverted![p]!, trendEntered![p]!),
    }));
  }
  return result;

  function record(tally: Tally, s: Scan): void {
    const level = s.level;
    for (let k = 0; k < level; k++) tally.reached[k]! += 1;
    for (let k = 1; k < level; k++) tally.stepTimes[k]!.push(s.times[k]! - s.times[k - 1]!);
    if (level === n) tally.total.push(s.times[n - 1]! - s.times[0]!);
  }
}
