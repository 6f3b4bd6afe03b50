import type { Money } from "@opsbook/core";
import { catalogueOf, type QuoteOptions, quote } from "./quote.ts";
import type { Catalogue, PriceBookInput } from "./schemas.ts";

/**
 * One plan's standing in {@link cheapestPlan}.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export interface PlanCandidate {
  planId: string;
  /** The plan's quoted total for the usage. */
  total: Money;
  /** Whether the plan has the required features and room for the usage within its limits. */
  eligible: boolean;
  /** Why an ineligible plan was ruled out (`"missing feature sso"`, `"events 120000 > limit 100000"`). */
  reasons: string[];
}

/**
 * Finds the cheapest plan for a usage profile: quotes every plan, rules out plans that lack a
 * required feature or whose limits the usage exceeds (a plan without a limit for a metric is
 * unlimited), and ranks the rest by total (ties keep catalogue order).
 *
 * @param catalogue - A price book (parsed or raw).
 * @param usage - Usage by metric for one period.
 * @param options - `features` the customer needs, plus the options of `quote` (interval, add-ons…).
 * @returns The cheapest eligible plan id (`null` when none fits) and every candidate, cheapest
 *   eligible first.
 * @category Catalogue
 * @since 0.1.0
 * @example
 * ```ts
 * import { cheapestPlan } from "@opsbook/pricing";
 *
 * const book = {
 *   currency: "USD",
 *   plans: [
 *     { id: "starter", name: "Starter", prices: { monthly: "10" }, limits: { events: 10000 },
 *       usage: [{ metric: "events", price: { model: "perUnit", unitPrice: "0.001" } }] },
 *     { id: "growth", name: "Growth", prices: { monthly: "49" }, features: ["sso"],
 *       usage: [{ metric: "events", price: { model: "perUnit", unitPrice: "0.0002" } }] },
 *   ],
 * };
 * cheapestPlan(book, { events: 8000 }).planId //=> "starter"
 * cheapestPlan(book, { events: 8000 }, { features: ["sso"] }).planId //=> "growth"
 * cheapestPlan(book, { events: 50000 }).candidates.map((c) => [c.planId, c.eligible])
 * //=> [["growth", true], ["starter", false]]
 * ```
 */
export function cheapestPlan(
  catalogue: Catalogue | PriceBookInput,
  usage: Record<string, number | string | readonly (number | string)[]>,
  options: QuoteOptions & { features?: readonly string[] } = {},
): { planId: string | null; candidates: PlanCandidate[] } {
  const book = catalogueOf(catalogue);
  const { features = [], ...quoteOptions } = options;
  const addOnIds = Object.keys(quoteOptions.addOns ?? {});
  const candidates = book.plans.map((plan, order) => {
    const reasons: string[] = [];
    const addOns = book.addOns.filter((a) => addOnIds.includes(a.id));
    const owned = new Set([...plan.features, ...addOns.flatMap((a) => a.features)]);
    for (const feature of features) {
      if (!owned.has(feature)) reasons.push(`missing feature ${feature}`);
    }
    for (const [metric, limit] of Object.entries(plan.limits)) {
      const extra = addOns.reduce((s, a) => s + (a.limits[metric] ?? 0), 0);
      const used = usage[metric];
      const amount = Array.isArray(used) ? used.length : Number(used ?? 0);
      if (amount > limit + extra) reasons.push(`${metric} ${amount} > limit ${limit + extra}`);
    }
    const total = quote(book, plan.id, usage, quoteOptions).total;
    return { planId: plan.id, total, eligible: reasons.length === 0, reasons, order };
  });
  candidates.sort((a, b) =>
    a.eligible !== b.eligible
      ? a.eligible
        ? -1
        : 1
      : a.total.amount !== b.total.amount
        ? a.total.amount - b.total.amount
        : a.order - b.order,
  );
  const best = candidates.find((c) => c.eligible);
  return {
    planId: best ? best.planId : null,
    candidates: candidates.map(({ order: _order, ...c }) => c),
  };
}
