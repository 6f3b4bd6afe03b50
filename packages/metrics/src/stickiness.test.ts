import { describe, expect, it } from "vitest";
import { stickiness } from "./stickiness.ts";

const day = (d: number, h = 12) => Date.UTC(2026, 10, 1 + d, h);

describe("stickiness", () => {
  it("counts users by active days, exact and cumulative (PostHog stickiness)", () => {
    const events = [
      ...[0, 1, 2, 3].map((d) => ({ userId: "a", event: "use", timestamp: day(d) })),
      ...[0, 2].map((d) => ({ userId: "b", event: "use", timestamp: day(d) })),
      { userId: "c", event: "use", timestamp: day(3) },
      { userId: "c", event: "use", timestamp: day(3, 13) },
    ];
    const result = stickiness(events);
    expect(result.intervals).toBe(4);
    expect(result.exact).toEqual([1, 1, 0, 1]);
    expect(result.cumulative).toEqual([3, 2, 1, 1]);
  });
  it("computes L7 / L28 / L30 and DAU / WAU / MAU over the range's last days", () => {
    const events = [
      ...Array.from({ length: 30 }, (_, d) => ({
        userId: "daily",
        event: "use",
        timestamp: day(d),
      })),
      { userId: "weekly", event: "use", timestamp: day(25) },
      { userId: "monthly", event: "use", timestamp: day(5) },
      { userId: "gone", event: "use", timestamp: day(-40) },
    ];
    const result = stickiness(events, { from: day(0, 0), to: day(29, 23) });
    expect(result.powerUsers.l30[29]).toBe(1);
    expect(result.powerUsers.l7).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(result.powerUsers.l28.reduce((a, b) => a + b)).toBe(3);
    expect(result.actives).toEqual({
      dau: 1,
      wau: 2,
      mau: 3,
      dauOverMau: 1 / 3,
      dauOverWau: 0.5,
      wauOverMau: 2 / 3,
    });
  });
  it("gives zeros for empty input and names bad options", () => {
    const result = stickiness([]);
    expect(result.exact).toEqual([]);
    expect(result.actives.dauOverMau).toBe(0);
    expect(() => stickiness([], { unit: "decade" as never })).toThrow(/options\.unit/);
  });
});
