/**
 * Display formats of the tools page's own calculators (Van Westendorp, Bass stage, RFM), shared
 * with their browser test so that both format a number the same way.
 */

/** A price or amount as typed, without a currency: `12`, `12.5`, `1,234.56`. */
export function formatAmount(value: number | null): string {
  if (value === null) return "—";
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** A number with a fixed count of decimals: `0.0312`. */
export function formatFixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** A whole count with thousands separators: `1,234`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A share as a percentage with one decimal: `12.5%`. */
export function formatShare(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** An ISO calendar date (UTC) of epoch milliseconds: `1998-06-30`. */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
