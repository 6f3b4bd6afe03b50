import {
  addMoney,
  fromDecimal,
  type Money,
  type RoundingMode,
  roundingModeSchema,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import { applyCoupon } from "./applyCoupon.ts";
import { dec } from "./internal/decimal.ts";
import { fail } from "./internal/fail.ts";
import { parsePriceBook } from "./parsePriceBook.ts";
import { priceUsage } from "./priceUsage.ts";
import type { Catalogue, Plan, PriceBookInput } from "./schemas.ts";

/**
 * One line of a quote.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export interface QuoteLine {
  /** `plan` (the subscription fee), `usage` (a metered charge), `addOn` or `discount`. */
  kind: "plan" | "usage" | "addOn" | "discount";
  /** Plan, metric, add-on or coupon id. */
  id: string;
  /** Readable description. */
  description: string;
  /** Quantity priced (usage and add-ons). */
  quantity?: number | string;
  /** The line's amount, rounded to the minor unit; negative for discounts. */
  amount: Money;
}

/**
 * A priced quote: its lines and totals. `total` is always the sum of the lines.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export interface Quote {
  planId: string;
  interval: "month" | "year";
  currency: string;
  lines: QuoteLine[];
  /** Sum of the lines before discounts. */
  subtotal: Money;
  /** Sum of all lines. */
  total: Money;
}

/**
 * Options of {@link quote}.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export interface QuoteOptions {
  /** Billing interval; default `"month"`. Annual uses the plan's annual price. */
  interval?: "month" | "year";
  /** Add-on quantities by add-on id. */
  addOns?: Record<string, number | string | readonly (number | string)[]>;
  /** Coupon id from the catalogue. */
  coupon?: string;
  /** Billing period counted from the coupon's redemption (0 = first); default 0. */
  periodIndex?: number;
  /** Quote a period inside the plan's free trial: the subscription fee is zero. */
  inTrial?: boolean;
  /** Rounding of each line to minor units; default `"half-up"`. */
  rounding?: RoundingMode;
}

const amountSchema = z.union([z.number().finite().min(0), z.string().regex(/^\d+(?:\.\d+)?$/)]);
const usageSchema = z.record(z.string(), z.union([amountSchema, z.array(amountSchema)]));

const optionsSchema = z.object({
  interval: z.enum(["month", "year"]).default("month"),
  addOns: usageSchema.default({}),
  coupon: z.string().optional(),
  periodIndex: z.number().int().min(0).default(0),
  inTrial: z.boolean().default(false),
  rounding: roundingModeSchema.default("half-up"),
});

/**
 * Reads a catalogue from either a parsed catalogue or raw price-book data.
 *
 * @internal
 */
export function catalogueOf(catalogue: Catalogue | PriceBookInput): Catalogue {
  return parsePriceBook(catalogue);
}

/**
 * The plan's subscription price for an interval, exact in major units: the monthly price, or the
 * annual price (explicit, or twelve months less `annualDiscountPercent`).
 *
 * @internal
 */
export function planPrice(plan: Plan, interval: "month" | "year"): string {
  if (interval === "month") return plan.prices.monthly;
  if (plan.prices.annual !== undefined) return plan.prices.annual;
  const discount = plan.prices.annualDiscountPercent ?? 0;
  return dec(plan.prices.monthly)
    .times(12)
    .times(dec(100).minus(discount))
    .dividedBy(100)
    .toString();
}

function findPlan(book: Catalogue, planId: string): [Plan, number] {
  const index = book.plans.findIndex((p) => p.id === planId);
  const plan = book.plans[index];
  if (!plan) {
    fail(
      "not_found",
      ["planId"],
      `no plan "${planId}" in the catalogue (plans: ${book.plans.map((p) => p.id).join(", ")})`,
    );
  }
  return [plan, index];
}

/**
 * Quotes a plan for one billing period: the subscription fee (monthly, or annual with its
 * discount), each metered usage charge of the plan priced with `priceUsage`, the chosen add-ons,
 * and a coupon. Each line is rounded to the minor unit and the total is the sum of the lines, as on
 * an invoice. Every line must be in the plan's currency.
 *
 * @param catalogue - A price book (parsed or raw).
 * @param planId - The plan to quote.
 * @param usage - The period's usage by metric (missing metrics count as zero).
 * @param options - Interval, add-ons, coupon, trial and rounding.
 * @returns The quote.
 * @throws OpsbookError `not_found` for an unknown plan, add-on or coupon; `conflict` when lines
 *   would mix currencies, naming the field.
 * @category Catalogue
 * @since 0.1.0
 * @example
 * ```ts
 * import { quote } from "@opsbook/pricing";
 *
 * const book = {
 *   currency: "USD",
 *   plans: [{
 *     id: "pro", name: "Pro", prices: { monthly: "29", annualDiscountPercent: 20 },
 *     usage: [{ metric: "events", price: { model: "perUnit", unitPrice: "0.0006" } }],
 *   }],
 *   addOns: [{ id: "seats", name: "Extra seats", price: { model: "perUnit", unitPrice: "8" } }],
 *   coupons: [{ id: "LAUNCH", percentOff: 10, durationPeriods: 3 }],
 * };
 * const q = quote(book, "pro", { events: 50000 }, { addOns: { seats: 2 }, coupon: "LAUNCH" });
 * q.lines.map((l) => [l.kind, l.amount.amount])
 * //=> [["plan", 2900], ["usage", 3000], ["addOn", 1600], ["discount", -750]]
 * q.total //=> { amount: 6750, currency: "USD" }
 * quote(book, "pro", {}, { interval: "year" }).total //=> { amount: 27840, currency: "USD" }
 * ```
 */
export function quote(
  catalogue: Catalogue | PriceBookInput,
  planId: string,
  usage: Record<string, number | string | readonly (number | string)[]> = {},
  options: QuoteOptions = {},
): Quote {
  const book = catalogueOf(catalogue);
  const parsedUsage = validate(usageSchema, usage, { path: ["usage"], label: "usage" });
  const opts = validate(optionsSchema, options, { path: ["options"], label: "options" });
  const [plan, planIndex] = findPlan(book, planId);
  const currency = plan.currency ?? book.currency;
  const lines: QuoteLine[] = [];

  const checkCurrency = (lineCurrency: string, path: (string | number)[]) => {
    if (lineCurrency !== currency) {
      fail(
        "conflict",
        path,
        `currency ${lineCurrency} differs from the quote's currency ${currency} (plans[${planIndex}]); one quote holds one currency`,
      );
    }
  };

  const fee = opts.inTrial && plan.trial ? "0" : planPrice(plan, opts.interval);
  lines.push({
    kind: "plan",
    id: plan.id,
    description:
      opts.inTrial && plan.trial
        ? `${plan.name} (free trial, ${plan.trial.days} days)`
        : `${plan.name} (${opts.interval === "month" ? "monthly" : "annual"})`,
    amount: fromDecimal(fee, currency, { rounding: opts.rounding }),
  });

  plan.usage.forEach((charge, j) => {
    const chargeCurrency = charge.currency ?? currency;
    checkCurrency(chargeCurrency, ["plans", planIndex, "usage", j, "currency"]);
    const quantity = parsedUsage[charge.metric] ?? 0;
    const priced = priceUsage(charge.price, quantity, {
      currency: chargeCurrency,
      rounding: opts.rounding,
    });
    lines.push({
      kind: "usage",
      id: charge.metric,
      description: charge.name ?? charge.metric,
      quantity: Array.isArray(quantity) ? quantity.length : (quantity as number | string),
      amount: priced.amount,
    });
  });

  for (const [addOnId, quantity] of Object.entries(opts.addOns)) {
    const index = book.addOns.findIndex((a) => a.id === addOnId);
    const addOn = book.addOns[index];
    if (!addOn)
      fail("not_found", ["options", "addOns", addOnId], `no add-on "${addOnId}" in the catalogue`);
    const addOnCurrency = addOn.currency ?? book.currency;
    checkCurrency(addOnCurrency, ["addOns", index, "currency"]);
    const priced = priceUsage(addOn.price, quantity, {
      currency: addOnCurrency,
      rounding: opts.rounding,
    });
    lines.push({
      kind: "addOn",
      id: addOn.id,
      description: addOn.name,
      quantity: Array.isArray(quantity) ? quantity.length : (quantity as number | string),
      amount: priced.amount,
    });
  }

  const subtotal = addMoney(...lines.map((l) => l.amount));
  if (opts.coupon !== undefined) {
    const coupon = book.coupons.find((c) => c.id === opts.coupon);
    if (!coupon)
      fail("not_found", ["options", "coupon"], `no coupon "${opts.coupon}" in the catalogue`);
    const result = applyCoupon(subtotal, coupon, {
      periodIndex: opts.periodIndex,
      rounding: opts.rounding,
    });
    if (result.applies && result.discount.amount !== 0) {
      lines.push({
        kind: "discount",
        id: coupon.id,
        description:
          coupon.percentOff !== undefined ? `${coupon.percentOff}% off` : `${coupon.amountOff} off`,
        amount: result.discount,
      });
    }
  }
  return {
    planId: plan.id,
    interval: opts.interval,
    currency,
    lines,
    subtotal,
    total: addMoney(...lines.map((l) => l.amount)),
  };
}
