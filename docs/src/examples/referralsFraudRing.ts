import {
  createReferralProgramme,
  type ReferralEvent,
  type ReferralProgrammeConfigInput,
  referralPopulation,
} from "@opsbook/growth";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import { generateProduct } from "@opsbook/sample-data";

// The anti-fraud rules of the play "Referral fraud review": self-referral 100, shared device 60,
// card 80, IP 30, velocity 40, disposable e-mail 50…; hold at 40, reject at 80.
const play = getPlay("referral-fraud-review", "en");
const file = validatePlayConfig(play.config?.text ?? "", { path: "referral-fraud-rules.yaml" });
const reviewed = file.config as ReferralProgrammeConfigInput;
// The ring never buys, so a first-purchase reward already starves it. To see what the rules
// save, pay the reward at signup, as many launches do: 1,000 points to each side.
export const config: ReferralProgrammeConfigInput = {
  ...reviewed,
  rewards: [{ id: "join", action: "signup", referrer: 1000, referee: 1000 }],
};
const withoutRules: ReferralProgrammeConfigInput = {
  ...config,
  fraud: {
    selfReferral: false,
    sharedFingerprint: false,
    velocity: false,
    disposableEmail: false,
    existingCustomer: false,
    refundRate: false,
  },
};

// The sample product, with the ring planted by the generator (ground truth: `fraud: true`).
const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const population = referralPopulation(product);
export const ring = product.groundTruth.fraudRing;
const users = new Map(product.users.map((u) => [u.id, u]));
const identity = (id: string) => {
  const u = users.get(id);
  return {
    email: u?.email ?? undefined,
    deviceId: u?.deviceId ?? undefined,
    ipAddress: u?.ipAddress ?? undefined,
    paymentFingerprint: u?.paymentFingerprint ?? undefined,
  };
};

// The programme's event log: a code for every referrer when they joined, each friend's signup
// with that code and their identity signals, then the friends' orders and refunds.
const referrers = [...new Set(population.referrals.map((r) => r.referrerId))];
const codes = new Map(referrers.map((id, i) => [id, `REF${String(i).padStart(5, "0")}`]));
const log: ReferralEvent[] = [
  ...referrers.map(
    (referrerId): ReferralEvent => ({
      type: "code",
      at: users.get(referrerId)?.createdAt ?? 0,
      referrerId,
      code: codes.get(referrerId),
      identity: identity(referrerId),
    }),
  ),
  ...population.referrals.map(
    (r): ReferralEvent => ({
      type: "signup",
      at: r.signedUpAt,
      refereeId: r.refereeId,
      code: codes.get(r.referrerId),
      identity: identity(r.refereeId),
    }),
  ),
  ...(population.orders ?? []).flatMap((o, i): ReferralEvent[] => {
    const orderId = o.id ?? `order-${i}`;
    const paid: ReferralEvent = {
      type: "purchase",
      at: o.createdAt,
      refereeId: o.userId,
      orderId,
      amount: o.amount,
    };
    return o.refundedAt === null ? [paid] : [paid, { type: "refund", at: o.refundedAt, orderId }];
  }),
];
const events = log.sort((a, b) => Number(a.at) - Number(b.at)); // stable: codes first on ties

const programme = createReferralProgramme(config);
const unguarded = createReferralProgramme(withoutRules, { postToLedger: false });
const fraud = new Set(population.referrals.filter((r) => r.fraud).map((r) => r.refereeId));
export const ringOutcomes = { rejected: 0, held: 0, approved: 0 };
export const honestOutcomes = { rejected: 0, held: 0, approved: 0 };
export const reasonCounts: Record<string, number> = {};
for (const event of events) {
  unguarded.process(event);
  const outcome = programme.process(event);
  if (event.type !== "signup") continue;
  const tally = fraud.has(event.refereeId) ? ringOutcomes : honestOutcomes;
  if (outcome.status === "rejected") tally.rejected++;
  else if (outcome.status === "held") tally.held++;
  else if (programme.referral(event.refereeId)?.status === "held") tally.held++;
  else tally.approved++;
  if (fraud.has(event.refereeId))
    for (const reason of outcome.risk?.reasons ?? [])
      reasonCounts[reason.code] = (reasonCounts[reason.code] ?? 0) + 1;
}

// Points paid on the ring's referrals (both sides, net of clawbacks), with and without the rules.
const ringPayout = (rewards: ReturnType<typeof programme.rewards>) =>
  rewards
    .filter((r) => fraud.has(r.refereeId) && r.status === "posted")
    .reduce((sum, r) => sum + r.points - r.clawedBack, 0);
export const paidWithRules = ringPayout(programme.rewards());
export const paidWithoutRules = ringPayout(unguarded.rewards());
export const payoutPrevented = paidWithoutRules - paidWithRules;
export const falsePositives = honestOutcomes.rejected + honestOutcomes.held;
