import { growthAccounting } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Signal 1: a daily metric out of its band. Referred signups per day, flagged when they exceed
// the median of the 14 days before by more than 4 × √median (daily counts vary roughly like a
// Poisson count, whose standard deviation is the square root of its mean). The median follows
// the trend and is not dragged up by the spikes it is looking for.
export const days = growthAccounting(product.events, {
  event: { event: "signup", where: { channel: "referral" } },
  unit: "day",
  to: product.window.end - 1,
});
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
export const alerts = days.flatMap((day, i) => {
  if (i < 14) return [];
  const center = median(days.slice(i - 14, i).map((d) => d.new));
  const upper = center + 4 * Math.sqrt(Math.max(center, 1));
  return day.new > upper ? [{ day: day.key, signups: day.new, median: center, upper }] : [];
});

// Signal 2: referral abuse. Referred accounts that share a signup device or a payment card with
// another account referred by the same person.
const byId = new Map(product.users.map((u) => [u.id, u]));
const groups = new Map<string, string[]>();
for (const { referrerId, refereeId } of product.referrals) {
  const user = byId.get(refereeId);
  for (const key of [user?.deviceId, user?.paymentFingerprint]) {
    if (key === undefined || key === null) continue;
    groups.set(`${referrerId} ${key}`, [...(groups.get(`${referrerId} ${key}`) ?? []), refereeId]);
  }
}
export const flagged = new Set([...groups.values()].filter((ids) => ids.length > 1).flat());
export const ring = product.groundTruth.fraudRing;
