import DecimalJs, { type Decimal } from "decimal.js";
import { currencyExponent } from "./currencies.ts";
import { describeValue, OpsbookError, type OpsbookErrorCode } from "./errors.ts";

/**
 * How to round a decimal to fewer places. `half-up` rounds halves away from zero (commercial
 * rounding, the default), `half-even` to the even neighbour (banker's rounding), `half-down`
 * towards zero; `up` away from zero, `down` towards zero (truncation), `ceiling` towards +∞,
 * `floor` towards −∞ — the modes of Java's `RoundingMode` and decimal.js.
 *
 * @category Money
 * @since 0.1.0
 */
export type RoundingMode =
  | "half-up"
  | "half-even"
  | "half-down"
  | "up"
  | "down"
  | "ceiling"
  | "floor";

/**
 * An amount of money: an integer number of the currency's minor units (cents for USD, yen for JPY,
 * fils for KWD) and its ISO 4217 code. Never a binary float of major units.
 *
 * @category Money
 * @since 0.1.0
 */
export interface Money {
  /** Integer minor units (a safe integer). */
  amount: number;
  /** ISO 4217 alphabetic code, upper case. */
  currency: string;
}

/** Options with a rounding mode. */
export interface RoundingOptions {
  /** Rounding mode; default `"half-up"`. */
  rounding?: RoundingMode;
}

// decimal.js ships CommonJS-style types, but its ESM entry exports the class as the default.
const DecimalClass = DecimalJs as unknown as typeof Decimal;

/** decimal.js with enough significant digits for any safe-integer amount times a long factor. */
const Exact = DecimalClass.clone({ precision: 64, toExpNeg: -100, toExpPos: 100 });

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  up: DecimalClass.ROUND_UP,
  down: DecimalClass.ROUND_DOWN,
  ceiling: DecimalClass.ROUND_CEIL,
  floor: DecimalClass.ROUND_FLOOR,
  "half-up": DecimalClass.ROUND_HALF_UP,
  "half-down": DecimalClass.ROUND_HALF_DOWN,
  "half-even": DecimalClass.ROUND_HALF_EVEN,
};

const decimalText = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function problem(
  code: OpsbookErrorCode,
  path: (string | number)[],
  expected: string,
  value: unknown,
): never {
  const where = path
    .map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join("");
  const received = describeValue(value);
  const message = `${where}: expected ${expected}, received ${received}`;
  throw new OpsbookError(code, message, path, {
    issues: [{ code, path, message, expected, received }],
  });
}

function modeOf(rounding: unknown): Decimal.Rounding {
  if (rounding === undefined) return DecimalClass.ROUND_HALF_UP;
  const mode = MODES[rounding as RoundingMode];
  if (mode === undefined || !Object.hasOwn(MODES, rounding as string)) {
    problem(
      "invalid_input",
      ["options", "rounding"],
      Object.keys(MODES)
        .map((m) => `"${m}"`)
        .join(", "),
      rounding,
    );
  }
  return mode;
}

function decimalOf(value: unknown, path: (string | number)[]): Decimal {
  if (typeof value === "number" && Number.isFinite(value)) return new Exact(value);
  if (typeof value === "string" && decimalText.test(value)) return new Exact(value);
  return problem("invalid_input", path, "decimal string or finite number", value);
}

function safeAmount(value: Decimal, path: (string | number)[]): number {
  const amount = value.toNumber();
  if (!Number.isSafeInteger(amount)) {
    problem("out_of_range", path, "a safe integer number of minor units", value.toString());
  }
  return amount === 0 ? 0 : amount;
}

function checkMoney(value: unknown, path: (string | number)[]): Money {
  if (typeof value !== "object" || value === null)
    problem("invalid_input", path, "money { amount, currency }", value);
  const { amount, currency } = value as Money;
  currencyExponent(currency);
  if (!Number.isSafeInteger(amount))
    problem("invalid_input", [...path, "amount"], "safe integer of minor units", amount);
  return { amount, currency: currency.toUpperCase() };
}

/**
 * Makes a money value from integer minor units, checking the amount and the currency.
 *
 * @param amount - Integer minor units (1234 = USD 12.34).
 * @param currency - ISO 4217 code, case-insensitive.
 * @returns `{ amount, currency }` with the code in upper case.
 * @throws {@link OpsbookError} for a fractional amount or an unknown currency.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { money } from "@opsbook/core";
 *
 * money(1234, "usd") //=> { amount: 1234, currency: "USD" }
 * money(12.5, "USD") //=> throws OpsbookError
 * ```
 */
export function money(amount: number, currency: string): Money {
  return checkMoney({ amount, currency }, []);
}

/**
 * Converts a decimal amount in major units to money, rounding to the currency's minor unit.
 * Convert imported floats (a CSV's dollar values) once, here.
 *
 * @param value - A decimal string (`"12.345"`) or a finite number, in major units.
 * @param currency - ISO 4217 code.
 * @param options - `rounding` (default `"half-up"`).
 * @returns Money in minor units.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { fromDecimal } from "@opsbook/core";
 *
 * fromDecimal("12.345", "USD") //=> { amount: 1235, currency: "USD" }
 * fromDecimal("12.345", "USD", { rounding: "half-even" }) //=> { amount: 1234, currency: "USD" }
 * fromDecimal(1500.5, "JPY") //=> { amount: 1501, currency: "JPY" }
 * fromDecimal("1.2345", "KWD", { rounding: "down" }) //=> { amount: 1234, currency: "KWD" }
 * ```
 */
export function fromDecimal(
  value: string | number,
  currency: string,
  options: RoundingOptions = {},
): Money {
  const exponent = currencyExponent(currency);
  const mode = modeOf(options?.rounding);
  const minor = decimalOf(value, ["value"])
    .times(new Exact(10).pow(exponent))
    .toDecimalPlaces(0, mode);
  return { amount: safeAmount(minor, ["value"]), currency: currency.toUpperCase() };
}

/**
 * Writes money as a decimal string in major units with exactly the currency's decimal places.
 *
 * @param value - Money.
 * @returns E.g. `"12.34"`, `"-0.05"`, `"1234"` for JPY.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { toDecimal } from "@opsbook/core";
 *
 * toDecimal({ amount: 1234, currency: "USD" }) //=> "12.34"
 * toDecimal({ amount: -5, currency: "EUR" }) //=> "-0.05"
 * toDecimal({ amount: 1234, currency: "JPY" }) //=> "1234"
 * toDecimal({ amount: 1234, currency: "BHD" }) //=> "1.234"
 * ```
 */
export function toDecimal(value: Money): string {
  const m = checkMoney(value, ["money"]);
  const exponent = currencyExponent(m.currency);
  return new Exact(m.amount).dividedBy(new Exact(10).pow(exponent)).toFixed(exponent);
}

/**
 * Rounds a decimal string to `scale` decimal places with an explicit mode, exactly (decimal
 * arithmetic, no binary floats). Use it for fractions of a minor unit, such as a usage price of
 * 0.0006 per event.
 *
 * @param value - A decimal string or finite number.
 * @param scale - Decimal places to keep, an integer from 0 to 100.
 * @param rounding - Mode; default `"half-up"`.
 * @returns The rounded decimal with exactly `scale` places.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { roundDecimal } from "@opsbook/core";
 *
 * roundDecimal("2.675", 2) //=> "2.68"
 * roundDecimal("2.665", 2, "half-even") //=> "2.66"
 * roundDecimal("-2.5", 0, "half-down") //=> "-2"
 * roundDecimal("0.0006", 3, "ceiling") //=> "0.001"
 * roundDecimal("1", 2) //=> "1.00"
 * ```
 */
export function roundDecimal(value: string, scale: number, rounding?: RoundingMode): string {
  if (!Number.isInteger(scale) || scale < 0 || scale > 100) {
    problem("out_of_range", ["scale"], "integer from 0 to 100", scale);
  }
  const mode = modeOf(rounding);
  return decimalOf(value, ["value"]).toDecimalPlaces(scale, mode).toFixed(scale);
}

/**
 * Multiplies money by a decimal factor (a price per unit, a tax rate, a discount) and rounds the
 * result to whole minor units.
 *
 * @param value - Money.
 * @param factor - Decimal string or finite number.
 * @param options - `rounding` (default `"half-up"`).
 * @returns Money in the same currency.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { multiplyMoney } from "@opsbook/core";
 *
 * multiplyMoney({ amount: 1999, currency: "USD" }, "0.15") //=> { amount: 300, currency: "USD" }
 * multiplyMoney({ amount: 1999, currency: "USD" }, "0.15", { rounding: "floor" })
 * //=> { amount: 299, currency: "USD" }
 * ```
 */
export function multiplyMoney(
  value: Money,
  factor: string | number,
  options: RoundingOptions = {},
): Money {
  const m = checkMoney(value, ["money"]);
  const mode = modeOf(options?.rounding);
  const product = new Exact(m.amount).times(decimalOf(factor, ["factor"])).toDecimalPlaces(0, mode);
  return { amount: safeAmount(product, ["factor"]), currency: m.currency };
}

/**
 * Adds money values of one currency.
 *
 * @param values - At least one money value, all in the same currency.
 * @returns Their sum.
 * @throws {@link OpsbookError} `conflict` when currencies differ.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { addMoney } from "@opsbook/core";
 *
 * addMoney({ amount: 150, currency: "EUR" }, { amount: -25, currency: "EUR" })
 * //=> { amount: 125, currency: "EUR" }
 * addMoney({ amount: 1, currency: "EUR" }, { amount: 1, currency: "USD" }) //=> throws OpsbookError
 * ```
 */
export function addMoney(...values: Money[]): Money {
  if (values.length === 0) problem("invalid_input", ["values"], "at least one money value", values);
  const first = checkMoney(values[0], ["values", 0]);
  let total = 0;
  values.forEach((value, i) => {
    const m = checkMoney(value, ["values", i]);
    if (m.currency !== first.currency) {
      problem("conflict", ["values", i, "currency"], first.currency, value.currency);
    }
    total += m.amount;
  });
  if (!Number.isSafeInteger(total))
    problem("out_of_range", ["values"], "a safe integer sum", total);
  return { amount: total, currency: first.currency };
}

/**
 * Splits money in proportion to ratios so that the parts add up exactly to the whole, by the
 * largest-remainder (Hamilton) method: each part gets the floor of its exact share, and the minor
 * units left over go one each to the parts with the largest remainders (earlier parts first on
 * ties). Ratios are read as the decimals they print as, and computed exactly.
 *
 * @param value - Money to split (may be negative: the parts are then negative).
 * @param ratios - Non-negative finite numbers, at least one positive.
 * @returns One money value per ratio, summing to `value`.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { allocateMoney } from "@opsbook/core";
 *
 * allocateMoney({ amount: 100, currency: "USD" }, [1, 1, 1]).map((m) => m.amount) //=> [34, 33, 33]
 * allocateMoney({ amount: 1000, currency: "JPY" }, [0.7, 0.2, 0.1]).map((m) => m.amount)
 * //=> [700, 200, 100]
 * allocateMoney({ amount: -5, currency: "EUR" }, [1, 1]).map((m) => m.amount) //=> [-3, -2]
 * ```
 */
export function allocateMoney(value: Money, ratios: number[]): Money[] {
  const m = checkMoney(value, ["money"]);
  if (!Array.isArray(ratios) || ratios.length === 0) {
    problem("invalid_input", ["ratios"], "non-empty array of ratios", ratios);
  }
  const decimals = ratios.map((r, i) => {
    if (typeof r !== "number" || !Number.isFinite(r) || r < 0) {
      problem("out_of_range", ["ratios", i], "finite number ≥ 0", r);
    }
    return new Exact(r);
  });
  // Scale ratios to integers so that shares and remainders are exact BigInt arithmetic.
  const places = Math.max(...decimals.map((d) => d.decimalPlaces()));
  const scale = new Exact(10).pow(places);
  const weights = decimals.map((d) => BigInt(d.times(scale).toFixed(0)));
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) problem("out_of_range", ["ratios"], "at least one positive ratio", ratios);
  const sign = m.amount < 0 ? -1n : 1n;
  const whole = BigInt(m.amount) * sign;
  const shares = weights.map((w) => (whole * w) / total);
  const remainders = weights.map((w) => (whole * w) % total);
  let left = whole - shares.reduce((a, b) => a + b, 0n);
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left -= 1n;
  }
  return shares.map((share) => ({ amount: Number(share * sign) || 0, currency: m.currency }));
}

/**
 * Formats money for people with `Intl.NumberFormat`, showing exactly the currency's minor-unit
 * places (ISO 4217), from the exact decimal (no float rounding).
 *
 * @param value - Money.
 * @param locale - BCP 47 locale; default `"en-US"`.
 * @returns The formatted amount.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { formatMoney } from "@opsbook/core";
 *
 * formatMoney({ amount: 123456, currency: "USD" }) //=> "$1,234.56"
 * formatMoney({ amount: 1234, currency: "JPY" }, "en-US") //=> "¥1,234"
 * formatMoney({ amount: 1234567, currency: "KWD" }, "en-US").replace(/\s/, " ") //=> "KWD 1,234.567"
 * ```
 */
export function formatMoney(value: Money, locale = "en-US"): string {
  const m = checkMoney(value, ["money"]);
  const exponent = currencyExponent(m.currency);
  const format = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: m.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  return format.format(toDecimal(m) as Intl.StringNumericLiteral);
}
