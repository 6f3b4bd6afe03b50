import { describe, expect, it } from "vitest";
import { bassAdopterCategories, bassCumulativeShare, bassCurve, bassPeakTime } from "./index.ts";

describe("bassPeakTime", () => {
  it("computes t* = ln(q/p)/(p+q) for the Sultan, Farley & Lehmann (1990) averages p=0.03, q=0.38", () => {
    expect(bassPeakTime({ p: 0.03, q: 0.38 })).toBeCloseTo(Math.log(0.38 / 0.03) / 0.41, 12);
    expect(bassPeakTime({ p: 0.03, q: 0.38 })).toBeCloseTo(6.19, 2);
  });

  it("matches the maximum of the continuous density for Bass (1969) room air conditioners p=0.0104, q=0.4186", () => {
    const p = 0.0104;
    const q = 0.4186;
    const density = (t: number) =>
      (bassCumulativeShare({ p, q, m: 1 }, t + 1e-6) -
        bassCumulativeShare({ p, q, m: 1 }, t - 1e-6)) /
      2e-6;
    let best = 0;
    for (let t = 0.01; t < 30; t += 0.01) if (density(t) > density(best)) best = t;
    expect(bassPeakTime({ p, q })).toBeCloseTo(best, 1);
    expect(bassPeakTime({ p, q })).toBeCloseTo(8.6, 1);
  });

  it("puts the peak at launch when q ≤ p", () => {
    expect(bassPeakTime({ p: 0.2, q: 0.2 })).toBe(0);
  });
});

describe("bassCurve", () => {
  const params = { p: 0.03, q: 0.38, m: 1000 };

  it("sums the continuous form to m·F(T)", () => {
    const curve = bassCurve(params, 40);
    expect(curve.at(-1)?.cumulative).toBeCloseTo(1000 * bassCumulativeShare(params, 40), 9);
    expect(curve[0]?.adoptions).toBeCloseTo(1000 * bassCumulativeShare(params, 1), 9);
  });

  it("starts the discrete recursion at p·m and approaches m", () => {
    const curve = bassCurve(params, 60, { form: "discrete" });
    expect(curve[0]?.adoptions).toBeCloseTo(30, 12);
    expect(curve[1]?.adoptions).toBeCloseTo((0.03 + 0.38 * 0.03) * 970, 9);
    expect(curve.at(-1)?.cumulative).toBeCloseTo(1000, 3);
  });

  it("peaks no earlier in the discrete form than in the continuous one (Bass 1969 vs Srinivasan–Mason)", () => {
    for (const [p, q] of [
      [0.01, 0.5],
      [0.0104, 0.4186],
      [0.03, 0.38],
      [0.005, 0.9],
    ] as const) {
      const peak = (form: "continuous" | "discrete") =>
        bassCurve({ p, q, m: 1 }, 80, { form }).reduce((a, b) =>
          b.adoptions > a.adoptions ? b : a,
        ).period;
      expect(peak("discrete")).toBeGreaterThanOrEqual(peak("continuous"));
      expect(Math.abs(peak("continuous") - (bassPeakTime({ p, q }) + 0.5))).toBeLessThanOrEqual(1);
    }
  });

  it("rejects a non-positive coefficient with an OpsbookError", () => {
    expect(() => bassCurve({ p: -0.1, q: 0.3, m: 10 }, 5)).toThrow(/parameters|p/);
    expect(() => bassCurve(params, 0)).toThrowError(
      expect.objectContaining({ name: "OpsbookError" }),
    );
  });
});

describe("bassAdopterCategories", () => {
  it("places the inflection points ln(2+√3)/(p+q) either side of the peak (Mahajan, Muller & Srivastava 1990)", () => {
    const c = bassAdopterCategories({ p: 0.01, q: 0.5, m: 1 });
    expect(c.peak - c.earlyMajorityStart).toBeCloseTo(Math.log(2 + Math.sqrt(3)) / 0.51, 12);
    expect(c.laggardsStart - c.peak).toBeCloseTo(Math.log(2 + Math.sqrt(3)) / 0.51, 12);
    const s = c.shares;
    expect(s.earlyAdopters + s.earlyMajority + s.lateMajority + s.laggards).toBeCloseTo(1, 12);
  });

  it("tends to shares (3−√3)/6 and 1/2 − (3−√3)/6 as p/q → 0 (Mahajan, Muller & Srivastava 1990)", () => {
    const s = bassAdopterCategories({ p: 1e-9, q: 0.5, m: 1 }).shares;
    expect(s.earlyAdopters).toBeCloseTo((3 - Math.sqrt(3)) / 6, 6);
    expect(s.earlyMajority).toBeCloseTo(0.5 - (3 - Math.sqrt(3)) / 6, 6);
    expect(s.lateMajority).toBeCloseTo(s.earlyMajority, 6);
    expect(s.laggards).toBeCloseTo(s.earlyAdopters, 6);
  });

  it("clamps the first boundary at launch when imitation is weak", () => {
    expect(bassAdopterCategories({ p: 0.2, q: 0.3, m: 1 }).earlyMajorityStart).toBe(0);
  });
});
