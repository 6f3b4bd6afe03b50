import {
  assignVariation,
  experimentDuration,
  frequentistTest,
  proportionFromValues,
  sampleSize,
  srmCheck,
} from "@opsbook/experiments";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// An A/A test: both arms get the same product, so any "effect" is noise or a broken pipeline.
const experiment = { key: "handbook-aa-upgrade", variations: 2 };
const upgraded = new Set(product.events.filter((e) => e.event === "upgrade").map((e) => e.userId));
const outcomes: number[][] = [[], []];
for (const user of product.users) {
  const { variation } = assignVariation(user.id, experiment);
  if (variation !== null) outcomes[variation]?.push(upgraded.has(user.id) ? 1 : 0);
}
const [control, treatment] = outcomes.map((values) => proportionFromValues(values));
if (!control || !treatment) throw new Error("two arms expected");

// First the plumbing (sample-ratio mismatch), then the metric: an A/A test should find nothing.
export const srm = srmCheck([control.n, treatment.n], [0.5, 0.5]);
export const readout = frequentistTest(control, treatment);
export const arms = { control, treatment };

// What a real test of the upgrade rate would need: a +10 % relative lift, 80 % power, 5 % alpha.
export const baseline = upgraded.size / product.users.length;
export const plan = sampleSize({ metric: { type: "proportion", baseline }, effect: 0.1 });
export const signupsPerDay = product.users.length / product.window.days;
export const duration = experimentDuration({
  perVariation: plan.perVariation,
  dailyUnits: signupsPerDay,
});
