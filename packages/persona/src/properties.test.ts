import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kMeans } from "./kMeans.ts";
import { defaultRfmGrid, rfmSegments } from "./rfmSegments.ts";

const names = new Set(defaultRfmGrid.map((c) => c.segment));

describe("properties (fast-check)", () => {
  it("gives every customer exactly one RFM segment of the grid", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customerId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"),
            date: fc.integer({ min: 0, max: 400 * 86_400_000 }),
            amount: fc.integer({ min: 0, max: 100_000 }),
          }),
          { maxLength: 80 },
        ),
        (transactions) => {
          const report = rfmSegments(transactions);
          const ids = new Set(transactions.map((t) => t.customerId));
          expect(report.customers.map((c) => c.customerId).sort()).toEqual([...ids].sort());
          for (const c of report.customers) expect(names.has(c.segment)).toBe(true);
          expect(report.segments.reduce((s, seg) => s + seg.customers, 0)).toBe(ids.size);
        },
      ),
      { numRuns: 150 },
    );
  });

  const points = fc.array(
    fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })),
    {
      minLength: 1,
      maxLength: 40,
    },
  );

  it("never increases k-means inertia across iterations", () => {
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 6 }), fc.integer(), (rows, k, seed) => {
        fc.pre(k <= rows.length);
        const { history } = kMeans(rows, { k, seed, nInit: 1 });
        for (let i = 1; i < history.length; i++)
          expect(history[i]).toBeLessThanOrEqual((history[i - 1] as number) * (1 + 1e-12) + 1e-9);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same clusters for the same seed", () => {
    fc.assert(
      fc.property(
        points,
        fc.integer({ min: 1, max: 5 }),
        fc.oneof(fc.integer(), fc.string()),
        (rows, k, seed) => {
          fc.pre(k <= rows.length);
          const a = kMeans(rows, { k, seed, nInit: 2 });
          const b = kMeans(rows, { k, seed, nInit: 2 });
          expect(b.labels).toEqual(a.labels);
          expect(b.centers).toEqual(a.centers);
        },
      ),
      { numRuns: 100 },
    );
  });
});
