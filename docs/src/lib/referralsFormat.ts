/**
 * Display formats of the referral-programmes guide's live examples, shared with the browser test
 * so that page and test write the same text for the same number. The same in both editions.
 */

/** Whole numbers with thousands separators: `39000` → `39,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** An amount in cents as currency units with two decimals: `70500` → `705.00`. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString("en-US", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/** A share as a percentage with one decimal: `0.2895` → `29.0%`. */
export function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A number with a fixed count of decimals: `formatDecimal(0.5193, 2)` → `0.52`. */
export function formatDecimal(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** Metrics of the simulation table, in order, with how each is written. */
export const simulationMetrics = [
  "cost",
  "liability",
  "pointsNet",
  "breakageRate",
  "fraudExposure",
  "fraudExposureWithoutRules",
] as const;

/** Writes one simulation metric: money in cents as units, points as counts, breakage as a share. */
export function formatSimulationValue(
  metric: (typeof simulationMetrics)[number],
  value: number,
): string {
  if (metric === "breakageRate") return formatShare(value);
  if (metric === "pointsNet") return formatCount(value);
  return formatCents(value);
}

/** The percentiles shown, in order. */
export const shownPercentiles = ["p5", "p50", "p95"] as const;
