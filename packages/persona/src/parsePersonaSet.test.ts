import { describe, expect, it } from "vitest";
import { parsePersonaSet } from "./parsePersonaSet.ts";

const config = {
  name: "Analytics product personas",
  personas: [
    { id: "reporter", name: "Weekly reporter", summary: "Builds the Monday report." },
    { name: "Explorer", summary: "Digs into anomalies." },
  ],
  rules: [
    { persona: "reporter", when: { field: "reportsCreated", op: "gte", value: 1 } },
    { persona: "Explorer", when: { any: [{ field: "breadth", op: "gte", value: 6 }] } },
  ],
  rfm: { frequency: "days" },
  clustering: { k: [2, 5], seed: "personas-2026" },
  drift: { moderate: 0.1, significant: 0.25 },
};

describe("parsePersonaSet", () => {
  it("parses a YAML-shaped config and fills defaults", () => {
    const parsed = parsePersonaSet(config);
    expect(parsed.fallback).toBe("unassigned");
    expect(parsed.rfm).toEqual({ bins: 5, frequency: "days" });
    expect(parsed.clustering).toEqual({ k: [2, 5], seed: "personas-2026", nInit: 10 });
    expect(parsed.personas[1]?.goals).toEqual([]);
  });
  it("reports every problem at once: unknown keys, rules naming unknown personas, duplicate names", () => {
    expect(() => parsePersonaSet({ ...config, colour: "blue" })).toThrow(/colour/);
    let error: { issues?: { code: string; path: (string | number)[] }[] } = {};
    try {
      parsePersonaSet({
        ...config,
        personas: [...config.personas, { name: "Explorer", summary: "again" }],
        rules: [
          ...config.rules,
          { persona: "Admin", when: { field: "role", op: "eq", value: "admin" } },
        ],
      });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.issues?.map((i) => [i.code, i.path])).toEqual([
      ["conflict", ["personas", 2]],
      ["not_found", ["rules", 2, "persona"]],
    ]);
  });
  it("locates a bad condition by its path", () => {
    expect(() =>
      parsePersonaSet({
        ...config,
        rules: [{ persona: "Explorer", when: { field: "x", op: "between", value: [1] } }],
      }),
    ).toThrow(/rules\[0\]\.when/);
  });
});
