import { describe, expect, it } from "vitest";
import { assessReferralRisk } from "./assessReferralRisk.ts";

const at = Date.parse("2026-03-01T12:00:00Z");
const HOUR = 3_600_000;

describe("assessReferralRisk", () => {
  it("approves a clean referral with score 0", () => {
    const risk = assessReferralRisk({
      at,
      referrer: { id: "a", email: "ada@example.com", deviceId: "d1" },
      referee: { id: "b", email: "bob@example.com", deviceId: "d2" },
    });
    expect(risk).toEqual({ outcome: "approve", score: 0, reasons: [] });
  });

  it("flags self-referral through case, plus-addressing and Gmail dots (FirstPromoter: same email is a self-referral)", () => {
    const risk = assessReferralRisk({
      at,
      referrer: { email: "mallory@gmail.com" },
      referee: { email: "MAL.LORY+7@gmail.com" },
    });
    expect(risk.reasons.map((r) => r.code)).toEqual(["self_referral"]);
    expect(risk.outcome).toBe("reject");
  });

  it("scores shared device, card and IP separately, against the referrer or any earlier account", () => {
    const risk = assessReferralRisk({
      at,
      referrer: { deviceId: "d1", ipAddress: "10.0.0.1" },
      referee: { deviceId: "d1", ipAddress: "10.0.0.1", paymentFingerprint: "card" },
      seenElsewhere: { payment: true },
    });
    expect(risk.reasons.map((r) => [r.code, r.score])).toEqual([
      ["shared_device", 60],
      ["shared_payment", 80],
      ["shared_ip", 30],
    ]);
    expect(risk.score).toBe(100);
  });

  it("checks velocity over several windows, this referral included", () => {
    const rules = {
      velocity: {
        windows: [
          { within: "PT1H", max: 3 },
          { within: "P1D", max: 5 },
        ],
        score: 40,
      },
    };
    const inHour = [at - 3 * HOUR, at - 30 * 60_000, at - 20 * 60_000];
    expect(
      assessReferralRisk(
        { at, referrer: { referralTimes: inHour.slice(0, 2) }, referee: {} },
        rules,
      ).reasons,
    ).toEqual([]);
    expect(
      assessReferralRisk({ at, referrer: { referralTimes: inHour }, referee: {} }, rules).reasons,
    ).toEqual([]);
    const burst = [...inHour, at - 40 * 60_000].sort((x, y) => x - y);
    expect(
      assessReferralRisk({ at, referrer: { referralTimes: burst }, referee: {} }, rules).reasons[0]
        ?.message,
    ).toBe("4 referrals within PT1H (max 3)");
    const day = [at - 20 * HOUR, at - 10 * HOUR, at - 5 * HOUR, at - 2 * HOUR, at - HOUR / 2];
    expect(
      assessReferralRisk({ at, referrer: { referralTimes: day }, referee: {} }, rules).reasons[0]
        ?.message,
    ).toBe("6 referrals within P1D (max 5)");
  });

  it("flags a referrer at FirstPromoter's default refund-rate threshold of 25 %: 1 refunded customer in 4 ('Refund fraud detection' changelog)", () => {
    const check = (customers: number, refundedCustomers: number) =>
      assessReferralRisk({
        at,
        referrer: { customers, refundedCustomers },
        referee: {},
      }).reasons.map((r) => r.code);
    expect(check(4, 1)).toEqual(["refund_rate"]);
    expect(check(5, 1)).toEqual([]);
    expect(check(3, 3)).toEqual([]); // fewer than minCustomers (4)
  });

  it("holds at the hold threshold and rejects at the reject threshold (configurable)", () => {
    const input = { at, referrer: {}, referee: { email: "x@mailinator.com" } };
    expect(assessReferralRisk(input).outcome).toBe("hold");
    expect(assessReferralRisk(input, { thresholds: { hold: 60, reject: 90 } }).outcome).toBe(
      "approve",
    );
    expect(assessReferralRisk(input, { thresholds: { hold: 10, reject: 50 } }).outcome).toBe(
      "reject",
    );
    expect(
      assessReferralRisk({ at, referrer: {}, referee: { existingCustomer: true } }).outcome,
    ).toBe("reject");
    expect(assessReferralRisk(input, { disposableEmail: false }).outcome).toBe("approve");
  });

  it("throws OpsbookError naming the field for invalid rules", () => {
    expect(() =>
      assessReferralRisk(
        { at, referrer: {}, referee: {} },
        { velocity: { windows: [{ within: "P1M", max: 1 }] } },
      ),
    ).toThrowError(/velocity\.windows\[0\]\.within/);
  });
});
