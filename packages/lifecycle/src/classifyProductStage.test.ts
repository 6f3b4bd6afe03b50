import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bassAdopterCategories,
  bassCurve,
  classifyProductStage,
  productStagePlays,
} from "./index.ts";

const params = { p: 0.005, q: 0.3, m: 10_000 };
const sales = bassCurve(params, 50).map((point) => point.adoptions);

describe("classifyProductStage", () => {
  it("walks a Bass curve through the four stages in order, lagging its inflection points (Mahajan, Muller & Srivastava 1990)", () => {
    const stages = classifyProductStage(sales).evidence.stableStages.filter((s) => s !== null);
    const order = [...new Set(stages)];
    expect(order).toEqual(["introduction", "growth", "maturity", "decline"]);
    const c = bassAdopterCategories(params);
    const firstGrowth = stages.indexOf("growth") + 5; // periods 1–4 have no stage yet
    expect(firstGrowth).toBeGreaterThan(c.earlyMajorityStart);
    expect(firstGrowth - c.earlyMajorityStart).toBeLessThanOrEqual(6);
  });

  it("agrees with the Bass position once the stage has held", () => {
    const result = classifyProductStage(sales.slice(0, 8));
    expect(result.stage).toBe("introduction");
    expect(result.evidence.bass?.stage).toBe("introduction");
    expect(result.evidence.agreement).toBe("agree");
  });

  it("calls a flat series maturity and reports no Bass model when it cannot fit", () => {
    const flat = Array.from({ length: 12 }, (_, i) => 100 + (i % 2));
    const result = classifyProductStage(flat);
    expect(result.stage).toBe("maturity");
    expect(result.evidence.bass).toBeNull();
    expect(result.evidence.agreement).toBe("no-model");
  });

  it("ignores a one-period blip thanks to the minimum-duration rule", () => {
    const base = Array.from({ length: 20 }, () => 100);
    base[12] = 160;
    const result = classifyProductStage(base, { smoothingWindow: 1 });
    expect(result.evidence.rawStages).toContain("introduction");
    expect(new Set(result.evidence.stableStages.filter((s) => s !== null))).toEqual(
      new Set(["maturity"]),
    );
  });

  it("can skip the Bass fit", () => {
    expect(classifyProductStage(sales, { bass: false }).evidence.agreement).toBe("no-model");
  });

  it("is stable under tiny multiplicative noise (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.002, max: 0.05, noNaN: true }),
        fc.double({ min: 0.1, max: 0.8, noNaN: true }),
        fc.integer({ min: 8, max: 40 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }),
        (p, q, length, noise) => {
          const series = bassCurve({ p, q, m: 1e4 }, length).map((point) => point.adoptions);
          const noisy = series.map((v, i) => v * (1 + 1e-9 * (noise[i] as number)));
          expect(classifyProductStage(noisy, { bass: false }).stage).toBe(
            classifyProductStage(series, { bass: false }).stage,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("rejects a series shorter than the smoothing window plus two periods", () => {
    expect(() => classifyProductStage([1, 2, 3, 4], { smoothingWindow: 3 })).toThrowError(
      expect.objectContaining({ name: "OpsbookError", code: "out_of_range" }),
    );
    expect(() => classifyProductStage([1, 2, 3, 4, 5], { minDuration: 0 })).toThrowError(
      expect.objectContaining({ name: "OpsbookError", path: ["minDuration"] }),
    );
  });
});

describe("productStagePlays", () => {
  it("recommends the stage check in every stage", () => {
    for (const plays of Object.values(productStagePlays))
      expect(plays.map((play) => play.slug)).toContain("stage-check");
  });
});
