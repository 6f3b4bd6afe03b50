import { describe, expect, it } from "vitest";
import { experimentDuration, minimumDetectableEffect, power, sampleSize } from "./power.ts";

const r5 = (x: number | null) => (x === null ? null : Number(x.toFixed(5)));
const meanMetric = {
  type: "mean" as const,
  mean: 10,
  standardDeviation: Math.sqrt(3909.9997749994377),
};
const perVariation = 400000 / 3;

// growthbook/growthbook packages/shared/test/power.test.ts (GrowthBook power calculator, MIT)
describe("power / minimumDetectableEffect — GrowthBook power tests", () => {
  it("calculates power correctly: 0.52144", () => {
    expect(r5(power({ metric: meanMetric, effect: 0.05, usersPerVariation: perVariation }))).toBe(
      0.52144,
    );
  });
  it("calculates two-tailed mde correctly: 0.07027", () => {
    expect(
      r5(minimumDetectableEffect({ metric: meanMetric, usersPerVariation: perVariation })),
    ).toBe(0.07027);
  });
  it("calculates sequential power correctly: 0.20596", () => {
    expect(
      r5(
        power({
          metric: meanMetric,
          effect: 0.05,
          usersPerVariation: perVariation,
          sequential: { tuning: 5000 },
        }),
      ),
    ).toBe(0.20596);
  });
  it("calculates sequential mde correctly: 0.12821", () => {
    expect(
      r5(
        minimumDetectableEffect({
          metric: meanMetric,
          usersPerVariation: perVariation,
          sequential: { tuning: 5000 },
        }),
      ),
    ).toBe(0.12821);
  });
  const ctr = { type: "proportion" as const, baseline: 0.1 };
  const revenue = { type: "mean" as const, mean: 0.1, standardDeviation: Math.sqrt(0.5) };
  const weekly = (sequential?: { tuning: number }) =>
    Array.from({ length: 9 }, (_, w) => {
      const usersPerVariation = (4500 * (w + 1)) / 3;
      return [
        r5(
          power({
            metric: ctr,
            effect: 0.05,
            usersPerVariation,
            ...(sequential ? { sequential } : {}),
          }),
        ),
        r5(
          power({
            metric: revenue,
            effect: 0.3,
            usersPerVariation,
            ...(sequential ? { sequential } : {}),
          }),
        ),
        r5(
          minimumDetectableEffect({
            metric: ctr,
            usersPerVariation,
            ...(sequential ? { sequential } : {}),
          }),
        ),
        r5(
          minimumDetectableEffect({
            metric: revenue,
            usersPerVariation,
            ...(sequential ? { sequential } : {}),
          }),
        ),
      ];
    });
  it("checks power: 9 weeks × 4500 users, 3 variations (powerSolution, mdeSolution)", () => {
    const rows = weekly();
    expect(rows.flatMap((r) => r.slice(0, 2))).toEqual([
      0.073, 0.17053, 0.0965, 0.29389, 0.1204, 0.41122, 0.14458, 0.51749, 0.16895, 0.61037, 0.19342,
      0.68938, 0.21791, 0.75513, 0.24235, 0.80886, 0.26666, 0.85213,
    ]);
    expect(rows.flatMap((r) => r.slice(2))).toEqual([
      0.36767, 1.26769, 0.24505, 0.71941, 0.19525, 0.54299, 0.16673, 0.4506, 0.14774, 0.39208,
      0.13394, 0.35099, 0.12336, 0.32018, 0.11491, 0.29603, 0.10796, 0.27647,
    ]);
  });
  it("checks sequential power: N* = 5000", () => {
    const rows = weekly({ tuning: 5000 });
    expect(rows.flatMap((r) => r.slice(0, 2))).toEqual([
      0.05936, 0.09832, 0.06912, 0.14992, 0.07849, 0.19972, 0.08761, 0.24784, 0.09657, 0.29426,
      0.10541, 0.33888, 0.11415, 0.38165, 0.12282, 0.42249, 0.13142, 0.46136,
    ]);
    expect(rows.flatMap((r) => r.slice(2))).toEqual([
      0.65545, 4.33868, 0.4112, 1.51846, 0.32394, 1.04943, 0.27607, 0.84084, 0.24484, 0.71862,
      0.22241, 0.63663, 0.20532, 0.577, 0.19172, 0.53123, 0.18058, 0.49473,
    ]);
  });
});

// statsmodels statsmodels/stats/tests/test_power.py (BSD-3); values from R pwr
describe("power — statsmodels NormalIndPower", () => {
  const standard = { type: "mean" as const, mean: 0, standardDeviation: 1 };
  it("TestNormalIndPower1: d = 0.3, n = 80 → 0.475100870572638", () => {
    expect(
      power({ metric: standard, relative: false, effect: 0.3, usersPerVariation: 80 }),
    ).toBeCloseTo(0.475100870572638, 12);
  });
  it("test_normal_power_explicit: h = 0.01, n = 80 two-sided 0.05045832927039234, greater 0.056869534873146124", () => {
    expect(
      power({ metric: standard, relative: false, effect: -0.01, usersPerVariation: 80 }),
    ).toBeCloseTo(0.05045832927039234, 12);
    expect(
      power({
        metric: standard,
        relative: false,
        effect: 0.01,
        usersPerVariation: 80,
        alternative: "one-sided",
      }),
    ).toBeCloseTo(0.056869534873146124, 12);
  });
  it("TestNormalIndPower2: h = 0.01, n = 80, 'less' → 0.0438089705093578", () => {
    expect(
      power({
        metric: standard,
        relative: false,
        effect: -0.01,
        usersPerVariation: 80,
        alternative: "one-sided",
      }),
    ).toBeCloseTo(0.0438089705093578, 12);
  });
  it("absolute MDE inverts power", () => {
    const mde = minimumDetectableEffect({
      metric: standard,
      relative: false,
      usersPerVariation: 80,
      power: 0.475100870572638,
    });
    // The closed form ignores the far (wrong-sign) rejection tail, so it is exact to ~1e-4 here.
    expect(mde).toBeCloseTo(0.3, 4);
  });
});

describe("sampleSize", () => {
  // Evan Miller, "Sample Size Calculator" (evanmiller.org/ab-testing/sample-size.html):
  // baseline 20 %, MDE 5 % absolute, power 80 %, significance 5 % → 1,030 per variation.
  it("reproduces Evan Miller's calculator example: 1,030 per variation", () => {
    const size = sampleSize({
      metric: { type: "proportion", baseline: 0.2 },
      effect: 0.05,
      relative: false,
    });
    expect(Math.round(size.exact)).toBe(1030);
    expect(size.perVariation).toBe(1031);
  });
  it("relative effects are converted with the baseline", () => {
    const rel = sampleSize({ metric: { type: "proportion", baseline: 0.2 }, effect: 0.25 });
    expect(rel.exact).toBeCloseTo(
      sampleSize({ metric: { type: "proportion", baseline: 0.2 }, effect: 0.05, relative: false })
        .exact,
      9,
    );
  });
  it("means: 2σ²(z + z)²/δ² (16 per arm for d = 1 at 80 % power)", () => {
    const size = sampleSize({
      metric: { type: "mean", mean: 0, standardDeviation: 1 },
      effect: 1,
      relative: false,
    });
    expect(size.exact).toBeCloseTo(2 * (1.959963984540054 + 0.8416212335729143) ** 2, 9);
    expect(size.perVariation).toBe(16);
  });
  it("sequential plans need more units, and reach the power they promise", () => {
    const metric = { type: "proportion" as const, baseline: 0.1 };
    const fixed = sampleSize({ metric, effect: 0.1 });
    const seq = sampleSize({ metric, effect: 0.1, sequential: { tuning: 5000 } });
    expect(seq.perVariation).toBeGreaterThan(fixed.perVariation);
    expect(
      power({
        metric,
        effect: 0.1,
        usersPerVariation: seq.perVariation,
        sequential: { tuning: 5000 },
      }),
    ).toBeGreaterThanOrEqual(0.8);
    expect(
      power({
        metric,
        effect: 0.1,
        usersPerVariation: seq.perVariation - 1,
        sequential: { tuning: 5000 },
      }),
    ).toBeLessThan(0.8);
  });
  it("rejects effects that push a proportion out of (0, 1) and zero effects", () => {
    expect(() =>
      sampleSize({ metric: { type: "proportion", baseline: 0.9 }, effect: 0.2, relative: false }),
    ).toThrow(expect.objectContaining({ code: "out_of_range" }));
    expect(() => sampleSize({ metric: { type: "proportion", baseline: 0.2 }, effect: 0 })).toThrow(
      expect.objectContaining({ name: "OpsbookError" }),
    );
  });
  it("returns null MDE when too few units", () => {
    expect(
      minimumDetectableEffect({
        metric: { type: "proportion", baseline: 0.01 },
        usersPerVariation: 10,
      }),
    ).toBeNull();
  });
});

describe("experimentDuration", () => {
  it("divides the total sample by daily eligible traffic in the experiment, rounding up", () => {
    expect(experimentDuration({ perVariation: 1000, variations: 3, dailyUnits: 250 })).toEqual({
      days: 12,
      totalUnits: 3000,
    });
  });
});
