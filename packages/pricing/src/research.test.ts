import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { gaborGranger } from "./gaborGranger.ts";
import { arcElasticity, pointElasticity } from "./priceElasticity.ts";

describe("gaborGranger", () => {
  it("traces demand and revenue per respondent and picks the revenue-maximising price (Gabor & Granger 1966 method)", () => {
    // 10 respondents; the highest price each accepts: 4 × 20, 3 × 30, 2 × 40, 1 × none.
    const prices = [20, 30, 40];
    const accept = (max: number | null) => prices.map((p) => max !== null && p <= max);
    const responses = [
      ...Array(4).fill(accept(20)),
      ...Array(3).fill(accept(30)),
      ...Array(2).fill(accept(40)),
      accept(null),
    ];
    const result = gaborGranger({ prices, responses });
    expect(result.curve).toEqual([
      { price: 20, buyers: 9, demand: 0.9, revenueIndex: 18 },
      { price: 30, buyers: 5, demand: 0.5, revenueIndex: 15 },
      { price: 40, buyers: 2, demand: 0.2, revenueIndex: 8 },
    ]);
    expect(result.revenueMaximisingPrice).toBe(20);
  });

  it("reproduces the published example of DJS Research's Gabor–Granger glossary entry (£10 / £15 / £20)", () => {
    // DJS Research, "Gabor Granger Pricing Technique" (market research glossary): for Product A,
    // 90% of people might buy at £10, 70% at £15 and 50% at £20. Ten respondents reproduce those
    // shares; revenue per respondent is price × share: £9, £10.50 and £10, so £15 maximises revenue.
    const prices = [10, 15, 20];
    const accept = (max: number | null) => prices.map((p) => max !== null && p <= max);
    const responses = [
      ...Array(5).fill(accept(20)),
      ...Array(2).fill(accept(15)),
      ...Array(2).fill(accept(10)),
      accept(null),
    ];
    const result = gaborGranger({ prices, responses });
    expect(result.curve.map((p) => p.demand)).toEqual([0.9, 0.7, 0.5]);
    expect(result.curve.map((p) => p.revenueIndex)).toEqual([9, 10.5, 10]);
    expect(result.revenueMaximisingPrice).toBe(15);
    expect(result.maxRevenueIndex).toBe(10.5);
    // Arc elasticity between £10 and £15 on that curve: (−0.2 / 0.8) / (5 / 12.5) = −0.625.
    expect(arcElasticity({ price: 10, quantity: 0.9 }, { price: 15, quantity: 0.7 })).toBeCloseTo(
      -0.625,
      12,
    );
  });

  it("counts a yes at a higher price as a yes at every lower price unless monotone is off", () => {
    const input = { prices: [30, 10, 20], responses: [[true, false, null]] };
    expect(gaborGranger(input).curve.map((p) => p.buyers)).toEqual([1, 1, 1]);
    expect(gaborGranger({ ...input, monotone: false }).curve.map((p) => p.buyers)).toEqual([
      0, 0, 1,
    ]);
  });

  it("names a response row of the wrong length and a repeated price", () => {
    expect(() => gaborGranger({ prices: [1, 2], responses: [[true]] })).toThrow(/^responses\[0\]/);
    expect(() => gaborGranger({ prices: [1, 1], responses: [[true, true]] })).toThrow(OpsbookError);
  });
});

describe("price elasticity", () => {
  it("reproduces the midpoint-method elasticities of OpenStax Principles of Economics §5.1 (0.45 and 1.47)", () => {
    const ab = arcElasticity({ price: 60, quantity: 3000 }, { price: 70, quantity: 2800 });
    const gh = arcElasticity({ price: 120, quantity: 1800 }, { price: 130, quantity: 1600 });
    expect(Math.round(ab * 100) / 100).toBe(-0.45);
    expect(Math.round(gh * 100) / 100).toBe(-1.47);
  });

  it("gives the same arc elasticity in both directions", () => {
    const up = arcElasticity({ price: 10, quantity: 100 }, { price: 12, quantity: 80 });
    const down = arcElasticity({ price: 12, quantity: 80 }, { price: 10, quantity: 100 });
    expect(up).toBeCloseTo(down, 12);
    expect(up).toBeCloseTo(-20 / 90 / (2 / 11), 12);
  });

  it("computes point elasticity of a linear demand curve, unit elastic at its midpoint", () => {
    // Q = 100 − 2P: at P = 25, Q = 50 and e = −2 × 25 / 50 = −1.
    expect(pointElasticity(-2, { price: 25, quantity: 50 })).toBe(-1);
  });

  it("rejects equal prices and zero quantity", () => {
    expect(() => arcElasticity({ price: 5, quantity: 1 }, { price: 5, quantity: 2 })).toThrow(
      /^b\.price/,
    );
    expect(() => pointElasticity(-1, { price: 5, quantity: 0 })).toThrow(/^point\.quantity/);
  });
});
