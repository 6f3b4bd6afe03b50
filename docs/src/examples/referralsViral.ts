import { kFactor, projectViralGrowth } from "@opsbook/growth";
import { generateProduct } from "@opsbook/sample-data";

// The sample product's invitations and the honest signups they brought (the planted fraud ring
// is left out: its accounts are not people).
const product = generateProduct({ seed: 42, users: 2000, days: 120 });
export const invites = product.events.filter((e) => e.event === "invite_sent").length;
const honest = product.referrals.filter((r) => !r.fraud);
export const invitesPerUser = invites / product.users.length;
export const conversionRate = honest.length / invites;

// K = invitations per user × conversion (David Skok's viral coefficient).
export const k = kFactor(invitesPerUser, conversionRate);

// Viral cycle time: the median days from a referrer joining to their friend joining.
const joined = new Map(product.users.map((u) => [u.id, u.createdAt]));
const gaps = honest
  .map((r) => (r.signedUpAt - (joined.get(r.referrerId) ?? r.signedUpAt)) / 86_400_000)
  .sort((a, b) => a - b);
export const cycleTimeDays = Math.max(1, Math.round(gaps[Math.floor(gaps.length / 2)] ?? 1));

// 1,000 users acquired through other channels, projected over 180 days of viral loops, with K
// falling 10 % a cycle as the audience saturates.
export const projection = projectViralGrowth({
  initialUsers: 1000,
  k,
  cycleTimeDays,
  days: 180,
  decay: 0.1,
});
// Without decay a loop with K < 1 multiplies every acquired user by 1 / (1 − K).
export const amplification = k < 1 ? 1 / (1 - k) : null;
