import { channelReport } from "@opsbook/metrics";
import { generateProduct } from "@opsbook/sample-data";

const product = generateProduct({ seed: 42, users: 2000, days: 120 });

// Supply: who creates? Core actions (the product's unit of content) per user, most active first.
const created = new Map<string, number>();
for (const e of product.events) {
  if (e.event === "core_action") created.set(e.userId, (created.get(e.userId) ?? 0) + 1);
}
const perUser = product.users.map((u) => created.get(u.id) ?? 0).sort((a, b) => b - a);
const total = perUser.reduce((sum, n) => sum + n, 0);
const topShare = (share: number) =>
  perUser.slice(0, Math.round(share * perUser.length)).reduce((sum, n) => sum + n, 0) / total;
export const top1 = topShare(0.01);
export const top10 = topShare(0.1);
export const creators = perUser.filter((n) => n > 0).length / perUser.length;

// The Lorenz curve of creation: the share of all core actions made by the top x % of users.
export const lorenz = [0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map(
  (share) => ({ users: share, actions: share === 0 ? 0 : topShare(share) }),
);

// The network loop: invitations per user, the share that became signups, and their product,
// the viral coefficient K (new users each user brings). Fraudulent referrals do not count.
const invitations = product.events.filter((e) => e.event === "invite_sent").length;
const referred = product.referrals.filter((r) => !r.fraud).length;
export const invitesPerUser = invitations / product.users.length;
export const inviteConversion = referred / invitations;
export const kFactor = invitesPerUser * inviteConversion;

// Do invited users stay? Day-30 retention of the referral channel against everyone else.
const report = channelReport({
  users: product.users.map((u) => ({
    userId: u.id,
    channel: u.channel === "referral" ? "referral" : "other",
    createdAt: u.createdAt,
  })),
  events: product.events,
  activationEvent: "core_action",
});
export const referredD30 = report.find((r) => r.channel === "referral")?.retention.d30 ?? 0;
export const othersD30 = report.find((r) => r.channel === "other")?.retention.d30 ?? 0;
