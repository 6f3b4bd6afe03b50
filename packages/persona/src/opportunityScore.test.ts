import { describe, expect, it } from "vitest";
import { opportunityScore } from "./opportunityScore.ts";

// Ulwick, "Turn Customer Input into Innovation" (HBR 2002) / What Customers Want (2005):
// opportunity = importance + max(importance − satisfaction, 0), both on a 0–10 scale.
describe("opportunityScore", () => {
  it("adds the unmet gap to importance (Ulwick: importance 8, satisfaction 4 → 12)", () => {
    expect(opportunityScore(8, 4)).toBe(12);
  });
  it("gives an overserved outcome its importance only (Ulwick's max(·, 0))", () => {
    expect(opportunityScore(5, 9)).toBe(5);
    expect(opportunityScore(7, 7)).toBe(7);
  });
  it("reaches the scale's ends: 20 for importance 10 with satisfaction 0, 0 for 0/0", () => {
    expect(opportunityScore(10, 0)).toBe(20);
    expect(opportunityScore(0, 0)).toBe(0);
  });
  it("keeps one-decimal survey scores exact (8.1 and 3.9 → 12.3)", () => {
    expect(opportunityScore(8.1, 3.9)).toBe(12.3);
  });
  it("rejects measures outside 0–10 or not finite with out_of_range", () => {
    expect(() => opportunityScore(-1, 2)).toThrow(
      expect.objectContaining({ code: "out_of_range", path: ["importance"] }),
    );
    expect(() => opportunityScore(5, Number.NaN)).toThrow(
      expect.objectContaining({ path: ["satisfaction"] }),
    );
  });
});
