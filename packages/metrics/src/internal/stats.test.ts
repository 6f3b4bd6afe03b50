import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeDurations } from "./stats.ts";

describe("summarizeDurations", () => {
  it("uses linear interpolation between order statistics (Hyndman & Fan type 7, NumPy's default)", () => {
    const s = summarizeDurations(Float64Array.from([4, 1, 3, 2]), 3);
    expect([s.count, s.mean, s.median, s.p90]).toEqual([4, 2.5, 2.5, 3.7]);
    expect(s.histogram).toEqual({ edges: [1, 2, 3, 4], counts: [1, 1, 2] });
  });
  it("agrees with a full sort on random lists (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 }),
        (list) => {
          const sorted = [...list].sort((a, b) => a - b);
          const q = (p: number) => {
            const h = (sorted.length - 1) * p;
            const lo = Math.floor(h);
            return sorted[lo]! + (h - lo) * (sorted[Math.ceil(h)]! - sorted[lo]!);
          };
          const s = summarizeDurations(Float64Array.from(list), 10);
          expect(s.median).toBeCloseTo(q(0.5), 9);
          expect(s.p90).toBeCloseTo(q(0.9), 9);
        },
      ),
    );
  });
});
