import { money, startOfPeriod } from "@opsbook/core";
import { channelReport, growthAccounting } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Users by channel with activation and retention, and what each channel cost over the window.
export const channels = channelReport({
  users: product.users.map((u) => ({ userId: u.id, channel: u.channel, createdAt: u.createdAt })),
  events: product.events,
  activationEvent: "core_action",
  spend: Object.fromEntries(
    product.channels.map((c) => [c.id, money(c.dailySpend.amount * product.window.days, "USD")]),
  ),
});

// Brand pull: the share of signups nobody paid for, people who came on their own or were invited.
const unpaid = channels.filter((c) => c.channel === "organic" || c.channel === "referral");
export const unpaidShare =
  unpaid.reduce((sum, c) => sum + c.users, 0) / channels.reduce((sum, c) => sum + c.users, 0);

// Returning users: the share of last full week's active users who were active the week before.
const weeks = growthAccounting(product.events, {
  unit: "week",
  to: startOfPeriod(product.window.end, "week") - 1,
});
const lastWeek = weeks.at(-1);
export const returningShare = lastWeek ? lastWeek.retained / lastWeek.active : 0;
export const lastWeekKey = lastWeek?.key;
