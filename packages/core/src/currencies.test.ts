import { describe, expect, it } from "vitest";
import { currencyCodes, currencyExponent } from "./currencies.ts";
import { OpsbookError } from "./errors.ts";

describe("currencyExponent (ISO 4217 List One minor units, SIX 2025)", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["CNY", 2],
    ["GBP", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["VND", 0],
    ["ISK", 0],
    ["CLP", 0],
    ["XAF", 0],
    ["XOF", 0],
    ["XPF", 0],
    ["UYI", 0],
    ["UGX", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["OMR", 3],
    ["JOD", 3],
    ["TND", 3],
    ["LYD", 3],
    ["IQD", 3],
    ["CLF", 4],
    ["UYW", 4],
    ["MRU", 2],
    ["VES", 2],
    ["SLE", 2],
    ["ZWG", 2],
    ["XCG", 2],
    ["HUF", 2],
    ["IDR", 2],
  ] as const)("%s has exponent %i", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it("accepts lower case and rejects withdrawn codes, metals and non-codes", () => {
    expect(currencyExponent("jpy")).toBe(0);
    for (const code of ["HRK", "XAU", "XDR", "XTS", "XXX", "US", "usdd", ""]) {
      expect(() => currencyExponent(code)).toThrow(OpsbookError);
    }
    expect(() => currencyExponent(42 as unknown as string)).toThrow(OpsbookError);
  });

  it("lists about 170 three-letter codes, each once, sorted", () => {
    const codes = currencyCodes();
    expect(codes.length).toBeGreaterThan(160);
    expect(codes.length).toBeLessThan(185);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it("lists only codes that Intl (CLDR) knows, apart from fund codes and codes newer than CLDR", () => {
    // Intl (ICU/CLDR) lists current and historic currencies but not ISO 4217's fund codes.
    const funds = ["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"];
    const intl = new Set(Intl.supportedValuesOf("currency"));
    const missing = currencyCodes().filter((code) => !intl.has(code));
    expect(
      missing.filter((c) => !funds.includes(c) && !["ZWG", "XCG", "VED", "SLE"].includes(c)),
    ).toEqual([]);
  });
});
