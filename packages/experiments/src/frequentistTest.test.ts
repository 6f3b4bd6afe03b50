import { describe, expect, it } from "vitest";
import { frequentistTest } from "./frequentistTest.ts";
import type { Statistic } from "./schemas.ts";

const round = (x: number | null, d = 5) => (x === null ? null : Number(x.toFixed(d)));
const a: Statistic = { type: "mean", n: 3407, sum: 1396.87, sumSquares: 52377.9767 };
const b: Statistic = { type: "mean", n: 3461, sum: 2422.7, sumSquares: 134698.29 };

// growthbook/growthbook packages/stats/tests/frequentist/test_tests.py (gbstats, MIT)
describe("frequentistTest — GrowthBook gbstats TestTwoSidedTTest", () => {
  it("test_two_sided_ttest: relative lift 0.70732, CI (-0.03526, 1.44989), p 0.06191", () => {
    const r = frequentistTest(a, b);
    expect(round(r.estimate)).toBe(0.70732);
    expect(r.ci.map((x) => round(x))).toEqual([-0.03526, 1.44989]);
    expect(round(r.standardError)).toBe(0.37879);
    expect(round(r.pValue)).toBe(0.06191);
  });
  it("test_two_sided_ttest_absolute: 0.29, CI (0.04538, 0.53462), p 0.02016", () => {
    const r = frequentistTest(a, b, { difference: "absolute" });
    expect(round(r.estimate)).toBe(0.29);
    expect(r.ci.map((x) => round(x))).toEqual([0.04538, 0.53462]);
    expect(round(r.standardError)).toBe(0.12478);
    expect(round(r.pValue)).toBe(0.02016);
  });
  it("test_two_sided_ttest_binom: 14/28 vs 16/30, CI (-0.47767, 0.61101), p 0.80707", () => {
    const r = frequentistTest(
      { type: "proportion", n: 28, conversions: 14 },
      { type: "proportion", n: 30, conversions: 16 },
    );
    expect(round(r.estimate)).toBe(0.06667);
    expect(r.ci.map((x) => round(x))).toEqual([-0.47767, 0.61101]);
    expect(round(r.standardError)).toBe(0.2717);
    expect(round(r.pValue)).toBe(0.80707);
  });
  it("test_two_sided_ttest_missing_variance: n = 2 with zero variance gives the uninformative result", () => {
    const r = frequentistTest({ type: "mean", n: 2, sum: 1396.87, sumSquares: 52377.9767 }, b);
    // (52377.9767 − 1396.87²/2) < 0 → variance clamped to 0 → uninformative, as gbstats' default output.
    expect(r).toMatchObject({ estimate: 0, pValue: 1, ci: [0, 0], uninformative: "zero_variance" });
  });
});

// Same file, TestOneSidedGreaterTTest / TestOneSidedLesserTTest (n = 3000 control).
describe("frequentistTest — GrowthBook gbstats one-sided tests", () => {
  const a3000: Statistic = { ...a, n: 3000 };
  it("OneSidedTreatmentGreaterTTest relative: CI (-0.04514, ∞), p 0.06558", () => {
    const r = frequentistTest(a3000, b, { alternative: "greater" });
    expect(round(r.estimate)).toBe(0.50336);
    expect(round(r.standardError)).toBe(0.33341);
    expect(r.ci.map((x) => round(x))).toEqual([-0.04514, null]);
    expect(round(r.pValue)).toBe(0.06558);
  });
  it("OneSidedTreatmentGreaterTTest absolute: CI (0.02079, ∞), p 0.03554", () => {
    const r = frequentistTest(a3000, b, { alternative: "greater", difference: "absolute" });
    expect(round(r.estimate)).toBe(0.23438);
    expect(r.ci.map((x) => round(x))).toEqual([0.02079, null]);
    expect(round(r.pValue)).toBe(0.03554);
  });
  it("OneSidedTreatmentLesserTTest relative: CI (−∞, 1.05186), p 0.93442", () => {
    const r = frequentistTest(a3000, b, { alternative: "less" });
    expect(r.ci.map((x) => round(x))).toEqual([null, 1.05186]);
    expect(round(r.pValue)).toBe(0.93442);
  });
  it("OneSidedTreatmentLesserTTest absolute: CI (−∞, 0.44796), p 0.96446", () => {
    const r = frequentistTest(a3000, b, { alternative: "less", difference: "absolute" });
    expect(r.ci.map((x) => round(x))).toEqual([null, 0.44796]);
    expect(round(r.pValue)).toBe(0.96446);
  });
});

describe("frequentistTest — bad input (issue: typed error or uninformative, never NaN)", () => {
  it("throws OpsbookError for conversions > n and negative counts, naming the path", () => {
    expect(() =>
      frequentistTest(
        { type: "proportion", n: 10, conversions: 11 },
        { type: "proportion", n: 10, conversions: 1 },
      ),
    ).toThrow(/control\.conversions/);
    expect(() =>
      frequentistTest(
        { type: "proportion", n: 10, conversions: 1 },
        { type: "proportion", n: -1, conversions: 0 },
      ),
    ).toThrow(expect.objectContaining({ name: "OpsbookError", code: "out_of_range" }));
  });
  it("throws a conflict for arms of different types", () => {
    expect(() => frequentistTest({ type: "proportion", n: 10, conversions: 1 }, b)).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
  });
  it("returns p = 1 for n ≤ 1, empty arms, zero variance and a zero control mean", () => {
    const cases: [Statistic, Statistic][] = [
      [{ type: "mean", n: 1, sum: 3, sumSquares: 9 }, b],
      [
        { type: "proportion", n: 0, conversions: 0 },
        { type: "proportion", n: 5, conversions: 1 },
      ],
      [{ type: "mean", n: 5, sum: 10, sumSquares: 20 }, b],
      [{ type: "mean", n: 5, sum: 0, sumSquares: 4 }, b],
    ];
    for (const [c, t] of cases) {
      const r = frequentistTest(c, t);
      expect(r.pValue).toBe(1);
      expect(r.uninformative).not.toBeNull();
      expect(Number.isNaN(r.estimate)).toBe(false);
    }
  });
  it("allows a zero control mean for an absolute difference", () => {
    const r = frequentistTest(
      { type: "mean", n: 5, sum: 0, sumSquares: 4 },
      { type: "mean", n: 5, sum: 1, sumSquares: 4 },
      {
        difference: "absolute",
      },
    );
    expect(r.uninformative).toBeNull();
    expect(round(r.estimate)).toBe(0.2);
  });
});
