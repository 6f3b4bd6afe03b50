/**
 * Display formats of the experiments guide — its live examples and its two calculators — shared
 * with the browser test so that page and test write the same text for the same number. The same
 * in both language editions (Chinese operators write 1,031 and 20.0% too).
 */

/** A whole count with thousands separators: `1,031`. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** A share as a percentage with `digits` decimals: `0.2` → `20.0%`. */
export function formatPercent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** A lift as a signed percentage: `0.1` → `+10.0%`, `-0.02` → `−2.0%`. */
export function formatLift(value: number, digits = 1): string {
  const text = formatPercent(Math.abs(value), digits);
  if (Number(text.slice(0, -1)) === 0) return formatPercent(0, digits);
  return `${value < 0 ? "−" : "+"}${text}`;
}

/** An interval of lifts; an open side (a one-sided test) is an infinity. */
export function formatInterval([lower, upper]: readonly [number | null, number | null]): string {
  const bound = (value: number | null, infinity: string) =>
    value === null ? infinity : formatLift(value);
  return `[${bound(lower, "−∞")}, ${bound(upper, "+∞")}]`;
}

/** A p-value with four decimals, or `< 0.0001`. */
export function formatPValue(value: number): string {
  return value < 0.0001 ? "< 0.0001" : value.toFixed(4);
}
