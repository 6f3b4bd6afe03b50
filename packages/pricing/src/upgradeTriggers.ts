import { validate } from "@opsbook/core";
import { z } from "zod";
import { dec } from "./internal/decimal.ts";
import { fail } from "./internal/fail.ts";
import { catalogueOf, planPrice } from "./quote.ts";
import type { Catalogue, PriceBookInput } from "./schemas.ts";

/**
 * A usage metric close to (or past) its plan limit.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export interface UpgradeTrigger {
  metric: string;
  used: number;
  limit: number;
  /** `used / limit`. */
  share: number;
  /** `"near"` at or above the threshold, `"over"` above the limit. */
  level: "near" | "over";
  /** The cheapest plan (by monthly price) with room for the usage, or `null`. */
  suggestedPlan: string | null;
}

const optionsSchema = z.object({ threshold: z.number().gt(0).max(1).default(0.8) });

/**
 * Lists the upgrade triggers of a customer on a plan: each limited metric whose usage is at or
 * above `threshold` of the limit (default 80%), with the cheapest plan that has room for it.
 *
 * @param catalogue - A price book (parsed or raw).
 * @param planId - The customer's plan.
 * @param usage - Current usage by metric.
 * @param options - `threshold` in (0, 1]; default 0.8.
 * @returns Triggers, most used share first.
 * @category Catalogue
 * @since 0.1.0
 * @example
 * ```ts
 * import { upgradeTriggers } from "@opsbook/pricing";
 *
 * const book = {
 *   currency: "USD",
 *   plans: [
 *     { id: "starter", name: "Starter", prices: { monthly: "10" }, limits: { seats: 5, projects: 10 } },
 *     { id: "team", name: "Team", prices: { monthly: "49" }, limits: { seats: 25 } },
 *   ],
 * };
 * upgradeTriggers(book, "starter", { seats: 5, projects: 3 })
 * //=> [{ metric: "seats", used: 5, limit: 5, share: 1, level: "near", suggestedPlan: "team" }]
 * ```
 */
export function upgradeTriggers(
  catalogue: Catalogue | PriceBookInput,
  planId: string,
  usage: Record<string, number>,
  options: { threshold?: number } = {},
): UpgradeTrigger[] {
  const book = catalogueOf(catalogue);
  const { threshold } = validate(optionsSchema, options, { path: ["options"], label: "options" });
  const used = validate(z.record(z.string(), z.number().finite().min(0)), usage, {
    path: ["usage"],
    label: "usage",
  });
  const plan = book.plans.find((p) => p.id === planId);
  if (!plan) fail("not_found", ["planId"], `no plan "${planId}" in the catalogue`);
  const byPrice = [...book.plans].sort((a, b) =>
    dec(planPrice(a, "month")).comparedTo(dec(planPrice(b, "month"))),
  );
  const triggers: UpgradeTrigger[] = [];
  for (const [metric, limit] of Object.entries(plan.limits)) {
    const amount = used[metric] ?? 0;
    const share = limit === 0 ? (amount > 0 ? Number.POSITIVE_INFINITY : 0) : amount / limit;
    if (share < threshold) continue;
    const roomy = byPrice.find(
      (p) =>
        p.id !== plan.id &&
        (p.limits[metric] === undefined || (p.limits[metric] as number) > amount),
    );
    triggers.push({
      metric,
      used: amount,
      limit,
      share,
      level: amount > limit ? "over" : "near",
      suggestedPlan: roomy ? roomy.id : null,
    });
  }
  return triggers.sort((a, b) => b.share - a.share);
}
