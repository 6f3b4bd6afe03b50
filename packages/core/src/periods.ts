// Per-function entry points: importing the date-fns barrel loads every function at start-up.
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { addQuarters } from "date-fns/addQuarters";
import { addWeeks } from "date-fns/addWeeks";
import { addYears } from "date-fns/addYears";
import { startOfDay } from "date-fns/startOfDay";
import { startOfMonth } from "date-fns/startOfMonth";
import { startOfQuarter } from "date-fns/startOfQuarter";
import { startOfWeek } from "date-fns/startOfWeek";
import { startOfYear } from "date-fns/startOfYear";
import { describeValue, OpsbookError } from "./errors.ts";
import { MAX_EPOCH_MS } from "./internal/timestamp.ts";
import { isTimeZone } from "./internal/zone.ts";
import { DAY_MS, dayStartInstant, wallDate, wallOf, wallToInstant } from "./internal/zonedTime.ts";
import { calendarOptionsSchema } from "./schemas.ts";
import { validate } from "./validate.ts";

/**
 * A calendar period.
 *
 * @category Calendar
 * @since 0.1.0
 */
export type PeriodUnit = "day" | "week" | "month" | "quarter" | "year";

/**
 * Where and how to count calendar periods.
 *
 * @category Calendar
 * @since 0.1.0
 */
export interface CalendarOptions {
  /** IANA time zone name; default `"UTC"`. */
  timeZone?: string;
  /** First day of the week, 0 = Sunday … 6 = Saturday; default 1 (Monday, as ISO 8601). */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

interface Calendar {
  timeZone: string;
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

const DEFAULT_CALENDAR: Calendar = { timeZone: "UTC", weekStartsOn: 1 };
const UNITS = new Set<unknown>(["day", "week", "month", "quarter", "year"]);

/** Reads calendar options on a fast path; falls back to the zod schema to report problems. */
function calendarOf(options: CalendarOptions | undefined): Calendar {
  if (options === undefined) return DEFAULT_CALENDAR;
  if (typeof options === "object" && options !== null) {
    const timeZone = options.timeZone ?? "UTC";
    const weekStartsOn = options.weekStartsOn ?? 1;
    if (
      isTimeZone(timeZone) &&
      Number.isInteger(weekStartsOn) &&
      weekStartsOn >= 0 &&
      weekStartsOn <= 6
    ) {
      return timeZone === "UTC" && weekStartsOn === 1
        ? DEFAULT_CALENDAR
        : { timeZone, weekStartsOn };
    }
  }
  return validate(calendarOptionsSchema, options, { path: ["options"], label: "options" });
}

function checkUnit(unit: unknown): asserts unit is PeriodUnit {
  if (!UNITS.has(unit)) {
    const expected = '"day", "week", "month", "quarter" or "year"';
    throw new OpsbookError(
      "invalid_input",
      `unit: expected ${expected}, received ${describeValue(unit)}`,
      ["unit"],
    );
  }
}

function checkTime(value: unknown, name: string): asserts value is number {
  if (typeof value !== "number" || !(value >= -MAX_EPOCH_MS && value <= MAX_EPOCH_MS)) {
    throw new OpsbookError(
      typeof value === "number" && !Number.isNaN(value) ? "out_of_range" : "invalid_input",
      `${name}: expected epoch milliseconds within ±8.64e15, received ${describeValue(value)}`,
      [name],
    );
  }
}

/** Epoch ms of a UTC calendar date at midnight (month and day may overflow, as in `Date.UTC`). */
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d.getTime();
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(utcMidnight(year, month, day) / DAY_MS);
}

/** Period start in UTC with integer arithmetic: the fast path for the default time zone. */
function utcStart(timestamp: number, unit: PeriodUnit, weekStartsOn: number): number {
  const days = Math.floor(timestamp / DAY_MS);
  if (unit === "day") return days * DAY_MS;
  if (unit === "week") {
    // 1970-01-01 was a Thursday (weekday 4 counting from Sunday = 0).
    const weekday = (((days + 4) % 7) + 7) % 7;
    return (days - ((weekday - weekStartsOn + 7) % 7)) * DAY_MS;
  }
  const d = new Date(days * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  if (unit === "month") return utcMidnight(year, month, 1);
  if (unit === "quarter") return utcMidnight(year, month - (month % 3), 1);
  return utcMidnight(year, 0, 1);
}

/** Calendar addition in UTC, clamping the day of the month as date-fns `addMonths` does. */
function utcAdd(timestamp: number, unit: PeriodUnit, amount: number): number {
  if (unit === "day") return timestamp + amount * DAY_MS;
  if (unit === "week") return timestamp + amount * 7 * DAY_MS;
  const months = unit === "month" ? amount : unit === "quarter" ? amount * 3 : amount * 12;
  const date = new Date(timestamp);
  const firstOfTarget = utcMidnight(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(
    utcMidnight(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  const timeOfDay = timestamp - Math.floor(timestamp / DAY_MS) * DAY_MS;
  return firstOfTarget + (Math.min(date.getUTCDate(), lastDay) - 1) * DAY_MS + timeOfDay;
}

/** Start of the period containing `timestamp`. */
function periodStart(timestamp: number, unit: PeriodUnit, calendar: Calendar): number {
  if (calendar.timeZone === "UTC") return utcStart(timestamp, unit, calendar.weekStartsOn);
  // date-fns finds the local date that starts the period; the zone decides when that day began.
  const local = wallDate(wallOf(timestamp, calendar.timeZone));
  let first: Date;
  switch (unit) {
    case "day":
      first = startOfDay(local);
      break;
    case "week":
      first = startOfWeek(local, { weekStartsOn: calendar.weekStartsOn });
      break;
    case "month":
      first = startOfMonth(local);
      break;
    case "quarter":
      first = startOfQuarter(local);
      break;
    case "year":
      first = startOfYear(local);
      break;
  }
  return dayStartInstant(first.getTime(), calendar.timeZone);
}

/** Adds whole periods on the local calendar, keeping the local time of day. */
function addIn(timestamp: number, unit: PeriodUnit, amount: number, calendar: Calendar): number {
  if (calendar.timeZone === "UTC") return utcAdd(timestamp, unit, amount);
  const local = wallDate(wallOf(timestamp, calendar.timeZone));
  let moved: Date;
  switch (unit) {
    case "day":
      moved = addDays(local, amount);
      break;
    case "week":
      moved = addWeeks(local, amount);
      break;
    case "month":
      moved = addMonths(local, amount);
      break;
    case "quarter":
      moved = addQuarters(local, amount);
      break;
    case "year":
      moved = addYears(local, amount);
      break;
  }
  return wallToInstant(moved.getTime(), calendar.timeZone);
}

/** Local calendar date of an instant in a zone. */
function fields(timestamp: number, timeZone: string): { year: number; month: number; day: number } {
  const date = new Date(wallOf(timestamp, timeZone));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
}

/** Start of the period after the one that starts at `current`. */
function nextPeriodStart(current: number, unit: PeriodUnit, calendar: Calendar): number {
  const next = periodStart(addIn(current, unit, 1, calendar), unit, calendar);
  if (next <= current) {
    throw new OpsbookError("out_of_range", `no ${unit} after ${new Date(current).toISOString()}`);
  }
  return next;
}

/**
 * The first instant of the calendar period that contains `timestamp`, in a time zone: local
 * midnight of the day, of the first day of the week (`weekStartsOn`), month, quarter or year. Where
 * a daylight-saving change skips midnight, the day starts at the first instant that exists.
 *
 * @param timestamp - Epoch milliseconds.
 * @param unit - `"day"`, `"week"`, `"month"`, `"quarter"` or `"year"`.
 * @param options - `timeZone` (IANA, default `"UTC"`) and `weekStartsOn` (default 1, Monday).
 * @returns Epoch milliseconds of the period start.
 * @throws {@link OpsbookError} for an unknown unit or time zone, or a timestamp out of range.
 * @category Calendar
 * @since 0.1.0
 * @example
 * ```ts
 * import { startOfPeriod } from "@opsbook/core";
 *
 * const t = Date.parse("2026-11-25T18:30:00Z"); // a Wednesday
 * new Date(startOfPeriod(t, "day")).toISOString() //=> "2026-11-25T00:00:00.000Z"
 * new Date(startOfPeriod(t, "week")).toISOString() //=> "2026-11-23T00:00:00.000Z"
 * new Date(startOfPeriod(t, "week", { weekStartsOn: 0 })).toISOString() //=> "2026-11-22T00:00:00.000Z"
 * new Date(startOfPeriod(t, "quarter")).toISOString() //=> "2026-10-01T00:00:00.000Z"
 *
 * // 02:30 on 26 Nov in Shanghai (UTC+8) belongs to 26 Nov there:
 * new Date(startOfPeriod(t, "day", { timeZone: "Asia/Shanghai" })).toISOString()
 * //=> "2026-11-25T16:00:00.000Z"
 * ```
 */
export function startOfPeriod(
  timestamp: number,
  unit: PeriodUnit,
  options?: CalendarOptions,
): number {
  checkTime(timestamp, "timestamp");
  checkUnit(unit);
  return periodStart(timestamp, unit, calendarOf(options));
}

/**
 * Adds whole calendar periods in a time zone, keeping the local time of day: a day is the next
 * calendar day (23 or 25 hours across a daylight-saving change), a month keeps the day of the month
 * or clamps it to the month's last day (31 Jan + 1 month = 28 or 29 Feb).
 *
 * @param timestamp - Epoch milliseconds.
 * @param unit - The period to add.
 * @param amount - Whole number of periods, may be negative.
 * @param options - `timeZone` (IANA, default `"UTC"`).
 * @returns Epoch milliseconds.
 * @category Calendar
 * @since 0.1.0
 * @example
 * ```ts
 * import { addPeriods } from "@opsbook/core";
 *
 * const jan31 = Date.parse("2028-01-31T10:00:00Z");
 * new Date(addPeriods(jan31, "month", 1)).toISOString() //=> "2028-02-29T10:00:00.000Z"
 *
 * // New York springs forward on 8 March 2026: one calendar day is 23 hours.
 * const before = Date.parse("2026-03-07T12:00:00-05:00");
 * (addPeriods(before, "day", 1, { timeZone: "America/New_York" }) - before) / 3_600_000 //=> 23
 * ```
 */
export function addPeriods(
  timestamp: number,
  unit: PeriodUnit,
  amount: number,
  options?: CalendarOptions,
): number {
  checkTime(timestamp, "timestamp");
  checkUnit(unit);
  if (!Number.isSafeInteger(amount)) {
    throw new OpsbookError(
      "invalid_input",
      `amount: expected integer, received ${describeValue(amount)}`,
      ["amount"],
    );
  }
  const calendar = calendarOf(options);
  if (amount === 0) return timestamp;
  return addIn(timestamp, unit, amount, calendar);
}

/**
 * The number of whole periods from the period containing `origin` to the period containing
 * `timestamp`: 0 in the same period, 1 in the next, −1 in the previous. Counted on the local
 * calendar, so a 23-hour day still counts as one day. Cohort analyses use it for "day N" and
 * "week N".
 *
 * @param timestamp - Epoch milliseconds.
 * @param origin - Epoch milliseconds of the reference instant.
 * @param unit - The period to count.
 * @param options - `timeZone` (default `"UTC"`) and `weekStartsOn` (default 1).
 * @returns A whole number of periods.
 * @category Calendar
 * @since 0.1.0
 * @example
 * ```ts
 * import { periodIndex } from "@opsbook/core";
 *
 * const signup = Date.parse("2026-01-31T23:00:00Z");
 * periodIndex(Date.parse("2026-02-01T00:30:00Z"), signup, "day") //=> 1
 * periodIndex(Date.parse("2026-02-01T00:30:00Z"), signup, "month") //=> 1
 * periodIndex(Date.parse("2026-02-01T00:30:00Z"), signup, "day", { timeZone: "Asia/Shanghai" }) //=> 0
 * periodIndex(Date.parse("2025-12-31T00:00:00Z"), signup, "year") //=> -1
 * ```
 */
export function periodIndex(
  timestamp: number,
  origin: number,
  unit: PeriodUnit,
  options?: CalendarOptions,
): number {
  checkTime(timestamp, "timestamp");
  checkTime(origin, "origin");
  checkUnit(unit);
  const calendar = calendarOf(options);
  const a = fields(periodStart(timestamp, unit, calendar), calendar.timeZone);
  const b = fields(periodStart(origin, unit, calendar), calendar.timeZone);
  switch (unit) {
    case "day":
      return dayNumber(a.year, a.month, a.day) - dayNumber(b.year, b.month, b.day);
    case "week":
      return Math.round(
        (dayNumber(a.year, a.month, a.day) - dayNumber(b.year, b.month, b.day)) / 7,
      );
    case "month":
      return a.year * 12 + a.month - (b.year * 12 + b.month);
    case "quarter":
      return Math.round((a.year * 12 + a.month - (b.year * 12 + b.month)) / 3);
    case "year":
      return a.year - b.year;
  }
}

/**
 * The starts of every period that overlaps [start, end], in order: the first is the start of the
 * period containing `start`, the last the start of the period containing `end`.
 *
 * @param start - Epoch milliseconds.
 * @param end - Epoch milliseconds, ≥ `start`.
 * @param unit - The period.
 * @param options - `timeZone` (default `"UTC"`) and `weekStartsOn` (default 1).
 * @returns Epoch milliseconds of each period start.
 * @throws {@link OpsbookError} `out_of_range` when `end` < `start`.
 * @category Calendar
 * @since 0.1.0
 * @example
 * ```ts
 * import { enumeratePeriods } from "@opsbook/core";
 *
 * enumeratePeriods(Date.parse("2026-01-15T00:00:00Z"), Date.parse("2026-03-01T00:00:00Z"), "month")
 *   .map((t) => new Date(t).toISOString().slice(0, 10))
 * //=> ["2026-01-01", "2026-02-01", "2026-03-01"]
 *
 * // London's clocks go back on 25 October 2026: that day lasts 25 hours.
 * const days = enumeratePeriods(
 *   Date.parse("2026-10-24T12:00:00Z"),
 *   Date.parse("2026-10-26T12:00:00Z"),
 *   "day",
 *   { timeZone: "Europe/London" },
 * );
 * days.slice(1).map((t, i) => (t - (days[i] ?? 0)) / 3_600_000) //=> [24, 25]
 * ```
 */
export function enumeratePeriods(
  start: number,
  end: number,
  unit: PeriodUnit,
  options?: CalendarOptions,
): number[] {
  checkTime(start, "start");
  checkTime(end, "end");
  checkUnit(unit);
  if (end < start) {
    throw new OpsbookError(
      "out_of_range",
      `end: expected epoch milliseconds ≥ start (${start}), received ${describeValue(end)}`,
      ["end"],
    );
  }
  const calendar = calendarOf(options);
  const out: number[] = [];
  let current = periodStart(start, unit, calendar);
  while (current <= end) {
    out.push(current);
    current = nextPeriodStart(current, unit, calendar);
  }
  return out;
}

const pad = (n: number, width: number) => {
  const text = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${text}` : text;
};

/**
 * A readable key of the period that contains `timestamp`: `"2026-11-25"` (day), `"2026-W48"`
 * (week), `"2026-11"` (month), `"2026-Q4"` (quarter), `"2026"` (year). Week keys number weeks as
 * ISO 8601 does, generalised to `weekStartsOn`: week 1 is the first week with at least four days in
 * the year, and the year is the week-numbering year (so 29 Dec 2025 is `"2026-W01"`). With the
 * default Monday start this is the ISO week date.
 *
 * @param timestamp - Epoch milliseconds.
 * @param unit - The period.
 * @param options - `timeZone` (default `"UTC"`) and `weekStartsOn` (default 1).
 * @returns The key; keys of one unit sort in time order within years 0–9999.
 * @category Calendar
 * @since 0.1.0
 * @example
 * ```ts
 * import { periodKey } from "@opsbook/core";
 *
 * const t = Date.parse("2026-11-25T18:30:00Z");
 * periodKey(t, "day") //=> "2026-11-25"
 * periodKey(t, "day", { timeZone: "Asia/Shanghai" }) //=> "2026-11-26"
 * periodKey(t, "week") //=> "2026-W48"
 * periodKey(t, "month") //=> "2026-11"
 * periodKey(t, "quarter") //=> "2026-Q4"
 * periodKey(t, "year") //=> "2026"
 * periodKey(Date.parse("2025-12-29T12:00:00Z"), "week") //=> "2026-W01"
 * ```
 */
export function periodKey(timestamp: number, unit: PeriodUnit, options?: CalendarOptions): string {
  checkTime(timestamp, "timestamp");
  checkUnit(unit);
  const calendar = calendarOf(options);
  if (unit === "week") {
    const weekStart = fields(periodStart(timestamp, "week", calendar), calendar.timeZone);
    // The week belongs to the year that holds its fourth day (ISO 8601's rule, via Thursday).
    const fourth = dayNumber(weekStart.year, weekStart.month, weekStart.day) + 3;
    const fourthDate = new Date(fourth * DAY_MS);
    const year = fourthDate.getUTCFullYear();
    const week = Math.floor((fourth - dayNumber(year, 0, 1)) / 7) + 1;
    return `${pad(year, 4)}-W${pad(week, 2)}`;
  }
  const { year, month, day } = fields(timestamp, calendar.timeZone);
  switch (unit) {
    case "day":
      return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}`;
    case "month":
      return `${pad(year, 4)}-${pad(month + 1, 2)}`;
    case "quarter":
      return `${pad(year, 4)}-Q${Math.floor(month / 3) + 1}`;
    case "year":
      return pad(year, 4);
  }
}
