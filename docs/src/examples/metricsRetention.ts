import { startOfPeriod } from "@opsbook/core";
import { retention } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
// Full weeks only: the window's last week has just started.
const lastFullWeekEnd = startOfPeriod(product.window.end, "week") - 1;

// Weekly cohorts by signup week; a user is retained in week N if they did anything that week.
export const weekly = retention(product.events, {
  startEvent: { event: "signup" },
  cohort: "first-time",
  unit: "week", // ISO weeks (Monday) in UTC
  to: lastFullWeekEnd,
});

// Share of all signups active in week 1 and week 4, weighted by cohort size.
export const week1 = weekly.mean.weighted[1] ?? 0;
export const week4 = weekly.mean.weighted[4] ?? 0;
