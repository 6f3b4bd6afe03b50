import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpsbookError } from "./errors.ts";
import {
  addMoney,
  allocateMoney,
  formatMoney,
  fromDecimal,
  money,
  multiplyMoney,
  type RoundingMode,
  roundDecimal,
  toDecimal,
} from "./money.ts";

describe("roundDecimal: the rounding modes (reference table of Java's java.math.RoundingMode)", () => {
  // Java SE RoundingMode documentation: inputs 5.5, 2.5, 1.6, 1.1, 1.0, -1.0, -1.1, -1.6, -2.5, -5.5.
  const inputs = ["5.5", "2.5", "1.6", "1.1", "1.0", "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"];
  const table: Record<RoundingMode, string[]> = {
    up: ["6", "3", "2", "2", "1", "-1", "-2", "-2", "-3", "-6"],
    down: ["5", "2", "1", "1", "1", "-1", "-1", "-1", "-2", "-5"],
    ceiling: ["6", "3", "2", "2", "1", "-1", "-1", "-1", "-2", "-5"],
    floor: ["5", "2", "1", "1", "1", "-1", "-2", "-2", "-3", "-6"],
    "half-up": ["6", "3", "2", "1", "1", "-1", "-1", "-2", "-3", "-6"],
    "half-down": ["5", "2", "2", "1", "1", "-1", "-1", "-2", "-2", "-5"],
    "half-even": ["6", "2", "2", "1", "1", "-1", "-1", "-2", "-2", "-6"],
  };
  for (const [mode, expected] of Object.entries(table)) {
    it(`rounds ${mode}`, () => {
      expect(inputs.map((v) => roundDecimal(v, 0, mode as RoundingMode))).toEqual(expected);
    });
  }

  it("is exact where binary floats are not (2.675 is 2.67499… as a double)", () => {
    expect(roundDecimal("2.675", 2)).toBe("2.68");
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(roundDecimal("0.1", 20)).toBe("0.10000000000000000000");
    expect(roundDecimal("123456789012345678901234567890.5", 0)).toBe(
      "123456789012345678901234567891",
    );
    expect(roundDecimal("1e-3", 4)).toBe("0.0010");
  });

  it("rejects non-decimals, bad scales and unknown modes", () => {
    expect(() => roundDecimal("0x10", 2)).toThrow(OpsbookError);
    expect(() => roundDecimal("NaN", 2)).toThrow(OpsbookError);
    expect(() => roundDecimal("Infinity", 2)).toThrow(OpsbookError);
    expect(() => roundDecimal("1", -1)).toThrow(OpsbookError);
    expect(() => roundDecimal("1", 1.5)).toThrow(OpsbookError);
    expect(() => roundDecimal("1", 0, "nearest" as RoundingMode)).toThrow(OpsbookError);
    expect(() => roundDecimal("1", 0, "toString" as RoundingMode)).toThrow(OpsbookError);
  });
});

describe("money, fromDecimal and toDecimal", () => {
  it("stores integer minor units with the ISO 4217 exponent", () => {
    expect(fromDecimal("19.99", "USD")).toEqual({ amount: 1999, currency: "USD" });
    expect(fromDecimal("1999", "JPY")).toEqual({ amount: 1999, currency: "JPY" });
    expect(fromDecimal("1.999", "KWD")).toEqual({ amount: 1999, currency: "KWD" });
    expect(fromDecimal("0.1999", "CLF")).toEqual({ amount: 1999, currency: "CLF" });
    expect(fromDecimal(0.1 + 0.2, "USD")).toEqual({ amount: 30, currency: "USD" });
    expect(fromDecimal("-0.004", "USD")).toEqual({ amount: 0, currency: "USD" });
    expect(fromDecimal("-0.005", "USD")).toEqual({ amount: -1, currency: "USD" });
    expect(fromDecimal("-0.005", "USD", { rounding: "ceiling" })).toEqual({
      amount: 0,
      currency: "USD",
    });
  });

  it("round-trips through toDecimal (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.constantFrom("USD", "JPY", "KWD", "CLF"),
        (amount, currency) => {
          const m = money(amount, currency);
          expect(fromDecimal(toDecimal(m), currency)).toEqual(m);
        },
      ),
    );
  });

  it("rejects fractional amounts, unknown currencies and amounts beyond safe integers", () => {
    expect(() => money(1.5, "USD")).toThrow(
      "amount: expected safe integer of minor units, received number 1.5",
    );
    expect(() => money(1, "ABC")).toThrow(OpsbookError);
    expect(() => fromDecimal("1e30", "USD")).toThrow(OpsbookError);
    expect(() => fromDecimal("12,34", "USD")).toThrow(OpsbookError);
    expect(() => toDecimal({ amount: 0.5, currency: "USD" })).toThrow(OpsbookError);
  });
});

describe("multiplyMoney and addMoney", () => {
  it("prices usage below a minor unit exactly: 123 457 events at USD 0.0006 = USD 74.07", () => {
    expect(multiplyMoney(money(100, "USD"), "0.0006")).toEqual({ amount: 0, currency: "USD" });
    expect(multiplyMoney(money(100, "USD"), "740.742")).toEqual({ amount: 74074, currency: "USD" });
    expect(fromDecimal(roundDecimal(String(123_457 * 0.0006), 2), "USD").amount).toBe(7407);
    expect(multiplyMoney(money(1005, "USD"), "0.5", { rounding: "half-even" }).amount).toBe(502);
    expect(multiplyMoney(money(1005, "USD"), "0.5").amount).toBe(503);
  });

  it("adds one currency and refuses to mix currencies (code conflict)", () => {
    expect(addMoney(money(1, "USD"), money(2, "usd"), money(-3, "USD"))).toEqual({
      amount: 0,
      currency: "USD",
    });
    let error: OpsbookError | undefined;
    try {
      addMoney(money(1, "USD"), money(1, "USD"), money(2, "EUR"));
    } catch (e) {
      error = e as OpsbookError;
    }
    expect(error?.code).toBe("conflict");
    expect(error?.message).toBe('values[2].currency: expected USD, received string "EUR"');
    expect(() => addMoney()).toThrow(OpsbookError);
  });
});

/**
 * Ratios as integer weights on one decimal scale, each read from the shortest decimal that prints
 * it (`String(r)`): the oracle of the allocation property, computed without `allocateMoney`.
 */
function decimalWeights(ratios: number[]): bigint[] {
  const parsed = ratios.map((r) => {
    const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(r));
    if (!match) throw new Error(`unexpected ratio ${r}`);
    const fraction = match[2] ?? "";
    return {
      digits: BigInt(`${match[1]}${fraction}`),
      exponent: Number(match[3] ?? 0) - fraction.length,
    };
  });
  const lowest = Math.min(...parsed.map((p) => p.exponent));
  return parsed.map((p) => p.digits * 10n ** BigInt(p.exponent - lowest));
}

describe("allocateMoney (largest remainder, Hamilton's method)", () => {
  it("gives leftover minor units to the largest remainders, earlier parts first on ties", () => {
    const parts = (amount: number, ratios: number[]) =>
      allocateMoney(money(amount, "USD"), ratios).map((m) => m.amount);
    expect(parts(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(parts(5, [3, 7])).toEqual([2, 3]); // 1.5 and 3.5: tie, the first part wins
    expect(parts(10, [0.5, 0.25, 0.25])).toEqual([5, 3, 2]);
    expect(parts(1, [0, 1])).toEqual([0, 1]);
    expect(parts(0, [1, 2])).toEqual([0, 0]);
    expect(parts(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(parts(Number.MAX_SAFE_INTEGER, [1, 2])).toEqual([3002399751580330, 6004799503160661]);
  });

  it("sums exactly and keeps each part within one minor unit of its exact share (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 100, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (amount, ratios) => {
          fc.pre(ratios.some((r) => r > 0));
          const parts = allocateMoney(money(amount, "EUR"), ratios);
          expect(parts.reduce((s, m) => s + m.amount, 0)).toBe(amount);
          // Exact shares, with each ratio read as the decimal it prints as (the documented rule;
          // it differs from the binary value only for subnormal numbers such as 1.5e-323).
          const weights = decimalWeights(ratios);
          const total = weights.reduce((s, w) => s + w, 0n);
          parts.forEach((part, i) => {
            expect(Number.isSafeInteger(part.amount)).toBe(true);
            expect(part.currency).toBe("EUR");
            // |part − amount·wᵢ/Σw| < 1, compared in integers.
            const gap = BigInt(part.amount) * total - BigInt(amount) * weights[i]!;
            expect(gap < total && -gap < total).toBe(true);
          });
        },
      ),
    );
  });

  it("reads ratios as the decimals they print as, subnormal numbers included", () => {
    // 1.5e-323 and 6.4e-323 are 3 and 13 times the smallest double: 3:13 in binary, 15:64 as
    // printed. 393 × 15/79 = 74.62…, 393 × 64/79 = 318.38…: the left-over unit goes to the first.
    expect(allocateMoney(money(-393, "EUR"), [1.5e-323, 6.4e-323]).map((m) => m.amount)).toEqual([
      -75, -318,
    ]);
  });

  it("rejects empty, negative and all-zero ratios", () => {
    expect(() => allocateMoney(money(1, "USD"), [])).toThrow(OpsbookError);
    expect(() => allocateMoney(money(1, "USD"), [1, -1])).toThrow(OpsbookError);
    expect(() => allocateMoney(money(1, "USD"), [0, 0])).toThrow(OpsbookError);
    expect(() => allocateMoney(money(1, "USD"), [Number.NaN])).toThrow(OpsbookError);
  });
});

describe("formatMoney", () => {
  it("shows the currency's minor-unit places in the locale's style", () => {
    expect(formatMoney(money(123456, "USD"))).toBe("$1,234.56");
    expect(formatMoney(money(-5, "USD"))).toBe("-$0.05");
    expect(formatMoney(money(123456, "CNY"), "zh-CN")).toBe("¥1,234.56");
    expect(formatMoney(money(1234, "JPY"), "ja-JP")).toBe("￥1,234");
    expect(formatMoney(money(123456, "EUR"), "de-DE").replace(/\s/g, " ")).toBe("1.234,56 €");
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, "USD"))).toBe("$90,071,992,547,409.91");
  });
});
