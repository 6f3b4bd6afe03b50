/**
 * A user of a referral population: an id, the signup time and the identity signals the anti-fraud
 * checks read (all optional; `null` is read as absent).
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface ReferralPopulationUser {
  id: string;
  /** Signup time, epoch milliseconds. */
  createdAt: number;
  email?: string | null;
  deviceId?: string | null;
  ipAddress?: string | null;
  paymentFingerprint?: string | null;
}

/**
 * An observed referral: who referred whom, when the invitation went out and when the friend signed
 * up; `fraud` marks referrals known to be fraudulent (ground truth, used only to measure fraud
 * exposure, never by the rules).
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface ReferralPopulationReferral {
  referrerId: string;
  refereeId: string;
  invitedAt?: number;
  signedUpAt: number;
  fraud?: boolean;
}

/**
 * An order of a user: time, amount in minor units and refund time (`null`: not refunded).
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface ReferralPopulationOrder {
  id?: string;
  userId: string;
  createdAt: number;
  amount: number;
  refundedAt: number | null;
}

/**
 * The population a programme simulation runs over: users, observed referrals, and optionally the
 * orders and events (`{ userId, event, timestamp }`) of the referred users, for rewards on
 * purchases and custom events. Plain data: from `@opsbook/sample-data` through
 * {@link referralPopulation}, or a team's own users.
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface ReferralPopulation {
  users: readonly ReferralPopulationUser[];
  referrals: readonly ReferralPopulationReferral[];
  orders?: readonly ReferralPopulationOrder[];
  events?: readonly { userId: string; event: string; timestamp: number }[];
}

/**
 * The shape of a synthetic product this adapter reads — structurally what `generateProduct` of
 * `@opsbook/sample-data` returns (users, referrals, orders with `Money` amounts, events), so the
 * growth package needs no dependency on it.
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface ReferralPopulationSource {
  users: readonly ReferralPopulationUser[];
  referrals: readonly ReferralPopulationReferral[];
  orders?: readonly {
    id?: string;
    userId: string;
    createdAt: number;
    amount: number | { amount: number };
    refundedAt: number | null;
  }[];
  events?: readonly { userId: string; event: string; timestamp: number }[];
}

/**
 * Maps a product (for instance `generateProduct()` of `@opsbook/sample-data`) to a
 * {@link ReferralPopulation}: users and referrals are taken as they are (`fraud` marks the planted
 * ring), order amounts become minor units, and only the orders and events of referred users are
 * kept (the others cannot earn referral rewards).
 *
 * @param product - Users, referrals, orders and events.
 * @returns The population.
 * @category Referral simulation
 * @since 0.1.0
 * @example
 * ```ts
 * import { referralPopulation } from "@opsbook/growth";
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const product = generateProduct({ seed: 1, users: 400, days: 60 });
 * const population = referralPopulation(product);
 * population.users.length //=> 400
 * population.referrals.filter((r) => r.fraud).length //=> 6
 * population.orders?.every((o) => typeof o.amount === "number") //=> true
 * ```
 */
export function referralPopulation(product: ReferralPopulationSource): ReferralPopulation {
  const referred = new Set(product.referrals.map((r) => r.refereeId));
  const orders: ReferralPopulationOrder[] = [];
  for (const o of product.orders ?? []) {
    if (!referred.has(o.userId)) continue;
    const order: ReferralPopulationOrder = {
      userId: o.userId,
      createdAt: o.createdAt,
      amount: typeof o.amount === "number" ? o.amount : o.amount.amount,
      refundedAt: o.refundedAt,
    };
    if (o.id !== undefined) order.id = o.id;
    orders.push(order);
  }
  const events = (product.events ?? []).filter(
    (e) => referred.has(e.userId) && e.event !== "signup",
  );
  return { users: product.users, referrals: product.referrals, orders, events };
}
