import { describe, expect, it } from "vitest";
import { kFactor, projectViralGrowth } from "./viralGrowth.ts";

describe("kFactor and projectViralGrowth", () => {
  it("multiplies invitations per user by their conversion rate (Skok, 'Lessons Learned – Viral Marketing')", () => {
    expect(kFactor(3, 0.2)).toBe(0.6);
    expect(kFactor(10, 0.1)).toBe(1);
    expect(() => kFactor(3, 1.5)).toThrowError(/conversionRate/);
  });

  it("matches Skok's closed form U0 (K^(t/ct + 1) − 1) / (K − 1) when K does not decay", () => {
    for (const k of [0.4, 0.9, 1.3, 2]) {
      const { totalUsers } = projectViralGrowth({
        initialUsers: 10,
        k,
        cycleTimeDays: 3,
        days: 30,
      });
      expect(totalUsers).toBeCloseTo((10 * (k ** (30 / 3 + 1) - 1)) / (k - 1), 6);
    }
  });

  it("converges to U0 / (1 − K) below K = 1 and has no limit above", () => {
    expect(
      projectViralGrowth({ initialUsers: 100, k: 0.75, cycleTimeDays: 1, days: 1 }).limit,
    ).toBe(400);
    expect(
      projectViralGrowth({ initialUsers: 100, k: 1.5, cycleTimeDays: 1, days: 1 }).limit,
    ).toBeNull();
  });

  it("counts whole cycles only and applies decay K × (1 − d)^(n−1)", () => {
    const p = projectViralGrowth({
      initialUsers: 100,
      k: 2,
      cycleTimeDays: 7,
      days: 20,
      decay: 0.5,
    });
    expect(p.cycles.map((c) => [c.day, c.k])).toEqual([
      [0, 0],
      [7, 2],
      [14, 1],
    ]);
    expect(p.totalUsers).toBe(100 + 200 + 200);
    // K 2, 1, 0.5, 0.25, …: 100 + 200 + 200 + 100 + 25 + … converges
    expect(p.limit).toBeCloseTo(
      100 + 200 + 200 + 100 + 25 + 25 / 8 + 25 / 8 / 16 + 25 / 8 / 16 / 32,
      3,
    );
  });
});
