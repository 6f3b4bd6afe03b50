import { describeValue, OpsbookError } from "./errors.ts";

/**
 * Minor-unit exponents of the ISO 4217 List One (active codes, as published by SIX, the
 * maintenance agency, in 2025), including the fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI,
 * UYW). Codes whose minor unit is "N.A." (precious metals XAU/XAG/XPD/XPT, XDR, XSU, XUA, the bond
 * units XBA–XBD, XTS, XXX) have no minor unit and are not money here. Every code not listed below
 * has exponent 2.
 */
const EXPONENT_0 = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const EXPONENT_3 = "BHD IQD JOD KWD LYD OMR TND";
const EXPONENT_4 = "CLF UYW";
const EXPONENT_2 = [
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN",
  "BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP",
  "GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP",
  "LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR",
  "NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN",
  "SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR",
  "ZMW ZWG",
].join(" ");

const exponents = new Map<string, number>();
for (const [list, exponent] of [
  [EXPONENT_0, 0],
  [EXPONENT_2, 2],
  [EXPONENT_3, 3],
  [EXPONENT_4, 4],
] as const) {
  for (const code of list.split(" ")) exponents.set(code, exponent);
}

/**
 * Every ISO 4217 currency code that Opsbook money accepts, sorted.
 *
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { currencyCodes } from "@opsbook/core";
 *
 * currencyCodes().includes("CNY") //=> true
 * currencyCodes().includes("XAU") //=> false
 * ```
 */
export function currencyCodes(): string[] {
  return [...exponents.keys()].sort();
}

/**
 * The ISO 4217 minor-unit exponent of a currency: how many decimal places its minor unit has
 * (JPY 0, USD 2, KWD 3, CLF 4). Money amounts are integers of 10^−exponent units.
 *
 * @param currency - An ISO 4217 alphabetic code (case-insensitive).
 * @returns 0, 2, 3 or 4.
 * @throws {@link OpsbookError} `not_found` for a code that is not an active currency.
 * @category Money
 * @since 0.1.0
 * @example
 * ```ts
 * import { currencyExponent } from "@opsbook/core";
 *
 * currencyExponent("USD") //=> 2
 * currencyExponent("JPY") //=> 0
 * currencyExponent("kwd") //=> 3
 * currencyExponent("CLF") //=> 4
 * currencyExponent("XYZ") //=> throws OpsbookError
 * ```
 */
export function currencyExponent(currency: string): number {
  const exponent = typeof currency === "string" ? exponents.get(currency.toUpperCase()) : undefined;
  if (exponent === undefined) {
    const expected = "active ISO 4217 currency code";
    throw new OpsbookError(
      typeof currency === "string" ? "not_found" : "invalid_input",
      `currency: expected ${expected}, received ${describeValue(currency)}`,
      ["currency"],
    );
  }
  return exponent;
}
