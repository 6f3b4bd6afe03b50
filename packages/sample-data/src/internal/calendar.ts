import { addPeriods, periodKey, type Rng, startOfPeriod } from "@opsbook/core";

/** Local calendar days of the observed window. */
export interface Calendar {
  /** Local midnights: day `k` is `[dayStarts[k], dayStarts[k + 1])`; `days + 1` entries. */
  dayStarts: Float64Array;
  /** ISO weekday of each day, Monday = 0 … Sunday = 6. */
  weekday: Uint8Array;
  start: number;
  end: number;
}

/** Builds the local days of `days` calendar days from `startDate` in `timeZone`. */
export function buildCalendar(startDate: string, days: number, timeZone: string): Calendar {
  const zone = { timeZone };
  // Noon UTC of the date lies on that local date in most zones; step a day if it does not.
  let start = startOfPeriod(Date.parse(`${startDate}T12:00:00Z`), "day", zone);
  const key = periodKey(start, "day", zone);
  if (key < startDate) start = addPeriods(start, "day", 1, zone);
  else if (key > startDate) start = addPeriods(start, "day", -1, zone);
  const dayStarts = new Float64Array(days + 1);
  const weekday = new Uint8Array(days);
  const [y, m, d] = startDate.split("-").map(Number) as [number, number, number];
  for (let k = 0; k <= days; k++) {
    dayStarts[k] = k === 0 ? start : addPeriods(start, "day", k, zone);
    if (k < days) weekday[k] = (new Date(Date.UTC(y, m - 1, d + k)).getUTCDay() + 6) % 7;
  }
  return { dayStarts, weekday, start, end: dayStarts[days] as number };
}

/**
 * Fraction of a local day at which an activity happens: three quarters around 14:00 (working
 * hours) and a quarter around 20:30 (evening), wrapped into the day.
 */
export function timeOfDay(rng: Rng): number {
  const hour = rng.next() < 0.75 ? rng.normal(14, 3) : rng.normal(20.5, 1.5);
  const wrapped = ((hour % 24) + 24) % 24;
  return wrapped / 24;
}
