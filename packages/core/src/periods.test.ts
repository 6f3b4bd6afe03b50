import { getISOWeek, getISOWeekYear, getWeek, getWeekYear } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpsbookError } from "./errors.ts";
import {
  addPeriods,
  type CalendarOptions,
  enumeratePeriods,
  type PeriodUnit,
  periodIndex,
  periodKey,
  startOfPeriod,
} from "./periods.ts";

const HOUR = 3_600_000;
const units: PeriodUnit[] = ["day", "week", "month", "quarter", "year"];
const weekStarts = [0, 1, 2, 3, 4, 5, 6] as const;
const iso = (t: number) => new Date(t).toISOString();

/** Hours from the start of the local day that contains `t` to the start of the next one. */
function dayLength(t: number, timeZone: string): number {
  const start = startOfPeriod(t, "day", { timeZone });
  return (
    (enumeratePeriods(start, addPeriods(start, "day", 1, { timeZone }), "day", { timeZone })
      .slice(1)
      .map((next) => next - start)[0] ?? 0) / HOUR
  );
}

describe("startOfPeriod across daylight-saving changes (dates from the IANA tz database)", () => {
  it("America/New_York: 8 March 2026 has 23 hours, 1 November 2026 has 25", () => {
    const timeZone = "America/New_York";
    expect(iso(startOfPeriod(Date.parse("2026-03-08T12:00:00Z"), "day", { timeZone }))).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    expect(dayLength(Date.parse("2026-03-08T12:00:00Z"), timeZone)).toBe(23);
    expect(dayLength(Date.parse("2026-11-01T12:00:00Z"), timeZone)).toBe(25);
    expect(dayLength(Date.parse("2026-06-01T12:00:00Z"), timeZone)).toBe(24);
    // 01:30 happens twice on 1 November; both belong to that day.
    const firstOneThirty = Date.parse("2026-11-01T01:30:00-04:00");
    const secondOneThirty = Date.parse("2026-11-01T01:30:00-05:00");
    expect(startOfPeriod(firstOneThirty, "day", { timeZone })).toBe(
      startOfPeriod(secondOneThirty, "day", { timeZone }),
    );
  });

  it("Europe/London: 29 March 2026 has 23 hours, 25 October 2026 has 25; months start at BST midnight", () => {
    const timeZone = "Europe/London";
    expect(dayLength(Date.parse("2026-03-29T12:00:00Z"), timeZone)).toBe(23);
    expect(dayLength(Date.parse("2026-10-25T12:00:00Z"), timeZone)).toBe(25);
    expect(iso(startOfPeriod(Date.parse("2026-07-15T12:00:00Z"), "month", { timeZone }))).toBe(
      "2026-06-30T23:00:00.000Z",
    );
    expect(iso(startOfPeriod(Date.parse("2026-12-15T12:00:00Z"), "month", { timeZone }))).toBe(
      "2026-12-01T00:00:00.000Z",
    );
  });

  it("Asia/Shanghai: UTC+8 all year today, and its 1986–1991 summer time (1986-05-04 lost an hour)", () => {
    const timeZone = "Asia/Shanghai";
    expect(iso(startOfPeriod(Date.parse("2026-11-25T18:30:00Z"), "day", { timeZone }))).toBe(
      "2026-11-25T16:00:00.000Z",
    );
    expect(dayLength(Date.parse("2026-03-29T12:00:00Z"), timeZone)).toBe(24);
    expect(dayLength(Date.parse("1986-05-04T06:00:00Z"), timeZone)).toBe(23);
  });

  it("Australia/Lord_Howe: a 30-minute shift makes 4 October 2026 last 23.5 hours and 5 April 2026 24.5", () => {
    const timeZone = "Australia/Lord_Howe";
    expect(dayLength(Date.parse("2026-10-04T06:00:00Z"), timeZone)).toBe(23.5);
    expect(dayLength(Date.parse("2026-04-05T06:00:00Z"), timeZone)).toBe(24.5);
    expect(iso(startOfPeriod(Date.parse("2026-10-04T06:00:00Z"), "day", { timeZone }))).toBe(
      "2026-10-03T13:30:00.000Z",
    );
    // 02:15 does not exist on 4 October: one day after 02:15 on the 3rd is 02:45, 23.5 hours later.
    const t = Date.parse("2026-10-03T02:15:00+10:30");
    expect(iso(addPeriods(t, "day", 1, { timeZone }))).toBe("2026-10-03T15:45:00.000Z");
    // 01:45 happens twice on 5 April: the earlier one is taken.
    expect(iso(addPeriods(Date.parse("2026-04-04T01:45:00+11:00"), "day", 1, { timeZone }))).toBe(
      "2026-04-04T14:45:00.000Z",
    );
  });

  it("starts the day at the change when midnight is skipped (Asia/Kathmandu, 1986-01-01 00:00 → 00:15)", () => {
    const timeZone = "Asia/Kathmandu";
    expect(iso(startOfPeriod(Date.parse("1986-01-01T12:00:00Z"), "day", { timeZone }))).toBe(
      "1985-12-31T18:30:00.000Z",
    );
    // America/Sao_Paulo skipped midnight on 4 November 2018 (00:00 → 01:00).
    expect(
      iso(
        startOfPeriod(Date.parse("2018-11-04T12:00:00Z"), "day", { timeZone: "America/Sao_Paulo" }),
      ),
    ).toBe("2018-11-04T03:00:00.000Z");
  });

  it("does not depend on the machine's time zone: UTC fast path equals Etc/UTC through TZDate", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.constantFrom(...weekStarts),
        fc.integer({ min: -2e12, max: 6e12 }),
        fc.integer({ min: -40, max: 40 }),
        (unit, weekStartsOn, t, n) => {
          const utc = { timeZone: "UTC", weekStartsOn };
          const etc = { timeZone: "Etc/UTC", weekStartsOn };
          expect(startOfPeriod(t, unit, utc)).toBe(startOfPeriod(t, unit, etc));
          expect(addPeriods(t, unit, n, utc)).toBe(addPeriods(t, unit, n, etc));
          expect(periodKey(t, unit, utc)).toBe(periodKey(t, unit, etc));
        },
      ),
      { numRuns: 300 },
    );
  });
});

function checkPeriod(t: number, unit: PeriodUnit, options: CalendarOptions): void {
  const start = startOfPeriod(t, unit, options);
  const next = startOfPeriod(addPeriods(start, unit, 1, options), unit, options);
  expect(start).toBeLessThanOrEqual(t);
  expect(t).toBeLessThan(next);
  expect(startOfPeriod(start, unit, options)).toBe(start);
  expect(startOfPeriod(start - 1, unit, options)).toBeLessThan(start);
  expect(periodKey(start, unit, options)).toBe(periodKey(t, unit, options));
  expect(periodIndex(t, start, unit, options)).toBe(0);
  expect(periodIndex(next, t, unit, options)).toBe(1);
}

describe("period start ≤ timestamp < next period start (fast-check)", () => {
  for (const timeZone of [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Asia/Shanghai",
    "Australia/Lord_Howe",
  ]) {
    it(`in ${timeZone}, for every unit and weekStartsOn, 1903–2100`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...units),
          fc.constantFrom(...weekStarts),
          fc.integer({ min: Date.UTC(1903, 0, 1), max: Date.UTC(2100, 0, 1) }),
          (unit, weekStartsOn, t) => checkPeriod(t, unit, { timeZone, weekStartsOn }),
        ),
        { numRuns: 300 },
      );
    });
    it(`in ${timeZone}, within a day of each 2026 daylight-saving change`, () => {
      const changes = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 29, 1)];
      changes.push(
        Date.UTC(2026, 9, 25, 1),
        Date.UTC(2026, 9, 3, 15, 30),
        Date.UTC(2026, 3, 4, 15),
      );
      fc.assert(
        fc.property(
          fc.constantFrom(...changes),
          fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
          fc.constantFrom(...units),
          (change, delta, unit) => checkPeriod(change + delta, unit, { timeZone }),
        ),
        { numRuns: 300 },
      );
    });
  }

  it("in random IANA zones from Intl.supportedValuesOf, 1974–2100", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf("timeZone")),
        fc.constantFrom(...units),
        fc.constantFrom(...weekStarts),
        fc.integer({ min: Date.UTC(1974, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (timeZone, unit, weekStartsOn, t) => checkPeriod(t, unit, { timeZone, weekStartsOn }),
      ),
      { numRuns: 1000 },
    );
  });
});

describe("addPeriods", () => {
  it("clamps to the end of the month (31 Jan + 1 month = 28 Feb, or 29 in a leap year)", () => {
    expect(iso(addPeriods(Date.parse("2026-01-31T10:00:00Z"), "month", 1))).toBe(
      "2026-02-28T10:00:00.000Z",
    );
    expect(iso(addPeriods(Date.parse("2028-01-31T10:00:00Z"), "month", 1))).toBe(
      "2028-02-29T10:00:00.000Z",
    );
    expect(iso(addPeriods(Date.parse("2028-02-29T00:00:00Z"), "year", 1))).toBe(
      "2029-02-28T00:00:00.000Z",
    );
    expect(iso(addPeriods(Date.parse("2026-05-31T00:00:00Z"), "quarter", -1))).toBe(
      "2026-02-28T00:00:00.000Z",
    );
    const timeZone = "Asia/Shanghai";
    expect(iso(addPeriods(Date.parse("2026-01-31T09:00:00+08:00"), "month", 1, { timeZone }))).toBe(
      "2026-02-28T01:00:00.000Z",
    );
  });

  it("keeps the local time of day across a change (New York, 1 Nov 2026: 25 hours)", () => {
    const t = Date.parse("2026-10-31T09:00:00-04:00");
    expect(addPeriods(t, "day", 1, { timeZone: "America/New_York" }) - t).toBe(25 * HOUR);
    expect(addPeriods(t, "week", 1, { timeZone: "America/New_York" }) - t).toBe(
      (7 * 24 + 1) * HOUR,
    );
  });

  it("returns the timestamp for 0 and undoes itself for day and week amounts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom("day", "week") as fc.Arbitrary<PeriodUnit>,
        (t, n, unit) => {
          const start = startOfPeriod(t, "day", { timeZone: "Europe/London" });
          const moved = addPeriods(start, unit, n, { timeZone: "Europe/London" });
          expect(addPeriods(moved, unit, -n, { timeZone: "Europe/London" })).toBe(start);
          expect(addPeriods(t, unit, 0)).toBe(t);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("periodIndex", () => {
  it("counts local calendar periods, not 24-hour blocks", () => {
    const timeZone = "America/New_York";
    const origin = Date.parse("2026-03-07T23:00:00-05:00");
    const after = Date.parse("2026-03-09T00:30:00-04:00");
    expect(periodIndex(after, origin, "day", { timeZone })).toBe(2);
    expect(periodIndex(origin, after, "day", { timeZone })).toBe(-2);
    expect(
      periodIndex(Date.parse("2027-01-01T00:00:00Z"), Date.parse("2026-12-31T23:59:59Z"), "year"),
    ).toBe(1);
    expect(
      periodIndex(Date.parse("2026-12-01T00:00:00Z"), Date.parse("2026-01-31T00:00:00Z"), "month"),
    ).toBe(11);
    expect(
      periodIndex(
        Date.parse("2026-12-01T00:00:00Z"),
        Date.parse("2026-01-31T00:00:00Z"),
        "quarter",
      ),
    ).toBe(3);
  });

  it("counts weeks from each week's start (Monday by default, Sunday when asked)", () => {
    const sunday = Date.parse("2026-11-29T12:00:00Z");
    const monday = Date.parse("2026-11-30T12:00:00Z");
    expect(periodIndex(monday, sunday, "week")).toBe(1);
    expect(periodIndex(monday, sunday, "week", { weekStartsOn: 0 })).toBe(0);
  });

  it("adds up: index(a, c) = index(a, b) + index(b, c) (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.constantFrom("UTC", "Australia/Lord_Howe", "America/New_York"),
        fc.array(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2050, 0, 1) }), {
          minLength: 3,
          maxLength: 3,
        }),
        (unit, timeZone, [a, b, c]) => {
          const o = { timeZone };
          expect(periodIndex(a!, c!, unit, o)).toBe(
            periodIndex(a!, b!, unit, o) + periodIndex(b!, c!, unit, o),
          );
          expect(periodIndex(addPeriods(startOfPeriod(a!, unit, o), unit, 5, o), a!, unit, o)).toBe(
            5,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("enumeratePeriods", () => {
  it("lists every period start that overlaps [start, end]", () => {
    const weeks = enumeratePeriods(
      Date.parse("2026-11-25T00:00:00Z"),
      Date.parse("2026-12-07T00:00:00Z"),
      "week",
    );
    expect(weeks.map(iso)).toEqual([
      "2026-11-23T00:00:00.000Z",
      "2026-11-30T00:00:00.000Z",
      "2026-12-07T00:00:00.000Z",
    ]);
    expect(enumeratePeriods(0, 0, "year")).toEqual([0]);
    const days = enumeratePeriods(Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31, 23), "day", {
      timeZone: "Australia/Lord_Howe",
    });
    expect(days).toHaveLength(366);
  });

  it("matches startOfPeriod and addPeriods (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.constantFrom("UTC", "Europe/London", "Asia/Shanghai"),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        (unit, timeZone, start, width) => {
          const list = enumeratePeriods(start, start + width, unit, { timeZone });
          expect(list[0]).toBe(startOfPeriod(start, unit, { timeZone }));
          expect(list.at(-1)).toBe(startOfPeriod(start + width, unit, { timeZone }));
          for (let i = 1; i < list.length; i++)
            expect(periodIndex(list[i]!, list[i - 1]!, unit, { timeZone })).toBe(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("periodKey", () => {
  it("writes ISO 8601 week dates with the default Monday start (date-fns getISOWeek as reference)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
        // date-fns reads a plain Date in the machine's zone: give it the UTC date as a local date.
        const d = new Date(t);
        const local = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
        local.setFullYear(d.getUTCFullYear());
        const expected = `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
        expect(periodKey(t, "week")).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("numbers weeks for other week starts as date-fns getWeek with firstWeekContainsDate 4", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) }),
        fc.constantFrom(...weekStarts),
        (t, weekStartsOn) => {
          const d = new Date(t);
          const local = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
          const opts = { weekStartsOn, firstWeekContainsDate: 4 } as const;
          const expected = `${getWeekYear(local, opts)}-W${String(getWeek(local, opts)).padStart(2, "0")}`;
          expect(periodKey(t, "week", { weekStartsOn })).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("uses the local calendar of the zone", () => {
    const t = Date.parse("2026-12-31T20:00:00Z");
    expect(periodKey(t, "year")).toBe("2026");
    expect(periodKey(t, "year", { timeZone: "Asia/Shanghai" })).toBe("2027");
    expect(periodKey(t, "quarter", { timeZone: "Asia/Shanghai" })).toBe("2027-Q1");
    expect(periodKey(t, "month", { timeZone: "America/New_York" })).toBe("2026-12");
    expect(periodKey(Date.parse("2021-01-03T12:00:00Z"), "week")).toBe("2020-W53");
  });

  it("sorts in time order for every unit (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9000, 0, 1) }),
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9000, 0, 1) }),
        (unit, a, b) => {
          const [x, y] = a <= b ? [a, b] : [b, a];
          expect(periodKey(x, unit) <= periodKey(y, unit)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("errors", () => {
  it.each([
    ["an unknown unit", () => startOfPeriod(0, "hour" as PeriodUnit)],
    ["NaN", () => startOfPeriod(Number.NaN, "day")],
    ["a string timestamp", () => periodKey("2026-01-01" as unknown as number, "day")],
    ["beyond the Date range", () => addPeriods(9e15, "day", 1)],
    ["a fractional amount", () => addPeriods(0, "day", 0.5)],
    ["end before start", () => enumeratePeriods(10, 0, "day")],
    ["weekStartsOn 7", () => startOfPeriod(0, "week", { weekStartsOn: 7 as 0 })],
  ])("throws OpsbookError for %s", (_, call) => {
    expect(call).toThrow(OpsbookError);
  });

  it("reports an unknown time zone as not_found with its path", () => {
    let error: OpsbookError | undefined;
    try {
      startOfPeriod(0, "day", { timeZone: "Mars/Olympus_Mons" });
    } catch (e) {
      error = e as OpsbookError;
    }
    expect(error?.code).toBe("not_found");
    expect(error?.message).toBe(
      'options.timeZone: expected IANA time zone name, received string "Mars/Olympus_Mons"',
    );
  });

  it("refuses local mean time offsets with seconds (Africa/Monrovia, −0:44:30 until 1972)", () => {
    expect(() => startOfPeriod(0, "day", { timeZone: "Africa/Monrovia" })).toThrow(
      /offset with seconds/,
    );
    expect(periodKey(Date.UTC(1980, 0, 1), "day", { timeZone: "Africa/Monrovia" })).toBe(
      "1980-01-01",
    );
  });
});
