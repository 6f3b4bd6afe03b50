import { addDuration, addPeriods, startOfPeriod } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addStep, calendarStep, endOfPeriod, nextFixedDate } from "./zoneClock.ts";

const zones = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "Asia/Shanghai",
  "Australia/Lord_Howe",
  "America/St_Johns",
];
const instants = fc.integer({
  min: Date.parse("2020-01-01T00:00:00Z"),
  max: Date.parse("2030-12-31T00:00:00Z"),
});

describe("zoneClock (the ledger's fast calendar arithmetic)", () => {
  it("adds durations exactly as @opsbook/core's addDuration, across daylight-saving changes", () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom(...zones),
        fc.constantFrom("P1D", "P7D", "P14D", "P1M", "P12M", "P90D", "PT36H", "P1M2DT3H", "P1Y"),
        (t, zone, duration) => {
          expect(addStep(t, calendarStep(duration), zone)).toBe(
            addDuration(t, duration, { timeZone: zone }),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it("finds the end of a day, month, quarter or year as core's startOfPeriod + addPeriods", () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom(...zones),
        fc.constantFrom("day", "month", "quarter", "year" as const),
        (t, zone, unit) => {
          const expected = addPeriods(startOfPeriod(t, unit, { timeZone: zone }), unit, 1, {
            timeZone: zone,
          });
          expect(endOfPeriod(t, unit, zone)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("clamps a fixed 29 February to the 28th in common years", () => {
    expect(nextFixedDate(Date.parse("2026-03-01T00:00:00Z"), 2, 29, 0, "UTC")).toBe(
      Date.parse("2027-03-01T00:00:00Z"),
    );
    expect(nextFixedDate(Date.parse("2027-03-01T00:00:00Z"), 2, 29, 0, "UTC")).toBe(
      Date.parse("2028-03-01T00:00:00Z"),
    );
  });
});
