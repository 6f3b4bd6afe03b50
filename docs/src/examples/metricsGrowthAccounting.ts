import { startOfPeriod } from "@opsbook/core";
import { growthAccounting } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const lastFullWeekEnd = startOfPeriod(product.window.end, "week") - 1;

// Active users of each week: new + retained + resurrected; churned are last week's who left.
export const weeks = growthAccounting(product.events, { unit: "week", to: lastFullWeekEnd });

// The quick ratio, (new + resurrected) ÷ churned, over the last four weeks together.
const recent = weeks.slice(-4);
const sum = (pick: (w: (typeof weeks)[number]) => number) =>
  recent.reduce((total, w) => total + pick(w), 0);
export const gained = sum((w) => w.new + w.resurrected);
export const churned = sum((w) => w.churned);
export const quickRatio = gained / churned;
