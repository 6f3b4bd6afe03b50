import { OpsbookError, periodKey, toEpochMs, validate } from "@opsbook/core";
import { periodRange } from "./internal/range.ts";
import { ratio } from "./internal/stats.ts";
import { compileMatchers, type EventMatcher, filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type RetentionOptions, retentionOptionsSchema } from "./schemas.ts";

/**
 * One cohort (row) of a {@link RetentionResult}.
 *
 * @category Retention
 * @since 0.1.0
 */
export interface RetentionCohort {
  /** Start of the cohort's period (epoch milliseconds). */
  period: number;
  /** Period key (`"2026-11-25"`, `"2026-W48"`, `"2026-11"`). */
  key: string;
  /** Users in the cohort. */
  size: number;
  /** Users retained in each column (period offset 0, 1, 2… or each bracket). */
  values: number[];
  /** `values` over the cohort size, or over the previous column with `reference: "previous"`. */
  rates: number[];
  /** Whether each column's period has not ended by `asOf` (the cell may still grow). */
  incomplete: boolean[];
}

/**
 * Result of {@link retention}.
 *
 * @category Retention
 * @since 0.1.0
 */
export interface RetentionResult {
  /** Column labels: period offsets (`"0"`, `"1"`…) or brackets (`"1–7"`). */
  columns: string[];
  /** One row per period of the range, in order. */
  cohorts: RetentionCohort[];
  /** Mean retention curve over complete cells: weighted by cohort size, and the simple mean of rates. */
  mean: { weighted: number[]; simple: number[] };
}

type Matchers = EventMatcher | EventMatcher[] | undefined;
const list = (m: Matchers): EventMatcher[] | undefined =>
  m === undefined ? undefined : Array.isArray(m) ? m : [m];

/**
 * Computes a retention matrix: users grouped in cohorts by the period in which they did the start
 * event, and for each later period the number who did the return event.
 *
 * Options and the tool each default matches:
 * - `startEvent` / `returnEvent`: a matcher or a list (any of them); default any event.
 * - `unit` `"day"` | `"week"` | `"month"` in `timeZone` (weeks start on `weekStartsOn`).
 * - `cohort`: `"recurring"` (default; a user joins every period's cohort in which they did the start
 *   event — PostHog's recurring retention) or `"first-time"` (only the period of their first start
 *   event ever — PostHog's "first time", Amplitude's "new users").
 * - `returnRule`: `"on"` (default; returned in exactly that period — PostHog, Amplitude "N-day")
 *   or `"on-or-after"` (in that period or any later one — Amplitude's unbounded retention).
 * - `clock`: `"calendar"` (default; periods are calendar days/weeks/months — PostHog) or
 *   `"rolling"` (24-hour / 7-day blocks from the user's start event — Amplitude's rolling window;
 *   not for months).
 * - `brackets`: custom columns `[from, to]` of period offsets (Amplitude's custom brackets); a
 *   user counts in a bracket when they returned in any period of it.
 * - `reference`: rates over the cohort size (`"cohort"`, default) or over the previous column
 *   (`"previous"`).
 * - `from`, `to`, `periods`: the cohort range (default the data's span); `asOf` (default the last
 *   event) marks cells whose period has not ended as incomplete; they are left out of the mean.
 *
 * Column 0 is the cohort size. Each user counts once per cell, so duplicate events change nothing.
 *
 * @param events - Events or an `EventTable`.
 * @param options - See {@link retentionOptionsSchema}.
 * @returns The cohorts with counts, rates and completeness, and the mean curve.
 * @throws {@link OpsbookError} naming the bad row or option.
 * @category Retention
 * @since 0.1.0
 * @example
 * ```ts
 * import { retention } from "@opsbook/metrics";
 *
 * const day = (d: number) => Date.UTC(2026, 10, 2 + d, 12);
 * const events = [
 *   { userId: "ann", event: "visit", timestamp: day(0) },
 *   { userId: "ann", event: "visit", timestamp: day(1) },
 *   { userId: "bob", event: "visit", timestamp: day(0) },
 *   { userId: "bob", event: "visit", timestamp: day(2) },
 * ];
 * const result = retention(events, { unit: "day" });
 * result.cohorts.map((c) => c.values) //=> [[2, 1, 1], [1, 0], [1]]
 * result.cohorts[0].rates //=> [1, 0.5, 0.5]
 * result.mean.weighted //=> [1, 0.5, 0]
 * ```
 */
export function retention(events: EventsInput, options: RetentionOptions = {}): RetentionResult {
  const o = validate(retentionOptionsSchema, options, { path: ["options"], label: "options" });
  if (o.clock === "rolling" && o.unit === "month") {
    throw new OpsbookError(
      "unsupported",
      'options.clock: a rolling clock needs a fixed-length unit ("day" or "week"), received unit "month"',
      ["options", "clock"],
    );
  }
  const start = list(o.startEvent);
  const back = list(o.returnEvent);
  const table = toTable(events, filterKeys([...(start ?? []), ...(back ?? [])]));
  const range = periodRange(table, o.unit, o, o);
  const P = range?.length ?? 0;
  const brackets = o.brackets;
  brackets?.forEach(([a, b], i) => {
    if (a > b) {
      throw new OpsbookError(
        "out_of_range",
        `options.brackets[${i}]: expected [from, to] with from ≤ to, received [${a}, ${b}]`,
        ["options", "brackets", i],
      );
    }
  });
  const columns = brackets
    ? brackets.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`))
    : Array.from({ length: P }, (_, j) => String(j));
  if (!range || P === 0) return { columns, cohorts: [], mean: { weighted: [], simple: [] } };

  // Bit 0: start event, bit 1: return event; precomputed per event code.
  const starts = start ?? [];
  const returns = back ?? [];
  const { byCode, filtered, rowMask } = compileMatchers(table, [...starts, ...returns]);
  const startBits = (1 << starts.length) - 1;
  const returnBits = ((1 << returns.length) - 1) << starts.length;
  const kind = new Uint8Array(byCode.length);
  for (let c = 0; c < byCode.length; c++) {
    kind[c] =
      (start === undefined || (byCode[c]! & startBits) !== 0 ? 1 : 0) |
      (back === undefined || (byCode[c]! & returnBits) !== 0 ? 2 : 0);
  }
  const rowKind = (i: number, code: number): number => {
    if ((byCode[code]! & filtered) === 0) return kind[code]!;
    const m = rowMask(i, code);
    return (
      (start === undefined || (m & startBits) !== 0 ? 1 : 0) |
      (back === undefined || (m & returnBits) !== 0 ? 2 : 0)
    );
  };

  const C = brackets ? brackets.length : P;
  const cells = new Float64Array(P * (C + 1)); // per cohort: size, then one count per column
  const words = (P + 31) >>> 5;
  const startSet = new Uint32Array(words);
  const returnSet = new Uint32Array(words);
  const { bounds, slots, base } = range;
  const end = range.end;
  const times = table.timestamps;
  const codes = table.events;
  const offsets = table.userOffsets;
  const firstTime = o.cohort === "first-time";
  const rolling = o.clock === "rolling";
  const unitMs = o.unit === "week" ? 7 * 86_400_000 : 86_400_000;
  const SLOT = 15 * 60 * 1000;
  const startTimes = rolling ? new Float64Array(P) : undefined;
  const returnTimes: number[] = [];

  const hasSlots = slots.length > 0;
  const hot = !brackets && !rolling && o.returnRule === "on" && filtered === 0;
  let maxTime = Number.NEGATIVE_INFINITY;
  for (let u = 0; u < table.userCount; u++) {
    const from = offsets[u]!;
    const to = offsets[u + 1]!;
    for (let w = 0; w < words; w++) {
      startSet[w] = 0;
      returnSet[w] = 0;
    }
    returnTimes.length = 0;
    let anyStart = false;
    let seenStart = false;
    if (to > from && times[to - 1]! > maxTime) maxTime = times[to - 1]!;
    for (let i = from; i < to; i++) {
      const code = codes[i]!;
      const k = filtered === 0 ? kind[code]! : rowKind(i, code);
      if (k === 0) continue;
      const t = times[i]!;
      // The period of t, inlined: a slot lookup corrected by one comparison (see PeriodIndexer).
      let p = -1;
      if (t >= base && t < end) {
        p = hasSlots ? slots[((t - base) / SLOT) | 0]! : range.index(t);
        while (bounds[p + 1]! <= t) p++;
      }
      if ((k & 1) !== 0 && !(firstTime && seenStart)) {
        seenStart = true;
        if (p >= 0) {
          const bit = 1 << (p & 31);
          if ((startSet[p >>> 5]! & bit) === 0) {
            startSet[p >>> 5]! |= bit;
            if (startTimes) startTimes[p] = t;
          }
          anyStart = true;
        }
      }
      if ((k & 2) !== 0) {
        if (rolling) returnTimes.push(t);
        else if (p >= 0) returnSet[p >>> 5]! |= 1 << (p & 31);
      }
    }
    if (!anyStart) continue;
    for (let w = 0; w < words; w++) {
      let bitsW = startSet[w]!;
      while (bitsW !== 0) {
        const low = bitsW & -bitsW;
        bitsW ^= low;
        const i = (w << 5) + 31 - Math.clz32(low);
        const row = i * (C + 1);
        cells[row]! += 1;
        if (hot) {
          // Every return period after the cohort's is one cell.
          cells[row + 1]! += 1;
          for (let v = i >>> 5; v < words; v++) {
            let r = returnSet[v]!;
            if (v === i >>> 5) r &= ~((2 << (i & 31)) - 1);
            while (r !== 0) {
              const lowR = r & -r;
              r ^= lowR;
              const q = (v << 5) + 31 - Math.clz32(lowR);
              cells[row + 1 + q - i]! += 1;
            }
          }
          continue;
        }
        countCohort(i, row);
      }
    }
  }

  function offsetsOf(i: number): number[] {
    // Period offsets (≥ 1) at which the user returned after joining cohort i.
    const found: number[] = [];
    if (rolling) {
      const s = startTimes![i]!;
      const seen = new Set<number>();
      for (const t of returnTimes) {
        if (t < s) continue;
        const j = Math.floor((t - s) / unitMs);
        if (j >= 1 && i + j < P && !seen.has(j)) {
          seen.add(j);
          found.push(j);
        }
      }
    } else {
      for (let p = i + 1; p < P; p++)
        if ((returnSet[p >>> 5]! & (1 << (p & 31))) !== 0) found.push(p - i);
    }
    if (o.returnRule === "on-or-after" && found.length > 0) {
      const last = Math.max(...found);
      return Array.from({ length: last }, (_, j) => j + 1);
    }
    return found;
  }

  function countCohort(i: number, row: number): void {
    const found = offsetsOf(i);
    if (!brackets) {
      cells[row + 1]! += 1;
      for (const j of found) cells[row + 1 + j]! += 1;
      return;
    }
    brackets.forEach(([a, b], c) => {
      if (a === 0 || found.some((j) => j >= a && j <= b)) cells[row + 1 + c]! += 1;
    });
  }

  const asOf = o.asOf === undefined ? maxTime : toEpochMs(o.asOf, ["options", "asOf"]);
  const periodEnd = (p: number) => (p + 1 < P ? range.starts[p + 1]! : range.end);
  const cohorts: RetentionCohort[] = range.starts.map((period, i) => {
    const row = i * (C + 1);
    const size = cells[row]!;
    const width = brackets ? C : P - i;
    const values: number[] = [];
    const rates: number[] = [];
    const incomplete: boolean[] = [];
    for (let c = 0; c < width; c++) {
      const lastOffset = brackets ? brackets[c]![1] : c;
      const value = i + lastOffset < P || !brackets ? cells[row + 1 + c]! : 0;
      values.push(value);
      const denominator = o.reference === "previous" && c > 0 ? values[c - 1]! : size;
      rates.push(ratio(value, denominator));
      incomplete.push(i + lastOffset >= P || periodEnd(i + lastOffset) - 1 > asOf);
    }
    return { period, key: periodKey(period, o.unit, o), size, values, rates, incomplete };
  });
  const weighted: number[] = [];
  const simple: number[] = [];
  for (let c = 0; c < C; c++) {
    let retained = 0;
    let sizes = 0;
    let rateSum = 0;
    let count = 0;
    for (const cohort of cohorts) {
      if (c >= cohort.values.length || cohort.incomplete[c] || cohort.size === 0) continue;
      retained += cohort.values[c]!;
      sizes += cohort.size;
      rateSum += cohort.values[c]! / cohort.size;
      count += 1;
    }
    weighted.push(ratio(retained, sizes));
    simple.push(ratio(rateSum, count));
  }
  return { columns, cohorts, mean: { weighted, simple } };
}
