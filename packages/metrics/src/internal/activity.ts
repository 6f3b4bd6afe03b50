import type { EventTable } from "@opsbook/core";
import type { PeriodIndexer } from "./periodIndexer.ts";
import { compileMatchers, type EventMatcher } from "./steps.ts";

/**
 * Per user, the periods of the range in which they were active (did a matching event; any event
 * without matchers) and the time of their first activity ever. `periods` holds each user's period
 * indices, ascending and distinct, at `[offsets[u], offsets[u + 1])`.
 */
export interface Activity {
  offsets: Uint32Array;
  periods: Int32Array;
  firstSeen: Float64Array;
}

export function activityByPeriod(
  table: EventTable,
  matchers: EventMatcher[] | undefined,
  range: PeriodIndexer,
): Activity {
  const { byCode, filtered, rowMask } = compileMatchers(table, matchers ?? []);
  const any = matchers === undefined;
  const offsets = new Uint32Array(table.userCount + 1);
  const firstSeen = new Float64Array(table.userCount).fill(Number.NaN);
  const out: number[] = [];
  const codes = table.events;
  const times = table.timestamps;
  const rows = table.userOffsets;
  for (let u = 0; u < table.userCount; u++) {
    let last = -1;
    for (let i = rows[u]!; i < rows[u + 1]!; i++) {
      const code = codes[i]!;
      if (!any) {
        let m = byCode[code]!;
        if ((m & filtered) !== 0) m = rowMask(i, code);
        if (m === 0) continue;
      }
      const t = times[i]!;
      if (Number.isNaN(firstSeen[u])) firstSeen[u] = t;
      const p = range.index(t);
      // Rows are in time order, so periods arrive ascending.
      if (p >= 0 && p !== last) {
        out.push(p);
        last = p;
      }
    }
    offsets[u + 1] = out.length;
  }
  return { offsets, periods: Int32Array.from(out), firstSeen };
}
