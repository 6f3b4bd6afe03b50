import { addPeriods, type Money, type OpsEvent, type Rng } from "@opsbook/core";
import type {
  PricingSurveyResponse,
  SampleOrder,
  SamplePlan,
  SampleSubscription,
  SampleUser,
} from "../sampleProduct.ts";
import { timeOfDay } from "./calendar.ts";
import { channelSpecs, paidPlans, weekdayFactors } from "./catalogue.ts";
import { identityOf, type Population, randomHex, userId } from "./population.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Names of the three onboarding steps, in funnel order. */
export const onboardingSteps = [
  "onboarding_profile",
  "onboarding_project",
  "onboarding_tutorial",
] as const;

/** Prices and survey settings shared by every user of one product. */
export interface Pricing {
  plans: SamplePlan[];
  credits: Money;
  currency: string;
  /** 10^exponent of the currency. */
  unit: number;
  /** Survey answers are multiples of this many major units. */
  step: number;
  /** Median perceived value, in major units. */
  medianValue: number;
}

/** Everything generated for one user. */
export interface UserRecords {
  user: SampleUser;
  /** The user's events in time order (ties in generation order). */
  events: OpsEvent[];
  orders: SampleOrder[];
  subscription: SampleSubscription | null;
  survey: PricingSurveyResponse | null;
  activated: boolean;
  aha: boolean;
}

/**
 * Generates one user's identity and behaviour from the population skeleton and the user's own
 * random generator, so that users can be generated one at a time and in any order.
 */
export function generateUser(pop: Population, index: number, pricing: Pricing): UserRecords {
  const { calendar, options } = pop;
  const { dayStarts, weekday, end } = calendar;
  const days = options.days;
  const id = userId(pop, index);
  const rng = pop.userRng.fork(index);
  const events: OpsEvent[] = [];
  const push = (event: string, timestamp: number, properties?: Record<string, unknown>): void => {
    if (timestamp >= end) return;
    events.push(
      properties === undefined
        ? { userId: id, event, timestamp }
        : { userId: id, event, timestamp, properties },
    );
  };

  const ring = pop.ring;
  const inRing = pop.ringMember[index] === 1 && ring !== null;
  const identity = identityOf(pop, index, rng);
  const t0 = pop.signupAt[index] as number;
  const spec = channelSpecs[pop.channel[index] as number]!;
  push("session_start", t0);
  push("signup", t0, { channel: spec.id });

  // Invitations this user sent that led to signups (decided with the population).
  for (
    let k = pop.refereeStart[index] as number;
    k < (pop.refereeStart[index + 1] as number);
    k++
  ) {
    const referee = pop.refereeList[k] as number;
    push("invite_sent", pop.invitedAt[referee] as number, {
      referralId: `ref-${userId(pop, referee)}`,
    });
  }

  if (inRing) {
    // Ring accounts rush through onboarding, do the one action a reward needs, and never return.
    let t = t0;
    for (const step of onboardingSteps) {
      t += Math.floor(rng.uniform(20 * SECOND, 90 * SECOND));
      push(step, t);
    }
    push("core_action", t + Math.floor(rng.uniform(10 * SECOND, 60 * SECOND)));
    const ordinal = (ring.ordinal.get(index) as number) + 1;
    events.sort(byTimestamp);
    return {
      user: {
        id,
        createdAt: t0,
        email: `${ring.emailLocal}+${ordinal}@${ring.emailDomain}`,
        country: ring.country,
        deviceId: ring.deviceIds[ordinal % ring.deviceIds.length] as string,
        ipAddress: ring.ipAddresses[ordinal % ring.ipAddresses.length] as string,
        paymentFingerprint: ring.paymentFingerprint,
        channel: spec.id,
        plan: "free",
      },
      events,
      orders: [],
      subscription: null,
      survey: null,
      activated: true,
      aha: false,
    };
  }

  // Onboarding: three steps whose completion probabilities multiply to the channel's activation rate.
  const a = spec.activationRate;
  const stepChance = [a ** 0.5, a ** 0.3, a ** 0.2];
  let t = t0;
  let steps = 0;
  for (let s = 0; s < 3; s++) {
    if (rng.next() >= (stepChance[s] as number)) break;
    t += Math.floor((20 + rng.exponential(1) * 180) * SECOND);
    if (t >= end) break;
    push(onboardingSteps[s] as string, t);
    steps++;
  }
  const activated = steps === 3;

  // Latent traits: a heavy-tailed (log-normal) core-action rate, early engagement that depends on
  // the channel, and a return propensity drawn independently of both.
  const quality = spec.quality;
  const rate = Math.min(
    40,
    Math.exp(rng.normal(Math.log(1.2), 1)) * quality * (activated ? 1 : 0.25),
  );
  const early = activated ? Math.min(0.9, 0.42 * quality) : 0.1;
  const returnPropensity = rng.uniform(0.04, 0.36);
  const { threshold, windowDays, retentionMultiplier } = options.aha;
  const beta = options.retentionExponent;

  const orders: SampleOrder[] = [];
  let subscription: SampleSubscription | null = null;
  let earlyCore = 0;
  let aha = false;
  const first = pop.signupDay[index] as number;

  const order = (
    at: number,
    item: "subscription" | "credits",
    plan: SamplePlan | null,
    refundChance: number,
  ): SampleOrder | null => {
    const refunded = rng.next() < refundChance;
    const delay = HOUR + Math.floor(Math.min(14 * DAY, rng.exponential(1) * 2 * DAY));
    if (at >= end) return null;
    const price = plan ? plan.price : pricing.credits;
    const refundedAt = refunded && at + delay < end ? at + delay : null;
    const created: SampleOrder = {
      id: `${id}-o${orders.length + 1}`,
      userId: id,
      createdAt: at,
      item,
      planId: plan ? plan.id : null,
      amount: { amount: price.amount, currency: price.currency },
      refundedAt,
    };
    orders.push(created);
    const properties: Record<string, unknown> = { orderId: created.id, item };
    if (plan) properties.plan = plan.id;
    properties.amount = price.amount;
    properties.currency = price.currency;
    push("purchase", at, properties);
    if (refundedAt !== null) {
      push("refund", refundedAt, {
        orderId: created.id,
        amount: price.amount,
        currency: price.currency,
      });
    }
    return created;
  };

  const subscribe = (at: number): void => {
    const chosen = rng.choice(
      paidPlans,
      paidPlans.map((p) => p.weight),
    );
    const plan = pricing.plans.find((p) => p.id === chosen.id) as SamplePlan;
    push("upgrade", at, { plan: plan.id, from: "free" });
    const firstOrder = order(at + SECOND, "subscription", plan, 0.05);
    let canceledAt: number | null = null;
    if (firstOrder && firstOrder.refundedAt !== null) {
      canceledAt = firstOrder.refundedAt;
      push("subscription_canceled", canceledAt, { plan: plan.id, reason: "refund" });
    } else {
      const churn = aha ? 0.045 : 0.09;
      for (let month = 1; ; month++) {
        const renewal = addPeriods(at, "month", month, { timeZone: options.timeZone });
        if (renewal >= end) break;
        if (rng.next() < churn) {
          canceledAt = renewal - Math.floor(rng.uniform(HOUR, 5 * DAY));
          push("subscription_canceled", canceledAt, { plan: plan.id, reason: "voluntary" });
          break;
        }
        order(renewal, "subscription", plan, 0.02);
      }
    }
    subscription = {
      id: `${id}-s1`,
      userId: id,
      planId: plan.id,
      startedAt: at,
      canceledAt,
      status: canceledAt === null ? "active" : "canceled",
    };
  };

  for (let day = first; day < days; day++) {
    const age = day - first;
    if (age === windowDays) aha = earlyCore >= threshold;
    const dayEnd = dayStarts[day + 1] as number;
    let start: number;
    if (age === 0) start = t;
    else {
      const seasonal = weekdayFactors[weekday[day] as number] as number;
      const chance =
        age < windowDays
          ? early * seasonal
          : returnPropensity *
            seasonal *
            (age / windowDays) ** -beta *
            (aha ? retentionMultiplier : 1);
      if (rng.next() >= chance) continue;
      const dayStart = dayStarts[day] as number;
      start = dayStart + Math.floor(timeOfDay(rng) * (dayEnd - dayStart));
      push("session_start", start);
    }
    const actions = rng.poisson(rate);
    let at = start;
    for (let n = 0; n < actions; n++) {
      at += Math.floor((15 + rng.exponential(1) * 300) * SECOND);
      if (at >= dayEnd) break;
      push("core_action", at);
      if (age < windowDays) earlyCore++;
    }
    if (!activated) continue;
    if (rng.next() < 0.03 * quality) {
      const sent = start + Math.floor(rng.uniform(MINUTE, 30 * MINUTE));
      if (sent < dayEnd) push("invite_sent", sent);
    }
    if (subscription === null && rng.next() < 0.012 * quality * (aha ? 2 : 1)) {
      const upgradeAt = start + Math.floor(rng.uniform(2 * MINUTE, 30 * MINUTE));
      if (upgradeAt + SECOND < dayEnd) subscribe(upgradeAt);
    }
    if (rng.next() < 0.006 * quality) {
      order(start + Math.floor(rng.uniform(MINUTE, 40 * MINUTE)), "credits", null, 0.04);
    }
  }
  if (days - first <= windowDays) aha = earlyCore >= threshold;

  const survey = surveyAnswer(rng, pop, pricing, id, t0);
  events.sort(byTimestamp);
  const active = subscription as SampleSubscription | null;
  return {
    user: {
      id,
      createdAt: t0,
      email: identity.email,
      country: identity.country,
      deviceId: identity.deviceId,
      ipAddress: identity.ipAddress,
      paymentFingerprint: orders.length > 0 ? `pm_${randomHex(rng, 16)}` : null,
      channel: spec.id,
      plan: active !== null && active.status === "active" ? active.planId : "free",
    },
    events,
    orders,
    subscription: active,
    survey,
    activated,
    aha,
  };
}

function byTimestamp(a: OpsEvent, b: OpsEvent): number {
  return a.timestamp - b.timestamp;
}

/**
 * Van Westendorp answers around a log-normal perceived value: the four prices are fixed shares of
 * that value, rounded to round prices and forced strictly increasing.
 */
function surveyAnswer(
  rng: Rng,
  pop: Population,
  pricing: Pricing,
  id: string,
  signupAt: number,
): PricingSurveyResponse | null {
  const { end, dayStarts } = pop.calendar;
  const surveyStart = dayStarts[Math.max(0, pop.options.days - 14)] as number;
  const from = Math.max(surveyStart, signupAt + HOUR);
  if (rng.next() >= pop.options.surveyResponseRate || from >= end) return null;
  const answeredAt = from + Math.floor(rng.next() * (end - from));
  const value = pricing.medianValue * Math.exp(rng.normal(0, 0.45));
  const shares: Array<[number, number]> = [
    [0.25, 0.45],
    [0.55, 0.8],
    [1.2, 1.6],
    [1.8, 2.6],
  ];
  const step = pricing.step;
  const prices: number[] = [];
  for (const [low, high] of shares) {
    let major = Math.max(step, Math.round((value * rng.uniform(low, high)) / step) * step);
    const previous = prices[prices.length - 1];
    if (previous !== undefined && major <= previous) major = previous + step;
    prices.push(major);
  }
  const money = (major: number): Money => ({
    amount: Math.round(major * pricing.unit),
    currency: pricing.currency,
  });
  return {
    userId: id,
    answeredAt,
    tooCheap: money(prices[0] as number),
    cheap: money(prices[1] as number),
    expensive: money(prices[2] as number),
    tooExpensive: money(prices[3] as number),
  };
}
