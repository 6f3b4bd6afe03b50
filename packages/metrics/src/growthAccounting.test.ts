import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { growthAccounting, revenueAccounting } from "./growthAccounting.ts";

describe("growthAccounting (Social Capital, 'Accounting for User Growth', 2015)", () => {
  const events = [
    { userId: "a", event: "use", timestamp: "2026-01-03" },
    { userId: "b", event: "use", timestamp: "2026-01-04" },
    { userId: "c", event: "use", timestamp: "2026-01-05" },
    { userId: "a", event: "use", timestamp: "2026-02-01" },
    { userId: "d", event: "use", timestamp: "2026-02-02" },
    { userId: "b", event: "use", timestamp: "2026-03-02" },
    { userId: "d", event: "use", timestamp: "2026-03-03" },
  ];
  it("splits actives into new, retained, resurrected and churned", () => {
    expect(
      growthAccounting(events).map((p) => [
        p.key,
        p.active,
        p.new,
        p.retained,
        p.resurrected,
        p.churned,
        p.quickRatio,
      ]),
    ).toEqual([
      ["2026-01", 3, 3, 0, 0, 0, null],
      ["2026-02", 2, 1, 1, 0, 2, 0.5],
      ["2026-03", 2, 0, 1, 1, 1, 1],
    ]);
  });
  it("holds the identity Δactive = new + resurrected − churned on random activity (fast-check)", () => {
    const event = fc.record({
      userId: fc.constantFrom("a", "b", "c", "d", "e", "f"),
      event: fc.constant("use"),
      timestamp: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 60 }),
        fc.constantFrom("week", "month"),
        (list, unit) => {
          const rows = growthAccounting(list, {
            unit: unit as "week" | "month",
            from: Date.UTC(2025, 0, 1),
          });
          let previous = 0;
          for (const p of rows) {
            expect(p.active - previous).toBe(p.new + p.resurrected - p.churned);
            expect(p.active).toBe(p.new + p.retained + p.resurrected);
            previous = p.active;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  it("gives no periods for empty input and names bad rows", () => {
    expect(growthAccounting([])).toEqual([]);
    expect(() => growthAccounting([{ userId: "a", event: "use" } as never])).toThrow(
      /events\[0\]\.timestamp/,
    );
  });
});

describe("revenueAccounting (Social Capital, 'Accounting for Revenue Growth', 2015)", () => {
  it("splits the change in revenue and holds the identity", () => {
    const rows = [
      { userId: "a", timestamp: "2026-01-05", amount: 1000 },
      { userId: "b", timestamp: "2026-01-05", amount: 500 },
      { userId: "c", timestamp: "2026-01-05", amount: 400 },
      { userId: "a", timestamp: "2026-02-05", amount: 3000 },
      { userId: "c", timestamp: "2026-02-05", amount: 100 },
      { userId: "b", timestamp: "2026-03-05", amount: 700 },
      { userId: "d", timestamp: "2026-03-05", amount: 300 },
    ];
    const result = revenueAccounting(rows);
    expect(
      result.map((p) => [p.revenue, p.new, p.expansion, p.resurrected, p.contraction, p.churned]),
    ).toEqual([
      [1900, 1900, 0, 0, 0, 0],
      [3100, 0, 2000, 0, 300, 500],
      [1000, 300, 0, 700, 0, 3100],
    ]);
    let previous = 0;
    for (const p of result) {
      expect(p.revenue - previous).toBe(
        p.new + p.expansion + p.resurrected - p.contraction - p.churned,
      );
      previous = p.revenue;
    }
    expect(result[1]!.quickRatio).toBe(2.5);
  });
  it("names a fractional amount", () => {
    expect(() => revenueAccounting([{ userId: "a", timestamp: 0, amount: 1.5 }])).toThrow(
      /rows\[0\]\.amount/,
    );
  });
});
