import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { describeValue, OpsbookError } from "./errors.ts";
import { MAX_EPOCH_MS } from "./internal/timestamp.ts";
import { isTimeZone } from "./internal/zone.ts";
import { wallDate, wallOf, wallToInstant } from "./internal/zonedTime.ts";
import { timeZoneSchema } from "./schemas.ts";
import { validate } from "./validate.ts";

/**
 * The components of an ISO-8601 duration. A leading minus sign makes every component negative.
 *
 * @category Durations
 * @since 0.1.0
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  /** May have a fraction. */
  seconds: number;
}

const number = String.raw`(\d+(?:[.,]\d+)?)`;
const pattern = new RegExp(
  `^([+-])?P(?:${number}Y)?(?:${number}M)?(?:${number}W)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`,
);
const EXPECTED = "ISO-8601 duration such as P1D, PT36H or P1Y2M10DT2H30M";

function invalid(value: unknown, detail?: string): never {
  const message = `duration: expected ${EXPECTED}, received ${describeValue(value)}${detail ? ` (${detail})` : ""}`;
  throw new OpsbookError("invalid_input", message, ["duration"], {
    issues: [
      {
        code: "invalid_input",
        path: ["duration"],
        message,
        expected: EXPECTED,
        received: describeValue(value),
      },
    ],
  });
}

/**
 * Parses an ISO-8601 duration (`PnYnMnWnDTnHnMnS`, weeks may be combined with other components as
 * in ISO 8601-2 and Temporal). Only the last component may have a fraction, and only if it is
 * hours, minutes or seconds; a leading `-` negates the duration.
 *
 * @param iso - The duration text.
 * @returns Its components; absent ones are 0.
 * @throws {@link OpsbookError} `invalid_input` for anything else.
 * @category Durations
 * @since 0.1.0
 * @example
 * ```ts
 * import { parseDuration } from "@opsbook/core";
 *
 * parseDuration("P1Y2M10DT2H30M")
 * //=> { years: 1, months: 2, weeks: 0, days: 10, hours: 2, minutes: 30, seconds: 0 }
 * parseDuration("PT1.5S").seconds //=> 1.5
 * parseDuration("-P1W").weeks //=> -1
 * parseDuration("P") //=> throws OpsbookError
 * ```
 */
export function parseDuration(iso: string): Duration {
  if (typeof iso !== "string") invalid(iso);
  const m = pattern.exec(iso);
  if (!m || m.slice(2).every((part) => part === undefined) || iso.endsWith("T")) invalid(iso);
  const parts = m.slice(2).map((part) => (part === undefined ? undefined : part.replace(",", ".")));
  const lastIndex = parts.reduce((last, part, i) => (part === undefined ? last : i), -1);
  parts.forEach((part, i) => {
    if (part?.includes(".") && (i !== lastIndex || i < 4)) {
      invalid(
        iso,
        "only the last component may have a fraction, and only hours, minutes or seconds",
      );
    }
  });
  const sign = m[1] === "-" ? -1 : 1;
  // `0 * -1` would give -0; `|| 0` keeps absent and zero components as +0.
  const value = (i: number) => (parts[i] === undefined ? 0 : sign * Number(parts[i]) || 0);
  return {
    years: value(0),
    months: value(1),
    weeks: value(2),
    days: value(3),
    hours: value(4),
    minutes: value(5),
    seconds: value(6),
  };
}

/** Milliseconds of the fixed-length part: weeks of 7 days, days of 24 hours, hours, minutes, seconds. */
function fixedMs(d: Duration, withDays: boolean): number {
  const days = withDays ? d.weeks * 7 + d.days : 0;
  return Math.round(
    days * 86_400_000 + d.hours * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000,
  );
}

/**
 * Converts a fixed-length duration to milliseconds: weeks are 7 days and days 24 hours, as in
 * Opsbook's convention for windows and caps. Years and months have no fixed length: use
 * {@link addDuration} for them. A number is taken as milliseconds already.
 *
 * @param value - An ISO-8601 duration or milliseconds.
 * @returns Milliseconds (fractions of a millisecond are rounded).
 * @throws {@link OpsbookError} `unsupported` for a duration with years or months.
 * @category Durations
 * @since 0.1.0
 * @example
 * ```ts
 * import { durationToMs } from "@opsbook/core";
 *
 * durationToMs("PT36H") //=> 129600000
 * durationToMs("P1W") //=> 604800000
 * durationToMs("P1D") //=> 86400000
 * durationToMs(5000) //=> 5000
 * durationToMs("P1M") //=> throws OpsbookError
 * ```
 */
export function durationToMs(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new OpsbookError(
        "invalid_input",
        `duration: expected finite milliseconds or ${EXPECTED}, received ${describeValue(value)}`,
        ["duration"],
      );
    }
    return value;
  }
  const d = parseDuration(value);
  if (d.years !== 0 || d.months !== 0) {
    throw new OpsbookError(
      "unsupported",
      `duration: ${value} has years or months, which have no fixed length in milliseconds; add it to a date with addDuration`,
      ["duration"],
    );
  }
  return fixedMs(d, true);
}

/**
 * Options of {@link addDuration}.
 *
 * @category Durations
 * @since 0.1.0
 */
export interface AddDurationOptions {
  /** IANA time zone whose calendar the date part follows; default `"UTC"`. */
  timeZone?: string;
}

/**
 * Adds a duration to an instant the way a calendar does (RFC 5545 and Temporal): years and months
 * first, clamping the day to the month's end (31 Jan + P1M = 28 or 29 Feb), then weeks and days as
 * calendar days in the time zone (P1D is the same local time on the next day, 23 or 25 hours
 * across a daylight-saving change), then hours, minutes and seconds as elapsed time (PT24H is
 * always 24 hours). A local time that the zone skips moves forward by the gap; a repeated one
 * takes the earlier instant. A number is added as milliseconds.
 *
 * @param timestamp - Epoch milliseconds.
 * @param duration - ISO-8601 duration (may be negative) or milliseconds.
 * @param options - `timeZone` (default `"UTC"`).
 * @returns Epoch milliseconds.
 * @category Durations
 * @since 0.1.0
 * @example
 * ```ts
 * import { addDuration } from "@opsbook/core";
 *
 * const iso = (t: number) => new Date(t).toISOString();
 * iso(addDuration(Date.parse("2026-01-31T09:00:00Z"), "P1M")) //=> "2026-02-28T09:00:00.000Z"
 * iso(addDuration(Date.parse("2028-01-31T09:00:00Z"), "P1M")) //=> "2028-02-29T09:00:00.000Z"
 *
 * // Europe/London's clocks go forward on 29 March 2026:
 * const saturday = Date.parse("2026-03-28T09:00:00Z");
 * iso(addDuration(saturday, "P1D", { timeZone: "Europe/London" })) //=> "2026-03-29T08:00:00.000Z"
 * iso(addDuration(saturday, "PT24H", { timeZone: "Europe/London" })) //=> "2026-03-29T09:00:00.000Z"
 * ```
 */
export function addDuration(
  timestamp: number,
  duration: string | number,
  options: AddDurationOptions = {},
): number {
  if (typeof timestamp !== "number" || !(Math.abs(timestamp) <= MAX_EPOCH_MS)) {
    throw new OpsbookError(
      "invalid_input",
      `timestamp: expected epoch milliseconds within ±8.64e15, received ${describeValue(timestamp)}`,
      ["timestamp"],
    );
  }
  const timeZone = options?.timeZone ?? "UTC";
  if (!isTimeZone(timeZone)) validate(timeZoneSchema, timeZone, { path: ["options", "timeZone"] });
  if (typeof duration === "number") return timestamp + durationToMs(duration);
  const d = parseDuration(duration);
  let instant = timestamp;
  const months = d.years * 12 + d.months;
  const days = d.weeks * 7 + d.days;
  if (months !== 0 || days !== 0) {
    let local = wallDate(wallOf(timestamp, timeZone));
    if (months !== 0) local = addMonths(local, months);
    if (days !== 0) local = addDays(local, days);
    instant = wallToInstant(local.getTime(), timeZone);
  }
  return instant + fixedMs(d, false);
}
