import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDuration, durationToMs, parseDuration } from "./durations.ts";
import { OpsbookError } from "./errors.ts";
import { addPeriods } from "./periods.ts";

const iso = (t: number) => new Date(t).toISOString();
const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

describe("parseDuration (ISO 8601-1 §5.5.2, with weeks combinable as in ISO 8601-2 and Temporal)", () => {
  it.each([
    ["P1Y2M10DT2H30M", { ...zero, years: 1, months: 2, days: 10, hours: 2, minutes: 30 }],
    ["P1W", { ...zero, weeks: 1 }],
    ["P2W3D", { ...zero, weeks: 2, days: 3 }],
    ["PT36H", { ...zero, hours: 36 }],
    ["PT0.5S", { ...zero, seconds: 0.5 }],
    ["PT1,5H", { ...zero, hours: 1.5 }],
    ["PT1H0.25M", { ...zero, hours: 1, minutes: 0.25 }],
    ["P0D", zero],
    ["-P1DT1H", { ...zero, days: -1, hours: -1 }],
    ["+P1M", { ...zero, months: 1 }],
  ])("reads %s", (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    "",
    "P",
    "PT",
    "P1DT",
    "1D",
    "P1H",
    "PT1D",
    "P1.5D",
    "P0.5Y",
    "PT1.5H30M",
    "P1M1Y",
    "p1d",
    "P-1D",
    "P1D ",
  ])("rejects %j", (text) => {
    expect(() => parseDuration(text)).toThrow(OpsbookError);
  });
});

describe("durationToMs", () => {
  it("counts weeks as 7 days and days as 24 hours", () => {
    expect(durationToMs("P1D")).toBe(86_400_000);
    expect(durationToMs("P2W")).toBe(14 * 86_400_000);
    expect(durationToMs("PT1H30M")).toBe(5_400_000);
    expect(durationToMs("PT0.0015S")).toBe(2);
    expect(durationToMs("-PT1S")).toBe(-1000);
    expect(durationToMs(1234)).toBe(1234);
  });

  it("refuses years and months (no fixed length), with code unsupported", () => {
    for (const text of ["P1M", "P1Y", "P1Y2D"]) {
      try {
        durationToMs(text);
        expect.unreachable();
      } catch (error) {
        expect((error as OpsbookError).code).toBe("unsupported");
      }
    }
    expect(() => durationToMs(Number.NaN)).toThrow(OpsbookError);
  });
});

describe("addDuration", () => {
  it("clamps to the end of the month: 31 Jan + P1M = 28 Feb (29 in leap years)", () => {
    expect(iso(addDuration(Date.parse("2026-01-31T12:00:00Z"), "P1M"))).toBe(
      "2026-02-28T12:00:00.000Z",
    );
    expect(iso(addDuration(Date.parse("2024-01-31T12:00:00Z"), "P1M"))).toBe(
      "2024-02-29T12:00:00.000Z",
    );
    expect(iso(addDuration(Date.parse("2024-02-29T00:00:00Z"), "P1Y"))).toBe(
      "2025-02-28T00:00:00.000Z",
    );
    expect(iso(addDuration(Date.parse("2026-03-31T00:00:00Z"), "-P1M"))).toBe(
      "2026-02-28T00:00:00.000Z",
    );
  });

  it("adds years and months before days (RFC 5545 §3.3.6 order): 31 Jan + P1M1D = 1 Mar", () => {
    expect(iso(addDuration(Date.parse("2026-01-31T00:00:00Z"), "P1M1D"))).toBe(
      "2026-03-01T00:00:00.000Z",
    );
  });

  it("makes P1D the next calendar day in the zone and PT24H exactly 24 hours", () => {
    const timeZone = "America/New_York";
    const t = Date.parse("2026-03-07T09:00:00-05:00");
    expect((addDuration(t, "P1D", { timeZone }) - t) / 3_600_000).toBe(23);
    expect((addDuration(t, "PT24H", { timeZone }) - t) / 3_600_000).toBe(24);
    expect((addDuration(t, "P1DT1H", { timeZone }) - t) / 3_600_000).toBe(24);
    const lordHowe = Date.parse("2026-10-03T12:00:00+10:30");
    expect(
      (addDuration(lordHowe, "P1D", { timeZone: "Australia/Lord_Howe" }) - lordHowe) / 3_600_000,
    ).toBe(23.5);
    expect(addDuration(t, "P1D")).toBe(t + 86_400_000);
  });

  it("agrees with addPeriods for whole days, weeks and months (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.integer({ min: -30, max: 30 }),
        fc.constantFrom("UTC", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai"),
        (t, n, timeZone) => {
          const sign = n < 0 ? "-" : "";
          const abs = Math.abs(n);
          expect(addDuration(t, `${sign}P${abs}D`, { timeZone })).toBe(
            addPeriods(t, "day", n, { timeZone }),
          );
          expect(addDuration(t, `${sign}P${abs}W`, { timeZone })).toBe(
            addPeriods(t, "week", n, { timeZone }),
          );
          expect(addDuration(t, `${sign}P${abs}M`, { timeZone })).toBe(
            addPeriods(t, "month", n, { timeZone }),
          );
          expect(addDuration(t, `PT${abs}H`, { timeZone })).toBe(t + abs * 3_600_000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects a bad timestamp, duration or zone", () => {
    expect(() => addDuration(Number.NaN, "P1D")).toThrow(OpsbookError);
    expect(() => addDuration(0, "one day")).toThrow(OpsbookError);
    expect(() => addDuration(0, "P1D", { timeZone: "Nowhere/Land" })).toThrow(
      'options.timeZone: expected IANA time zone name, received string "Nowhere/Land"',
    );
  });
});
