import { generateProduct } from "@opsbook/sample-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/errors.ts";
import { referralPopulation } from "./referralPopulation.ts";
import type { ReferralProgrammeConfigInput } from "./referralSchemas.ts";
import { mergeSimulations, simulateProgramme } from "./simulateProgramme.ts";

const product = generateProduct({ seed: 11, users: 1500, days: 90 });
const population = referralPopulation(product);
const giveGet: ReferralProgrammeConfigInput = {
  id: "give-get",
  rewards: [
    { id: "join", action: "signup", referrer: 200, referee: 200 },
    { id: "buy", action: "first-purchase", referrer: 800, referee: 0 },
  ],
  pendingFor: "P30D",
};

// Each run replays the population twice (with and without fraud rules): allow a loaded CI machine time.
describe("simulateProgramme", { timeout: 60_000 }, () => {
  it("is reproducible from its seed and differs between seeds", () => {
    const a = simulateProgramme(giveGet, population, { runs: 5, seed: 1 });
    expect(simulateProgramme(giveGet, population, { runs: 5, seed: 1 })).toEqual(a);
    expect(simulateProgramme(giveGet, population, { runs: 5, seed: 2 }).perRun).not.toEqual(
      a.perRun,
    );
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it("catches the planted fraud ring: zero exposure with the rules, the ring's payout without them", () => {
    const sim = simulateProgramme(giveGet, population, { runs: 10, seed: 3 });
    expect(sim.population.fraudReferrals).toBe(product.groundTruth.fraudRing?.userIds.length);
    expect(sim.metrics.fraudExposure.max).toBe(0);
    expect(sim.metrics.fraudApproved.max).toBe(0);
    // Without rules, every ring signup pays both sides of "join" (plus any first purchase).
    for (const run of sim.perRun)
      expect(run.fraudExposureWithoutRules).toBeGreaterThanOrEqual(run.fraudReferrals * 400);
    expect(sim.metrics.payoutWithoutRules.mean).toBeGreaterThan(sim.metrics.pointsNet.mean);
  });

  it("keeps the accounting identities in every run: net = granted − clawed back = redeemed + breakage; outstanding + expired = net", () => {
    const sim = simulateProgramme(
      { ...giveGet, ledger: { expiry: { type: "rolling", duration: "P30D" } } },
      population,
      { runs: 8, seed: 4, pointValue: 2, redemptionRate: 0.5 },
    );
    for (const r of sim.perRun) {
      expect(r.pointsNet).toBe(r.pointsGranted - r.clawedBack);
      expect(r.redeemedPoints + r.breakagePoints).toBe(r.pointsNet);
      expect(r.outstandingPoints + r.expiredPoints).toBe(r.pointsNet);
      expect(r.cost).toBe(2 * r.redeemedPoints);
      expect(r.liability).toBe(2 * r.outstandingPoints);
      expect(r.approved + r.held + r.rejected).toBe(r.referrals);
    }
    // a 30-day expiry over a 90-day window expires points
    expect(sim.metrics.expiredPoints.mean).toBeGreaterThan(0);
  });

  it("never spends more than the budget in any run, and scales payouts with participation", () => {
    const capped = simulateProgramme(
      { ...giveGet, caps: { budget: { points: 5000 } } },
      population,
      { runs: 10, seed: 5 },
    );
    expect(capped.metrics.pointsGranted.max).toBeLessThanOrEqual(5000);
    const base = simulateProgramme(giveGet, population, { runs: 10, seed: 6 });
    const lifted = simulateProgramme(giveGet, population, { runs: 10, seed: 6, participation: 2 });
    expect(lifted.metrics.referrals.mean).toBeGreaterThan(1.6 * base.metrics.referrals.mean);
    expect(lifted.metrics.pointsNet.mean).toBeGreaterThan(base.metrics.pointsNet.mean);
  });

  it("orders its percentiles (R type 7 interpolation) and rejects bad options", () => {
    const sim = simulateProgramme(giveGet, population, { runs: 21, seed: 8 });
    const m = sim.metrics.cost;
    expect(
      m.min <= m.p5 &&
        m.p5 <= m.p25 &&
        m.p25 <= m.p50 &&
        m.p50 <= m.p75 &&
        m.p75 <= m.p95 &&
        m.p95 <= m.max,
    ).toBe(true);
    const sorted = sim.perRun.map((r) => r.cost).sort((a, b) => a - b);
    expect(m.p50).toBe(sorted[10]);
    expect(m.p5).toBeCloseTo(sorted[1] as number, 9);
    expect(() => simulateProgramme(giveGet, population, { runs: 0 })).toThrowError(/options\.runs/);
    expect(() => simulateProgramme(giveGet, population, { redemptionRate: 2 })).toThrowError(
      /redemptionRate/,
    );
    expect(() => simulateProgramme(giveGet, null as never)).toThrowError(/population/);
    expect(() => simulateProgramme(giveGet, population, { firstRun: -1 })).toThrowError(
      /options\.firstRun/,
    );
    expect(() => simulateProgramme(giveGet, population, { firstRun: 1.5 })).toThrowError(
      /options\.firstRun/,
    );
  });
});

describe("simulateProgramme split over run ranges, joined by mergeSimulations", {
  timeout: 60_000,
}, () => {
  const small = referralPopulation(generateProduct({ seed: 12, users: 400, days: 60 }));
  const options = { seed: "split", participation: 1.3, redemptionRate: 0.6 };
  const whole = simulateProgramme(giveGet, small, { ...options, runs: 9 });

  it("gives back exactly the runs of one call, whatever the split and the order of the parts (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }),
        fc.boolean(),
        (cuts, reversed) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), 9];
          const parts = bounds.slice(1).map((end, i) =>
            simulateProgramme(giveGet, small, {
              ...options,
              firstRun: bounds[i] as number,
              runs: end - (bounds[i] as number),
            }),
          );
          expect(mergeSimulations(reversed ? parts.reverse() : parts)).toEqual(whole);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("makes runs firstRun … firstRun + runs − 1 of the seed's sequence", () => {
    const tail = simulateProgramme(giveGet, small, { ...options, firstRun: 6, runs: 3 });
    expect(tail.firstRun).toBe(6);
    expect(tail.perRun).toEqual(whole.perRun.slice(6));
    expect(mergeSimulations([tail])).toEqual(tail);
  });

  it("refuses parts that leave a gap, overlap or disagree, naming the part and field", () => {
    const a = simulateProgramme(giveGet, small, { ...options, runs: 3 });
    const c = simulateProgramme(giveGet, small, { ...options, firstRun: 4, runs: 2 });
    const conflict = (parts: Parameters<typeof mergeSimulations>[0]) => {
      const { code, path } = thrown(() => mergeSimulations(parts));
      return { code, path };
    };
    expect(conflict([a, c])).toEqual({ code: "conflict", path: [1, "firstRun"] });
    expect(conflict([a, a])).toEqual({ code: "conflict", path: [1, "firstRun"] });
    const otherSeed = simulateProgramme(giveGet, small, {
      ...options,
      seed: 2,
      firstRun: 3,
      runs: 1,
    });
    expect(conflict([a, otherSeed])).toEqual({ code: "conflict", path: [1, "seed"] });
    const otherPopulation = simulateProgramme(giveGet, population, {
      ...options,
      firstRun: 3,
      runs: 1,
    });
    expect(conflict([a, otherPopulation]).path).toEqual([1, "horizon"]);
    expect(conflict([{ ...a, perRun: a.perRun.slice(1) }])).toEqual({
      code: "invalid_input",
      path: [0, "perRun"],
    });
    expect(conflict([])).toEqual({ code: "out_of_range", path: [] });
    expect(conflict([{ ...a, runs: "3" } as never])).toEqual({
      code: "invalid_input",
      path: [0, "runs"],
    });
  });
});
