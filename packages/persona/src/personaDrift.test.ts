import { describe, expect, it } from "vitest";
import { personaDrift } from "./personaDrift.ts";

describe("personaDrift", () => {
  it("computes PSI = Σ (c − b) ln(c / b) (Siddiqi 2006) with the 0.1 / 0.25 thresholds", () => {
    // shares 0.5/0.3/0.2 → 0.3/0.3/0.4: 0.2·ln(5/3) + 0 + 0.2·ln 2 = 0.102165 + 0.138629
    const report = personaDrift({ a: 50, b: 30, c: 20 }, { a: 30, b: 30, c: 40 });
    expect(report.psi).toBeCloseTo(0.2 * Math.log(5 / 3) + 0.2 * Math.log(2), 12);
    expect(report.status).toBe("moderate");
    expect(personaDrift({ a: 50, b: 50 }, { a: 52, b: 48 }).status).toBe("stable");
    expect(personaDrift({ a: 80, b: 20 }, { a: 30, b: 70 }).status).toBe("significant");
  });
  it("reproduces scipy's chi2_contingency docstring example: [[10, 10, 20], [20, 20, 20]] → χ² 2.7778, p 0.24935, dof 2", () => {
    const report = personaDrift({ a: 10, b: 10, c: 20 }, { a: 20, b: 20, c: 20 });
    expect(report.chiSquare.statistic).toBeCloseTo(2.7777777777777777, 12);
    expect(report.chiSquare.degreesOfFreedom).toBe(2);
    expect(report.chiSquare.pValue).toBeCloseTo(0.24935220877729619, 10);
  });
  it("accepts one persona name per user and flags new and vanished personas", () => {
    const report = personaDrift(["a", "a", "b", "b"], ["a", "a", "c", "c"]);
    expect(report.personas.map((p) => [p.persona, p.baselineCount, p.currentCount])).toEqual([
      ["a", 2, 2],
      ["b", 2, 0],
      ["c", 0, 2],
    ]);
    expect(report.flagged.sort()).toEqual(["b", "c"]);
    expect(Number.isFinite(report.psi)).toBe(true);
    expect(report.status).toBe("significant");
  });
  it("takes custom thresholds from a persona-set config and validates them", () => {
    expect(
      personaDrift({ a: 50, b: 50 }, { a: 60, b: 40 }, { moderate: 0.01, significant: 0.5 }).status,
    ).toBe("moderate");
    expect(() => personaDrift({ a: 1 }, { a: 1 }, { moderate: 0.3, significant: 0.2 })).toThrow(
      expect.objectContaining({ code: "out_of_range" }),
    );
  });
  it("rejects empty periods and negative counts", () => {
    expect(() => personaDrift({ a: 0 }, { a: 3 })).toThrow(
      expect.objectContaining({ path: ["baseline"] }),
    );
    expect(() => personaDrift({ a: 1 }, [])).toThrow(
      expect.objectContaining({ path: ["current"] }),
    );
    expect(() => personaDrift({ a: -1 }, { a: 1 })).toThrow(
      expect.objectContaining({ name: "OpsbookError" }),
    );
  });
  it("gives p = 1 and PSI 0 for a single persona", () => {
    const report = personaDrift({ a: 5 }, { a: 9 });
    expect(report.chiSquare).toEqual({ statistic: 0, degreesOfFreedom: 0, pValue: 1 });
    expect(report.psi).toBe(0);
  });
});
