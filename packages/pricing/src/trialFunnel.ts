import { type Money, multiplyMoney, validate } from "@opsbook/core";
import { z } from "zod";
import { dec } from "./internal/decimal.ts";

const rate = z.number().finite().min(0).max(1);

const trialFunnelSchema = z.object({
  visitors: z.number().finite().min(0),
  trialStartRate: rate,
  activationRate: rate.optional(),
  trialToPaidRate: rate,
  price: z.object({ amount: z.number().int(), currency: z.string() }),
}) satisfies z.ZodType<unknown, TrialFunnelInput>;

/**
 * Inputs of {@link trialFunnel}.
 *
 * @category Trials
 * @since 0.1.0
 */
export interface TrialFunnelInput {
  /** Visitors in the period. */
  visitors: number;
  /** Share of visitors who start a trial, 0 to 1. */
  trialStartRate: number;
  /** Share of trial users who reach the activation milestone, 0 to 1 (optional). */
  activationRate?: number;
  /** Share of trial users who convert to paid, 0 to 1. */
  trialToPaidRate: number;
  /** Price of the plan per period, in minor units. */
  price: Money;
}

/**
 * The expected outcome of a free-trial funnel.
 *
 * @category Trials
 * @since 0.1.0
 */
export interface TrialFunnel {
  /** Expected trial starts. */
  trials: number;
  /** Expected activated trials (when an activation rate is given). */
  activated?: number;
  /** Expected paying customers. */
  paid: number;
  /** `paid / trials`. */
  trialToPaid: number;
  /** `paid / visitors`. */
  visitorToPaid: number;
  /** Revenue of the first paid period, `paid × price`. */
  firstPeriodRevenue: Money;
  /** `firstPeriodRevenue / visitors`. */
  revenuePerVisitor: Money;
}

/**
 * Expected trial-to-paid funnel arithmetic: visitors × trial start rate = trials; × activation rate
 * (optional) = activated; × trial-to-paid rate = paying customers; and the first period's revenue.
 * Rates are shares in [0, 1]. Whether a card is required changes the rates you measure (an opt-out
 * trial converts more of fewer starts), not the arithmetic: measure both and compare the outputs.
 *
 * @param input - Visitors, stage rates and the price per period.
 * @returns Expected counts, conversion shares and revenue.
 * @category Trials
 * @since 0.1.0
 * @example
 * ```ts
 * import { trialFunnel } from "@opsbook/pricing";
 *
 * const optIn = trialFunnel({
 *   visitors: 10000, trialStartRate: 0.05, trialToPaidRate: 0.2,
 *   price: { amount: 2900, currency: "USD" },
 * });
 * optIn.trials //=> 500
 * optIn.paid //=> 100
 * optIn.visitorToPaid //=> 0.01
 * optIn.firstPeriodRevenue //=> { amount: 290000, currency: "USD" }
 * optIn.revenuePerVisitor //=> { amount: 29, currency: "USD" }
 * ```
 */
export function trialFunnel(input: TrialFunnelInput): TrialFunnel {
  const p = validate(trialFunnelSchema, input, { label: "trial funnel" });
  const trials = p.visitors * p.trialStartRate;
  const activated = p.activationRate === undefined ? undefined : trials * p.activationRate;
  const paid = (activated ?? trials) * p.trialToPaidRate;
  const revenue = multiplyMoney(p.price, paid);
  return {
    trials,
    ...(activated === undefined ? {} : { activated }),
    paid,
    trialToPaid: trials === 0 ? 0 : paid / trials,
    visitorToPaid: p.visitors === 0 ? 0 : paid / p.visitors,
    firstPeriodRevenue: revenue,
    revenuePerVisitor:
      p.visitors === 0
        ? { amount: 0, currency: revenue.currency }
        : multiplyMoney(revenue, dec(1).dividedBy(p.visitors).toString()),
  };
}
