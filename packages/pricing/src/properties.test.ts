import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCoupon } from "./applyCoupon.ts";
import { Exact } from "./internal/decimal.ts";
import { priceUsage } from "./priceUsage.ts";
import { prorate } from "./prorate.ts";
import { quote } from "./quote.ts";
import type { PriceBookInput } from "./schemas.ts";

const price = fc
  .tuple(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, places]) => new Exact(units).dividedBy(new Exact(10).pow(places)).toString());

const tiers = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 1000 }), price, price), { minLength: 1, maxLength: 5 })
  .map((rows) => {
    let upTo = 0;
    return rows.map(([width, unitPrice, flatFee], i) => {
      upTo += width;
      return { upTo: i === rows.length - 1 ? null : upTo, unitPrice, flatFee };
    });
  });

const quantity = fc.oneof(
  fc.integer({ min: 0, max: 10000 }),
  fc.double({ min: 0, max: 10000, noNaN: true }),
);

describe("properties", () => {
  it("graduated totals never decrease as the quantity rises", () => {
    fc.assert(
      fc.property(tiers, quantity, quantity, fc.boolean(), (t, a, b, atZero) => {
        const model = { model: "graduated" as const, tiers: t, firstTierFlatFeeAtZero: atZero };
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowTotal = new Exact(priceUsage(model, low, { currency: "USD" }).exact);
        const highTotal = new Exact(priceUsage(model, high, { currency: "USD" }).exact);
        expect(highTotal.greaterThanOrEqualTo(lowTotal)).toBe(true);
      }),
    );
  });

  it("a quote's total equals the sum of its lines", () => {
    fc.assert(
      fc.property(
        tiers,
        price,
        price,
        fc.integer({ min: 0, max: 50000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        fc.constantFrom("month" as const, "year" as const),
        (t, monthly, seat, events, seats, percentOff, interval) => {
          const book: PriceBookInput = {
            currency: "EUR",
            plans: [
              {
                id: "p",
                name: "P",
                prices: { monthly, annualDiscountPercent: 17 },
                usage: [{ metric: "events", price: { model: "graduated", tiers: t } }],
              },
            ],
            addOns: [{ id: "seats", name: "Seats", price: { model: "perUnit", unitPrice: seat } }],
            coupons: percentOff === undefined ? [] : [{ id: "C", percentOff }],
          };
          const q = quote(
            book,
            "p",
            { events },
            {
              interval,
              addOns: { seats },
              ...(percentOff === undefined ? {} : { coupon: "C" }),
            },
          );
          expect(q.total.amount).toBe(q.lines.reduce((s, l) => s + l.amount.amount, 0));
          expect(q.total.amount).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("money never loses a minor unit: rounding stays within half a minor unit of the exact total", () => {
    fc.assert(
      fc.property(price, fc.integer({ min: 0, max: 1000000 }), (unitPrice, q) => {
        const priced = priceUsage({ model: "perUnit", unitPrice }, q, { currency: "USD" });
        const exactMinor = new Exact(priced.exact).times(100);
        expect(exactMinor.minus(priced.amount.amount).abs().lessThanOrEqualTo(0.5)).toBe(true);
        const up = priceUsage({ model: "perUnit", unitPrice }, q, {
          currency: "USD",
          rounding: "ceiling",
        });
        expect(new Exact(up.amount.amount).greaterThanOrEqualTo(exactMinor)).toBe(true);
        expect(new Exact(up.amount.amount).minus(exactMinor).lessThan(1)).toBe(true);
      }),
    );
  });

  it("money never loses a minor unit: a discount and what is left add up to the price", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000000 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (amount, percentOff) => {
          const r = applyCoupon({ amount, currency: "USD" }, { id: "X", percentOff });
          expect(r.total.amount - r.discount.amount).toBe(amount);
        },
      ),
    );
  });

  it("money never loses a minor unit: a same-price proration nets to zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000000 }),
        fc.integer({ min: 1, max: 2678400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amount, length, at) => {
          const m = { amount, currency: "USD" };
          const r = prorate({
            from: m,
            to: m,
            periodStart: 0,
            periodEnd: length,
            changeAt: Math.floor(at * length),
          });
          expect(r.net.amount).toBe(0);
        },
      ),
    );
  });
});
