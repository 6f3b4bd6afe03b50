import { startOfPeriod } from "@opsbook/core";
import { retention, stickiness } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const lastFullWeekEnd = startOfPeriod(product.window.end, "week") - 1;

// The retention curve: weekly signup cohorts, the share active N weeks later, weighted by size.
const weekly = retention(product.events, {
  startEvent: { event: "signup" },
  cohort: "first-time",
  unit: "week",
  to: lastFullWeekEnd,
});
export const curve = weekly.mean.weighted.map((rate, week) => ({ week, rate }));

// Stickiness over the last 30 days: DAU / MAU and the power-user curve L28 (users by the number
// of days, out of the last 28, on which they did a core action).
export const sticky = stickiness(product.events, {
  event: { event: "core_action" },
  from: product.window.end - 30 * 86_400_000,
  to: product.window.end - 1,
});
export const powerUsers = sticky.powerUsers.l28.map((users, i) => ({ days: i + 1, users }));
