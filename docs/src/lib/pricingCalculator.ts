import type { Money } from "@opsbook/core";
import { priceUsage, type TierInput } from "@opsbook/pricing";

/** The calculator's currency. */
export const calculatorCurrency = "USD";

/**
 * The calculator's tier schedule: seats per month, in the package's convention (each tier holds
 * the quantities above the previous `upTo` up to and including its own).
 */
export const calculatorTiers: readonly TierInput[] = [
  { upTo: 10, unitPrice: "12" },
  { upTo: 50, unitPrice: "10" },
  { upTo: 200, unitPrice: "8" },
  { upTo: null, unitPrice: "6" },
];

/** One model's result in the calculator. */
export interface ModelResult {
  total: Money;
  /** Exact total divided by the quantity (0 at zero quantity), in major units. */
  perUnit: number;
  /** Amount of each tier, in major units (graduated: the units inside it; volume: the tier reached). */
  tierAmounts: number[];
}

function resultOf(model: "graduated" | "volume", quantity: number): ModelResult {
  const priced = priceUsage({ model, tiers: [...calculatorTiers] }, quantity, {
    currency: calculatorCurrency,
  });
  const tierAmounts = calculatorTiers.map(() => 0);
  for (const line of priced.lines) {
    if (line.tier !== undefined) tierAmounts[line.tier] = Number(line.amount);
  }
  return {
    total: priced.amount,
    perUnit: quantity === 0 ? 0 : Number(priced.exact) / quantity,
    tierAmounts,
  };
}

/** Graduated and volume totals of the calculator's schedule for one quantity (`priceUsage`). */
export function calculateTiers(quantity: number): {
  graduated: ModelResult;
  volume: ModelResult;
} {
  return { graduated: resultOf("graduated", quantity), volume: resultOf("volume", quantity) };
}
