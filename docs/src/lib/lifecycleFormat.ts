/**
 * Display formats of the lifecycle guide's live examples, shared with the browser test so that page
 * and test write the same text for the same number. The same in both language editions.
 */

/** A number with a fixed number of decimals: `0.0135` → `0.014` (3 digits). */
export function formatFixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** A whole count with thousands separators: `2411.9` → `2,412`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A share as a percentage with `digits` decimals: `0.7196` → `72.0%`. */
export function formatShare(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}
