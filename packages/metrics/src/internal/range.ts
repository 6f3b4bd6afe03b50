import {
  addPeriods,
  type CalendarOptions,
  type EventTable,
  type PeriodUnit,
  toEpochMs,
} from "@opsbook/core";
import { PeriodIndexer } from "./periodIndexer.ts";

type Stamp = number | string | Date;

/** Earliest and latest timestamp of a table (NaN for an empty table). */
export function timeSpan(table: EventTable): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const times = table.timestamps;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return times.length === 0 ? [Number.NaN, Number.NaN] : [min, max];
}

/**
 * The periods an analysis reports: from `from` (default: the first event) to `to` (default: the
 * last event, or `periods` periods after `from`), or `undefined` when there is nothing to report.
 */
export function periodRange(
  table: EventTable,
  unit: PeriodUnit,
  calendar: CalendarOptions,
  options: { from?: Stamp | undefined; to?: Stamp | undefined; periods?: number | undefined },
): PeriodIndexer | undefined {
  // The span is read only when a bound is missing (a full pass over the timestamps).
  const span =
    options.from === undefined || (options.to === undefined && options.periods === undefined);
  const [min, max] = span ? timeSpan(table) : [Number.NaN, Number.NaN];
  if (table.length === 0 && options.from === undefined) return undefined;
  const from = options.from === undefined ? min : toEpochMs(options.from, ["options", "from"]);
  let to: number;
  if (options.to !== undefined) to = toEpochMs(options.to, ["options", "to"]);
  else if (options.periods !== undefined && !Number.isNaN(from)) {
    to = addPeriods(from, unit, options.periods, calendar) - 1;
  } else to = max;
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return undefined;
  const indexer = new PeriodIndexer(from, to, unit, calendar);
  return indexer;
}
