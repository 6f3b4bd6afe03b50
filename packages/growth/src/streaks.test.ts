import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { computeStreak } from "./streaks.ts";

describe("computeStreak", () => {
  it("counts local days in the time zone: 16:30 UTC is already the next day in Shanghai", () => {
    const activity = ["2026-11-20T16:30:00Z", "2026-11-21T10:00:00Z"];
    expect(computeStreak(activity).current).toBe(2);
    expect(computeStreak(activity, { timeZone: "Asia/Shanghai" }).current).toBe(1);
  });

  it("keeps the current streak alive until the end of the next day, and breaks it after", () => {
    const activity = ["2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z"];
    expect(computeStreak(activity, { asOf: "2026-11-22T23:00:00Z" }).current).toBe(2);
    expect(computeStreak(activity, { asOf: "2026-11-23T01:00:00Z" }).current).toBe(0);
    expect(computeStreak(activity, { asOf: "2026-11-23T01:00:00Z" }).longest).toBe(2);
  });

  it("spends freezes on missed days and repairs count as active days", () => {
    const activity = ["2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z", "2026-11-05T10:00:00Z"];
    expect(computeStreak(activity, { freezes: 1 }).current).toBe(1);
    expect(computeStreak(activity, { freezes: 2 })).toMatchObject({
      current: 3,
      frozenDays: ["2026-11-03", "2026-11-04"],
      freezesLeft: 0,
    });
    expect(computeStreak(activity, { freezes: 1, repairs: ["2026-11-03"] })).toMatchObject({
      current: 4,
      frozenDays: ["2026-11-04"],
    });
  });

  it("reports nothing without activity and rejects bad options", () => {
    expect(computeStreak([])).toEqual({
      current: 0,
      longest: 0,
      lastActiveDay: null,
      frozenDays: [],
      freezesLeft: 0,
    });
    expect(() => computeStreak([], { freezes: -1 })).toThrow(OpsbookError);
    expect(() => computeStreak([], { repairs: ["21/11/2026"] })).toThrow(OpsbookError);
  });
});
