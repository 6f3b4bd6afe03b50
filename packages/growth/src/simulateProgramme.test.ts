import { generateProduct } from "@opsbook/sample-data";
import { describe, expect, it } from "vitest";
import { referralPopulation } from "./referralPopulation.ts";
import type { ReferralProgrammeConfigInput } from "./referralSchemas.ts";
import { simulateProgramme } from "./simulateProgramme.ts";

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
  });
});
