import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { prorate } from "./prorate.ts";

const usd = (amount: number) => ({ amount, currency: "USD" });
const april = { periodStart: "2026-04-01T00:00:00Z", periodEnd: "2026-05-01T00:00:00Z" };

describe("prorate (Stripe prorations: credit unused time on the old price, charge remaining time on the new)", () => {
  it("credits half of the old price and charges half of the new one at mid-period", () => {
    const result = prorate({
      from: usd(1000),
      to: usd(2000),
      ...april,
      changeAt: "2026-04-16T00:00:00Z",
    });
    expect(result).toEqual({
      remainingFraction: 0.5,
      unusedTimeCredit: usd(-500),
      remainingTimeCharge: usd(1000),
      net: usd(500),
    });
  });

  it("gives a net credit on a downgrade", () => {
    const result = prorate({
      from: usd(4900),
      to: usd(1900),
      ...april,
      changeAt: "2026-04-21T00:00:00Z",
    });
    // 10 of 30 days left.
    expect(result.unusedTimeCredit).toEqual(usd(-1633));
    expect(result.remainingTimeCharge).toEqual(usd(633));
    expect(result.net).toEqual(usd(-1000));
  });

  it("prorates to the exact time left, rounding each line to the minor unit", () => {
    const result = prorate({
      from: usd(1000),
      to: usd(3000),
      periodStart: 0,
      periodEnd: 3000,
      changeAt: 2000,
    });
    expect(result.unusedTimeCredit).toEqual(usd(-333));
    expect(result.remainingTimeCharge).toEqual(usd(1000));
    expect(result.net).toEqual(usd(667));
  });

  it("rejects a change outside the period and mixed currencies", () => {
    expect(() =>
      prorate({ from: usd(1), to: usd(2), ...april, changeAt: "2026-06-01T00:00:00Z" }),
    ).toThrow(OpsbookError);
    expect(() =>
      prorate({
        from: usd(1),
        to: { amount: 2, currency: "EUR" },
        ...april,
        changeAt: "2026-04-02T00:00:00Z",
      }),
    ).toThrow(/^to\.currency/);
  });
});
