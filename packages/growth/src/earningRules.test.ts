import { describe, expect, it } from "vitest";
import { compileEarningRules } from "./earningRules.ts";
import { thrown } from "./fixtures/errors.ts";
import type { EarningRuleInput } from "./schemas.ts";

const at = (iso: string, properties?: Record<string, unknown>, event = "purchase") => ({
  userId: "u1",
  event,
  timestamp: iso,
  ...(properties ? { properties } : {}),
});

describe("compileEarningRules", () => {
  it("caps a rule at 75 points a day and awards the partial remainder (Oasis engine rules/points-capped.yml: reward e.value, 'no more than exceeding 75 per day')", () => {
    const earn = compileEarningRules([
      {
        id: "PNT00003",
        event: "event.a",
        reward: { type: "multiplier", property: "value", factor: 1 },
        cap: { period: "day", points: 75 },
      },
    ]);
    let caps = {};
    const awarded: number[] = [];
    for (const [iso, value] of [
      ["2026-04-01T08:00:00Z", 20],
      ["2026-04-01T09:00:00Z", 30],
      ["2026-04-01T10:00:00Z", 40],
      ["2026-04-01T11:00:00Z", 10],
      ["2026-04-02T08:00:00Z", 50],
    ] as const) {
      const result = earn(at(iso, { value }, "event.a"), { caps });
      caps = result.caps;
      awarded.push(result.points);
    }
    expect(awarded).toEqual([20, 30, 25, 0, 50]);
  });

  it("counts cap days in the programme's time zone", () => {
    const earn = compileEarningRules(
      [
        {
          id: "login",
          event: "login",
          reward: { type: "fixed", points: 10 },
          cap: { period: "day", points: 10 },
        },
      ],
      { timeZone: "Asia/Shanghai" },
    );
    const first = earn(at("2026-04-01T15:00:00Z", undefined, "login"));
    // 16:00 UTC is midnight in Shanghai: a new day, a new cap.
    expect(earn(at("2026-04-01T15:30:00Z", undefined, "login"), { caps: first.caps }).points).toBe(
      0,
    );
    expect(earn(at("2026-04-01T16:00:00Z", undefined, "login"), { caps: first.caps }).points).toBe(
      10,
    );
  });

  it("rounds spend-based accrual down: 1 point per $10, $105 earns 10 (Square LoyaltyProgramAccrualRule spend_amount_money)", () => {
    const earn = compileEarningRules([
      {
        id: "spend",
        event: "purchase",
        reward: { type: "per-amount", property: "total", per: 10, points: 1 },
      },
    ]);
    expect(earn(at("2026-01-01T00:00:00Z", { total: 105 })).points).toBe(10);
  });

  it("uses the rounding mode given, on exact decimals (0.3 per 0.1 is 3, not 2.999…)", () => {
    const rule = (rounding: "half-up" | "half-even" | "down" | "up"): EarningRuleInput => ({
      id: rounding,
      event: "purchase",
      reward: { type: "per-amount", property: "total", per: "10", rounding },
    });
    const earn = compileEarningRules([
      rule("half-up"),
      rule("half-even"),
      rule("down"),
      rule("up"),
    ]);
    expect(earn(at("2026-01-01T00:00:00Z", { total: 105 })).awards.map((a) => a.points)).toEqual([
      11, 10, 10, 11,
    ]);
    const exact = compileEarningRules([
      { id: "x", event: "purchase", reward: { type: "per-amount", property: "total", per: 0.1 } },
    ]);
    expect(exact(at("2026-01-01T00:00:00Z", { total: 0.3 })).points).toBe(3);
    const multiplier = compileEarningRules([
      {
        id: "double",
        event: "purchase",
        reward: { type: "multiplier", property: "total", factor: "1.5", rounding: "half-even" },
      },
    ]);
    expect(multiplier(at("2026-01-01T00:00:00Z", { total: "12.34" })).points).toBe(19);
  });

  it("matches structured conditions, combined with all, any and not; strings are data, never code", () => {
    const earn = compileEarningRules([
      {
        id: "big",
        event: ["purchase", "order"],
        conditions: [
          { property: "order.total", op: "gte", value: 50 },
          {
            any: [
              { property: "channel", op: "eq", value: "app" },
              { property: "tags", op: "contains", value: "promo" },
            ],
          },
          { not: { property: "country", op: "in", value: ["XX"] } },
        ],
        reward: { type: "fixed", points: 100 },
      },
    ]);
    expect(earn(at("2026-01-01T00:00:00Z", { order: { total: 60 }, channel: "app" })).points).toBe(
      100,
    );
    expect(
      earn(at("2026-01-01T00:00:00Z", { order: { total: 60 }, tags: ["promo"] }, "order")).points,
    ).toBe(100);
    expect(earn(at("2026-01-01T00:00:00Z", { order: { total: 60 }, channel: "web" })).points).toBe(
      0,
    );
    expect(
      earn(at("2026-01-01T00:00:00Z", { order: { total: 60 }, channel: "app", country: "XX" }))
        .points,
    ).toBe(0);
    expect(
      earn(at("2026-01-01T00:00:00Z", { order: { total: "process.exit()" }, channel: "app" }))
        .points,
    ).toBe(0);
  });

  it("targets tiers and segments and honours validity dates (inclusive) and days of week", () => {
    const earn = compileEarningRules([
      { id: "gold", event: "purchase", tiers: ["gold"], reward: { type: "fixed", points: 5 } },
      {
        id: "students",
        event: "purchase",
        segments: ["students"],
        reward: { type: "fixed", points: 7 },
      },
      {
        id: "december",
        event: "purchase",
        validFrom: "2026-12-01T00:00:00Z",
        validUntil: "2026-12-31T23:59:59Z",
        reward: { type: "fixed", points: 11 },
      },
      {
        id: "weekend",
        event: "purchase",
        daysOfWeek: [6, 7],
        reward: { type: "fixed", points: 13 },
      },
    ]);
    const ids = (iso: string, context = {}) => earn(at(iso), context).awards.map((a) => a.ruleId);
    expect(ids("2026-11-25T10:00:00Z", { tier: "gold", segments: ["students"] })).toEqual([
      "gold",
      "students",
    ]);
    expect(ids("2026-12-31T23:59:59Z")).toEqual(["december"]);
    expect(ids("2027-01-01T00:00:00Z")).toEqual([]);
    expect(ids("2026-11-28T10:00:00Z")).toEqual(["weekend"]);
  });

  it("rejects unknown rule fields, negative rewards and expressions with the path of each problem", () => {
    const error = thrown(() =>
      compileEarningRules([
        {
          id: "a",
          event: "e",
          reward: { type: "fixed", points: 5 },
          when: "e.total > 5",
        } as unknown as EarningRuleInput,
        { id: "b", event: "e", reward: { type: "fixed", points: -5 } },
      ]),
    );
    const paths = error.issues.map((i) => i.path.join("."));
    expect(paths).toContain("rules.0");
    expect(paths).toContain("rules.1.reward.points");
  });
});
