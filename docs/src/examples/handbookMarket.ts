import { addMoney, money } from "@opsbook/core";
import { fitBass } from "@opsbook/lifecycle";
import { arpu, payerConversion } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";

// The seeded sample product: 2,000 signups over 120 days.
const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const WEEK = 7 * 86_400_000;

// How big can this get? Fit the Bass diffusion model to signups per week since launch:
// m is the number of people who will eventually adopt, so signups ÷ m is the share already won.
const weeklySignups: number[] = Array(Math.floor(product.window.days / 7)).fill(0);
for (const user of product.users) {
  const week = Math.floor((user.createdAt - product.window.start) / WEEK);
  if (week < weeklySignups.length) weeklySignups[week] = (weeklySignups[week] ?? 0) + 1;
}
export const bass = fitBass(weeklySignups);
export const signups = weeklySignups.reduce((sum, n) => sum + n, 0);
export const shareWon = signups / bass.m;

// Who is worth serving? The six largest countries, the rest together: their share of users,
// payer conversion and revenue per user over the window (payments not refunded).
const paidBy = new Map<string, number>();
for (const order of product.orders) {
  if (order.refundedAt === null)
    paidBy.set(order.userId, (paidBy.get(order.userId) ?? 0) + order.amount.amount);
}
const countries = new Map<string, string[]>();
for (const user of product.users)
  countries.set(user.country, [...(countries.get(user.country) ?? []), user.id]);
const largest = [...countries].sort((a, b) => b[1].length - a[1].length);
const groups: [string, string[]][] = [
  ...largest.slice(0, 6),
  ["Other", largest.slice(6).flatMap(([, ids]) => ids)],
];
export const segments = groups.map(([segment, ids]) => {
  const payers = ids.filter((id) => paidBy.has(id)).length;
  const revenue = addMoney(money(0, "USD"), ...ids.map((id) => money(paidBy.get(id) ?? 0, "USD")));
  return {
    segment,
    users: ids.length,
    userShare: ids.length / product.users.length,
    payerConversion: payerConversion(payers, ids.length),
    revenuePerUser: arpu(revenue, ids.length),
  };
});
