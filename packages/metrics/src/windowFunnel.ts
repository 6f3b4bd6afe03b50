import { EventTable, type OpsEvent, validate } from "@opsbook/core";
import { compileMatchers, type EventMatcher, filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type WindowFunnelOptions, windowFunnelOptionsSchema } from "./schemas.ts";

/**
 * Result of {@link windowFunnel}: ClickHouse's level per user.
 *
 * @category Funnels
 * @since 0.1.0
 */
export interface WindowFunnelResult {
  /** User ids, in table order. */
  userIds: string[];
  /** Level (0…number of conditions) of each user, aligned with `userIds`. */
  levels: number[];
  /** `distribution[k]` = users at level k. */
  distribution: number[];
}

interface Entry {
  time: number;
  /** Condition number from 1; 0 marks an event matching none (kept only for `strict_order`). */
  level: number;
  /** The event's position, so that one event is used once per chain (`strict_once`). */
  id: number;
}

/**
 * ClickHouse's non-`strict_once` algorithm: one slot per level with the chain's first and last
 * timestamps, later starts overwriting earlier ones.
 */
function levelOf(entries: Entry[], n: number, window: number, modes: Set<string>): number {
  const dedup = modes.has("strict_deduplication");
  const strictOrder = modes.has("strict_order");
  const increase = modes.has("strict_increase");
  const first = new Float64Array(n).fill(Number.NaN);
  const last = new Float64Array(n);
  const highest = () => {
    for (let k = n; k > 0; k--) if (!Number.isNaN(first[k - 1])) return k;
    return 0;
  };
  let started = false;
  for (const { time, level } of entries) {
    const idx = level - 1;
    if (strictOrder && idx === -1) {
      if (started) break;
      continue;
    }
    if (idx === 0) {
      // A new first step after the chain has moved on breaks a strict order.
      if (strictOrder && started && n > 1 && !Number.isNaN(first[1])) return highest();
      first[0] = time;
      last[0] = time;
      started = true;
    } else if (dedup && !Number.isNaN(first[idx])) {
      return highest();
    } else if (strictOrder && started && Number.isNaN(first[idx - 1])) {
      for (let k = 0; k < n; k++) if (Number.isNaN(first[k])) return k;
    } else if (!Number.isNaN(first[idx - 1])) {
      const start = first[idx - 1]!;
      let ok = time <= start + window;
      if (increase) ok = ok && last[idx - 1]! < time;
      if (ok) {
        first[idx] = start;
        last[idx] = time;
        if (idx + 1 === n) return n;
      }
    }
  }
  return highest();
}

/**
 * ClickHouse's `strict_once` algorithm: every chain is kept with the events it used, so that one
 * event (which may match several conditions) fills at most one level of a chain.
 */
function levelOfOnce(entries: Entry[], n: number, window: number, modes: Set<string>): number {
  const dedup = modes.has("strict_deduplication");
  const strictOrder = modes.has("strict_order");
  const increase = modes.has("strict_increase");
  type Chain = { first: number; last: number; path: number[] };
  const chains: Chain[][] = Array.from({ length: n }, () => []);
  const highest = () => {
    for (let k = n; k > 0; k--) if (chains[k - 1]!.length > 0) return k;
    return 0;
  };
  let started = false;
  for (const { time, level, id } of entries) {
    const idx = level - 1;
    if (strictOrder && idx === -1) {
      if (started) break;
      continue;
    }
    if (idx === 0) {
      if (strictOrder && started && n > 1 && chains[1]!.length > 0) return highest();
      chains[0]!.push({ first: time, last: time, path: [id] });
      started = true;
    } else if (dedup && chains[idx]!.length > 0) {
      return highest();
    } else if (strictOrder && started && chains[idx - 1]!.length === 0) {
      for (let k = 0; k < n; k++) if (chains[k]!.length === 0) return k;
    } else if (chains[idx - 1]!.length > 0) {
      const previous = chains[idx - 1]!;
      for (let c = 0; c < previous.length; ) {
        const chain = previous[c]!;
        let ok = time <= chain.first + window;
        if (!ok && previous.length > 1) {
          // Out of the window: drop it, but keep at least one chain at each level.
          previous.splice(c, 1);
          continue;
        }
        if (ok) ok = !chain.path.includes(id);
        if (ok && increase) ok = chain.last < time;
        if (ok) {
          chains[idx]!.push({ first: chain.first, last: time, path: [...chain.path, id] });
          if (idx + 1 === n) return n;
        }
        c++;
      }
    }
  }
  return highest();
}

/**
 * ClickHouse's `windowFunnel(window, modes…)(timestamp, cond1, …, condN)` per user, so that levels
 * can be reconciled with a warehouse: the longest chain of conditions met in order with every
 * event within `window` of the chain's first event (inclusive). Timestamps are epoch milliseconds
 * here, so `window` is in milliseconds (ClickHouse's unit is the timestamp column's).
 *
 * As in ClickHouse, an event may satisfy several conditions (and then, outside `strict_once`, fill
 * consecutive levels at once), events are ordered by time and then by condition number, and with
 * one condition and no `strict_order` any matching event gives level 1. Modes:
 * - `strict_deduplication`: a condition met again before the chain goes on ends the search;
 * - `strict_order`: any other event (or a later condition out of turn) ends the search;
 * - `strict_increase`: each step must be strictly later than the previous one;
 * - `strict_once`: one event counts for at most one condition of a chain.
 *
 * Under `strict_order` the first condition met again after the chain has moved on also ends the
 * search, as in ClickHouse's current test reference (`abac` reaches level 2 of `a, b, c`).
 *
 * Conditions are event matchers (`{ event, where }`) or predicates on the event object (whose
 * `properties` hold the columns the table keeps).
 *
 * @param events - Events or an `EventTable`.
 * @param options - `window`, `conditions` and `modes`; see {@link windowFunnelOptionsSchema}.
 * @returns The level of every user and their distribution.
 * @throws {@link OpsbookError} for a bad row or option (`options.modes[0]`).
 * @category Funnels
 * @since 0.1.0
 * @example
 * ```ts
 * import { windowFunnel } from "@opsbook/metrics";
 *
 * const events = [
 *   { userId: "u1", event: "a", timestamp: 1 },
 *   { userId: "u1", event: "d", timestamp: 2 },
 *   { userId: "u1", event: "b", timestamp: 3 },
 *   { userId: "u1", event: "c", timestamp: 4 },
 * ];
 * const conditions = [{ event: "a" }, { event: "b" }, { event: "c" }];
 * windowFunnel(events, { window: 86_400, conditions }).levels //=> [3]
 * windowFunnel(events, { window: 86_400, conditions, modes: ["strict_order"] }).levels //=> [1]
 * ```
 */
export function windowFunnel(
  events: EventsInput,
  options: WindowFunnelOptions,
): WindowFunnelResult {
  const opts = validate(windowFunnelOptionsSchema, options, {
    path: ["options"],
    label: "options",
  });
  const modes = new Set<string>(opts.modes);
  const conditions = opts.conditions;
  const n = conditions.length;
  const matchers = conditions.filter((c): c is EventMatcher => typeof c !== "function");
  const predicates = conditions.some((c) => typeof c === "function");
  // Predicates may read any property: keep every key the rows have.
  let input = events;
  let keys = filterKeys(matchers);
  if (predicates && !(events instanceof EventTable)) {
    const list = Array.isArray(events) ? events : [...(events as Iterable<unknown>)];
    const all = new Set(keys);
    for (const row of list) {
      const properties = (row as { properties?: unknown } | null)?.properties;
      if (properties && typeof properties === "object")
        for (const key of Object.keys(properties)) all.add(key);
    }
    keys = [...all];
    input = list as EventsInput;
  }
  const table = toTable(input, keys);
  // Matchers by name compiled once; predicates need the event object, so they run per row.
  const compiled = compileMatchers(
    table,
    conditions.map((c) => (typeof c === "function" ? { event: "\u0000predicate" } : c)),
  );
  const strictOrder = modes.has("strict_order");
  const once = modes.has("strict_once");
  const levels = new Array<number>(table.userCount).fill(0);
  const distribution = new Array<number>(n + 1).fill(0);
  const offsets = table.userOffsets;
  for (let u = 0; u < table.userCount; u++) {
    const entries: Entry[] = [];
    for (let i = offsets[u]!; i < offsets[u + 1]!; i++) {
      let mask = compiled.rowMask(i, table.events[i]!);
      if (predicates) {
        const row: OpsEvent = table.row(i);
        conditions.forEach((c, s) => {
          if (typeof c === "function" && c(row)) mask |= 1 << s;
        });
      }
      const time = table.timestamps[i]!;
      if (mask === 0) {
        if (strictOrder) entries.push({ time, level: 0, id: i });
        continue;
      }
      for (let s = n - 1; s >= 0; s--) {
        if ((mask & (1 << s)) !== 0) entries.push({ time, level: s + 1, id: i });
      }
    }
    let level = 0;
    if (entries.length > 0) {
      if (!strictOrder && n === 1) level = 1;
      else {
        // ClickHouse sorts (timestamp, condition) pairs, plus the event id under strict_once.
        entries.sort((a, b) => a.time - b.time || a.level - b.level || (once ? a.id - b.id : 0));
        level = once
          ? levelOfOnce(entries, n, opts.window, modes)
          : levelOf(entries, n, opts.window, modes);
      }
    }
    levels[u] = level;
    distribution[level]! += 1;
  }
  return { userIds: table.userIds.slice(), levels, distribution };
}
