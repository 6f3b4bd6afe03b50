import { describeValue, formatPath, OpsbookError, type OpsbookIssue } from "./errors.ts";
import {
  isPlainRecord,
  TIMESTAMP_EXPECTED,
  timestampOf,
  timestampProblem,
} from "./internal/timestamp.ts";
import { eventSchema } from "./schemas.ts";
import { toOpsbookIssues } from "./validate.ts";

/**
 * A point in time as callers give it: a `Date`, an ISO-8601 string with a UTC designator or offset
 * (a bare `YYYY-MM-DD` is UTC midnight), or epoch milliseconds.
 *
 * @category Events
 * @since 0.1.0
 */
export type TimestampInput = Date | string | number;

/**
 * An event as callers give it.
 *
 * @category Events
 * @since 0.1.0
 */
export interface EventInput {
  /** Who did it: a non-empty string. */
  userId: string;
  /** What happened: a non-empty event name. */
  event: string;
  /** When it happened. */
  timestamp: TimestampInput;
  /** Optional plain object of event properties. */
  properties?: Record<string, unknown>;
}

/**
 * A normalised event: the timestamp is epoch milliseconds.
 *
 * @category Events
 * @since 0.1.0
 */
export interface OpsEvent {
  /** Who did it. */
  userId: string;
  /** What happened. */
  event: string;
  /** When it happened, in epoch milliseconds (UTC). */
  timestamp: number;
  /** Optional plain object of event properties. */
  properties?: Record<string, unknown>;
}

/**
 * Converts a timestamp input to epoch milliseconds.
 *
 * @param value - A `Date`, an ISO-8601 string with `Z` or an offset (or a bare calendar date, read
 *   as UTC midnight as ECMAScript does), or epoch milliseconds.
 * @param path - Where the value sits in the caller's input, for the error message.
 * @returns Epoch milliseconds.
 * @throws {@link OpsbookError} `invalid_input` for anything else (including a date-time without an
 *   offset, whose instant would depend on the machine), `out_of_range` beyond the range of `Date`.
 * @category Events
 * @since 0.1.0
 * @example
 * ```ts
 * import { toEpochMs } from "@opsbook/core";
 *
 * toEpochMs("2026-11-25T09:30:00Z") //=> 1795599000000
 * toEpochMs("2026-11-25T17:30:00+08:00") //=> 1795599000000
 * toEpochMs(new Date(Date.UTC(2026, 10, 25))) //=> 1795564800000
 * toEpochMs(1795564800000) //=> 1795564800000
 * toEpochMs("2026-11-25 17:30") //=> throws OpsbookError
 * ```
 */
export function toEpochMs(value: TimestampInput, path: (string | number)[] = []): number {
  const ms = timestampOf(value);
  if (!Number.isNaN(ms)) return ms;
  const problem = timestampProblem(value);
  const where = formatPath(path) || "timestamp";
  throw OpsbookError.fromIssues([
    {
      code: problem.code,
      path,
      message: `${where}: expected ${TIMESTAMP_EXPECTED}, received ${describeValue(value)}${problem.detail ? ` (${problem.detail})` : ""}`,
      expected: TIMESTAMP_EXPECTED,
      received: describeValue(value),
    },
  ]);
}

/**
 * Checks one row with the event rules; returns the normalised event or undefined. The same rules
 * as {@link eventSchema}, without building zod issues for good rows.
 *
 * @internal
 */
export function normalizeEvent(row: unknown): OpsEvent | undefined {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return undefined;
  const { userId, event, timestamp, properties } = row as Record<string, unknown>;
  if (typeof userId !== "string" || userId.length === 0) return undefined;
  if (typeof event !== "string" || event.length === 0) return undefined;
  const ms = timestampOf(timestamp);
  if (Number.isNaN(ms)) return undefined;
  if (properties === undefined) return { userId, event, timestamp: ms };
  if (!isPlainRecord(properties)) return undefined;
  return { userId, event, timestamp: ms, properties: { ...properties } };
}

/**
 * Options of {@link normalizeEvents}.
 *
 * @category Events
 * @since 0.1.0
 */
export interface NormalizeEventsOptions {
  /** `"throw"` (default): throw one error listing every bad row; `"report"`: keep the good rows and
   * return the bad ones with their index. */
  invalid?: "throw" | "report";
}

/**
 * The result of {@link normalizeEvents}.
 *
 * @category Events
 * @since 0.1.0
 */
export interface NormalizedEvents {
  /** The good rows, normalised, in input order. */
  events: OpsEvent[];
  /** The bad rows: their 0-based index in the input and every problem found in them. */
  invalid: { index: number; issues: OpsbookIssue[] }[];
}

/**
 * Validates and normalises events: timestamps become epoch milliseconds, unknown keys are dropped,
 * `properties` are copied. Every bad row is reported with its index and every problem in it, with
 * paths like `events[3].timestamp`.
 *
 * @param rows - Events as an array or any iterable.
 * @param options - `invalid: "throw"` (default) or `"report"`.
 * @returns The normalised events and the bad rows.
 * @throws {@link OpsbookError} listing every bad row when `invalid` is `"throw"`.
 * @category Events
 * @since 0.1.0
 * @example
 * ```ts
 * import { normalizeEvents } from "@opsbook/core";
 *
 * const rows = [
 *   { userId: "u1", event: "signup", timestamp: "2026-11-25T00:00:00Z" },
 *   { userId: "u1", event: "login", timestamp: "yesterday" },
 * ];
 * const result = normalizeEvents(rows, { invalid: "report" });
 * result.events //=> [{ userId: "u1", event: "signup", timestamp: 1795564800000 }]
 * result.invalid.map((row) => row.index) //=> [1]
 * result.invalid[0]?.issues[0]?.message.startsWith("events[1].timestamp: expected") //=> true
 * normalizeEvents(rows) //=> throws OpsbookError
 * ```
 */
export function normalizeEvents(
  rows: Iterable<EventInput>,
  options: NormalizeEventsOptions = {},
): NormalizedEvents {
  const mode = options.invalid ?? "throw";
  if (mode !== "throw" && mode !== "report") {
    throw OpsbookError.fromIssues([
      {
        code: "invalid_input",
        path: ["options", "invalid"],
        message: `options.invalid: expected "throw" or "report", received ${describeValue(mode)}`,
        expected: '"throw" or "report"',
        received: describeValue(mode),
      },
    ]);
  }
  if (
    rows === null ||
    typeof (rows as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== "function"
  ) {
    throw OpsbookError.fromIssues([
      {
        code: "invalid_input",
        path: ["events"],
        message: `events: expected array or iterable of events, received ${describeValue(rows)}`,
        expected: "array or iterable of events",
        received: describeValue(rows),
      },
    ]);
  }
  const events: OpsEvent[] = [];
  const invalid: { index: number; issues: OpsbookIssue[] }[] = [];
  let index = 0;
  for (const row of rows) {
    const event = normalizeEvent(row);
    if (event) events.push(event);
    else invalid.push({ index, issues: eventIssues(row, index) });
    index += 1;
  }
  if (mode === "throw" && invalid.length > 0) {
    throw OpsbookError.fromIssues(
      invalid.flatMap((row) => row.issues),
      `events (${invalid.length} bad row${invalid.length > 1 ? "s" : ""})`,
    );
  }
  return { events, invalid };
}

/**
 * Every problem in one bad row, from the zod event schema, with paths under `events[index]`.
 *
 * @internal
 */
export function eventIssues(row: unknown, index: number): OpsbookIssue[] {
  const result = eventSchema.safeParse(row, { reportInput: true });
  if (result.success) return [];
  return toOpsbookIssues(result.error.issues, { path: ["events", index] });
}
