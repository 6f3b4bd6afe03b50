import type { Money, OpsEvent } from "@opsbook/core";
import type { ResolvedProductOptions } from "./schemas.ts";

/**
 * One user of the sample product. `id`s are numbered in signup order (`u0001`, `u0002`, …).
 * E-mail addresses use the reserved `.example` domain, so none is real.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const [first] = generateProduct({ users: 20, days: 14 }).users;
 * first?.id //=> "u0001"
 * Object.keys(first ?? {})
 * //=> ["id", "createdAt", "email", "country", "deviceId", "ipAddress", "paymentFingerprint", "channel", "plan"]
 * ```
 */
export interface SampleUser {
  id: string;
  /** Signup time, epoch milliseconds. */
  createdAt: number;
  email: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** Device fingerprint of the signup device. */
  deviceId: string;
  /** IPv4 address at signup. */
  ipAddress: string;
  /** Fingerprint of the card on file, or `null` when the user never added one. */
  paymentFingerprint: string | null;
  /** Acquisition channel id (see `SampleProduct.channels`). */
  channel: string;
  /** Plan id at the end of the window (`"free"` unless a subscription is active). */
  plan: string;
}

/**
 * An acquisition channel: its daily media spend and the quality of the users it brings.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * generateProduct({ users: 20, days: 14 }).channels.map((c) => c.id)
 * //=> ["organic", "paid_search", "paid_social", "content", "referral"]
 * ```
 */
export interface SampleChannel {
  id: string;
  name: string;
  /** Media spend per day, the same on every day of the window (zero for unpaid channels). */
  dailySpend: Money;
  /** Multiplier on early engagement, core-action rate, invitations and purchases (1 = average). */
  quality: number;
  /** Probability that a user from this channel completes all three onboarding steps. */
  activationRate: number;
}

/**
 * A plan of the catalogue. Paid plans are billed monthly, on the same day of each calendar month in
 * the product's time zone.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * generateProduct({ users: 20, days: 14 }).plans.map((p) => `${p.name} ${p.price.amount}`)
 * //=> ["Free 0", "Starter 900", "Pro 2900", "Team 7900"]
 * ```
 */
export interface SamplePlan {
  id: string;
  name: string;
  /** Price per billing interval. */
  price: Money;
  interval: "month";
}

/**
 * A one-off purchase anyone can make (a credit pack).
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * generateProduct({ users: 20, days: 14, currency: "JPY" }).addOns
 * //=> [{ id: "credits", name: "Credit pack", price: { amount: 800, currency: "JPY" } }]
 * ```
 */
export interface SampleAddOn {
  id: string;
  name: string;
  price: Money;
}

/**
 * An order: a subscription payment (first or renewal) or a one-off purchase, possibly refunded.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const { orders } = generateProduct({ users: 300, days: 60 });
 * orders.every((o) => o.amount.currency === "USD" && Number.isInteger(o.amount.amount)) //=> true
 * ```
 */
export interface SampleOrder {
  /** `<userId>-o<n>`. */
  id: string;
  userId: string;
  createdAt: number;
  item: "subscription" | "credits";
  /** Plan paid for, or `null` for a one-off purchase. */
  planId: string | null;
  amount: Money;
  /** Time of the refund, or `null`. */
  refundedAt: number | null;
}

/**
 * A paid subscription. A refund of the first payment cancels it.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const { subscriptions } = generateProduct({ users: 300, days: 60 });
 * subscriptions.every((s) => (s.status === "active") === (s.canceledAt === null)) //=> true
 * ```
 */
export interface SampleSubscription {
  /** `<userId>-s1`. */
  id: string;
  userId: string;
  planId: string;
  startedAt: number;
  canceledAt: number | null;
  status: "active" | "canceled";
}

/**
 * A referral: an invitation that led to a signup. `fraud` flags the planted ring's referrals.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const { referrals } = generateProduct({ users: 400, days: 60 });
 * referrals.every((r) => r.invitedAt <= r.signedUpAt) //=> true
 * referrals.filter((r) => r.fraud).length //=> 6
 * ```
 */
export interface SampleReferral {
  /** `ref-<refereeId>`. */
  id: string;
  referrerId: string;
  refereeId: string;
  invitedAt: number;
  signedUpAt: number;
  fraud: boolean;
}

/**
 * One answer to the Van Westendorp price-sensitivity meter (Van Westendorp 1976): the prices at
 * which the respondent finds the product too cheap to trust, a bargain, getting expensive, and too
 * expensive to consider, always in that increasing order.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const { survey } = generateProduct({ users: 200, days: 30 });
 * survey.every((r) =>
 *   r.tooCheap.amount < r.cheap.amount &&
 *   r.cheap.amount < r.expensive.amount &&
 *   r.expensive.amount < r.tooExpensive.amount)
 * //=> true
 * ```
 */
export interface PricingSurveyResponse {
  userId: string;
  answeredAt: number;
  tooCheap: Money;
  cheap: Money;
  expensive: Money;
  tooExpensive: Money;
}

/**
 * What the generator planted, for checking that an analysis recovers it.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const truth = generateProduct({ users: 300, days: 90 }).groundTruth;
 * truth.lifecycle.stage //=> "maturity"
 * truth.aha.event //=> "core_action"
 * truth.fraudRing?.userIds.length //=> 6
 * ```
 */
export interface SampleGroundTruth {
  /** Bass diffusion of signups and the product's lifecycle stage at the end of the window. */
  lifecycle: {
    model: "bass";
    /** Coefficients per window, as given in the options. */
    p: number;
    q: number;
    /** The same coefficients per day. */
    pPerDay: number;
    qPerDay: number;
    /** Market potential m: users divided by the share of the market adopted in the window. */
    marketPotential: number;
    /** Share of the market adopted by the end of the window, F(1). */
    adoptedShare: number;
    /** Day (from the window start, fractional) of the peak signup rate. */
    peakDay: number;
    stage: "introduction" | "growth" | "maturity" | "decline";
  };
  /** Daily activity: the core event, weekly seasonality and the power-law decay of returns. */
  activity: {
    coreEvent: "core_action";
    /** Relative activity Monday … Sunday (mean 1). */
    weekdayFactors: number[];
    /** β in P(active on day d) ∝ (d / windowDays)^−β after the aha window. */
    retentionExponent: number;
    /** Users who completed all onboarding steps. */
    activatedUsers: number;
  };
  /** The planted aha moment. */
  aha: {
    event: "core_action";
    threshold: number;
    windowDays: number;
    retentionMultiplier: number;
    /** Users who reached the threshold within their window. */
    users: number;
  };
  /** The planted referral-fraud ring, or `null` when the options asked for none. */
  fraudRing: {
    referrerId: string;
    userIds: string[];
    deviceIds: string[];
    ipAddresses: string[];
    paymentFingerprint: string;
    /** The referrer's address, which every ring account plus-addresses (`local+n@domain`). */
    emailBase: string;
    bursts: Array<{ start: number; end: number; count: number }>;
  } | null;
  /** Median perceived value behind the survey answers. */
  pricing: { medianValue: Money };
}

/**
 * A synthetic product: its users, channels, catalogue, event log, orders, subscriptions,
 * referrals, pricing survey and the ground truth the generator planted. Plain JSON-safe data.
 *
 * @category Sample product
 * @since 0.1.0
 * @example
 * ```ts
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const product = generateProduct({ seed: 7, users: 50, days: 30 });
 * product.users.length //=> 50
 * JSON.parse(JSON.stringify(product)).events.length === product.events.length //=> true
 * ```
 */
export interface SampleProduct {
  /** The options with every default applied. */
  options: ResolvedProductOptions & { fraudRingSize: number };
  /** The observed window: `[start, end)` local midnights, epoch milliseconds. */
  window: { start: number; end: number; days: number; timeZone: string };
  channels: SampleChannel[];
  plans: SamplePlan[];
  addOns: SampleAddOn[];
  /** Users in signup order. */
  users: SampleUser[];
  /** Every event, sorted by timestamp; ties keep user order, then each user's own order. */
  events: OpsEvent[];
  orders: SampleOrder[];
  subscriptions: SampleSubscription[];
  referrals: SampleReferral[];
  survey: PricingSurveyResponse[];
  groundTruth: SampleGroundTruth;
}
