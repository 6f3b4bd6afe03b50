/**
 * Display formats of the pricing guide — its live examples and its tier calculator — shared with
 * the browser test so that page and test write the same text for the same number. The same in both
 * language editions, like the other guides' numbers.
 */
import { currencyExponent, type Money } from "@opsbook/core";

/** Money with its currency symbol and every minor unit: `{ amount: 4150, currency: "USD" }` → `$41.50`. */
export function formatMoney(value: Money): string {
  const digits = currencyExponent(value.currency);
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: value.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value.amount / 10 ** digits);
}

/** A price in whole major units, as survey answers are given: `25` → `$25`. */
export function formatPrice(value: number | null, currency = "USD"): string {
  if (value === null) return "—";
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    maximumFractionDigits: 2,
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
  }).format(value);
}

/** A share as a percentage with `digits` decimals: `0.0412` → `4.1%`. */
export function formatShare(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** A ratio or a number of periods with one decimal: `3.456` → `3.5`. */
export function formatOneDecimal(value: number): string {
  return value.toFixed(1);
}

/** A whole count with thousands separators: `1200` → `1,200`. */
export function formatQuantity(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
