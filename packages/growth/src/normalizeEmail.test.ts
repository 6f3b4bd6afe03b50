import { describe, expect, it } from "vitest";
import { disposableEmailDomains, isDisposableEmail } from "./disposableEmailDomains.ts";
import { normalizeEmail } from "./normalizeEmail.ts";

describe("normalizeEmail", () => {
  it("ignores dots for Gmail, which delivers a.da@gmail.com to ada@gmail.com (Gmail Help: 'Dots don't matter in Gmail addresses')", () => {
    expect(normalizeEmail("a.d.a@gmail.com")).toBe("ada@gmail.com");
    expect(normalizeEmail("a.d.a@googlemail.com")).toBe("ada@gmail.com");
    expect(normalizeEmail("a.d.a@example.com")).toBe("a.d.a@example.com");
  });

  it("drops plus-addressing tags (RFC 5233 subaddressing) and case", () => {
    expect(normalizeEmail("Ada+promo@Example.COM")).toBe("ada@example.com");
    expect(normalizeEmail("ada+1+2@example.com")).toBe("ada@example.com");
  });

  it("keeps an address whose local part starts with + and rejects non-addresses", () => {
    expect(normalizeEmail("+ada@example.com")).toBe("+ada@example.com");
    expect(normalizeEmail("@example.com")).toBeNull();
    expect(normalizeEmail("ada@")).toBeNull();
    expect(normalizeEmail("")).toBeNull();
  });
});

describe("disposableEmailDomains", () => {
  it("is a short, sorted, lower-case list without duplicates", () => {
    expect(disposableEmailDomains.length).toBeGreaterThan(20);
    expect(disposableEmailDomains.length).toBeLessThan(100);
    expect([...disposableEmailDomains].sort()).toEqual(disposableEmailDomains);
    expect(new Set(disposableEmailDomains).size).toBe(disposableEmailDomains.length);
    for (const d of disposableEmailDomains) expect(d).toBe(d.toLowerCase());
  });

  it("matches sub-domains but not look-alike domains", () => {
    expect(isDisposableEmail("a@x.yopmail.com")).toBe(true);
    expect(isDisposableEmail("a@notyopmail.com")).toBe(false);
    expect(isDisposableEmail("no-at-sign")).toBe(false);
  });
});
