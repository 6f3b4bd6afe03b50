import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import type { TierConfigInput } from "./schemas.ts";
import { tierTimeline } from "./tiers.ts";

const t = (iso: string) => Date.parse(iso);
const ladder = [
  { id: "basic", threshold: 0 },
  { id: "silver", threshold: 100 },
  { id: "gold", threshold: 500 },
  { id: "platinum", threshold: 1000 },
];

describe("tierTimeline", () => {
  it("follows the current balance up and down in real time (Voucherify tier qualification: points balance example)", () => {
    const spans = tierTimeline(
      { basis: "balance", tiers: ladder },
      [
        { timestamp: "2023-01-10", points: 100 },
        { timestamp: "2023-02-15", points: -50 },
        { timestamp: "2023-02-25", points: 500 },
      ],
      { joinedAt: "2023-01-01" },
    );
    expect(spans).toEqual([
      { tier: "basic", from: t("2023-01-01"), until: t("2023-01-10"), reason: "joined" },
      { tier: "silver", from: t("2023-01-10"), until: t("2023-02-15"), reason: "qualified" },
      { tier: "basic", from: t("2023-02-15"), until: t("2023-02-25"), reason: "downgraded" },
      { tier: "gold", from: t("2023-02-25"), until: null, reason: "qualified" },
    ]);
  });

  const yearly = (downgrade: "recompute" | "one-step"): TierConfigInput => ({
    basis: "points-in-period",
    window: { type: "calendar", unit: "year" },
    downgrade,
    tiers: ladder,
  });
  const twoYears = [
    { timestamp: "2025-03-01", points: 1200 },
    { timestamp: "2026-06-01", points: 150 },
  ];

  it("recomputes the tier from the ended year's points at year end (Open Loyalty level downgrade: relegated to the level the points determine)", () => {
    const spans = tierTimeline(yearly("recompute"), twoYears, { until: "2027-01-01" });
    // 2025's 1,200 points keep platinum through 2026; 2026's 150 points decide 2027.
    expect(
      spans.map((s) => [s.tier, new Date(s.from).toISOString().slice(0, 10), s.reason]),
    ).toEqual([
      ["platinum", "2025-03-01", "qualified"],
      ["silver", "2027-01-01", "downgraded"],
    ]);
  });

  it("steps down one tier per year end with the one-step policy", () => {
    const spans = tierTimeline(yearly("one-step"), [{ timestamp: "2025-03-01", points: 1200 }], {
      until: "2028-06-01",
    });
    expect(spans.map((s) => [s.tier, new Date(s.from).toISOString().slice(0, 10)])).toEqual([
      ["platinum", "2025-03-01"],
      ["gold", "2027-01-01"],
      ["silver", "2028-01-01"],
    ]);
  });

  it("delays a downgrade by the grace period and cancels it when the member requalifies meanwhile", () => {
    const config: TierConfigInput = { basis: "balance", tiers: ladder, gracePeriod: "P30D" };
    const lapsed = tierTimeline(
      config,
      [
        { timestamp: "2026-01-01", points: 600 },
        { timestamp: "2026-02-01", points: -300 },
      ],
      { until: "2026-04-01" },
    );
    expect(lapsed.map((s) => [s.tier, new Date(s.from).toISOString().slice(0, 10)])).toEqual([
      ["gold", "2026-01-01"],
      ["silver", "2026-03-03"],
    ]);
    const saved = tierTimeline(
      config,
      [
        { timestamp: "2026-01-01", points: 600 },
        { timestamp: "2026-02-01", points: -300 },
        { timestamp: "2026-02-20", points: 250 },
      ],
      { until: "2026-04-01" },
    );
    expect(saved.map((s) => s.tier)).toEqual(["gold"]);
  });

  it("uses anniversary windows anchored at the join date", () => {
    const spans = tierTimeline(
      {
        basis: "points-in-period",
        window: { type: "anniversary", duration: "P1Y" },
        tiers: ladder,
      },
      [{ timestamp: "2026-05-10", points: 600 }],
      { joinedAt: "2026-04-15", until: "2028-05-01" },
    );
    // The first membership year's 600 points keep gold through the second year.
    expect(spans.map((s) => [s.tier, new Date(s.from).toISOString().slice(0, 10)])).toEqual([
      ["basic", "2026-04-15"],
      ["gold", "2026-05-10"],
      ["basic", "2028-04-15"],
    ]);
  });

  it("drops points out of a rolling window when they age past it", () => {
    const spans = tierTimeline(
      { basis: "points-in-period", window: { type: "rolling", duration: "P90D" }, tiers: ladder },
      [{ timestamp: "2026-01-01", points: 150 }],
      { until: "2026-12-31" },
    );
    expect(spans.map((s) => [s.tier, new Date(s.from).toISOString().slice(0, 10)])).toEqual([
      ["silver", "2026-01-01"],
      ["basic", "2026-04-01"],
    ]);
  });

  it("qualifies on lifetime spend and keeps a manual override as a floor", () => {
    const spans = tierTimeline(
      { basis: "lifetime-spend", tiers: ladder },
      [
        { timestamp: "2026-01-10", spend: 120 },
        { timestamp: "2026-03-01", spend: 900 },
      ],
      {
        joinedAt: "2026-01-01",
        overrides: [{ tier: "gold", from: "2026-02-01", until: "2026-04-01" }],
      },
    );
    expect(
      spans.map((s) => [s.tier, new Date(s.from).toISOString().slice(0, 10), s.reason]),
    ).toEqual([
      ["basic", "2026-01-01", "joined"],
      ["silver", "2026-01-10", "qualified"],
      ["gold", "2026-02-01", "override"],
      ["platinum", "2026-03-01", "qualified"],
    ]);
  });

  it("rejects unknown override tiers, a missing window and thresholds out of order", () => {
    expect(() =>
      tierTimeline({ basis: "balance", tiers: ladder }, [], {
        joinedAt: 0,
        overrides: [{ tier: "diamond", from: 0 }],
      }),
    ).toThrow(OpsbookError);
    expect(() =>
      tierTimeline({ basis: "points-in-period", tiers: ladder }, [], { joinedAt: 0 }),
    ).toThrow(OpsbookError);
    expect(() =>
      tierTimeline({ basis: "balance", tiers: [ladder[1], ladder[0]] as never }, [], {
        joinedAt: 0,
      }),
    ).toThrow(OpsbookError);
  });
});
