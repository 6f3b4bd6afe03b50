/**
 * Local wall-clock time in an IANA zone, independent of the machine's own time zone.
 *
 * A "wall" value is the local date and time written as if it were UTC: epoch milliseconds whose UTC
 * fields are the local fields. date-fns does calendar arithmetic on walls (through a `TZDate` fixed
 * to UTC, so no daylight-saving change interferes); @date-fns/tz's `tzOffset` gives the zone's
 * offsets; this module converts between instants and walls, resolving the wall times that a change
 * skips (moved forward by the gap) or repeats (the earlier instant) as Temporal's "compatible"
 * disambiguation and RFC 5545 do.
 */
import { TZDate, tzOffset } from "@date-fns/tz";
import { OpsbookError } from "../errors.ts";

export const DAY_MS = 86_400_000;

/** UTC offset in whole minutes of a zone at an instant; refuses offsets with seconds. */
export function offsetAt(timeZone: string, timestamp: number): number {
  if (timeZone === "UTC") return 0;
  const offset = tzOffset(timeZone, new Date(timestamp));
  // Offsets with seconds belong to local mean time (before about 1900; Liberia until 1972).
  // @date-fns/tz reads "GMT-00:44:30" with the wrong sign: refuse rather than be wrong.
  if (!Number.isInteger(offset)) {
    throw new OpsbookError(
      "unsupported",
      `options.timeZone: ${timeZone} had a UTC offset with seconds (local mean time) at ${new Date(timestamp).toISOString()}, which calendar functions do not support`,
      ["options", "timeZone"],
    );
  }
  return offset;
}

/** The local wall clock of an instant. */
export function wallOf(timestamp: number, timeZone: string): number {
  return timestamp + offsetAt(timeZone, timestamp) * 60_000;
}

/** A date-fns-ready date whose fields are the wall's fields (fixed to UTC). */
export function wallDate(wall: number): TZDate {
  return new TZDate(wall, "UTC");
}

/**
 * The instant of a local wall time. A skipped wall time (spring forward) is read with the offset
 * before the change, which moves it forward by the gap; a repeated one (fall back) gives the
 * earlier instant. Uses the offsets a day before and after: real zones change at most once within
 * two days.
 */
export function wallToInstant(wall: number, timeZone: string): number {
  if (timeZone === "UTC") return wall;
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const withBefore = wall - before * 60_000;
  if (before === after) {
    // No change nearby, or a change and its reversal: check the direct reading.
    const direct = offsetAt(timeZone, withBefore);
    return direct === before ? withBefore : wall - direct * 60_000;
  }
  const withAfter = wall - after * 60_000;
  const validBefore = offsetAt(timeZone, withBefore) === before;
  const validAfter = offsetAt(timeZone, withAfter) === after;
  if (validBefore && validAfter) return Math.min(withBefore, withAfter);
  if (validAfter) return withAfter;
  return withBefore;
}

/**
 * The first instant of the local day that starts at `wallMidnight`: local midnight when it
 * exists (the earlier one when repeated); when a change skips midnight, the instant of the change.
 */
export function dayStartInstant(wallMidnight: number, timeZone: string): number {
  if (timeZone === "UTC") return wallMidnight;
  const instant = wallToInstant(wallMidnight, timeZone);
  if (wallOf(instant, timeZone) === wallMidnight) return instant;
  // Midnight was skipped: the day began at the change, somewhere before `instant`, after the
  // previous day's last instant. Search for the first instant whose wall is on this day.
  let low = instant - 3 * 3_600_000;
  let high = instant;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wallOf(mid, timeZone) >= wallMidnight) high = mid;
    else low = mid;
  }
  return high;
}
