import { experimentDuration, minimumDetectableEffect, sampleSize } from "@opsbook/experiments";

// Evan Miller's calculator: a 20 % baseline, +5 percentage points, 80 % power, 5 % alpha.
export const evanMiller = sampleSize({
  metric: { type: "proportion", baseline: 0.2 },
  effect: 0.05,
  relative: false,
});

// The signup-form plan: a 20 % signup rate, and a 10 % relative lift worth shipping.
const metric = { type: "proportion", baseline: 0.2 } as const;
export const plan = sampleSize({ metric, effect: 0.1 });

// 800 eligible visitors a day, all of them in the test.
export const duration = experimentDuration({ perVariation: plan.perVariation, dailyUnits: 800 });

// The other way round: the smallest lift 5,000 users per arm can detect.
export const detectable = minimumDetectableEffect({ metric, usersPerVariation: 5000 });

// Reading the results every day (a sequential test) costs more users.
export const sequentialPlan = sampleSize({
  metric,
  effect: 0.1,
  sequential: { tuning: plan.total },
});
