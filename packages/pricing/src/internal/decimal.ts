import DecimalJs, { type Decimal } from "decimal.js";

// decimal.js ships CommonJS-style types, but its ESM entry exports the class as the default.
const DecimalClass = DecimalJs as unknown as typeof Decimal;

/** decimal.js with enough significant digits for exact money arithmetic on usage prices. */
export const Exact = DecimalClass.clone({ precision: 64, toExpNeg: -100, toExpPos: 100 });

/** An exact decimal value. */
export type Dec = Decimal;

/** Reads a decimal string or finite number as an exact decimal (numbers as the text they print as). */
export function dec(value: string | number): Decimal {
  return new Exact(value);
}

/** Sum of exact decimals. */
export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), new Exact(0));
}

/** Smallest and largest of two decimals. */
export function minDec(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function maxDec(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
