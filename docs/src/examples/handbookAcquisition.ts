import { money, multiplyMoney } from "@opsbook/core";
import { channelReport } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Media spend of each channel over the 120 days (organic and referral cost nothing to buy).
const spend = Object.fromEntries(
  product.channels.map((c) => [c.id, multiplyMoney(c.dailySpend, product.window.days)]),
);

// Users, activation (a core action in the first 7 days), day-1/7/30 retention, spend and CAC.
export const channels = channelReport({
  users: product.users.map((u) => ({ userId: u.id, channel: u.channel, createdAt: u.createdAt })),
  events: product.events,
  activationEvent: "core_action",
  activationDays: 7,
  spend,
});

// CAC counts every signup; what a channel really buys is users who reach the product's value.
export const costPerActivated = channels.map((row) => {
  const activated = Math.round(row.users * row.activationRate);
  return {
    channel: row.channel,
    activated,
    cost: activated === 0 ? null : money(Math.round(row.spend.amount / activated), "USD"),
  };
});
