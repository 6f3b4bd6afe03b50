import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  generateReferralCodes,
  normalizeReferralCode,
  referralCodeAlphabet,
} from "./referralCodes.ts";

describe("generateReferralCodes", () => {
  it("uses Crockford's Base32 alphabet: no I, L, O or U (crockford.com/base32.html)", () => {
    expect(referralCodeAlphabet).toBe("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    const codes = generateReferralCodes({ count: 2000, length: 8, seed: "alphabet" });
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it("is deterministic per seed and differs between seeds", () => {
    const a = generateReferralCodes({ count: 20, seed: 1 });
    expect(generateReferralCodes({ count: 20, seed: 1 })).toEqual(a);
    expect(generateReferralCodes({ count: 20, seed: 2 })).not.toEqual(a);
  });

  it("never repeats a code of the programme, even in a tiny code space", () => {
    const existing = generateReferralCodes({ count: 100_000, length: 4, seed: "a" });
    const more = generateReferralCodes({ count: 50_000, length: 4, seed: "b", existing });
    const all = new Set([...existing, ...more]);
    expect(all.size).toBe(150_000);
  });

  it("rejects bad options with OpsbookError naming the field", () => {
    expect(() => generateReferralCodes({ count: -1, seed: 1 })).toThrowError(/count/);
    expect(() => generateReferralCodes({ count: 1, length: 3, seed: 1 })).toThrowError(/length/);
    expect(() => generateReferralCodes({ count: 1, prefix: "db-", seed: 1 })).toThrowError(
      /prefix/,
    );
  });
});

describe("normalizeReferralCode", () => {
  it("reads O as 0 and I, L as 1, ignoring case, spaces and hyphens (Crockford decoding)", () => {
    expect(normalizeReferralCode("abc-def-ghj")).toEqual({ ok: true, code: "ABCDEFGHJ" });
    expect(normalizeReferralCode("o1Il-oOo0")).toEqual({ ok: true, code: "01110000" });
  });

  it("returns a typed malformed_code rejection instead of throwing", () => {
    expect(normalizeReferralCode("ABC")).toMatchObject({ ok: false, reason: "malformed_code" });
    expect(normalizeReferralCode("ABCD_EFGH")).toMatchObject({
      ok: false,
      reason: "malformed_code",
    });
    expect(normalizeReferralCode("ÄBCDEFGH")).toMatchObject({
      ok: false,
      reason: "malformed_code",
    });
    expect(normalizeReferralCode(null as unknown as string)).toMatchObject({ ok: false });
  });

  it("round-trips every generated code, whatever the case and grouping (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, lower) => {
        const [code] = generateReferralCodes({ count: 1, seed, prefix: "R" }) as [string];
        const typed = `${code.slice(0, 3)}-${code.slice(3)}`;
        const result = normalizeReferralCode(lower ? typed.toLowerCase() : typed);
        expect(result).toEqual({ ok: true, code });
      }),
    );
  });
});
