/**
 * Fast wall-clock arithmetic in an IANA time zone for the ledger's hot path. Offsets come from the
 * platform's `Intl` data and are cached per 15-minute bucket (every zone changes its offset on a
 * quarter hour), so computing an expiry costs a few map look-ups instead of a date-library call.
 * Results agree with `@opsbook/core`'s `addDuration` and `startOfPeriod` (tested).
 */
import { type Duration, parseDuration } from "@opsbook/core";

const BUCKET = 900_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const caches = new Map<string, Map<number, number>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

function computeOffset(t: number, zone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(t))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

const VARIES = Number.NaN;
const dayCaches = new Map<string, Map<number, number>>();
const SLOTS = 1024;
/** Direct-mapped cache per zone: day number and offset in slot `day & (SLOTS - 1)`. */
const fastCaches = new Map<string, { days: Float64Array; offsets: Float64Array }>();

function bucketOffset(bucket: number, zone: string): number {
  let cache = caches.get(zone);
  if (cache === undefined) {
    cache = new Map();
    caches.set(zone, cache);
  }
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(bucket * BUCKET, zone);
    cache.set(bucket, offset);
  }
  return offset;
}

function dayOffset(day: number, zone: string): number {
  let days = dayCaches.get(zone);
  if (days === undefined) {
    days = new Map();
    dayCaches.set(zone, days);
  }
  let offset = days.get(day);
  if (offset === undefined) {
    const first = computeOffset(day * DAY, zone);
    const last = computeOffset(day * DAY + DAY - BUCKET, zone);
    offset = first === last ? first : VARIES;
    days.set(day, offset);
  }
  return offset;
}

let lastZone = "";
let lastFast: { days: Float64Array; offsets: Float64Array } | undefined;

/**
 * Offset of the zone at instant `t`, in milliseconds (`wall = t + offset`). Cached per UTC day when
 * the offset is the same at both ends of the day (no transition inside), else per 15 minutes.
 */
export function zoneOffset(t: number, zone: string): number {
  if (zone === "UTC") return 0;
  let fast = lastFast;
  if (zone !== lastZone || fast === undefined) {
    fast = fastCaches.get(zone);
    if (fast === undefined) {
      fast = { days: new Float64Array(SLOTS).fill(Number.NaN), offsets: new Float64Array(SLOTS) };
      fastCaches.set(zone, fast);
    }
    lastZone = zone;
    lastFast = fast;
  }
  const day = Math.floor(t / DAY);
  const slot = day & (SLOTS - 1);
  let offset: number;
  if (fast.days[slot] === day) offset = fast.offsets[slot] as number;
  else {
    offset = dayOffset(day, zone);
    fast.days[slot] = day;
    fast.offsets[slot] = offset;
  }
  return !Number.isNaN(offset) ? offset : bucketOffset(Math.floor(t / BUCKET), zone);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12; H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Proleptic Gregorian date `[year, month 1–12, day]` of a day number. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const daysInMonth = (y: number, m: number) =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31;

/** Wall-clock time (as if UTC) of an instant. */
export function toWall(t: number, zone: string): number {
  return t + zoneOffset(t, zone);
}

/**
 * Instant of a wall-clock time: a skipped local time moves forward by the gap, a repeated one takes
 * the earlier instant (as `@opsbook/core` does).
 */
export function fromWall(w: number, zone: string): number {
  if (zone === "UTC") return w;
  const before = zoneOffset(w - DAY, zone);
  const after = zoneOffset(w + DAY, zone);
  // No transition within a day either side (offsets never exceed ±18 h): the wall time maps back exactly.
  if (before === after) return w - before;
  const c1 = w - before;
  const c2 = w - after;
  const ok1 = toWall(c1, zone) === w;
  const ok2 = toWall(c2, zone) === w;
  if (ok1 && ok2) return Math.min(c1, c2);
  if (ok1) return c1;
  if (ok2) return c2;
  return Math.max(c1, c2);
}

/** A parsed duration split into calendar months, calendar days and elapsed milliseconds. */
export interface CalendarStep {
  months: number;
  days: number;
  ms: number;
}

/** Parses an ISO-8601 duration once into a {@link CalendarStep}. */
export function calendarStep(iso: string): CalendarStep {
  const d: Duration = parseDuration(iso);
  return {
    months: d.years * 12 + d.months,
    days: d.weeks * 7 + d.days,
    ms: Math.round(d.hours * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000),
  };
}

/** Adds a calendar step to an instant in a zone (months clamp to the month's end). */
export function addStep(t: number, step: CalendarStep, zone: string): number {
  let instant = t;
  if (step.months !== 0 || step.days !== 0) {
    const wall = toWall(t, zone);
    const dayNumber = Math.floor(wall / DAY);
    const timeOfDay = wall - dayNumber * DAY;
    let target = dayNumber + step.days;
    if (step.months !== 0) {
      const [y0, m0, d0] = civilFromDays(dayNumber);
      const total = y0 * 12 + (m0 - 1) + step.months;
      const y = Math.floor(total / 12);
      const m = total - y * 12 + 1;
      const last = daysInMonth(y, m);
      target = daysFromCivil(y, m, Math.min(d0, last)) + step.days;
    }
    instant = fromWall(target * DAY + timeOfDay, zone);
  }
  return instant + step.ms;
}

/** Calendar units an expiry can be rounded up to. */
export type RoundingUnit = "day" | "month" | "quarter" | "year";

/** Start of the local period after the one containing `t`: the end of `t`'s day, month, quarter or year. */
export function endOfPeriod(t: number, unit: RoundingUnit, zone: string): number {
  const dayNumber = Math.floor(toWall(t, zone) / DAY);
  if (unit === "day") return fromWall((dayNumber + 1) * DAY, zone);
  const [y, m] = civilFromDays(dayNumber);
  let next: number;
  if (unit === "month") next = m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1);
  else if (unit === "quarter") {
    const q = m - ((m - 1) % 3) + 3;
    next = q > 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, q, 1);
  } else next = daysFromCivil(y + 1, 1, 1);
  return fromWall(next * DAY, zone);
}

/** Start of the local day containing `t`. */
export function startOfLocalDay(t: number, zone: string): number {
  const wall = toWall(t, zone);
  return fromWall(wall - (((wall % DAY) + DAY) % DAY), zone);
}

/** Local day number (days since 1970-01-01 in the zone's calendar). */
export function localDayNumber(t: number, zone: string): number {
  return Math.floor(toWall(t, zone) / DAY);
}

/** ISO date (`YYYY-MM-DD`) of a local day number. */
export function dayNumberToDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** End of the local day `month`/`day` (1-based) of the first year whose such day ends after `t`, plus `yearsAfter` years. */
export function nextFixedDate(
  t: number,
  month: number,
  day: number,
  yearsAfter: number,
  zone: string,
): number {
  const wall = toWall(t, zone);
  let y = new Date(wall).getUTCFullYear();
  const endOf = (year: number) => {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return Date.UTC(year, month - 1, Math.min(day, last) + 1);
  };
  if (endOf(y) <= wall) y += 1;
  return fromWall(endOf(y + yearsAfter), zone);
}
