import { OpsbookError } from "@opsbook/core";
import { generateProduct } from "@opsbook/sample-data";
import { describe, expect, it } from "vitest";
import psmVignette from "./fixtures/psmVignette1976.json" with { type: "json" };
import { vanWestendorp } from "./vanWestendorp.ts";

// Five respondents; the expected points below are worked by hand from the definitions that the R
// package pricesensitivitymeter documents for psm_analysis(): "too cheap" and "cheap" are
// 1 − ecdf(answers) at each answered price, "expensive" and "too expensive" are ecdf(answers), and
// each price point is the first answered price where the rising curve reaches the falling one
// (intersection_method = "min" by default).
const answers = [
  { tooCheap: 5, cheap: 8, expensive: 12, tooExpensive: 15 },
  { tooCheap: 6, cheap: 9, expensive: 13, tooExpensive: 16 },
  { tooCheap: 4, cheap: 7, expensive: 11, tooExpensive: 14 },
  { tooCheap: 7, cheap: 10, expensive: 14, tooExpensive: 18 },
  { tooCheap: 5, cheap: 9, expensive: 12, tooExpensive: 17 },
];

describe("vanWestendorp", () => {
  it("builds the four curves on the answered prices as pricesensitivitymeter does", () => {
    const { curves } = vanWestendorp(answers);
    expect(curves.map((c) => c.price)).toEqual([
      4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    ]);
    // At 9: too cheap answers above 9: none; cheap answers above 9: {10}; expensive ≤ 9: none.
    const at9 = Object.fromEntries(
      Object.entries(curves[5] ?? {}).map(([k, v]) => [k, Math.round(v * 1e9) / 1e9]),
    );
    expect(at9).toEqual({
      price: 9,
      tooCheap: 0,
      cheap: 0.2,
      expensive: 0,
      tooExpensive: 0,
      notCheap: 0.8,
      notExpensive: 1,
    });
  });

  it("finds PMC 7, PME 14, IDP 10 and OPP 7 with the package convention (worked by hand)", () => {
    const result = vanWestendorp(answers);
    expect([result.pmc, result.pme, result.idp, result.opp]).toEqual([7, 14, 10, 7]);
    expect(result.acceptableRange).toEqual([7, 14]);
    expect(result.respondents).toBe(5);
    expect(result.invalid).toBe(0);
  });

  it("reads PMC at 'too cheap' × 'expensive' and PME at 'too expensive' × 'cheap' with the blog convention", () => {
    const result = vanWestendorp(answers, { convention: "blog" });
    expect(result.acceptableRange).toEqual([7, 10]);
    expect([result.idp, result.opp]).toEqual([10, 7]);
  });

  it("summarises tied intersections by min, max, mean or median (psm_analysis intersection_method)", () => {
    // "too cheap" and "too expensive" are both 0 from 7 to 13.
    const opp = (intersection: "min" | "max" | "mean" | "median") =>
      vanWestendorp(answers, { intersection }).opp;
    expect([opp("min"), opp("max"), opp("mean"), opp("median")]).toEqual([7, 13, 10, 10]);
  });

  it("interpolates the crossing linearly when asked", () => {
    const crossing = [
      { tooCheap: 1, cheap: 2, expensive: 3, tooExpensive: 4 },
      { tooCheap: 2, cheap: 4, expensive: 6, tooExpensive: 8 },
    ];
    // IDP: at 2 cheap = 0.5, expensive = 0; at 3 cheap = 0.5, expensive = 0.5 → exactly 3.
    expect(vanWestendorp(crossing, { intersection: "linear" }).idp).toBe(3);
    // PMC: not cheap − too cheap goes −0.5 at 1 → 0.5 at 2; the line crosses at 1.5.
    expect(vanWestendorp(crossing, { intersection: "linear" }).pmc).toBe(1.5);
  });

  it("drops respondents with inconsistent answers unless told not to (psm_analysis validate)", () => {
    const withBad = [...answers, { tooCheap: 10, cheap: 8, expensive: 12, tooExpensive: 15 }];
    expect(vanWestendorp(withBad).invalid).toBe(1);
    expect(vanWestendorp(withBad).respondents).toBe(5);
    expect(vanWestendorp(withBad, { validate: false }).respondents).toBe(6);
  });

  it("keeps PMC ≤ OPP and IDP ≤ PME on the sample product's survey", () => {
    const { survey } = generateProduct({ users: 400, days: 60 });
    const responses = survey.map((r) => ({
      tooCheap: r.tooCheap.amount / 100,
      cheap: r.cheap.amount / 100,
      expensive: r.expensive.amount / 100,
      tooExpensive: r.tooExpensive.amount / 100,
    }));
    expect(responses.length).toBeGreaterThan(10);
    const result = vanWestendorp(responses);
    expect(result.pmc).not.toBeNull();
    expect(result.pme).not.toBeNull();
    expect(result.pmc as number).toBeLessThanOrEqual(result.pme as number);
    expect(result.idp as number).toBeLessThanOrEqual(result.pme as number);
  });

  describe("on the published survey of pricesensitivitymeter's vignette (set.seed(1976))", () => {
    // Data: see fixtures/README.md. Expected values: psm_analysis() of the R package
    // pricesensitivitymeter on the same data (interpolate = FALSE), run in R 4.2: with validate =
    // TRUE it keeps 46 of 50 respondents and reports pricerange_lower 9.56, pricerange_upper 18.77,
    // idp 15.13 and opp 10.14 for intersection_method = "min"; opp is 17.5 ("max"), 13.86143
    // ("mean") and 13.425 ("median"); with validate = FALSE, 9.96, 18.8, 15.13 and 10.85.
    const responses = psmVignette.toocheap.map((tooCheap, i) => ({
      tooCheap,
      cheap: psmVignette.cheap[i] as number,
      expensive: psmVignette.expensive[i] as number,
      tooExpensive: psmVignette.tooexpensive[i] as number,
    }));

    it("reproduces the package's price points and its validation", () => {
      const result = vanWestendorp(responses);
      expect([result.pmc, result.pme, result.idp, result.opp]).toEqual([9.56, 18.77, 15.13, 10.14]);
      expect([result.respondents, result.invalid]).toEqual([46, 4]);
      const all = vanWestendorp(responses, { validate: false });
      expect([all.pmc, all.pme, all.idp, all.opp]).toEqual([9.96, 18.8, 15.13, 10.85]);
    });

    it("reproduces the package's intersection methods on tied curves", () => {
      const opp = (intersection: "min" | "max" | "mean" | "median") =>
        vanWestendorp(responses, { intersection }).opp as number;
      expect(opp("min")).toBe(10.14);
      expect(opp("max")).toBe(17.5);
      expect(opp("mean")).toBeCloseTo(13.86143, 5);
      expect(opp("median")).toBeCloseTo(13.425, 10);
    });
  });

  it("rejects an empty survey and negative prices", () => {
    expect(() => vanWestendorp([])).toThrow(OpsbookError);
    expect(() =>
      vanWestendorp([{ tooCheap: -1, cheap: 2, expensive: 3, tooExpensive: 4 }]),
    ).toThrow(/responses\[0\]\.tooCheap/);
  });
});
