import { addMoney, type Money, money, multiplyMoney, validate } from "@opsbook/core";
import { z } from "zod";
import { fail } from "./internal/fail.ts";

const inputSchema = z.object({
  plans: z
    .array(
      z.object({
        id: z.string().min(1),
        price: z.object({ amount: z.number().int().min(0), currency: z.string() }),
        customers: z.number().finite().min(0),
      }),
    )
    .min(1),
  shifts: z
    .array(
      z.object({
        from: z.string().min(1),
        to: z.string().min(1),
        share: z.number().finite().min(0).max(1),
      }),
    )
    .default([]),
  churnShare: z.record(z.string(), z.number().finite().min(0).max(1)).default({}),
}) satisfies z.ZodType<unknown, PlanMixInput>;

/**
 * Inputs of {@link planMixWhatIf}.
 *
 * @category Unit economics
 * @since 0.1.0
 */
export interface PlanMixInput {
  /** The plans (at least one): id, price per period in minor units, and current customers. */
  plans: { id: string; price: Money; customers: number }[];
  /** Shares of a plan's customers (0 to 1) that move to another plan, applied in order. */
  shifts?: { from: string; to: string; share: number }[];
  /** Share of each listed plan's customers (0 to 1) lost after the shifts. */
  churnShare?: Record<string, number>;
}

/**
 * Projected recurring revenue under a plan-mix shift.
 *
 * @category Unit economics
 * @since 0.1.0
 */
export interface PlanMixResult {
  before: Money;
  after: Money;
  change: Money;
  /** Customers per plan before and after (expected values, may be fractional). */
  mix: { id: string; before: number; after: number }[];
}

/**
 * What-if of a tier change: recurring revenue before and after moving shares of customers between
 * plans (for example after a good-better-best redesign moves 20% of Basic to Pro) and losing a
 * share of some plans' customers. Shifts are applied in order, each to the customers the `from`
 * plan has at that point; `churnShare` then removes a share of each listed plan.
 *
 * @param input - `plans` with their price per period and current customers; `shifts`
 *   `{ from, to, share }`; optional `churnShare` by plan id.
 * @returns Revenue before and after, the change and the customer mix.
 * @throws OpsbookError naming an unknown plan id or a price in another currency.
 * @category Unit economics
 * @since 0.1.0
 * @example
 * ```ts
 * import { planMixWhatIf } from "@opsbook/pricing";
 *
 * const result = planMixWhatIf({
 *   plans: [
 *     { id: "basic", price: { amount: 1000, currency: "USD" }, customers: 500 },
 *     { id: "pro", price: { amount: 3000, currency: "USD" }, customers: 100 },
 *   ],
 *   shifts: [{ from: "basic", to: "pro", share: 0.2 }],
 *   churnShare: { basic: 0.05 },
 * });
 * result.mix //=> [{ id: "basic", before: 500, after: 380 }, { id: "pro", before: 100, after: 200 }]
 * result.before //=> { amount: 800000, currency: "USD" }
 * result.after //=> { amount: 980000, currency: "USD" }
 * result.change //=> { amount: 180000, currency: "USD" }
 * ```
 */
export function planMixWhatIf(input: PlanMixInput): PlanMixResult {
  const p = validate(inputSchema, input, { label: "plan mix" });
  const currency = money(p.plans[0]!.price.amount, p.plans[0]!.price.currency).currency;
  const index = new Map<string, number>();
  p.plans.forEach((plan, i) => {
    if (index.has(plan.id)) fail("conflict", ["plans", i, "id"], `duplicate plan id "${plan.id}"`);
    if (plan.price.currency.toUpperCase() !== currency) {
      fail(
        "conflict",
        ["plans", i, "price", "currency"],
        `expected ${currency}, received ${plan.price.currency}`,
      );
    }
    index.set(plan.id, i);
  });
  const counts = p.plans.map((plan) => plan.customers);
  p.shifts.forEach((shift, i) => {
    const from = index.get(shift.from);
    const to = index.get(shift.to);
    if (from === undefined) fail("not_found", ["shifts", i, "from"], `no plan "${shift.from}"`);
    if (to === undefined) fail("not_found", ["shifts", i, "to"], `no plan "${shift.to}"`);
    const moved = (counts[from] as number) * shift.share;
    counts[from] = (counts[from] as number) - moved;
    counts[to] = (counts[to] as number) + moved;
  });
  for (const [id, share] of Object.entries(p.churnShare)) {
    const at = index.get(id);
    if (at === undefined) fail("not_found", ["churnShare", id], `no plan "${id}"`);
    counts[at] = (counts[at] as number) * (1 - share);
  }
  const revenue = (customers: number[]) =>
    addMoney(
      ...p.plans.map((plan, i) =>
        multiplyMoney({ amount: plan.price.amount, currency }, customers[i] as number),
      ),
    );
  const before = revenue(p.plans.map((plan) => plan.customers));
  const after = revenue(counts);
  return {
    before,
    after,
    change: { amount: after.amount - before.amount, currency },
    mix: p.plans.map((plan, i) => ({
      id: plan.id,
      before: plan.customers,
      after: counts[i] as number,
    })),
  };
}
