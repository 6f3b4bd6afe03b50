import { startOfPeriod } from "@opsbook/core";
import { lifecycle } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Full weeks only: the window's last week has just started.
const lastFullWeekEnd = startOfPeriod(product.window.end, "week") - 1;

// Each week's active users: new, returning, resurrecting — and last week's users gone dormant.
export const weeks = lifecycle(product.events, { unit: "week", to: lastFullWeekEnd });
export const lastWeek = weeks[weeks.length - 1];
