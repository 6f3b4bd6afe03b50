import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpsbookError } from "./errors.ts";
import { type EventInput, normalizeEvent, normalizeEvents, toEpochMs } from "./events.ts";
import { eventSchema } from "./schemas.ts";

describe("toEpochMs", () => {
  // Reference values: Date.UTC and the ECMAScript Date Time String Format (ECMA-262 §21.4.1.32).
  it.each([
    ["2026-11-25T09:30:00Z", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T09:30:00z", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T09:30Z", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25 09:30:00Z", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T17:30:00+08:00", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T17:30:00+0800", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T17:30:00+08", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T04:30:00-05:00", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T10:00:00+00:30", Date.UTC(2026, 10, 25, 9, 30)],
    ["2026-11-25T09:30:00.123Z", Date.UTC(2026, 10, 25, 9, 30, 0, 123)],
    ["2026-11-25T09:30:00.1239Z", Date.UTC(2026, 10, 25, 9, 30, 0, 123)],
    ["2026-11-25T09:30:00,5Z", Date.UTC(2026, 10, 25, 9, 30, 0, 500)],
    ["2026-11-25", Date.UTC(2026, 10, 25)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["0099-01-01", -59042995200000],
    ["+012026-01-01T00:00:00Z", Date.parse("+012026-01-01T00:00:00Z")],
    ["-000001-01-01T00:00:00Z", Date.parse("-000001-01-01T00:00:00Z")],
  ])("reads %s", (text, expected) => {
    expect(toEpochMs(text)).toBe(expected);
  });

  it("passes epoch milliseconds and valid Dates through", () => {
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs(-1)).toBe(-1);
    expect(toEpochMs(1.5)).toBe(1.5);
    expect(toEpochMs(8.64e15)).toBe(8.64e15);
    expect(toEpochMs(new Date(Date.UTC(2026, 0, 1)))).toBe(Date.UTC(2026, 0, 1));
  });

  it.each([
    ["a date-time without offset (instant depends on the machine)", "2026-11-25T09:30:00"],
    ["a date-time with space and no offset", "2026-11-25 17:30"],
    ["an impossible day", "2026-02-30"],
    ["Feb 29 of a common year", "2026-02-29"],
    ["hour 24", "2026-11-25T24:00:00Z"],
    ["minute 60", "2026-11-25T23:60:00Z"],
    ["a leap second", "2026-12-31T23:59:60Z"],
    ["an offset of 24 hours", "2026-11-25T09:30:00+24:00"],
    ["a non-padded date", "2026-1-5"],
    ["words", "yesterday"],
    ["RFC 2822", "Wed, 25 Nov 2026 09:30:00 GMT"],
    ["the empty string", ""],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["beyond the Date range", 8.64e15 + 1],
    ["an invalid Date", new Date(Number.NaN)],
    ["null", null],
    ["a boolean", true],
    ["a bigint", 1n],
  ])("rejects %s", (_, value) => {
    expect(() => toEpochMs(value as never)).toThrow(OpsbookError);
  });

  it("says why, naming the path", () => {
    expect(() => toEpochMs("2026-11-25T09:30:00", ["events", 3, "timestamp"])).toThrow(
      'events[3].timestamp: expected Date, ISO-8601 string with offset, or epoch milliseconds, received string "2026-11-25T09:30:00" (a date-time needs Z or an offset such as +08:00)',
    );
    const error = (() => {
      try {
        toEpochMs(1e16);
      } catch (e) {
        return e as OpsbookError;
      }
    })();
    expect(error?.code).toBe("out_of_range");
    expect(error?.message.startsWith("timestamp: expected")).toBe(true);
  });

  it("round-trips every toISOString output (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        return toEpochMs(new Date(ms).toISOString()) === ms;
      }),
    );
  });

  it("agrees with Date.parse on date-times with an offset (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? "-" : "+";
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          return toEpochMs(text) === Date.parse(text) && toEpochMs(text) === ms;
        },
      ),
    );
  });
});

describe("normalizeEvents", () => {
  const good: EventInput[] = [
    { userId: "u1", event: "signup", timestamp: "2026-11-25T00:00:00Z" },
    { userId: "u2", event: "login", timestamp: new Date(Date.UTC(2026, 10, 25, 1)) },
    { userId: "u1", event: "buy", timestamp: Date.UTC(2026, 10, 25, 2), properties: { amount: 5 } },
  ];

  it("normalises timestamps to epoch ms and keeps input order", () => {
    expect(normalizeEvents(good)).toEqual({
      events: [
        { userId: "u1", event: "signup", timestamp: Date.UTC(2026, 10, 25) },
        { userId: "u2", event: "login", timestamp: Date.UTC(2026, 10, 25, 1) },
        {
          userId: "u1",
          event: "buy",
          timestamp: Date.UTC(2026, 10, 25, 2),
          properties: { amount: 5 },
        },
      ],
      invalid: [],
    });
  });

  it("drops unknown keys and copies properties", () => {
    const properties = { plan: "pro" };
    const row = { userId: "u", event: "e", timestamp: 0, properties, extra: 1 } as EventInput;
    const [event] = normalizeEvents([row]).events;
    expect(event).toEqual({ userId: "u", event: "e", timestamp: 0, properties: { plan: "pro" } });
    expect(event?.properties).not.toBe(properties);
  });

  it("accepts any iterable", () => {
    function* rows() {
      yield* good;
    }
    expect(normalizeEvents(rows()).events).toHaveLength(3);
  });

  it("reports each bad row with its index and every problem in it", () => {
    const rows = [
      good[0],
      { userId: "", event: 5, timestamp: "2026-11-25T00:00:00" },
      good[1],
      null,
      { userId: "u", event: "e", timestamp: 0, properties: [1] },
    ] as EventInput[];
    const result = normalizeEvents(rows, { invalid: "report" });
    expect(result.events).toHaveLength(2);
    expect(result.invalid.map((row) => row.index)).toEqual([1, 3, 4]);
    expect(result.invalid[0]?.issues.map((i) => i.path)).toEqual([
      ["events", 1, "userId"],
      ["events", 1, "event"],
      ["events", 1, "timestamp"],
    ]);
    expect(result.invalid[0]?.issues.map((i) => i.message)).toEqual([
      'events[1].userId: expected non-empty string (user id), received string ""',
      "events[1].event: expected non-empty string (event name), received number 5",
      'events[1].timestamp: expected Date, ISO-8601 string with offset, or epoch milliseconds, received string "2026-11-25T00:00:00" (a date-time needs Z or an offset such as +08:00)',
    ]);
    expect(result.invalid[1]?.issues[0]?.message).toBe("events[3]: expected object, received null");
    expect(result.invalid[2]?.issues[0]?.message).toBe(
      "events[4].properties: expected plain object, received array",
    );
  });

  it("throws one error listing every bad row by default", () => {
    const rows = [{ userId: "a" }, good[0], { event: "x" }] as EventInput[];
    let error: OpsbookError | undefined;
    try {
      normalizeEvents(rows);
    } catch (e) {
      error = e as OpsbookError;
    }
    expect(error).toBeInstanceOf(OpsbookError);
    expect(error?.issues.map((i) => i.path)).toEqual([
      ["events", 0, "event"],
      ["events", 0, "timestamp"],
      ["events", 2, "userId"],
      ["events", 2, "timestamp"],
    ]);
    expect(error?.message.split("\n")[0]).toBe("Invalid events (2 bad rows) (4 problems):");
  });

  it("rejects a non-iterable input and an unknown mode", () => {
    expect(() => normalizeEvents(5 as never)).toThrow(
      "events: expected array or iterable of events",
    );
    expect(() => normalizeEvents([], { invalid: "skip" as never })).toThrow(OpsbookError);
  });
});

describe("eventSchema and the fast row check agree", () => {
  const cases: unknown[] = [
    { userId: "u", event: "e", timestamp: 0 },
    { userId: "u", event: "e", timestamp: "2026-01-01" },
    { userId: "u", event: "e", timestamp: new Date(0), properties: {} },
    { userId: "u", event: "e", timestamp: 0, properties: Object.create(null) },
    { userId: "u", event: "e", timestamp: 0, properties: undefined },
    { userId: "u", event: "e", timestamp: 0, other: 1 },
    { userId: "u", event: "e", timestamp: 0, properties: null },
    { userId: "u", event: "e", timestamp: 0, properties: new Map() },
    { userId: "u", event: "e", timestamp: 0, properties: new Date() },
    { userId: "u", event: "e", timestamp: 0, properties: "x" },
    { userId: 1, event: "e", timestamp: 0 },
    { userId: "u", event: "", timestamp: 0 },
    { userId: "u", event: "e" },
    { userId: "u", event: "e", timestamp: "2026-01-01T00:00" },
    { userId: "u", event: "e", timestamp: Number.NaN },
    [],
    "row",
    null,
    undefined,
    new (class Row {
      userId = "u";
      event = "e";
      timestamp = 1;
    })(),
  ];
  it.each(cases.map((c, i) => [i, c]))("case %i", (_, row) => {
    const zod = eventSchema.safeParse(row);
    const fast = normalizeEvent(row);
    expect(fast !== undefined).toBe(zod.success);
    if (zod.success) expect(fast).toEqual(zod.data);
  });

  it("on arbitrary rows (fast-check)", () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant(""),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: false }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
      fc.dictionary(fc.string(), fc.integer()),
      fc.array(fc.integer()),
    );
    fc.assert(
      fc.property(
        fc.record(
          { userId: value, event: value, timestamp: value, properties: value },
          { requiredKeys: [] },
        ),
        (row) => {
          const zod = eventSchema.safeParse(row);
          const fast = normalizeEvent(row);
          return (fast !== undefined) === zod.success;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
