import { describe, expect, it } from "vitest";
import { hyp2f1, hyp2f1Series, logBeta, logGamma } from "./special.ts";

describe("logGamma", () => {
  it("matches ln((n−1)!) and Γ(1/2) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12); // A&S Table 6.1: Γ(0.1) = 9.5135077
  });

  it("gives ln B(a, b)", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });
});

describe("hyp2f1 (Abramowitz & Stegun 15.1)", () => {
  it("matches closed forms", () => {
    // A&S 15.1.3: 2F1(1, 1; 2; z) = −ln(1 − z)/z
    for (const z of [-0.9, -0.3, 0.2, 0.7, 0.95])
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
    // A&S 15.1.8: 2F1(a, b; b; z) = (1 − z)^−a
    expect(hyp2f1(2.5, 1.3, 1.3, 0.6)).toBeCloseTo(0.4 ** -2.5, 10);
    // A&S 15.1.6: 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z
    expect(hyp2f1(0.5, 0.5, 1.5, 0.81)).toBeCloseTo(Math.asin(0.9) / 0.9, 10);
    // A&S 15.1.4: 2F1(1/2, 1; 3/2; −z²) = arctan(z)/z, through the Pfaff transformation
    expect(hyp2f1(0.5, 1, 1.5, -4)).toBeCloseTo(Math.atan(2) / 2, 10);
  });

  it("reports a series that does not converge", () => {
    expect(hyp2f1Series(1, 1, 2, 0.999999, 100).converged).toBe(false);
    expect(hyp2f1(1, 1, 2, 0.9999999999)).toBeNaN();
  });
});
