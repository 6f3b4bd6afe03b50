/**
 * The timestamp rules shared by `eventSchema`, `toEpochMs` and `EventTable.from`, so that the zod
 * schema and the fast build loop accept exactly the same values.
 *
 * Accepted: a finite number of epoch milliseconds within the range of `Date` (±8.64e15); a valid
 * `Date`; an ISO-8601 string, either a calendar date (`2026-11-25`, read as UTC midnight as ECMAScript
 * does) or a date-time with seconds optional, fractions of a second optional and a UTC designator or
 * offset required (`2026-11-25T09:30:00Z`, `2026-11-25T17:30+08:00`). A date-time without an offset
 * is rejected: its instant would depend on the machine's time zone.
 */

/** Largest absolute epoch milliseconds a `Date` can hold (ECMA-262 §21.4.1.1). */
export const MAX_EPOCH_MS = 8.64e15;

/** What a timestamp must be, as said in error messages. */
export const TIMESTAMP_EXPECTED = "Date, ISO-8601 string with offset, or epoch milliseconds";

const iso =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;
}

/** Reads an ISO-8601 string; returns NaN when it is not one of the accepted forms. */
function parseIso(text: string): number {
  const m = iso.exec(text);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (m[1] === "-000000") return Number.NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  const hasTime = m[4] !== undefined;
  if (hasTime && m[8] === undefined) return Number.NaN;
  const hour = hasTime ? Number(m[4]) : 0;
  const minute = hasTime ? Number(m[5]) : 0;
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // Fractions of a second are truncated to whole milliseconds, as `Date.parse` does.
  const ms = m[7] === undefined ? 0 : Number(`${m[7]}00`.slice(0, 3));
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return Number.NaN;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const value = date.getTime() - offset;
  return Math.abs(value) <= MAX_EPOCH_MS ? value : Number.NaN;
}

/**
 * Converts a timestamp input to epoch milliseconds, or returns NaN when the input breaks the rules.
 * Numbers take the fast path: this runs once per row when an `EventTable` is built.
 */
export function timestampOf(value: unknown): number {
  if (typeof value === "number") {
    return value >= -MAX_EPOCH_MS && value <= MAX_EPOCH_MS ? value : Number.NaN;
  }
  if (typeof value === "string") return parseIso(value);
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

/** Says why {@link timestampOf} rejected a value (called only on failure). */
export function timestampProblem(value: unknown): {
  code: "invalid_input" | "out_of_range";
  detail?: string;
} {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { code: "invalid_input", detail: "NaN is not a time" };
    return { code: "out_of_range", detail: "outside the range of Date, ±8.64e15 ms" };
  }
  if (typeof value === "string") {
    const m = iso.exec(value);
    if (m && m[4] !== undefined && m[8] === undefined)
      return { code: "invalid_input", detail: "a date-time needs Z or an offset such as +08:00" };
    if (m) return { code: "out_of_range", detail: "no such date or time" };
    return { code: "invalid_input", detail: "not an ISO-8601 date or date-time" };
  }
  if (value instanceof Date) return { code: "invalid_input", detail: "invalid Date" };
  return { code: "invalid_input" };
}

/** True for a plain object (prototype `Object.prototype` or `null`): the rule for `properties`. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
