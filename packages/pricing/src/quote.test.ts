import { describe, expect, it } from "vitest";
import { applyCoupon } from "./applyCoupon.ts";
import { cheapestPlan } from "./cheapestPlan.ts";
import { thrown } from "./fixtures/errors.ts";
import { parsePriceBook } from "./parsePriceBook.ts";
import { quote } from "./quote.ts";
import type { PriceBookInput } from "./schemas.ts";
import { upgradeTriggers } from "./upgradeTriggers.ts";

const book: PriceBookInput = {
  currency: "USD",
  plans: [
    {
      id: "starter",
      name: "Starter",
      prices: { monthly: "19" },
      features: ["reports"],
      limits: { seats: 3, events: 100000 },
      usage: [{ metric: "events", price: { model: "perUnit", unitPrice: "0.0005" } }],
      trial: { days: 14 },
    },
    {
      id: "growth",
      name: "Growth",
      prices: { monthly: "79", annual: "790" },
      features: ["reports", "sso"],
      limits: { seats: 20 },
      usage: [
        {
          metric: "events",
          name: "Events beyond 100k",
          price: {
            model: "graduated",
            tiers: [
              { upTo: 100000, unitPrice: "0" },
              { upTo: null, unitPrice: "0.0002" },
            ],
          },
        },
      ],
    },
  ],
  addOns: [
    {
      id: "seats",
      name: "Extra seats",
      price: { model: "perUnit", unitPrice: "9" },
      limits: { seats: 1 },
    },
    { id: "audit", name: "Audit log", price: { model: "flat", amount: "15" }, features: ["audit"] },
  ],
  coupons: [
    { id: "HALF3", percentOff: 50, durationPeriods: 3 },
    { id: "FIVE", amountOff: "5" },
  ],
};

describe("quote", () => {
  it("lists the subscription fee, usage charges, add-ons and a coupon, and sums them", () => {
    const q = quote(
      book,
      "starter",
      { events: 40000 },
      { addOns: { seats: 2, audit: 1 }, coupon: "FIVE" },
    );
    expect(q.lines.map((l) => [l.kind, l.id, l.amount.amount])).toEqual([
      ["plan", "starter", 1900],
      ["usage", "events", 2000],
      ["addOn", "seats", 1800],
      ["addOn", "audit", 1500],
      ["discount", "FIVE", -500],
    ]);
    expect(q.subtotal.amount).toBe(7200);
    expect(q.total).toEqual({ amount: 6700, currency: "USD" });
  });

  it("uses the explicit annual price or twelve months less the annual discount", () => {
    expect(quote(book, "growth", {}, { interval: "year" }).lines[0]?.amount.amount).toBe(79000);
    const discounted = {
      ...book,
      plans: [{ id: "p", name: "P", prices: { monthly: "10", annualDiscountPercent: 15 } }],
    };
    expect(quote(discounted, "p", {}, { interval: "year" }).total.amount).toBe(10200);
  });

  it("applies a coupon only within its duration in periods", () => {
    const at = (periodIndex: number) =>
      quote(book, "growth", {}, { coupon: "HALF3", periodIndex }).total.amount;
    expect([0, 1, 2, 3].map(at)).toEqual([3950, 3950, 3950, 7900]);
  });

  it("zeroes the subscription fee inside a free trial and still prices usage", () => {
    const q = quote(book, "starter", { events: 1000 }, { inTrial: true });
    expect(q.lines[0]?.description).toBe("Starter (free trial, 14 days)");
    expect(q.total.amount).toBe(50);
  });

  it("rejects mixed currencies in one quote, naming the add-on's currency", () => {
    const mixed = {
      ...book,
      addOns: [
        {
          id: "eur",
          name: "EUR add-on",
          currency: "EUR",
          price: { model: "flat" as const, amount: "1" },
        },
      ],
    };
    const error = thrown(() => quote(mixed, "starter", {}, { addOns: { eur: 1 } }));
    expect(error.code).toBe("conflict");
    expect(error.path).toEqual(["addOns", 0, "currency"]);
    expect(error.message).toMatch(/^addOns\[0\]\.currency: currency EUR differs/);
  });

  it("rejects a usage charge in another currency than its plan", () => {
    const mixed = {
      ...book,
      plans: [
        {
          id: "p",
          name: "P",
          prices: { monthly: "1" },
          usage: [{ metric: "x", currency: "GBP", price: { model: "flat" as const, amount: "1" } }],
        },
      ],
    };
    expect(thrown(() => quote(mixed, "p", {})).path).toEqual(["plans", 0, "usage", 0, "currency"]);
  });

  it("names unknown plans, add-ons and coupons", () => {
    expect(thrown(() => quote(book, "enterprise", {})).code).toBe("not_found");
    expect(thrown(() => quote(book, "starter", {}, { addOns: { sms: 1 } })).path).toEqual([
      "options",
      "addOns",
      "sms",
    ]);
    expect(thrown(() => quote(book, "starter", {}, { coupon: "NOPE" })).path).toEqual([
      "options",
      "coupon",
    ]);
    expect(thrown(() => quote(book, "starter", { events: -1 })).path).toEqual(["usage", "events"]);
  });
});

describe("parsePriceBook", () => {
  it("names the tier of a usage charge whose tiers overlap", () => {
    const bad = {
      currency: "USD",
      plans: [
        {
          id: "p",
          name: "P",
          prices: { monthly: "1" },
          usage: [
            {
              metric: "events",
              price: {
                model: "graduated",
                tiers: [
                  { upTo: 100, unitPrice: "0" },
                  { upTo: 100, unitPrice: "1" },
                  { upTo: null, unitPrice: "1" },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(thrown(() => parsePriceBook(bad)).path).toEqual([
      "plans",
      0,
      "usage",
      0,
      "price",
      "tiers",
      1,
      "upTo",
    ]);
  });

  it("requires the last tier of a catalogue price to be open-ended", () => {
    const bad = {
      currency: "USD",
      plans: [{ id: "p", name: "P", prices: { monthly: "1" } }],
      addOns: [
        { id: "a", name: "A", price: { model: "volume", tiers: [{ upTo: 10, unitPrice: "1" }] } },
      ],
    };
    expect(thrown(() => parsePriceBook(bad)).path).toEqual([
      "addOns",
      0,
      "price",
      "tiers",
      0,
      "upTo",
    ]);
  });

  it("rejects duplicate ids and negative prices", () => {
    const duplicate = {
      currency: "USD",
      plans: [
        { id: "p", name: "P", prices: { monthly: "1" } },
        { id: "p", name: "Q", prices: { monthly: "2" } },
      ],
    };
    expect(thrown(() => parsePriceBook(duplicate)).path).toEqual(["plans", 1, "id"]);
    const negative = { currency: "USD", plans: [{ id: "p", name: "P", prices: { monthly: -1 } }] };
    expect(thrown(() => parsePriceBook(negative)).path).toEqual(["plans", 0, "prices", "monthly"]);
  });
});

describe("cheapestPlan", () => {
  it("ranks eligible plans by total for the usage profile", () => {
    expect(cheapestPlan(book, { events: 50000, seats: 2 }).planId).toBe("starter");
    // 300k events: Starter is over its event limit; Growth bills 200k × 0.0002 = 40 on top of 79.
    const result = cheapestPlan(book, { events: 300000, seats: 2 });
    expect(result.planId).toBe("growth");
    expect(result.candidates).toEqual([
      { planId: "growth", total: { amount: 11900, currency: "USD" }, eligible: true, reasons: [] },
      {
        planId: "starter",
        total: { amount: 16900, currency: "USD" },
        eligible: false,
        reasons: ["events 300000 > limit 100000"],
      },
    ]);
  });

  it("counts add-on features and limits toward eligibility", () => {
    expect(cheapestPlan(book, { seats: 4 }).planId).toBe("growth");
    expect(cheapestPlan(book, { seats: 4 }, { addOns: { seats: 1 } }).planId).toBe("starter");
    expect(cheapestPlan(book, {}, { features: ["audit"] }).planId).toBeNull();
    expect(cheapestPlan(book, {}, { features: ["audit"], addOns: { audit: 1 } }).planId).toBe(
      "starter",
    );
  });
});

describe("upgradeTriggers", () => {
  it("flags metrics at or above the threshold and suggests the cheapest plan with room", () => {
    expect(upgradeTriggers(book, "starter", { seats: 2, events: 95000 })).toEqual([
      {
        metric: "events",
        used: 95000,
        limit: 100000,
        share: 0.95,
        level: "near",
        suggestedPlan: "growth",
      },
    ]);
    expect(upgradeTriggers(book, "starter", { seats: 4 }, { threshold: 0.5 })[0]).toMatchObject({
      metric: "seats",
      level: "over",
    });
    expect(upgradeTriggers(book, "growth", { seats: 25 })[0]?.suggestedPlan).toBeNull();
  });
});

describe("applyCoupon", () => {
  it("never discounts below zero and loses no minor unit", () => {
    const price = { amount: 999, currency: "USD" };
    const third = applyCoupon(price, { id: "T", percentOff: 33.3 });
    expect(third.total.amount - third.discount.amount).toBe(999);
    expect(third.discount.amount).toBe(-333);
    expect(applyCoupon(price, { id: "BIG", amountOff: "20" }).total.amount).toBe(0);
  });
});

describe("quote: usage input", () => {
  it("names the metric whose usage is not a non-negative decimal", () => {
    expect(thrown(() => quote(book, "starter", { events: "many" })).path).toEqual([
      "usage",
      "events",
    ]);
  });
});
