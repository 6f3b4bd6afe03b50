import { createRng } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { bassCurve, fitBass } from "./index.ts";

describe("fitBass", () => {
  it("recovers p, q and m from an exact continuous Bass curve (Srinivasan & Mason 1986 form)", () => {
    const truth = { p: 0.0104, q: 0.4186, m: 16_895 }; // Bass (1969), room air conditioners
    const adoptions = bassCurve(truth, 14).map((point) => point.adoptions);
    const fit = fitBass(adoptions);
    expect(fit.p).toBeCloseTo(truth.p, 6);
    expect(fit.q).toBeCloseTo(truth.q, 5);
    expect(fit.m / truth.m).toBeCloseTo(1, 5);
    expect(fit.rSquared).toBeCloseTo(1, 9);
    expect(fit.converged).toBe(true);
  });

  it("recovers the discrete recursion when asked to fit that form", () => {
    const truth = { p: 0.02, q: 0.5, m: 1000 };
    const adoptions = bassCurve(truth, 15, { form: "discrete" }).map((point) => point.adoptions);
    const fit = fitBass(adoptions, { form: "discrete" });
    expect(fit.p).toBeCloseTo(0.02, 6);
    expect(fit.q).toBeCloseTo(0.5, 5);
    expect(fit.form).toBe("discrete");
  });

  it("accepts cumulative data and gives standard errors that cover the truth under noise", () => {
    const truth = { p: 0.03, q: 0.38, m: 10_000 };
    const rng = createRng("bass-noise");
    const adoptions = bassCurve(truth, 16).map((point) =>
      Math.max(0, point.adoptions + rng.normal(0, 15)),
    );
    let total = 0;
    const cumulative = adoptions.map((a) => (total += a));
    const fit = fitBass(cumulative, { kind: "cumulative" });
    expect(fit.standardErrors).not.toBeNull();
    const se = fit.standardErrors!;
    expect(Math.abs(fit.p - truth.p)).toBeLessThan(4 * se.p);
    expect(Math.abs(fit.q - truth.q)).toBeLessThan(4 * se.q);
    expect(Math.abs(fit.m - truth.m)).toBeLessThan(4 * se.m);
    expect(fit.rSquared).toBeGreaterThan(0.98);
    expect(fit.rmse).toBeGreaterThan(5);
  });

  it("warns when the data stop before the fitted peak", () => {
    const adoptions = bassCurve({ p: 0.005, q: 0.5, m: 1e5 }, 6).map((point) => point.adoptions);
    expect(fitBass(adoptions).warnings.join(" ")).toMatch(/peak/);
  });

  it("rejects a series too short to fit three parameters", () => {
    expect(() => fitBass([5, 9, 14])).toThrowError(
      expect.objectContaining({ name: "OpsbookError", code: "out_of_range" }),
    );
  });

  it("rejects cumulative data that decrease, naming every offending period", () => {
    try {
      fitBass([10, 30, 25, 60, 55], { kind: "cumulative" });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: "OpsbookError", code: "invalid_input", path: [2] });
      expect((error as { issues: unknown[] }).issues).toHaveLength(2);
    }
  });

  it("rejects negative adoptions and an all-zero series", () => {
    expect(() => fitBass([1, -2, 3, 4])).toThrowError(
      expect.objectContaining({ code: expect.any(String) }),
    );
    expect(() => fitBass([0, 0, 0, 0])).toThrowError(
      expect.objectContaining({ code: "out_of_range" }),
    );
  });
});
