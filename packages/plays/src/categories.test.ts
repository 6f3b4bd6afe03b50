import { describe, expect, it } from "vitest";
import { categories } from "./categories.ts";
import { productLifecycleStages } from "./productLifecycleStages.ts";

describe("categories", () => {
  it("are the twelve areas of PLAYS.md, in the order of the operator's job", () => {
    expect(categories.map((c) => c.slug)).toEqual([
      "market",
      "acquisition",
      "activation",
      "retention",
      "monetization",
      "ecosystem",
      "data",
      "collaboration",
      "lifecycle",
      "risk",
      "brand",
      "innovation",
    ]);
    expect(categories.map((c) => c.order)).toEqual(categories.map((_, i) => i + 1));
  });

  it("have a distinct name and a description in both languages", () => {
    for (const language of ["en", "zh-cn"] as const) {
      const names = categories.map((c) => c.name[language]);
      expect(new Set(names).size).toBe(12);
      for (const category of categories) {
        expect(category.name[language].trim(), category.slug).not.toBe("");
        expect(category.description[language].length, category.slug).toBeGreaterThan(10);
      }
    }
  });

  it("are frozen, so no caller can change another's data", () => {
    expect(Object.isFrozen(categories)).toBe(true);
    expect(Object.isFrozen(categories[0]!.name)).toBe(true);
  });
});

describe("productLifecycleStages", () => {
  it("are Levitt's four stages in order", () => {
    expect(productLifecycleStages.map((s) => [s.order, s.stage, s.name.en])).toEqual([
      [1, "introduction", "Introduction"],
      [2, "growth", "Growth"],
      [3, "maturity", "Maturity"],
      [4, "decline", "Decline"],
    ]);
  });
});
