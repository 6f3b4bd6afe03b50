/**
 * Display formats of the persona guide's live examples, shared with the browser test so that page
 * and test write the same text for the same number. The same in both language editions.
 */
import { formatMoney, type Money } from "@opsbook/core";

/** A number with a fixed number of decimals: `0.2431` → `0.243` (3 digits). */
export function formatFixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** A whole count with thousands separators: `2357` → `2,357`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A share as a percentage with `digits` decimals: `0.3653` → `36.5%`. */
export function formatShare(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** An amount of money (or a plain number) in US English: `{ amount: 12207534, currency: "USD" }` → `$122,075.34`. */
export function formatValue(value: Money | number): string {
  return typeof value === "number" ? value.toLocaleString("en-US") : formatMoney(value, "en-US");
}

/** A segment or persona name as a `data-testid` part: `can't lose` → `cant-lose`. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
