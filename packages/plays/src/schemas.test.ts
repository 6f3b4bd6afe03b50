import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { englishFrontmatter } from "../test/fixtures.ts";
import { playFrontmatterSchema } from "./schemas.ts";

const valid = parse(englishFrontmatter) as Record<string, unknown>;
const withField = (key: string, value: unknown) => ({ ...valid, [key]: value });
const ok = (value: unknown) => playFrontmatterSchema.safeParse(value).success;
const issuePaths = (value: unknown) =>
  playFrontmatterSchema.safeParse(value).error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("playFrontmatterSchema (the frontmatter of PLAYS.md)", () => {
  it("accepts a play with every required field and keeps dates as strings", () => {
    const result = playFrontmatterSchema.parse(valid);
    expect(result.lastReviewed).toBe("2026-11-01");
    expect(result.effort).toEqual({ prep: "P2D", run: "P1W", people: "2-3" });
    expect(result.config).toBeUndefined();
  });

  it("requires every field except config", () => {
    for (const key of Object.keys(playFrontmatterSchema.shape)) {
      const { [key]: _removed, ...rest } = valid;
      expect(ok(rest), key).toBe(key === "config");
    }
  });

  it("rejects unknown fields, at the top and inside effort and metrics", () => {
    expect(issuePaths(withField("lifecycleStage", ["growth"]))).toEqual([""]);
    expect(ok(withField("effort", { prep: "P1D", run: "P1D", people: "2", cost: 5 }))).toBe(false);
    expect(ok(withField("metrics", { ...(valid.metrics as object), north: "x" }))).toBe(false);
  });

  it("takes category from the twelve slugs of PLAYS.md", () => {
    expect(playFrontmatterSchema.shape.category.options).toEqual([
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
    expect(ok(withField("category", "sales"))).toBe(false);
  });

  it("needs at least one lifecycle stage, each introduction | growth | maturity | decline, none twice", () => {
    expect(ok(withField("lifecycleStages", []))).toBe(false);
    expect(ok(withField("lifecycleStages", ["launch"]))).toBe(false);
    expect(ok(withField("lifecycleStages", ["growth", "growth"]))).toBe(false);
    expect(
      ok(withField("lifecycleStages", ["introduction", "growth", "maturity", "decline"])),
    ).toBe(true);
  });

  it("validates prep and run as ISO-8601 durations (ISO 8601-1:2019 §5.5.2)", () => {
    const effort = (prep: string) => withField("effort", { prep, run: "P6W", people: "2-4" });
    for (const good of ["P1W", "PT30M", "PT2H", "P3D", "P1M", "P1Y2M10DT2H30M", "P0D"])
      expect(ok(effort(good)), good).toBe(true);
    for (const bad of ["1 week", "P", "PT", "P1.5", "p1w", "P1H", ""])
      expect(ok(effort(bad)), bad).toBe(false);
  });

  it('takes people as "3", "2-4" or "5+", the range from fewer to more', () => {
    const people = (value: unknown) =>
      withField("effort", { prep: "P1D", run: "P1D", people: value });
    for (const good of ["1", "3", "2-4", "5+", "10-20"]) expect(ok(people(good)), good).toBe(true);
    for (const bad of ["0", "4-2", "3-3", "2–4", "two", "2-", 3, ""])
      expect(ok(people(bad)), String(bad)).toBe(false);
  });

  it('accepts every "a-b" head count exactly when 1 ≤ a < b (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
        const accepted = ok(withField("effort", { prep: "P1D", run: "P1D", people: `${a}-${b}` }));
        return accepted === (a >= 1 && a < b);
      }),
    );
  });

  it("asks for one primary metric with 3–6 input metrics (Amplitude North Star playbook) and a guardrail", () => {
    const metrics = (inputs: string[], guardrails = ["Refund rate"]) =>
      withField("metrics", { primary: "Weekly active teams", inputs, guardrails });
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Input ${i + 1}`);
    expect(ok(metrics(names(2)))).toBe(false);
    expect(ok(metrics(names(3)))).toBe(true);
    expect(ok(metrics(names(6)))).toBe(true);
    expect(ok(metrics(names(7)))).toBe(false);
    expect(ok(metrics(names(3), []))).toBe(false);
    expect(ok(withField("metrics", { primary: "", inputs: names(3), guardrails: ["x"] }))).toBe(
      false,
    );
  });

  it("names @opsbook packages only, none twice, and allows none", () => {
    expect(ok(withField("packages", []))).toBe(true);
    expect(ok(withField("packages", ["@opsbook/growth", "@opsbook/pricing"]))).toBe(true);
    expect(ok(withField("packages", ["@opsbook/metric"]))).toBe(false);
    expect(ok(withField("packages", ["lodash"]))).toBe(false);
    expect(ok(withField("packages", ["@opsbook/growth", "@opsbook/growth"]))).toBe(false);
  });

  it("takes config as the file name of a .yaml beside the play", () => {
    expect(ok(withField("config", "referral-programme.yaml"))).toBe(true);
    for (const bad of ["../x.yaml", "configs/x.yaml", "x.yml", "X.yaml", "x.json", "/x.yaml"])
      expect(ok(withField("config", bad)), bad).toBe(false);
  });

  it("takes lastReviewed as a real ISO calendar date", () => {
    expect(ok(withField("lastReviewed", "2028-02-29"))).toBe(true);
    for (const bad of ["2026-02-30", "2026-13-01", "01/11/2026", "2026-11-01T00:00:00Z"])
      expect(ok(withField("lastReviewed", bad)), bad).toBe(false);
  });

  it("rejects empty lists and blank text in the list fields", () => {
    for (const key of ["roles", "whenToUse", "whenNotToUse", "inputs", "risks"]) {
      expect(ok(withField(key, [])), key).toBe(false);
      expect(ok(withField(key, ["  "])), key).toBe(false);
      expect(ok(withField(key, ["a", "a"])), key).toBe(false);
    }
    expect(ok(withField("title", " "))).toBe(false);
  });
});
