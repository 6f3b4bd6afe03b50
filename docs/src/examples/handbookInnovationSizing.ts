import { minimumDetectableEffect } from "@opsbook/experiments";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const signupsPerDay = product.users.length / product.window.days;

// Two metrics a test on new users could read: finishing onboarding (common) and upgrading (rare).
const share = (event: string) =>
  new Set(product.events.filter((e) => e.event === event).map((e) => e.userId)).size /
  product.users.length;
export const baselines = { onboarding: share("onboarding_tutorial"), upgrade: share("upgrade") };

// The smallest relative lift a two-arm test detects (80 % power, 5 % alpha) after each number of
// weeks, with every new user in the test: null means no lift at all can be detected yet.
export const weeks = [2, 4, 8, 13, 26];
export const rows = weeks.map((w) => {
  const usersPerVariation = Math.floor((signupsPerDay * 7 * w) / 2);
  const mde = (baseline: number) =>
    minimumDetectableEffect({ metric: { type: "proportion", baseline }, usersPerVariation });
  return {
    weeks: w,
    usersPerVariation,
    onboarding: mde(baselines.onboarding),
    upgrade: mde(baselines.upgrade),
  };
});
