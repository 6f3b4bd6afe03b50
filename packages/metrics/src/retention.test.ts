import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retention } from "./retention.ts";

// PostHog, posthog/hogql_queries/insights/test/test_retention_query_runner.py: _date(day, hour=5,
// month=0) is 2020-06-(10 + day) at 05:00 UTC; "alias1" is another distinct id of person1.
const date = (day: number, hour = 5, month = 0) => Date.UTC(2020, 5 + month, 10 + day, hour);
const pageviews = (rows: [string, number][]) =>
  rows.map(([userId, timestamp]) => ({ userId, event: "$pageview", timestamp }));
const pad = (rows: number[][]) =>
  rows.map((r) => [...r, ...new Array(rows[0]!.length - r.length).fill(0)]);

describe("retention: PostHog reference cases", () => {
  it("test_day_interval: recurring daily retention over 11 days", () => {
    const events = pageviews([
      ["person1", date(0)],
      ["person1", date(1)],
      ["person1", date(2)],
      ["person1", date(5)],
      ["person1", date(5, 9)],
      ["person1", date(6)],
      ["person2", date(1)],
      ["person2", date(2)],
      ["person2", date(3)],
      ["person2", date(6)],
    ]);
    const result = retention(events, { unit: "day", from: date(0, 0), periods: 11 });
    expect(result.cohorts.map((c) => c.key)[0]).toBe("2020-06-10");
    expect(pad(result.cohorts.map((c) => c.values))).toEqual(
      pad([
        [1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0],
        [2, 2, 1, 0, 1, 2, 0, 0, 0, 0],
        [2, 1, 0, 1, 2, 0, 0, 0, 0],
        [1, 0, 0, 1, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0],
        [2, 0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0],
        [0, 0],
        [0],
      ]),
    );
  });

  it("test_month_interval: recurring monthly retention over 11 months", () => {
    const m = (month: number) => date(0, 5, month);
    const events = pageviews([
      ["person1", m(-5)],
      ["person2", m(-5)],
      ["person1", m(-4)],
      ["person2", m(-4)],
      ["person1", m(-3)],
      ["person2", m(-3)],
      ["person1", m(-1)],
      ["person1", m(0)],
      ["person2", m(0)],
      ["person2", m(1)],
      ["person1", m(3)],
      ["person2", m(5)],
    ]);
    const result = retention(events, { unit: "month", from: "2020-01-01T00:00:00Z", periods: 11 });
    expect(result.cohorts.map((c) => c.period)[0]).toBe(Date.UTC(2020, 0, 1));
    expect(result.cohorts.map((c) => c.values)).toEqual([
      [2, 2, 2, 0, 1, 2, 1, 0, 1, 0, 1],
      [2, 2, 0, 1, 2, 1, 0, 1, 0, 1],
      [2, 0, 1, 2, 1, 0, 1, 0, 1],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 1, 0, 0, 1, 0, 0],
      [2, 1, 0, 1, 0, 1],
      [1, 0, 0, 0, 1],
      [0, 0, 0, 0],
      [1, 0, 0],
      [0, 0],
      [1],
    ]);
  });
});

describe("retention options", () => {
  const day = (d: number, h = 12) => Date.UTC(2026, 10, 2 + d, h);
  const events = [
    { userId: "a", event: "signup", timestamp: day(0) },
    { userId: "a", event: "use", timestamp: day(2) },
    { userId: "a", event: "signup", timestamp: day(1) },
    { userId: "b", event: "use", timestamp: day(0) },
    { userId: "b", event: "signup", timestamp: day(1, 23) },
    { userId: "b", event: "use", timestamp: day(2, 1) },
    { userId: "b", event: "use", timestamp: day(3, 12) },
  ];
  const base = { startEvent: { event: "signup" }, returnEvent: { event: "use" }, asOf: day(9) };
  it("puts a user in every start period (recurring) or only the first (first-time)", () => {
    expect(retention(events, base).cohorts.map((c) => c.size)).toEqual([1, 2, 0, 0]);
    expect(retention(events, { ...base, cohort: "first-time" }).cohorts.map((c) => c.size)).toEqual(
      [1, 1, 0, 0],
    );
  });
  it("counts returns in that period or any later one with on-or-after (Amplitude unbounded)", () => {
    expect(retention(events, base).cohorts[1]!.values).toEqual([2, 2, 1]);
    expect(retention(events, { ...base, cohort: "first-time" }).cohorts[0]!.values).toEqual([
      1, 0, 1, 0,
    ]);
    expect(
      retention(events, { ...base, cohort: "first-time", returnRule: "on-or-after" }).cohorts[0]!
        .values,
    ).toEqual([1, 1, 1, 0]);
  });
  it("counts 24-hour blocks from the start event with a rolling clock", () => {
    // b signs up day 1 at 23:00; "use" at day 2 01:00 is within 24 h (offset 0), day 3 12:00 is offset 1.
    const rolling = retention(events, { ...base, cohort: "first-time", clock: "rolling" });
    expect(rolling.cohorts[1]!.values).toEqual([1, 1, 0]);
    expect(retention(events, { ...base, cohort: "first-time" }).cohorts[1]!.values).toEqual([
      1, 1, 1,
    ]);
  });
  it("groups offsets into custom brackets", () => {
    const result = retention(events, {
      ...base,
      brackets: [
        [1, 1],
        [2, 3],
      ],
    });
    expect(result.columns).toEqual(["1", "2–3"]);
    expect(result.cohorts[0]!.values).toEqual([0, 1]);
  });
  it("gives rates over the previous column with reference: previous", () => {
    const result = retention(events, { ...base, reference: "previous" });
    expect(result.cohorts[1]!.rates).toEqual([1, 1, 0.5]);
  });
  it("flags cells whose period has not ended and leaves them out of the mean", () => {
    const result = retention(events, { ...base, asOf: day(2, 18) });
    expect(result.cohorts[0]!.incomplete).toEqual([false, false, true, true]);
    expect(result.mean.weighted[2]).toBe(0);
  });
  it("follows calendar days in the time zone", () => {
    // 23:00 UTC on day 1 is day 2 in Shanghai (UTC+8).
    const result = retention(events, { ...base, timeZone: "Asia/Shanghai" });
    expect(result.cohorts.map((c) => [c.key, c.size])).toEqual([
      ["2026-11-02", 1],
      ["2026-11-03", 1],
      ["2026-11-04", 1],
      ["2026-11-05", 0],
    ]);
  });
});

describe("retention input handling", () => {
  it("gives an empty matrix for empty input", () => {
    expect(retention([])).toEqual({ columns: [], cohorts: [], mean: { weighted: [], simple: [] } });
  });
  it("names the bad option or row", () => {
    expect(() => retention([], { unit: "hour" as never })).toThrow(/options\.unit/);
    expect(() => retention([], { clock: "rolling", unit: "month" })).toThrow(/options\.clock/);
    expect(() => retention([], { timeZone: "Mars/Base" })).toThrow(/options\.timeZone/);
    expect(() => retention([{ userId: "u", event: "e", timestamp: Number.NaN }])).toThrow(
      /events\[0\]\.timestamp/,
    );
  });
  it("ignores duplicate events and input order", () => {
    const rows = [
      { userId: "u", event: "e", timestamp: Date.UTC(2026, 0, 2) },
      { userId: "u", event: "e", timestamp: Date.UTC(2026, 0, 1) },
    ];
    expect(retention([...rows, ...rows])).toEqual(retention([rows[1]!, rows[0]!]));
  });
});

describe("retention properties (fast-check)", () => {
  it("never has a cell larger than its cohort", () => {
    const event = fc.record({
      userId: fc.constantFrom("a", "b", "c", "d", "e"),
      event: fc.constantFrom("start", "back"),
      timestamp: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 20) }),
    });
    const options = fc.record({
      cohort: fc.constantFrom("recurring", "first-time"),
      returnRule: fc.constantFrom("on", "on-or-after"),
      clock: fc.constantFrom("calendar", "rolling"),
      unit: fc.constantFrom("day", "week"),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 50 }), options, (events, o) => {
        const result = retention(events, {
          ...(o as object),
          startEvent: { event: "start" },
          returnEvent: { event: "back" },
        });
        for (const cohort of result.cohorts) {
          for (const v of cohort.values) expect(v).toBeLessThanOrEqual(cohort.size);
        }
      }),
      { numRuns: 300 },
    );
  });
});
