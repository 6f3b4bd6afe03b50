import { classifyProductStage, classifyUserStages, productStagePlays } from "@opsbook/lifecycle";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const WEEK = 7 * 86_400_000;

// The product's stage, from its new-user curve: signups per full week since launch.
const weeklySignups: number[] = Array(Math.floor(product.window.days / 7)).fill(0);
for (const user of product.users) {
  const week = Math.floor((user.createdAt - product.window.start) / WEEK);
  if (week < weeklySignups.length) weeklySignups[week] = (weeklySignups[week] ?? 0) + 1;
}
export const productStage = classifyProductStage(weeklySignups);
export const stagePlays = productStagePlays[productStage.stage];

// Where every user stands on the last day: sessions and core actions count as activity.
export const users = classifyUserStages(product.events, product.window.end - 1, {
  activityEvents: ["session_start", "core_action"],
  dormantDays: 14,
  churnedDays: 30,
});
