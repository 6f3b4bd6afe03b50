import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { mrrMovements } from "./mrrMovements.ts";
import { planMixWhatIf } from "./planMixWhatIf.ts";
import { trialFunnel } from "./trialFunnel.ts";
import { arppu, arpu, cacPayback, ltv, ltvToCac, payerConversion } from "./unitEconomics.ts";

const usd = (amount: number) => ({ amount, currency: "USD" });

describe("ARPU, ARPPU and payer conversion", () => {
  it("satisfies ARPU = ARPPU × payer conversion", () => {
    const revenue = usd(3000000);
    const a = arpu(revenue, 12000);
    const b = arppu(revenue, 600);
    expect(a).toEqual(usd(250));
    expect(b).toEqual(usd(5000));
    expect(b.amount * payerConversion(600, 12000)).toBe(a.amount);
  });

  it("rounds a per-user amount explicitly", () => {
    expect(arpu(usd(1000), 3)).toEqual(usd(333));
    expect(arpu(usd(1000), 3, "ceiling")).toEqual(usd(334));
  });

  it("rejects zero users and more payers than users", () => {
    expect(() => arpu(usd(1), 0)).toThrow(/^users/);
    expect(() => payerConversion(5, 4)).toThrow(/^payers/);
  });
});

describe("LTV, CAC payback and LTV:CAC (David Skok, SaaS Metrics 2.0)", () => {
  it("computes LTV = ARPA × gross margin ÷ churn", () => {
    // $500 ARPA, 75% gross margin, 2.5% monthly churn → $15,000.
    expect(ltv({ arpa: usd(50000), grossMargin: 0.75, churnRate: 0.025 })).toEqual(usd(1500000));
  });

  it("discounts future margin: m(1 + i)/(i + c), equal to Skok's formula at i = 0", () => {
    const arpa = usd(10000);
    expect(ltv({ arpa, grossMargin: 1, churnRate: 0.1, discountRate: 0 })).toEqual(usd(100000));
    // 100 × 1.1 / 0.2 = 550.
    expect(ltv({ arpa, grossMargin: 1, churnRate: 0.1, discountRate: 0.1 })).toEqual(usd(55000));
  });

  it("cuts the sum at a horizon: 3 periods at 10% churn = m(1 + 0.9 + 0.81)", () => {
    expect(ltv({ arpa: usd(10000), grossMargin: 1, churnRate: 0.1, periods: 3 })).toEqual(
      usd(27100),
    );
  });

  it("computes CAC payback = CAC ÷ (ARPA × gross margin) and LTV:CAC", () => {
    expect(cacPayback({ cac: usd(600000), arpa: usd(50000), grossMargin: 0.75 })).toBe(16);
    expect(ltvToCac(usd(1500000), usd(500000))).toBe(3);
    expect(() => ltvToCac(usd(1), { amount: 1, currency: "EUR" })).toThrow(OpsbookError);
  });
});

describe("mrrMovements", () => {
  it("classifies each customer and keeps ending = starting + movements", () => {
    const m = mrrMovements({
      previous: { a: usd(1000), b: usd(2000), c: usd(3000), d: usd(500) },
      current: { a: usd(1500), b: usd(1000), d: usd(500), e: usd(700), f: usd(900) },
      everActive: ["f"],
    });
    expect(m.customers).toEqual([
      { customerId: "a", kind: "expansion", change: 500 },
      { customerId: "b", kind: "contraction", change: -1000 },
      { customerId: "c", kind: "churn", change: -3000 },
      { customerId: "e", kind: "new", change: 700 },
      { customerId: "f", kind: "reactivation", change: 900 },
    ]);
    const net =
      m.new.amount +
      m.expansion.amount +
      m.reactivation.amount -
      m.contraction.amount -
      m.churn.amount;
    expect(m.starting.amount + net).toBe(m.ending.amount);
    expect(m.netNew.amount).toBe(net);
  });

  it("names the customer whose MRR is in another currency", () => {
    expect(() =>
      mrrMovements({ previous: { a: usd(1) }, current: { a: { amount: 1, currency: "EUR" } } }),
    ).toThrow(/^current\.a\.currency/);
  });
});

describe("planMixWhatIf", () => {
  it("projects revenue after moving customers between plans", () => {
    const result = planMixWhatIf({
      plans: [
        { id: "basic", price: usd(900), customers: 1000 },
        { id: "plus", price: usd(2900), customers: 200 },
        { id: "pro", price: usd(9900), customers: 20 },
      ],
      shifts: [
        { from: "basic", to: "plus", share: 0.1 },
        { from: "plus", to: "pro", share: 0.1 },
      ],
    });
    // basic 1000 − 100 = 900; plus 200 + 100 − 30 = 270; pro 20 + 30 = 50.
    expect(result.mix.map((m) => m.after)).toEqual([900, 270, 50]);
    expect(result.before).toEqual(usd(900 * 1000 + 2900 * 200 + 9900 * 20));
    expect(result.after).toEqual(usd(900 * 900 + 2900 * 270 + 9900 * 50));
    expect(result.change.amount).toBe(result.after.amount - result.before.amount);
  });

  it("names an unknown plan in a shift", () => {
    expect(() =>
      planMixWhatIf({
        plans: [{ id: "a", price: usd(1), customers: 1 }],
        shifts: [{ from: "a", to: "z", share: 1 }],
      }),
    ).toThrow(/^shifts\[0\]\.to/);
  });
});

describe("trialFunnel", () => {
  it("multiplies the stage rates through to paying customers and revenue", () => {
    const result = trialFunnel({
      visitors: 20000,
      trialStartRate: 0.04,
      activationRate: 0.5,
      trialToPaidRate: 0.4,
      price: usd(4900),
    });
    expect(result.trials).toBe(800);
    expect(result.activated).toBe(400);
    expect(result.paid).toBe(160);
    expect(result.trialToPaid).toBe(0.2);
    expect(result.visitorToPaid).toBe(0.008);
    expect(result.firstPeriodRevenue).toEqual(usd(784000));
    expect(result.revenuePerVisitor).toEqual(usd(39));
  });

  it("rejects rates outside [0, 1]", () => {
    expect(() =>
      trialFunnel({ visitors: 1, trialStartRate: 1.5, trialToPaidRate: 0.1, price: usd(1) }),
    ).toThrow(/^trialStartRate/);
  });
});
