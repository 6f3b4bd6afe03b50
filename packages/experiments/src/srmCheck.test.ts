import { describe, expect, it } from "vitest";
import { adjustPValues } from "./adjustPValues.ts";
import { proportionsZTest } from "./proportionsZTest.ts";
import { srmCheck } from "./srmCheck.ts";

describe("srmCheck", () => {
  // growthbook/growthbook packages/stats/tests/test_gbstats.py, test_srm (MIT)
  it("test_srm: check_srm([1000, 1200], [0.5, 0.5]) = 0.000020079", () => {
    expect(Number(srmCheck([1000, 1200], [0.5, 0.5]).pValue.toFixed(9))).toBe(0.000020079);
  });
  it("skips zero-weight and empty arms and renormalises the rest", () => {
    expect(srmCheck([1000, 50, 1200], [0.5, 0, 0.5]).pValue).toBeCloseTo(
      srmCheck([1000, 1200], [1, 1]).pValue,
      15,
    );
    expect(srmCheck([1000, 0], [0.5, 0.5])).toMatchObject({ pValue: 1, mismatch: false });
  });
  it("rejects negative counts with an OpsbookError", () => {
    expect(() => srmCheck([-1, 5], [1, 1])).toThrow(
      expect.objectContaining({ name: "OpsbookError" }),
    );
  });
});

// GrowthBook shared experiments tests, describe("pvalue correction method") (MIT)
describe("adjustPValues — GrowthBook 'pvalue correction method'", () => {
  it("does HB procedure correctly", () => {
    expect(
      adjustPValues([0.01, 0.04, 0.03, 0.005, 0.55, 0.6], "holm").map((p) => Number(p.toFixed(8))),
    ).toEqual([0.05, 0.12, 0.12, 0.03, 1, 1]);
  });
  it("does BH procedure correctly", () => {
    expect(
      adjustPValues([0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138], "benjamini-hochberg").map(
        (p) => Number(p.toFixed(8)),
      ),
    ).toEqual([0.964, 0.2415, 0.0245, 0.964, 0.7532, 0.0245, 0.2415]);
  });
  it("returns an empty list for no p-values", () => {
    expect(adjustPValues([], "holm")).toEqual([]);
  });
});

// statsmodels statsmodels/stats/tests/test_proportion.py (BSD-3)
describe("proportionsZTest — statsmodels parity", () => {
  it("TestProportion.test_default_values (GH 2969): [5, 12] / [83, 99]", () => {
    const r = proportionsZTest([
      { count: 5, nobs: 83 },
      { count: 12, nobs: 99 },
    ]);
    expect(r.statistic).toBeCloseTo(-1.4078304151258787, 12);
    expect(r.pValue).toBeCloseTo(0.15918129181156992, 12);
  });
  it("TestProportion.test_scalar (GH 2779): 5 / 83 against 0.05", () => {
    const r = proportionsZTest([{ count: 5, nobs: 83 }], { value: 0.05 });
    expect(r.statistic).toBeCloseTo(0.392126026314, 11);
    expect(r.pValue).toBeCloseTo(0.694965098115, 11);
    expect(() => proportionsZTest([{ count: 5, nobs: 83 }])).toThrow(
      expect.objectContaining({ name: "OpsbookError" }),
    );
  });
  it("unpooled (Wald) variance uses each sample's own proportion", () => {
    const r = proportionsZTest(
      [
        { count: 5, nobs: 83 },
        { count: 12, nobs: 99 },
      ],
      { pooled: false },
    );
    const se = Math.sqrt(((5 / 83) * (78 / 83)) / 83 + ((12 / 99) * (87 / 99)) / 99);
    expect(r.standardError).toBeCloseTo(se, 15);
  });
  it("one-sided alternatives split the two-sided p-value", () => {
    const larger = proportionsZTest(
      [
        { count: 12, nobs: 99 },
        { count: 5, nobs: 83 },
      ],
      { alternative: "larger" },
    );
    expect(larger.pValue).toBeCloseTo(0.15918129181156992 / 2, 12);
  });
});
