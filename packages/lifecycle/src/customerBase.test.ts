import { cdnowSample } from "@opsbook/sample-data";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BgNbdFit,
  customerLifetimeValue,
  expectedPurchases,
  expectedPurchasesUnconditional,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  type ParetoNbdFit,
  probabilityAlive,
  type RfmCustomer,
  rfmSummary,
} from "./index.ts";

// CDNOW sample (Fader, Hardie & Lee 2005): 2,357 customers, calibration period to 1997-09-30
// (39 weeks), times in weeks.
let customers: RfmCustomer[];
let bgNbd: BgNbdFit;
let paretoNbd: ParetoNbdFit;

beforeAll(() => {
  customers = rfmSummary(cdnowSample(), { observationEnd: "1997-09-30" }).customers;
  bgNbd = fitBgNbd(customers);
  paretoNbd = fitParetoNbd(customers);
});

describe("rfmSummary on the CDNOW sample", () => {
  it("reproduces the calibration summary of Fader & Hardie's note 'Creating an RFM Summary Using Excel'", () => {
    expect(customers).toHaveLength(2357);
    // Customer 4 (sample id 1): x = 2, t_x = 30.43, T = 38.86 (FHL 2005, p. 280).
    const first = customers.find((c) => c.customerId === "4")!;
    expect(first.frequency).toBe(2);
    expect(first.recency).toBeCloseTo(30.43, 2);
    expect(first.T).toBeCloseTo(38.86, 2);
    expect(customers.filter((c) => c.frequency > 0)).toHaveLength(946);
    expect(customers.reduce((s, c) => s + c.frequency, 0)).toBe(2457); // FHL 2005: 2,457 repeat transactions
  });
});

describe("BG/NBD", () => {
  it("reproduces Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4", () => {
    expect(bgNbd.r).toBeCloseTo(0.243, 3);
    expect(bgNbd.alpha).toBeCloseTo(4.414, 3);
    expect(bgNbd.a).toBeCloseTo(0.793, 3);
    expect(bgNbd.b).toBeCloseTo(2.426, 3);
    expect(bgNbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(bgNbd.converged).toBe(true);
  });

  it("matches lifetimes' BetaGeoFitter on the CDNOW sample (r 0.2426, α 4.4136, a 0.7929, b 2.4259)", () => {
    expect(bgNbd.r).toBeCloseTo(0.2426, 4);
    expect(bgNbd.alpha).toBeCloseTo(4.4136, 3);
    expect(bgNbd.a).toBeCloseTo(0.7929, 4);
    expect(bgNbd.b).toBeCloseTo(2.4259, 3);
  });

  it("predicts 1.226 purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86 (FHL 2005, p. 280)", () => {
    expect(expectedPurchases(bgNbd, { frequency: 2, recency: 30.43, T: 38.86 }, 39)).toBeCloseTo(
      1.226,
      3,
    );
  });

  it("derives the unconditional expectation as the limit of the conditional one for a brand-new customer", () => {
    // For T → 0 (no history) the conditional expectation equals E[X(t)] (FHL 2005, eq. 9–10).
    const fresh = expectedPurchases(bgNbd, { frequency: 0, recency: 0, T: 1e-9 }, 39);
    expect(fresh).toBeCloseTo(expectedPurchasesUnconditional(bgNbd, 39), 6);
  });

  it("keeps P(alive) in [0, 1] and equal to 1 without repeat purchases (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 200, noNaN: true }),
        (x, share, T) => {
          const c = { frequency: x, recency: x === 0 ? 0 : share * T, T };
          for (const model of [bgNbd, paretoNbd]) {
            const p = probabilityAlive(model, c);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          if (x === 0) expect(probabilityAlive(bgNbd, c)).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses the closed form where it does not apply (a = 1)", () => {
    const model = { model: "bg-nbd", r: 1, alpha: 1, a: 1, b: 2 } as const;
    expect(() => expectedPurchasesUnconditional(model, 10)).toThrowError(
      expect.objectContaining({ name: "OpsbookError", code: "unsupported" }),
    );
  });

  it("lowers P(alive) as the last purchase recedes", () => {
    const recent = probabilityAlive(bgNbd, { frequency: 5, recency: 38, T: 38.86 });
    const old = probabilityAlive(bgNbd, { frequency: 5, recency: 10, T: 38.86 });
    expect(recent).toBeGreaterThan(old);
  });

  it("rejects impossible summaries: purchases after the end, recency without repeat purchases", () => {
    expect(() => fitBgNbd([{ frequency: 2, recency: 40, T: 38 }])).toThrowError(
      expect.objectContaining({ name: "OpsbookError", code: "out_of_range", path: [0, "recency"] }),
    );
    expect(() => fitBgNbd([{ frequency: 0, recency: 3, T: 38 }])).toThrowError(
      expect.objectContaining({ code: "invalid_input", path: [0, "recency"] }),
    );
    expect(() => fitBgNbd([])).toThrowError(expect.objectContaining({ code: "out_of_range" }));
    expect(() => probabilityAlive(bgNbd, { frequency: 1.5, recency: 1, T: 3 })).toThrowError(
      expect.objectContaining({ name: "OpsbookError" }),
    );
  });
});

describe("Pareto/NBD", () => {
  it("reproduces Fader & Hardie's (2005) Pareto/NBD note: r = 0.5533, α = 10.5776, s = 0.6061, β = 11.6650, LL = −9594.98", () => {
    expect(paretoNbd.r).toBeCloseTo(0.5533, 3);
    expect(paretoNbd.alpha / 10.5776).toBeCloseTo(1, 2);
    expect(paretoNbd.s).toBeCloseTo(0.6061, 2);
    expect(paretoNbd.beta / 11.665).toBeCloseTo(1, 2);
    expect(paretoNbd.logLikelihood).toBeCloseTo(-9594.98, 1);
  });

  it("is alive for sure when the last purchase is at T, and forecasts between 1 and 2 purchases for x = 2, t_x = 30.43", () => {
    // With t_x = T the term A₀ of Fader & Hardie's eq. 18 vanishes, so P(alive) = 1.
    expect(probabilityAlive(paretoNbd, { frequency: 3, recency: 30, T: 30 })).toBeCloseTo(1, 12);
    const e = expectedPurchases(paretoNbd, { frequency: 2, recency: 30.43, T: 38.86 }, 39);
    expect(e).toBeGreaterThan(1);
    expect(e).toBeLessThan(2);
  });
});

describe("Pareto/NBD expectations", () => {
  it("derives the unconditional expectation as the limit of the conditional one for a brand-new customer", () => {
    const fresh = expectedPurchases(paretoNbd, { frequency: 0, recency: 0, T: 1e-9 }, 39);
    expect(fresh).toBeCloseTo(expectedPurchasesUnconditional(paretoNbd, 39), 6);
  });
});

describe("Gamma-Gamma", () => {
  it("reproduces Fader & Hardie (2013) on the CDNOW sample: p = 6.25, q = 3.74, γ = 15.44, LL = −4055.92 (946 customers)", () => {
    const fit = fitGammaGamma(customers);
    expect(fit.customers).toBe(946);
    expect(fit.p).toBeCloseTo(6.25, 2);
    expect(fit.q).toBeCloseTo(3.74, 2);
    expect(fit.gamma).toBeCloseTo(15.44, 2);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9177, 3); // CLVTools' correctness test
  });

  it("shrinks a customer's mean towards the population mean pγ/(q−1) (FHL 2005, RFM and CLV, eq. 5)", () => {
    const model = { p: 6.25, q: 3.74, gamma: 15.44 };
    expect(expectedSpend(model, { frequency: 0 })).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    const heavy = expectedSpend(model, { frequency: 100, monetaryValue: 80 });
    expect(heavy).toBeGreaterThan(75);
    expect(() => expectedSpend({ p: 1, q: 0.9, gamma: 1 }, { frequency: 0 })).toThrowError(
      expect.objectContaining({ code: "out_of_range" }),
    );
  });
});

describe("customerLifetimeValue", () => {
  it("sums expected purchases per period times expected spend, discounted (lifetimes' formula)", () => {
    const spend = { p: 6.25, q: 3.74, gamma: 15.44 };
    const customer = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 15 };
    const undiscounted = customerLifetimeValue(bgNbd, spend, customer, {
      periods: 10,
      periodLength: 3.9,
    });
    expect(undiscounted).toBeCloseTo(
      expectedPurchases(bgNbd, customer, 39) * expectedSpend(spend, customer),
      9,
    );
    const discounted = customerLifetimeValue(bgNbd, spend, customer, {
      periods: 10,
      periodLength: 3.9,
      discountRate: 0.02,
    });
    expect(discounted).toBeLessThan(undiscounted);
    expect(discounted).toBeGreaterThan(undiscounted / 1.02 ** 10);
  });
});
