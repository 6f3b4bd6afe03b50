import {
  type ReferralProgrammeConfigInput,
  referralPopulation,
  simulateProgramme,
} from "@opsbook/growth";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import { generateProduct } from "@opsbook/sample-data";

// The programme shipped with the play "Double-sided referral launch": 1,000 points (10.00 of
// credit) to each side on the friend's first order of 20.00 or more, pending for 30 days, the
// referrer capped at 20 friends, the launch at 5,000,000 points.
const play = getPlay("double-sided-referral-launch", "en");
const file = validatePlayConfig(play.config?.text ?? "", { path: "referral-programme.yaml" });
export const config = file.config as ReferralProgrammeConfigInput;

// The sample product (2,000 users over 120 days, with its planted fraud ring) as a population:
// who referred whom, with the referees' orders, refunds and events.
export const product = generateProduct({ seed: 42, users: 2000, days: 120 });
export const population = referralPopulation(product);

// 50 seeded runs: each resamples the observed referrals (Poisson bootstrap), replays them through
// the programme with and without the fraud rules, and lets 70 % of members redeem what they hold.
// One point is one cent of credit.
export const simulation = simulateProgramme(config, population, {
  runs: 50,
  seed: "referrals-guide",
  pointValue: 1,
  currency: "USD",
  redemptionRate: 0.7,
});

// Percentiles over the runs (money in cents, breakage as a share of net points).
export const rows = (
  [
    "cost",
    "liability",
    "pointsNet",
    "breakageRate",
    "fraudExposure",
    "fraudExposureWithoutRules",
  ] as const
).map((metric) => ({ metric, ...simulation.metrics[metric] }));
