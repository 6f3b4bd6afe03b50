import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/errors.ts";
import { priceUsage } from "./priceUsage.ts";
import { fromLagoRanges, fromOrbTiers, fromStripeTiers } from "./tiers.ts";

const USD = { currency: "USD" };
const cents = (model: Parameters<typeof priceUsage>[0], usage: Parameters<typeof priceUsage>[1]) =>
  priceUsage(model, usage, USD).amount.amount;

// Stripe "Set up tiered pricing" (Typographic): 1–5 fonts at 7 USD, 6–10 at 6.5 USD, 11+ at 6 USD.
const typographic = fromStripeTiers(
  [
    { up_to: 5, unit_amount: 700 },
    { up_to: 10, unit_amount: 650 },
    { up_to: "inf", unit_amount: 600 },
  ],
  "USD",
);

describe("priceUsage: Stripe tiered pricing", () => {
  it("bills the whole quantity at its tier's rate with volume pricing (Stripe docs table: 1→7, 5→35, 6→39, 20→120, 25→150 USD)", () => {
    const model = { model: "volume" as const, tiers: typographic };
    expect([1, 5, 6, 20, 25].map((q) => cents(model, q))).toEqual([700, 3500, 3900, 12000, 15000]);
  });

  it("bills each tier's units at its own rate with graduated pricing (Stripe docs tiers: 5 fonts 35 USD, 6 fonts 35 + 6.5)", () => {
    const model = { model: "graduated" as const, tiers: typographic };
    expect([1, 5, 6, 20, 25].map((q) => cents(model, q))).toEqual([700, 3500, 4150, 12750, 15750]);
  });

  it("lists one breakdown line per graduated tier reached", () => {
    const { lines } = priceUsage({ model: "graduated", tiers: typographic }, 12, USD);
    expect(lines).toEqual([
      { label: "tier 1", tier: 0, quantity: "5", amount: "35" },
      { label: "tier 2", tier: 1, quantity: "5", amount: "32.5" },
      { label: "tier 3", tier: 2, quantity: "2", amount: "12" },
    ]);
  });

  it("charges $10 per 5 users rounded up (Stripe transform_quantity docs: 1, 3, 5 users → $10; 6, 7 → $20)", () => {
    const model = {
      model: "package" as const,
      packageSize: 5,
      packagePrice: "10",
      round: "up" as const,
    };
    expect([1, 3, 5, 6, 7].map((q) => cents(model, q))).toEqual([1000, 1000, 1000, 2000, 2000]);
  });

  it("charges 150 rental minutes as 3 hours at 10 USD (Stripe transform quantities docs: divide_by 60, round up → 30 USD)", () => {
    expect(cents({ model: "package", packageSize: 60, packagePrice: "10", round: "up" }, 150)).toBe(
      3000,
    );
  });

  it("charges only full packages when rounding down (Stripe: 'round: down' for every full gigabyte)", () => {
    const model = {
      model: "package" as const,
      packageSize: 1000,
      packagePrice: "2",
      round: "down" as const,
    };
    expect(cents(model, 2500)).toBe(400);
    expect(cents(model, 999)).toBe(0);
    expect(cents({ ...model, minimumOnePackage: true }, 999)).toBe(200);
    expect(cents({ ...model, minimumOnePackage: true }, 0)).toBe(0);
  });

  it("reads Stripe's decimal minor-unit amounts and flat amounts", () => {
    expect(
      fromStripeTiers(
        [
          { up_to: 1000, unit_amount_decimal: "0.05", flat_amount: 1000 },
          { up_to: null, unit_amount_decimal: "0.025" },
        ],
        "USD",
      ),
    ).toEqual([
      { upTo: 1000, unitPrice: "0.0005", flatFee: "10" },
      { upTo: null, unitPrice: "0.00025", flatFee: "0" },
    ]);
  });
});

describe("priceUsage: Lago charge models", () => {
  it("prices 201 units at $5 per 100 with the first 100 free at $10 (Lago package docs)", () => {
    expect(
      cents({ model: "package", packageSize: 100, packagePrice: "5", freeUnits: 100 }, 201),
    ).toBe(1000);
  });

  it("prices 65,000 API calls at 65,000 × $0.0006 + $10 = $49 (Lago volume docs)", () => {
    const tiers = fromLagoRanges([
      { from_value: 0, to_value: 10000, per_unit_amount: "0.0010", flat_amount: "10" },
      { from_value: 10001, to_value: 50000, per_unit_amount: "0.0008", flat_amount: "10" },
      { from_value: 50001, to_value: 100000, per_unit_amount: "0.0006", flat_amount: "10" },
      { from_value: 100001, to_value: null, per_unit_amount: "0.0004", flat_amount: "10" },
    ]);
    expect(cents({ model: "volume", tiers }, 65000)).toBe(4900);
  });

  it("prices Lago's graduated example ($1 for the first 100 units, $0.50 for the next 100, $0.10 after)", () => {
    const tiers = fromLagoRanges([
      { from_value: 0, to_value: 100, per_unit_amount: "1" },
      { from_value: 101, to_value: 200, per_unit_amount: "0.50" },
      { from_value: 201, to_value: null, per_unit_amount: "0.10" },
    ]);
    expect(cents({ model: "graduated", tiers }, 250)).toBe(15500);
  });

  it("charges $0.10 × 1 event + 1.2% of $50 = $0.70 once 3 free events are used (Lago percentage docs)", () => {
    const model = {
      model: "percentage" as const,
      percent: "1.2",
      fixedFee: "0.10",
      freeEvents: 3,
      freeAmount: "500",
    };
    expect(priceUsage(model, [200, 100, 100], USD).exact).toBe("0");
    expect(priceUsage(model, [200, 100, 100, 50], USD).exact).toBe("0.7");
    expect(cents(model, [200, 100, 100, 50])).toBe(70);
  });

  it("charges the rate only above the free amount when no free events are set", () => {
    const model = { model: "percentage" as const, percent: "2", freeAmount: "100" };
    expect(priceUsage(model, [60, 60, 30], USD).exact).toBe("1");
  });

  it("clamps each charged transaction's fee to the per-transaction minimum and maximum (Lago percentage)", () => {
    const model = {
      model: "percentage" as const,
      percent: "1",
      fixedFee: "0.30",
      perTransactionMin: "0.50",
      perTransactionMax: "5",
    };
    // 10 → 0.40 → min 0.50; 100 → 1.30; 1000 → 10.30 → max 5.
    const priced = priceUsage(model, [10, 100, 1000], USD);
    expect(priced.exact).toBe("6.8");
    expect(priced.lines.map((l) => l.label)).toEqual([
      "percentage",
      "fixed fees",
      "per-transaction minimum and maximum",
    ]);
  });

  it("reproduces Lago's graduated percentage transactions: $500 → $205, then $550 → $306, then $4,000 → $80", () => {
    const tiers = [
      { upTo: 1000, percent: "1", flatFee: "200" },
      { upTo: 10000, percent: "2", flatFee: "300" },
      { upTo: null, percent: "3", flatFee: "400" },
    ];
    const model = { model: "graduatedPercentage" as const, tiers };
    const at = (total: number) => cents(model, total);
    expect(at(500)).toBe(20500);
    expect(at(1050) - at(500)).toBe(30600);
    expect(at(5050) - at(1050)).toBe(8000);
    expect(cents(model, [500, 550, 4000])).toBe(59100);
  });

  it("places a fractional quantity between Lago's inclusive ranges in the next range", () => {
    const tiers = fromLagoRanges([
      { from_value: 0, to_value: 1000, per_unit_amount: "1" },
      { from_value: 1001, to_value: null, per_unit_amount: "0.5" },
    ]);
    expect(priceUsage({ model: "volume", tiers }, 1000.5, USD).lines[0]?.tier).toBe(1);
    expect(priceUsage({ model: "graduated", tiers }, 1000.5, USD).exact).toBe("1000.25");
  });
});

describe("priceUsage: Orb", () => {
  it("prices the first ten units at $0.50 and the rest at $0.10 (Orb tiered pricing docs)", () => {
    const tiers = fromOrbTiers([
      { first_unit: 0, last_unit: 10, unit_amount: "0.50" },
      { first_unit: 10, last_unit: null, unit_amount: "0.10" },
    ]);
    expect(cents({ model: "graduated", tiers }, 10)).toBe(500);
    expect(cents({ model: "graduated", tiers }, 15)).toBe(550);
  });

  it("charges the total of the step the quantity reaches (Orb threshold totals, stairstep)", () => {
    const model = {
      model: "stairstep" as const,
      tiers: [
        { upTo: 10, amount: "100" },
        { upTo: 50, amount: "400" },
        { upTo: null, amount: "700" },
      ],
    };
    expect([0, 1, 10, 11, 50, 51].map((q) => cents(model, q))).toEqual([
      0, 10000, 10000, 40000, 40000, 70000,
    ]);
  });
});

describe("priceUsage: rules", () => {
  it("places a fractional quantity past a tier's upTo in the next tier (half-open intervals)", () => {
    expect(priceUsage({ model: "volume", tiers: typographic }, 5.5, USD).exact).toBe("35.75");
    expect(priceUsage({ model: "graduated", tiers: typographic }, 5.5, USD).exact).toBe("38.25");
  });

  it("charges the first tier's flat fee at zero usage only when asked", () => {
    const tiers = [
      { upTo: 1000, unitPrice: "0", flatFee: "20" },
      { upTo: null, unitPrice: "0.01", flatFee: "0" },
    ];
    expect(cents({ model: "graduated", tiers }, 0)).toBe(0);
    expect(cents({ model: "graduated", tiers, firstTierFlatFeeAtZero: true }, 0)).toBe(2000);
    expect(cents({ model: "graduated", tiers }, 1)).toBe(2000);
    expect(cents({ model: "volume", tiers }, 0)).toBe(0);
    expect(cents({ model: "volume", tiers, firstTierFlatFeeAtZero: true }, 0)).toBe(2000);
  });

  it("adds a tier's flat fee once the quantity enters the tier (graduated)", () => {
    const tiers = [
      { upTo: 5, unitPrice: "7", flatFee: "0" },
      { upTo: null, unitPrice: "6", flatFee: "10" },
    ];
    expect(cents({ model: "graduated", tiers }, 5)).toBe(3500);
    expect(cents({ model: "graduated", tiers }, 6)).toBe(5100);
  });

  it("keeps fractions of a minor unit until one final, explicit rounding", () => {
    const model = { model: "perUnit" as const, unitPrice: "0.0006" };
    expect(priceUsage(model, 12345, USD).exact).toBe("7.407");
    expect(priceUsage(model, 12345, { currency: "USD" }).amount.amount).toBe(741);
    expect(priceUsage(model, 12345, { currency: "USD", rounding: "floor" }).amount.amount).toBe(
      740,
    );
    expect(priceUsage(model, 12345, { currency: "JPY" }).amount).toEqual({
      amount: 7,
      currency: "JPY",
    });
  });

  it("charges a flat price whatever the usage", () => {
    expect(cents({ model: "flat", amount: "49" }, 0)).toBe(4900);
    expect(cents({ model: "flat", amount: "49" }, 1000)).toBe(4900);
  });
});

describe("priceUsage: bad input", () => {
  it("names the tier when tiers are unsorted or overlap", () => {
    const error = thrown(() =>
      priceUsage(
        {
          model: "graduated",
          tiers: [
            { upTo: 10, unitPrice: "1" },
            { upTo: 5, unitPrice: "1" },
          ],
        },
        3,
        USD,
      ),
    );
    expect(error.path).toEqual(["model", "tiers", 1, "upTo"]);
    expect(error.message).toMatch(/^model\.tiers\[1\]\.upTo: tiers overlap or are unsorted/);
  });

  it("rejects an open tier that is not the last", () => {
    const error = thrown(() =>
      priceUsage(
        {
          model: "volume",
          tiers: [
            { upTo: null, unitPrice: "1" },
            { upTo: 5, unitPrice: "1" },
          ],
        },
        3,
        USD,
      ),
    );
    expect(error.path).toEqual(["model", "tiers", 0, "upTo"]);
  });

  it("rejects negative prices and quantities, naming the field", () => {
    expect(thrown(() => priceUsage({ model: "perUnit", unitPrice: "-0.5" }, 1, USD)).path).toEqual([
      "model",
      "unitPrice",
    ]);
    expect(thrown(() => priceUsage({ model: "perUnit", unitPrice: "1" }, -3, USD)).message).toMatch(
      /^usage/,
    );
    expect(
      thrown(() => priceUsage({ model: "percentage", percent: "1" }, [10, -5], USD)).path,
    ).toEqual(["usage", 1]);
  });

  it("rejects a quantity beyond the last closed tier", () => {
    const error = thrown(() =>
      priceUsage({ model: "volume", tiers: [{ upTo: 10, unitPrice: "1" }] }, 11, USD),
    );
    expect(error.code).toBe("out_of_range");
  });

  it("names the overlapping range of Lago and the misplaced Orb tier", () => {
    const lago = thrown(() =>
      fromLagoRanges([
        { from_value: 0, to_value: 100, per_unit_amount: "1" },
        { from_value: 90, to_value: null, per_unit_amount: "1" },
      ]),
    );
    expect(lago.path).toEqual(["ranges", 1, "from_value"]);
    expect(lago.message).toContain("overlap");
    const orb = thrown(() =>
      fromOrbTiers([
        { first_unit: 0, last_unit: 10, unit_amount: "1" },
        { first_unit: 12, last_unit: null, unit_amount: "1" },
      ]),
    );
    expect(orb.path).toEqual(["tiers", 1, "first_unit"]);
    expect(thrown(() => fromStripeTiers([{ up_to: 5 }, { up_to: 5 }], "USD")).path).toEqual([
      "tiers",
      1,
      "upTo",
    ]);
  });
});
