import { z } from "zod";
import { describeValue } from "./errors.ts";
import type { EventInput, OpsEvent } from "./events.ts";
import {
  isPlainRecord,
  TIMESTAMP_EXPECTED,
  timestampOf,
  timestampProblem,
} from "./internal/timestamp.ts";
import { isTimeZone } from "./internal/zone.ts";

/**
 * A timestamp: a `Date`, an ISO-8601 string with a UTC designator or offset (or a bare calendar date,
 * read as UTC midnight), or epoch milliseconds. Parses to epoch milliseconds.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { timestampSchema } from "@opsbook/core";
 *
 * timestampSchema.parse("2026-11-25T08:00:00+08:00") //=> 1795564800000
 * timestampSchema.safeParse("2026-11-25T08:00:00").success //=> false
 * ```
 */
export const timestampSchema: z.ZodType<number, Date | string | number> = z
  .custom<Date | string | number>(() => true)
  .transform((value, ctx) => {
    const ms = timestampOf(value);
    if (!Number.isNaN(ms)) return ms;
    const problem = timestampProblem(value);
    ctx.addIssue({
      code: "custom",
      input: value,
      message: `expected ${TIMESTAMP_EXPECTED}, received ${describeValue(value)}${problem.detail ? ` (${problem.detail})` : ""}`,
      params: { code: problem.code, expected: TIMESTAMP_EXPECTED, received: describeValue(value) },
    });
    return z.NEVER;
  });

const nonEmptyString = (what: string) =>
  z.custom<string>((v) => typeof v === "string" && v.length > 0, {
    error: (issue) =>
      `expected non-empty string${what ? ` (${what})` : ""}, received ${describeValue(issue.input)}`,
    params: { expected: "non-empty string" },
  });

/**
 * One event: who (`userId`), what (`event`), when (`timestamp`) and optional `properties`
 * (a plain object). Parses to an {@link OpsEvent} with the timestamp in epoch milliseconds; other
 * keys are dropped. `EventTable.from` applies the same rules in a fast loop (tested to agree).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { eventSchema } from "@opsbook/core";
 *
 * eventSchema.parse({ userId: "u1", event: "signup", timestamp: "2026-01-01" })
 * //=> { userId: "u1", event: "signup", timestamp: 1767225600000 }
 * eventSchema.safeParse({ userId: "", event: "signup", timestamp: 0 }).success //=> false
 * ```
 */
export const eventSchema: z.ZodType<OpsEvent, EventInput> = z.object({
  userId: nonEmptyString("user id"),
  event: nonEmptyString("event name"),
  timestamp: timestampSchema,
  properties: z
    .custom<Record<string, unknown>>((v) => v === undefined || isPlainRecord(v), {
      error: (issue) => `expected plain object, received ${describeValue(issue.input)}`,
      params: { expected: "plain object" },
    })
    .optional(),
}) as unknown as z.ZodType<OpsEvent, EventInput>;

/**
 * An IANA time zone name (`"Europe/London"`) or a UTC offset (`"+08:00"`) that this JavaScript
 * engine's `Intl` knows.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { timeZoneSchema } from "@opsbook/core";
 *
 * timeZoneSchema.parse("Asia/Shanghai") //=> "Asia/Shanghai"
 * timeZoneSchema.safeParse("Mars/Olympus_Mons").success //=> false
 * ```
 */
export const timeZoneSchema: z.ZodType<string, string> = z.string().refine(isTimeZone, {
  error: (issue) => `expected IANA time zone name, received ${describeValue(issue.input)}`,
  params: { code: "not_found", expected: "IANA time zone name" },
});

/**
 * Calendar options shared by every calendar function: `timeZone` (IANA name, default `"UTC"`) and
 * `weekStartsOn` (0 = Sunday … 6 = Saturday, default 1 = Monday as in ISO 8601).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { calendarOptionsSchema } from "@opsbook/core";
 *
 * calendarOptionsSchema.parse({}) //=> { timeZone: "UTC", weekStartsOn: 1 }
 * ```
 */
export const calendarOptionsSchema = z.object({
  timeZone: timeZoneSchema.default("UTC"),
  weekStartsOn: z
    .union([
      z.literal(0),
      z.literal(1),
      z.literal(2),
      z.literal(3),
      z.literal(4),
      z.literal(5),
      z.literal(6),
    ])
    .default(1),
});

/**
 * A rounding mode for decimal amounts. `half-up` rounds halves away from zero (commercial
 * rounding), `half-even` to the even neighbour (banker's rounding, IEEE 754's default), `half-down`
 * towards zero; `up` away from zero, `down` towards zero (truncation), `ceiling` towards +∞, `floor`
 * towards −∞ — the modes of Java's `RoundingMode` and decimal.js.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { roundingModeSchema } from "@opsbook/core";
 *
 * roundingModeSchema.parse("half-even") //=> "half-even"
 * ```
 */
export const roundingModeSchema = z.enum([
  "half-up",
  "half-even",
  "half-down",
  "up",
  "down",
  "ceiling",
  "floor",
]);

/**
 * A seed for {@link createRng}: a safe integer or a string.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { seedSchema } from "@opsbook/core";
 *
 * seedSchema.parse("launch-2026") //=> "launch-2026"
 * seedSchema.safeParse(0.5).success //=> false
 * ```
 */
export const seedSchema = z.union([
  z.string(),
  z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
]);
