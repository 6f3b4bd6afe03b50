import { describe, expect, it } from "vitest";
import { frequentistTest } from "./frequentistTest.ts";
import type { Statistic } from "./schemas.ts";
import { sequentialTest } from "./sequentialTest.ts";

const round = (x: number, d = 5) => Number(x.toFixed(d));
const a: Statistic = { type: "mean", n: 3000, sum: 1396.87, sumSquares: 52377.9767 };
const b: Statistic = { type: "mean", n: 3461, sum: 2422.7, sumSquares: 134698.29 };

// growthbook/growthbook packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest (MIT)
describe("sequentialTest — GrowthBook gbstats TestSequentialTTest", () => {
  it("test_sequential_test_runs: N* = 1000, CI (-0.55844, 1.56516), p 1", () => {
    const r = sequentialTest(a, b, { tuning: 1000 });
    expect(round(r.estimate)).toBe(0.50336);
    expect(r.ci.map((x) => round(x))).toEqual([-0.55844, 1.56516]);
    expect(round(r.standardError)).toBe(0.33341);
    expect(r.pValue).toBe(1);
  });
  it("test_sequential_test_runs_prop: 1396/3000 vs 2422/3461, CI (0.40098, 0.60675), p 0", () => {
    const r = sequentialTest(
      { type: "proportion", n: 3000, conversions: 1396 },
      { type: "proportion", n: 3461, conversions: 2422 },
    );
    expect(round(r.estimate)).toBe(0.50386);
    expect(r.ci.map((x) => round(x))).toEqual([0.40098, 0.60675]);
    expect(round(r.standardError)).toBe(0.03386);
    expect(round(r.pValue)).toBe(0);
  });
  it("test_sequential_test_runs_ra (CUPED, θ pooled): 0.50338, CI (-0.50969, 1.51646)", () => {
    const r = sequentialTest(
      { ...a, covariate: { sum: 16.87, sumSquares: 527.9767, sumOfProducts: 1 } },
      { ...b, covariate: { sum: 22.7, sumSquares: 1348.29, sumOfProducts: 1 } },
    );
    expect(round(r.estimate)).toBe(0.50338);
    expect(r.ci.map((x) => round(x))).toEqual([-0.50969, 1.51646]);
    expect(round(r.standardError)).toBe(0.33341);
    expect(r.pValue).toBe(1);
    expect(r.theta).not.toBeNull();
  });
  it("test_sequential_test_tuning_as_expected: N* near n gives the narrowest interval", () => {
    const width = (tuning: number) => {
      const r = sequentialTest(a, b, { tuning });
      return r.ci[1] - r.ci[0];
    };
    expect(width(10)).toBeGreaterThan(width(10000));
    expect(width(10000)).toBeGreaterThan(width(6461));
  });
  it("is always wider than the fixed-horizon interval", () => {
    const s = sequentialTest(a, b);
    const f = frequentistTest(a, b);
    expect(s.ci[0]).toBeLessThan(f.ci[0] as number);
    expect(s.ci[1]).toBeGreaterThan(f.ci[1] as number);
  });
  it("is uninformative (p = 1) on zero variance", () => {
    const r = sequentialTest(
      { type: "proportion", n: 10, conversions: 0 },
      { type: "proportion", n: 10, conversions: 0 },
    );
    expect(r).toMatchObject({ pValue: 1, ci: [0, 0], uninformative: "zero_variance" });
  });
});

describe("CUPED — θ pooled across arms, shared by all three tests", () => {
  it("reduces the standard error when the covariate predicts the metric", () => {
    const c: Statistic = {
      type: "mean",
      n: 4,
      sum: 10,
      sumSquares: 30,
      covariate: { sum: 9, sumSquares: 25, sumOfProducts: 27 },
    };
    const t: Statistic = {
      type: "mean",
      n: 4,
      sum: 12,
      sumSquares: 40,
      covariate: { sum: 9, sumSquares: 25, sumOfProducts: 30 },
    };
    const withCuped = frequentistTest(c, t, { difference: "absolute" });
    const without = frequentistTest(c, t, { difference: "absolute", cuped: false });
    expect(withCuped.theta).not.toBeNull();
    expect(withCuped.standardError).toBeLessThan(without.standardError);
    expect(without.theta).toBeNull();
  });
  it("requires covariates in both arms", () => {
    const c: Statistic = {
      type: "mean",
      n: 4,
      sum: 10,
      sumSquares: 30,
      covariate: { sum: 9, sumSquares: 25, sumOfProducts: 27 },
    };
    expect(() => frequentistTest(c, { type: "mean", n: 4, sum: 12, sumSquares: 40 })).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
  });
});
