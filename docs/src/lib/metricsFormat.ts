/**
 * Display formats of the funnels-and-cohorts guide — its live examples and its funnel builder —
 * shared with the browser test so that page and test write the same text for the same number.
 * The same in both language editions.
 */

/** A whole count with thousands separators: `1,136`. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** A share as a percentage with `digits` decimals: `0.8173` → `81.7%`. */
export function formatPercent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** A ratio with two decimals (`1.13`); `—` when there is none (`null`, or not finite). */
export function formatRatio(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "—" : value.toFixed(2);
}
