import { fromDecimal, type Money, type RoundingMode, validate } from "@opsbook/core";
import { z } from "zod";
import { checkTiers, tierIndexOf } from "./internal/checkTiers.ts";
import { type Dec, dec, Exact, maxDec, minDec, sum } from "./internal/decimal.ts";
import { fail } from "./internal/fail.ts";
import {
  type PriceModel,
  type PriceModelInput,
  priceModelSchema,
  priceOptionsSchema,
} from "./schemas.ts";

/**
 * One line of a usage price's breakdown: a tier, a package count, a transaction fee.
 *
 * @category Price models
 * @since 0.1.0
 */
export interface PriceLine {
  /** What the line charges for, e.g. `"tier 2"`, `"packages"`, `"fixed fees"`. */
  label: string;
  /** Index of the tier, for tiered models. */
  tier?: number;
  /** Quantity priced on this line (units, packages, events or an amount), as a decimal string. */
  quantity: string;
  /** Exact amount in major units, before rounding, as a decimal string. */
  amount: string;
}

/**
 * The price of a period's usage under one price model.
 *
 * @category Price models
 * @since 0.1.0
 */
export interface UsagePrice {
  /** The total, rounded once to whole minor units. */
  amount: Money;
  /** The exact total in major units before rounding, as a decimal string. */
  exact: string;
  /** How the total was built. */
  lines: PriceLine[];
}

/**
 * Options of {@link priceUsage}.
 *
 * @category Price models
 * @since 0.1.0
 */
export interface PriceUsageOptions {
  /** ISO 4217 code of the price. */
  currency: string;
  /** Rounding of the exact total to minor units; default `"half-up"`. */
  rounding?: RoundingMode;
}

const usageSchema = z.union([
  z.number().finite().min(0),
  z.string().regex(/^\d+(?:\.\d+)?$/),
  z.array(z.union([z.number().finite().min(0), z.string().regex(/^\d+(?:\.\d+)?$/)])),
]);

type Line = { label: string; tier?: number; quantity: Dec; amount: Dec };

function quantityOf(usage: number | string | (number | string)[], model: string): Dec {
  if (Array.isArray(usage)) {
    if (model === "graduatedPercentage") return sum(usage.map((u) => dec(u)));
    fail("invalid_input", ["usage"], `expected a quantity for the ${model} model, received array`);
  }
  return dec(usage);
}

function graduated(
  tiers: readonly { upTo: number | null; unit: Dec; flatFee: Dec }[],
  quantity: Dec,
  flatAtZero: boolean,
): Line[] {
  const lines: Line[] = [];
  let lower = new Exact(0);
  tiers.forEach((tier, i) => {
    const upper = tier.upTo === null ? quantity : minDec(quantity, dec(tier.upTo));
    const inTier = maxDec(new Exact(0), upper.minus(lower));
    const reached = quantity.greaterThan(lower) || (i === 0 && flatAtZero);
    if (reached) {
      lines.push({
        label: `tier ${i + 1}`,
        tier: i,
        quantity: inTier,
        amount: inTier.times(tier.unit).plus(tier.flatFee),
      });
    }
    if (tier.upTo !== null) lower = dec(tier.upTo);
  });
  return lines;
}

function percentage(model: Extract<PriceModel, { model: "percentage" }>, usage: unknown): Line[] {
  if (!Array.isArray(usage)) {
    fail(
      "invalid_input",
      ["usage"],
      "expected the list of transaction amounts for the percentage model",
    );
  }
  const amounts = (usage as (number | string)[]).map((u) => dec(u));
  const rate = dec(model.percent).dividedBy(100);
  const fixed = dec(model.fixedFee);
  const freeEvents = model.freeEvents ?? 0;
  // Lago's rule: the free amount is the smaller of `freeAmount` and the total of the first
  // `freeEvents` transactions, and the fixed fee applies to every transaction after the free ones.
  let free: Dec;
  if (model.freeEvents === undefined && model.freeAmount === undefined) free = new Exact(0);
  else {
    const firstEvents =
      model.freeEvents === undefined ? null : sum(amounts.slice(0, model.freeEvents));
    const freeAmount = model.freeAmount === undefined ? null : dec(model.freeAmount);
    free =
      firstEvents === null
        ? (freeAmount as Dec)
        : freeAmount === null
          ? firstEvents
          : minDec(firstEvents, freeAmount);
  }
  let remaining = free;
  let rateTotal = new Exact(0);
  let fixedTotal = new Exact(0);
  let charged = 0;
  let adjustment = new Exact(0);
  amounts.forEach((amount, i) => {
    const covered = minDec(amount, remaining);
    remaining = remaining.minus(covered);
    const chargeable = amount.minus(covered);
    const fixedPart = i >= freeEvents ? fixed : new Exact(0);
    const isCharged = i >= freeEvents || chargeable.greaterThan(0);
    const ratePart = chargeable.times(rate);
    rateTotal = rateTotal.plus(ratePart);
    fixedTotal = fixedTotal.plus(fixedPart);
    if (!isCharged) return;
    charged += 1;
    let fee = ratePart.plus(fixedPart);
    const raw = fee;
    if (model.perTransactionMin !== undefined) fee = maxDec(fee, dec(model.perTransactionMin));
    if (model.perTransactionMax !== undefined) fee = minDec(fee, dec(model.perTransactionMax));
    adjustment = adjustment.plus(fee.minus(raw));
  });
  const lines: Line[] = [
    { label: "percentage", quantity: sum(amounts).minus(free), amount: rateTotal },
  ];
  if (!fixed.isZero()) {
    lines.push({
      label: "fixed fees",
      quantity: new Exact(Math.max(0, amounts.length - freeEvents)),
      amount: fixedTotal,
    });
  }
  if (!adjustment.isZero()) {
    lines.push({
      label: "per-transaction minimum and maximum",
      quantity: new Exact(charged),
      amount: adjustment,
    });
  }
  return lines;
}

function linesOf(model: PriceModel, usage: number | string | (number | string)[]): Line[] {
  switch (model.model) {
    case "flat":
      return [{ label: "flat", quantity: new Exact(1), amount: dec(model.amount) }];
    case "perUnit": {
      const q = quantityOf(usage, model.model);
      return [{ label: "units", quantity: q, amount: q.times(dec(model.unitPrice)) }];
    }
    case "package": {
      const q = quantityOf(usage, model.model);
      const billable = maxDec(new Exact(0), q.minus(model.freeUnits));
      const ratio = billable.dividedBy(model.packageSize);
      let packages = model.round === "up" ? ratio.ceil() : ratio.floor();
      if (model.minimumOnePackage && billable.greaterThan(0) && packages.isZero()) {
        packages = new Exact(1);
      }
      return [
        { label: "packages", quantity: packages, amount: packages.times(dec(model.packagePrice)) },
      ];
    }
    case "graduated": {
      checkTiers(model.tiers, ["model", "tiers"]);
      const tiers = model.tiers.map((t) => ({
        upTo: t.upTo,
        unit: dec(t.unitPrice),
        flatFee: dec(t.flatFee),
      }));
      return graduated(tiers, quantityOf(usage, model.model), model.firstTierFlatFeeAtZero);
    }
    case "graduatedPercentage": {
      checkTiers(model.tiers, ["model", "tiers"]);
      const tiers = model.tiers.map((t) => ({
        upTo: t.upTo,
        unit: dec(t.percent).dividedBy(100),
        flatFee: dec(t.flatFee),
      }));
      return graduated(tiers, quantityOf(usage, model.model), model.firstTierFlatFeeAtZero);
    }
    case "volume": {
      checkTiers(model.tiers, ["model", "tiers"]);
      const q = quantityOf(usage, model.model);
      const index = tierIndexOf(model.tiers, q.toNumber());
      const tier = model.tiers[index];
      if (!tier) {
        fail("out_of_range", ["usage"], `quantity ${q} lies beyond the last tier`);
      }
      if (q.isZero() && !(index === 0 && model.firstTierFlatFeeAtZero)) return [];
      return [
        {
          label: `tier ${index + 1}`,
          tier: index,
          quantity: q,
          amount: q.times(dec(tier.unitPrice)).plus(dec(tier.flatFee)),
        },
      ];
    }
    case "stairstep": {
      checkTiers(model.tiers, ["model", "tiers"]);
      const q = quantityOf(usage, model.model);
      if (q.isZero()) return [];
      const index = tierIndexOf(model.tiers, q.toNumber());
      const tier = model.tiers[index];
      if (!tier) {
        fail("out_of_range", ["usage"], `quantity ${q} lies beyond the last step`);
      }
      return [{ label: `step ${index + 1}`, tier: index, quantity: q, amount: dec(tier.amount) }];
    }
    case "percentage":
      return percentage(model, usage);
  }
}

/**
 * Prices one period's usage under a price model, exactly: every step is decimal arithmetic and the
 * total is rounded once, to the currency's minor unit, with an explicit rounding mode.
 *
 * Models (the vendor each follows):
 * - `flat`: a fixed amount; `perUnit`: quantity × unit price (Stripe per-unit, Lago standard).
 * - `package`: units beyond `freeUnits` divided by `packageSize`, rounded `up` or `down`
 *   (Stripe `transform_quantity`, Lago package); `minimumOnePackage` bills one package for any
 *   usage that rounds down to none.
 * - `graduated`: each tier prices the units inside it (Stripe graduated, Lago graduated);
 *   `volume`: the tier holding the whole quantity prices every unit (Stripe volume, Lago volume,
 *   Orb bulk); a tier's `flatFee` is charged once when the quantity reaches the tier;
 *   `firstTierFlatFeeAtZero` also charges the first tier's flat fee at zero usage.
 * - `stairstep`: the step holding the quantity sets the whole amount (Orb threshold totals);
 *   zero usage costs nothing.
 * - `percentage`: `percent` of the transaction amounts plus a `fixedFee` per transaction, with
 *   `freeEvents` and `freeAmount` and per-transaction `perTransactionMin` / `perTransactionMax`
 *   (Lago percentage); `usage` is the list of transaction amounts.
 * - `graduatedPercentage`: graduated rates on the total amount with a flat fee per tier (Lago).
 *
 * Tiers are half-open intervals (previous `upTo`, `upTo`]. Fractional quantities are placed by
 * that rule — 5.5 units with `upTo: 5` fall in the next tier — and graduated tiers price the
 * fraction of a unit inside them.
 *
 * @param model - A price model (see {@link priceModelSchema}).
 * @param usage - The quantity (units, or an amount for `graduatedPercentage`), or the list of
 *   transaction amounts for `percentage`; non-negative.
 * @param options - `currency` and `rounding` (default `"half-up"`).
 * @returns The rounded amount, the exact total and the breakdown.
 * @throws OpsbookError for negative quantities or prices, unsorted or overlapping tiers.
 * @category Price models
 * @since 0.1.0
 * @example
 * ```ts
 * import { priceUsage } from "@opsbook/pricing";
 *
 * const tiers = [
 *   { upTo: 5, unitPrice: "7" },
 *   { upTo: 10, unitPrice: "6.5" },
 *   { upTo: null, unitPrice: "6" },
 * ];
 * priceUsage({ model: "graduated", tiers }, 6, { currency: "USD" }).amount
 * //=> { amount: 4150, currency: "USD" }
 * priceUsage({ model: "volume", tiers }, 6, { currency: "USD" }).amount
 * //=> { amount: 3900, currency: "USD" }
 * priceUsage({ model: "perUnit", unitPrice: "0.0006" }, 12345, { currency: "USD" }).exact
 * //=> "7.407"
 * priceUsage({ model: "perUnit", unitPrice: "1" }, -1, { currency: "USD" }) //=> throws OpsbookError
 * ```
 */
export function priceUsage(
  model: PriceModelInput,
  usage: number | string | readonly (number | string)[],
  options: PriceUsageOptions,
): UsagePrice {
  const parsedModel = validate(priceModelSchema, model, { path: ["model"], label: "price model" });
  const parsedUsage = validate(usageSchema, usage, { path: ["usage"], label: "usage" });
  const { currency, rounding } = validate(priceOptionsSchema, options, {
    path: ["options"],
    label: "options",
  });
  const lines = linesOf(parsedModel, parsedUsage);
  const exact = sum(lines.map((l) => l.amount));
  return {
    amount: fromDecimal(exact.toString(), currency, { rounding }),
    exact: exact.toString(),
    lines: lines.map((l) => ({
      label: l.label,
      ...(l.tier === undefined ? {} : { tier: l.tier }),
      quantity: l.quantity.toString(),
      amount: l.amount.toString(),
    })),
  };
}
