import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bayesianTest } from "./bayesianTest.ts";
import { frequentistTest } from "./frequentistTest.ts";
import { proportionsZTest } from "./proportionsZTest.ts";
import type { Statistic } from "./schemas.ts";
import { sequentialTest } from "./sequentialTest.ts";
import { meanFromValues, mergeStatistics } from "./statistics.ts";

const proportion = fc
  .integer({ min: 0, max: 5000 })
  .chain((n) =>
    fc
      .integer({ min: 0, max: n })
      .map((conversions): Statistic => ({ type: "proportion", n, conversions })),
  );
const values = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { maxLength: 40 });

describe("properties (fast-check)", () => {
  it("p-values are in [0, 1], never NaN, and the CI contains the estimate", () => {
    fc.assert(
      fc.property(
        proportion,
        proportion,
        fc.constantFrom("relative", "absolute"),
        fc.constantFrom("two-sided", "greater", "less"),
        (c, t, difference, alternative) => {
          const f = frequentistTest(c, t, { difference, alternative });
          const s = sequentialTest(c, t, { difference });
          for (const r of [f, s]) {
            expect(r.pValue).toBeGreaterThanOrEqual(0);
            expect(r.pValue).toBeLessThanOrEqual(1);
            const [lo, hi] = r.ci;
            expect(lo === null || lo <= r.estimate).toBe(true);
            expect(hi === null || hi >= r.estimate).toBe(true);
          }
          const b = bayesianTest(c, t, { difference });
          expect(b.chanceToWin).toBeGreaterThanOrEqual(0);
          expect(b.chanceToWin).toBeLessThanOrEqual(1);
          expect(b.ci[0] <= b.estimate && b.estimate <= b.ci[1]).toBe(true);
          const z = proportionsZTest([
            {
              count: Math.max(c.type === "proportion" ? c.conversions : 0, 0),
              nobs: Math.max(c.n, 1),
            },
            {
              count: t.type === "proportion" ? Math.min(t.conversions, Math.max(t.n, 1)) : 0,
              nobs: Math.max(t.n, 1),
            },
          ]);
          expect(z.pValue >= 0 && z.pValue <= 1).toBe(true);
        },
      ),
    );
  });
  it("merging statistics of shards equals the statistic of the pooled values", () => {
    fc.assert(
      fc.property(values, values, (x, y) => {
        const merged = mergeStatistics([meanFromValues(x), meanFromValues(y)]);
        const pooled = meanFromValues([...x, ...y]);
        expect(merged.n).toBe(pooled.n);
        expect(merged.sum).toBeCloseTo(pooled.sum, 6);
        expect(merged.sumSquares / Math.max(1, pooled.sumSquares)).toBeCloseTo(
          pooled.sumSquares / Math.max(1, pooled.sumSquares),
          9,
        );
      }),
    );
  });
});
