import { type OpsEvent, validate } from "@opsbook/core";
import { bassCumulative, bassPeakTime, bassStage } from "./internal/bass.ts";
import { weekdayFactors } from "./internal/catalogue.ts";
import { mergeByTime } from "./internal/mergeByTime.ts";
import { buildPopulation, type Population, userId } from "./internal/population.ts";
import { buildChannels, buildPricing } from "./internal/pricing.ts";
import { generateUser } from "./internal/userGenerator.ts";
import type {
  PricingSurveyResponse,
  SampleOrder,
  SampleProduct,
  SampleReferral,
  SampleSubscription,
  SampleUser,
} from "./sampleProduct.ts";
import { type ProductOptions, productOptionsSchema } from "./schemas.ts";

/**
 * Generates a synthetic product, deterministically from a seed: users with e-mail, country,
 * device, IP and payment fingerprints, acquisition channels with daily spend, a plan catalogue,
 * an event log (signups, onboarding, sessions, core actions, invitations, upgrades, purchases,
 * refunds, cancellations), orders, subscriptions, referrals with a planted fraud ring, pricing-survey
 * answers, and the ground truth it planted.
 *
 * The generative model (described in full in the package README):
 * - **Signups** follow a Bass diffusion curve over the window (coefficients `bass.p`, `bass.q` per
 *   window), shaped by weekly seasonality; at each moment a share p / (p + q·F(t)) of signups are
 *   innovators who arrive through paid search, paid social, content or organic search, the rest
 *   imitators who arrive by referral or organically (word of mouth).
 * - **Activation** depends on the channel: the three onboarding steps succeed with probabilities
 *   whose product is the channel's `activationRate`.
 * - **Activity** is heavy-tailed: each user's core actions per active day are Poisson with a
 *   log-normal rate (σ = 1) times the channel's `quality`.
 * - **Returns**: in the first `aha.windowDays` days a user is active on a day with a probability set
 *   by activation and channel quality; afterwards with probability A · w(weekday) · (d / windowDays)^−β
 *   on day d after signup — a power-law decay — where A ~ Uniform(0.04, 0.36) is drawn independently
 *   of everything else and w is the weekly curve (weekdays ≈ 1.4 × weekend days).
 * - **Aha moment**: users with at least `aha.threshold` core actions in their first
 *   `aha.windowDays` calendar days have that later probability multiplied by
 *   `aha.retentionMultiplier` (2 by default), so they retain about twice as well.
 * - **Money**: activated users upgrade to a paid plan (60 % Starter, 30 % Pro, 10 % Team) with a
 *   small daily hazard, are billed each calendar month, cancel, buy credit packs and get refunds.
 * - **Fraud ring**: `fraudRingSize` accounts referred by one user sign up in two evening bursts,
 *   sharing two devices, three IP addresses of one /24 network, one card, and plus-addressed
 *   variants of the referrer's e-mail; they finish onboarding in seconds and never return.
 *
 * Days, weekdays and billing months are counted in `timeZone`. The output is plain JSON-safe data;
 * the same options give the same product on every platform.
 *
 * @param options - See {@link productOptionsSchema}; every field is optional.
 * @returns The product, with `events` sorted by timestamp (ties in user order, then each user's
 *   own order) and users, orders, subscriptions, referrals and survey answers in time order.
 * @throws `OpsbookError` (from `@opsbook/core`) `invalid_input` or `out_of_range` for invalid options.
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const product = generateProduct({ seed: 42, users: 500, days: 60 });
 * product.users.length //=> 500
 * product.users[0]?.id //=> "u0001"
 * product.events.every((e, i, all) => i === 0 || all[i - 1]!.timestamp <= e.timestamp) //=> true
 * product.window.start //=> Date.parse("2026-01-05T00:00:00Z")
 * new Set(product.events.map((e) => e.event)).has("core_action") //=> true
 * product.groundTruth.fraudRing?.userIds.length //=> 6
 * generateProduct({ users: 0 }) //=> throws OpsbookError
 * ```
 */
export function generateProduct(options: ProductOptions = {}): SampleProduct {
  const resolved = validate(productOptionsSchema, options, { label: "options" });
  const pop = buildPopulation(resolved);
  const pricing = buildPricing(resolved.currency);
  const users: SampleUser[] = [];
  const perUser: OpsEvent[][] = [];
  const orders: SampleOrder[] = [];
  const subscriptions: SampleSubscription[] = [];
  const survey: PricingSurveyResponse[] = [];
  let activated = 0;
  let aha = 0;
  for (let i = 0; i < pop.users; i++) {
    const records = generateUser(pop, i, pricing);
    users.push(records.user);
    perUser.push(records.events);
    orders.push(...records.orders);
    if (records.subscription) subscriptions.push(records.subscription);
    if (records.survey) survey.push(records.survey);
    if (records.activated && !pop.ringMember[i]) activated++;
    if (records.aha) aha++;
  }
  // Ties are broken by user, then by the user's own order, as `streamEvents` does.
  const events = Array.from(mergeByTime(perUser));
  orders.sort((a, b) => a.createdAt - b.createdAt);
  subscriptions.sort((a, b) => a.startedAt - b.startedAt);
  survey.sort((a, b) => a.answeredAt - b.answeredAt);

  const { p, q } = resolved.bass;
  const days = resolved.days;
  const adoptedShare = bassCumulative(1, p, q);
  return {
    options: pop.options,
    window: {
      start: pop.calendar.start,
      end: pop.calendar.end,
      days,
      timeZone: resolved.timeZone,
    },
    channels: buildChannels(resolved.currency, pop.channelCounts, days),
    plans: pricing.plans,
    addOns: [{ id: "credits", name: "Credit pack", price: pricing.credits }],
    users,
    events,
    orders,
    subscriptions,
    referrals: referralsOf(pop),
    survey,
    groundTruth: {
      lifecycle: {
        model: "bass",
        p,
        q,
        pPerDay: p / days,
        qPerDay: q / days,
        marketPotential: Math.round(resolved.users / adoptedShare),
        adoptedShare,
        peakDay: bassPeakTime(p, q) * days,
        stage: bassStage(1, p, q),
      },
      activity: {
        coreEvent: "core_action",
        weekdayFactors: [...weekdayFactors],
        retentionExponent: resolved.retentionExponent,
        activatedUsers: activated,
      },
      aha: {
        event: "core_action",
        threshold: resolved.aha.threshold,
        windowDays: resolved.aha.windowDays,
        retentionMultiplier: resolved.aha.retentionMultiplier,
        users: aha,
      },
      fraudRing: pop.ring
        ? {
            referrerId: userId(pop, pop.ring.leader),
            userIds: pop.ring.members.map((m) => userId(pop, m)),
            deviceIds: [...pop.ring.deviceIds],
            ipAddresses: [...pop.ring.ipAddresses],
            paymentFingerprint: pop.ring.paymentFingerprint,
            emailBase: `${pop.ring.emailLocal}@${pop.ring.emailDomain}`,
            bursts: pop.ring.bursts.map((b) => ({ ...b })),
          }
        : null,
      pricing: {
        medianValue: {
          amount: Math.round(pricing.medianValue * pricing.unit),
          currency: pricing.currency,
        },
      },
    },
  };
}

function referralsOf(pop: Population): SampleReferral[] {
  const referrals: SampleReferral[] = [];
  for (let i = 0; i < pop.users; i++) {
    const referrer = pop.referrerOf[i] as number;
    if (referrer < 0) continue;
    const refereeId = userId(pop, i);
    referrals.push({
      id: `ref-${refereeId}`,
      referrerId: userId(pop, referrer),
      refereeId,
      invitedAt: pop.invitedAt[i] as number,
      signedUpAt: pop.signupAt[i] as number,
      fraud: pop.ringMember[i] === 1,
    });
  }
  return referrals;
}
