import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitSbg, sbgDerl, sbgExpectedLifetime, sbgRetentionRates, sbgSurvival } from "./index.ts";

// Fader & Hardie (2007), "How to Project Customer Retention", J. Interactive Marketing 21(1),
// Table 1 (data from Berry & Linoff 2004): survivors of 1,000 customers, years 0–12.
const regular = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

describe("fitSbg", () => {
  it("reproduces Fader & Hardie (2007): regular α = 0.704, β = 1.182, LL = −1680.3 (years 1–7)", () => {
    const fit = fitSbg(regular.slice(0, 8));
    expect(fit.alpha).toBeCloseTo(0.704, 3);
    expect(fit.beta).toBeCloseTo(1.182, 3);
    expect(fit.logLikelihood).toBeCloseTo(-1680.3, 1);
    expect(fit.converged).toBe(true);
  });

  it("reproduces Fader & Hardie (2007): high end α = 0.668, β = 3.806, LL = −1611.2 (years 1–7)", () => {
    const fit = fitSbg(highEnd.slice(0, 8));
    expect(fit.alpha).toBeCloseTo(0.668, 3);
    expect(fit.beta).toBeCloseTo(3.806, 3);
    expect(fit.logLikelihood).toBeCloseTo(-1611.2, 1);
  });

  it("projects years 8–12 within 5% of the actual survivors (Fader & Hardie 2007, Figures 5–6)", () => {
    for (const data of [regular, highEnd]) {
      const projected = sbgSurvival(fitSbg(data.slice(0, 8)), 12).map((s) => s * 1000);
      for (let t = 8; t <= 12; t++)
        expect(Math.abs(projected[t]! - data[t]!) / data[t]!).toBeLessThan(0.05);
    }
  });

  it("fits several cohorts of different ages jointly", () => {
    const joint = fitSbg([regular.slice(0, 8), regular.slice(0, 4).map((v) => v * 2)]);
    expect(joint.cohorts).toBe(2);
    expect(joint.alpha).toBeGreaterThan(0.5);
    expect(joint.alpha).toBeLessThan(1);
    // The same cohort twice gives the single-cohort estimates with twice the log-likelihood.
    const twice = fitSbg([regular.slice(0, 8), regular.slice(0, 8)]);
    const once = fitSbg(regular.slice(0, 8));
    expect(twice.alpha).toBeCloseTo(once.alpha, 4);
    expect(twice.logLikelihood).toBeCloseTo(2 * once.logLikelihood, 4);
    expect(twice.standardErrors!.alpha).toBeCloseTo(once.standardErrors!.alpha / Math.SQRT2, 3);
  });

  it("rejects cohorts that grow, one issue per offending count", () => {
    try {
      fitSbg([
        [1000, 631, 468],
        [500, 520, 300, 310],
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: "OpsbookError", code: "invalid_input", path: [1, 1] });
      expect((error as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([
        [1, 1],
        [1, 3],
      ]);
    }
  });

  it("rejects a cohort with a single count or an empty start", () => {
    expect(() => fitSbg([1000])).toThrowError(expect.objectContaining({ name: "OpsbookError" }));
    expect(() => fitSbg([0, 0, 0])).toThrowError(expect.objectContaining({ path: [0] }));
  });
});

describe("sbg projections", () => {
  const params = { alpha: 0.668, beta: 3.806 };

  it("keeps survival in [0, 1] and non-increasing (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (alpha, beta) => {
          const s = sbgSurvival({ alpha, beta }, 60);
          expect(s[0]).toBe(1);
          for (let t = 1; t < s.length; t++) {
            expect(s[t]!).toBeLessThanOrEqual(s[t - 1]!);
            expect(s[t]!).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it("has retention rates equal to S(t)/S(t−1) (Fader & Hardie 2007, eq. 8)", () => {
    const s = sbgSurvival(params, 10);
    sbgRetentionRates(params, 10).forEach((r, i) => {
      expect(r).toBeCloseTo(s[i + 1]! / s[i]!, 12);
    });
  });

  it("gives the expected lifetime (α+β−1)/(α−1) and its truncated sum", () => {
    expect(sbgExpectedLifetime({ alpha: 3, beta: 5 })).toBeCloseTo(3.5, 12);
    const s = sbgSurvival({ alpha: 3, beta: 5 }, 5000);
    expect(s.slice(0, 5000).reduce((a, b) => a + b, 0)).toBeCloseTo(3.5, 3);
    expect(sbgExpectedLifetime({ alpha: 3, beta: 5 }, { horizon: 2 })).toBeCloseTo(1 + s[1]!, 12);
  });

  it("computes DERL (Fader & Hardie 2010, eq. 6) equal to the discounted sum Σ S(n+k)/S(n−1)·(1+d)^−k", () => {
    for (const renewals of [0, 1, 4, 10]) {
      const n = renewals + 1;
      const s = sbgSurvival(params, 3000);
      let direct = 0;
      for (let k = 0; n + k <= 3000; k++) direct += (s[n + k]! / s[n - 1]!) * 1.1 ** -k;
      expect(sbgDerl(params, { discountRate: 0.1, renewals })).toBeCloseTo(direct, 8);
    }
  });

  it("rejects a zero discount rate", () => {
    expect(() => sbgDerl(params, { discountRate: 0 })).toThrowError(
      expect.objectContaining({ name: "OpsbookError", path: ["discountRate"] }),
    );
  });
});
