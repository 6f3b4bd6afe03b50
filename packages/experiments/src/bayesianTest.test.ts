import { describe, expect, it } from "vitest";
import { bayesianTest } from "./bayesianTest.ts";
import type { Statistic } from "./schemas.ts";

const round = (x: number, d = 5) => Number(x.toFixed(d));
const normA: Statistic = { type: "mean", n: 10, sum: 100, sumSquares: 1002.25 };
const normB: Statistic = { type: "mean", n: 10, sum: 105, sumSquares: 1111.5 };

// growthbook/growthbook packages/stats/tests/bayesian/test_tests.py (EffectBayesianABTest, MIT)
describe("bayesianTest — GrowthBook gbstats", () => {
  it("TestBinom.test_bayesian_binomial_ab_test: 49/100 vs 51/100", () => {
    const r = bayesianTest(
      { type: "proportion", n: 100, conversions: 49 },
      { type: "proportion", n: 100, conversions: 51 },
    );
    expect(round(r.estimate)).toBe(0.04082);
    expect(r.ci.map((x) => round(x))).toEqual([-0.24779, 0.32943]);
    expect(round(r.standardDeviation)).toBe(0.14725);
    expect(round(r.chanceToWin)).toBe(0.60918);
    expect([round(r.risk.control), round(r.risk.treatment)]).toEqual([0.0814, 0.04058]);
  });
  it("TestNorm.test_bayesian_gaussian_ab_test", () => {
    const r = bayesianTest(normA, normB);
    expect(round(r.estimate)).toBe(0.05);
    expect(r.ci.map((x) => round(x))).toEqual([-0.02, 0.12]);
    expect(round(r.standardDeviation)).toBe(0.03572);
    expect(round(r.chanceToWin)).toBe(0.91923);
    expect([round(r.risk.control), round(r.risk.treatment)]).toEqual([0.05131, 0.00131]);
  });
  it("TestNorm.test_bayesian_gaussian_ab_test_informative: proper prior N(0.1, 0.1)", () => {
    const r = bayesianTest(normA, normB, { prior: { mean: 0.1, variance: 0.1, proper: true } });
    expect(round(r.estimate)).toBe(0.05063);
    expect(r.ci.map((x) => round(x))).toEqual([-0.01893, 0.12019]);
    expect(round(r.standardDeviation)).toBe(0.03549);
    expect(round(r.chanceToWin)).toBe(0.92315);
    expect([round(r.risk.control), round(r.risk.treatment)]).toEqual([0.05186, 0.00123]);
  });
  it("test_missing_data: empty arms give chance to win 0.5 and estimate 0", () => {
    for (const s of [
      { type: "proportion", n: 0, conversions: 0 },
      { type: "mean", n: 0, sum: 0, sumSquares: 0 },
    ] as Statistic[]) {
      const r = bayesianTest(s, s);
      expect(r.chanceToWin).toBe(0.5);
      expect(r.estimate).toBe(0);
    }
  });
  it("TestGaussianEffectRelativeAbsolutePriors: rescaled prior keeps chance to win close", () => {
    const c: Statistic = { type: "mean", n: 100, sum: 1000, sumSquares: 200000 };
    const t: Statistic = { type: "mean", n: 100, sum: 1100, sumSquares: 200005 };
    const prior = { mean: 1, variance: 1, proper: true };
    const abs = bayesianTest(c, t, { difference: "absolute", prior });
    const rel = bayesianTest(c, t, { difference: "relative", prior });
    expect(Math.abs(abs.chanceToWin - rel.chanceToWin)).toBeLessThan(0.005);
  });
  it("inverse metrics flip chance to win and risks", () => {
    const r = bayesianTest(normA, normB);
    const inv = bayesianTest(normA, normB, { inverse: true });
    expect(inv.chanceToWin).toBeCloseTo(1 - r.chanceToWin, 12);
    expect(inv.risk).toEqual({ control: r.risk.treatment, treatment: r.risk.control });
  });
  it("zero control mean with a relative lift is uninformative (chance 0.5), never NaN", () => {
    const r = bayesianTest({ type: "mean", n: 5, sum: 0, sumSquares: 4 }, normB);
    expect(r).toMatchObject({ chanceToWin: 0.5, uninformative: "zero_baseline" });
  });
});
