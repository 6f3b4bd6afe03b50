import { describe, expect, it } from "vitest";
import { attributeReferral } from "./attributeReferral.ts";

const anna = { code: "ANNA0001", at: "2026-06-01T09:00:00Z" };
const ben = { code: "BEN00002", at: "2026-06-10T09:00:00Z" };

describe("attributeReferral", () => {
  it("counts the click day as day 1: a 30-day window from a click on June 1 credits conversions on or before June 30 (Rewardful, 'How long are referral cookies valid?')", () => {
    expect(attributeReferral([anna], "2026-06-30T23:59:59Z", { windowDays: 30 }).ok).toBe(true);
    expect(attributeReferral([anna], "2026-07-01T00:00:00Z", { windowDays: 30 })).toMatchObject({
      ok: false,
      reason: "outside_window",
    });
  });

  it("defaults to a 60-day window (Rewardful's default cookie window)", () => {
    expect(attributeReferral([anna], "2026-07-30T12:00:00Z").ok).toBe(true); // day 60
    expect(attributeReferral([anna], "2026-07-31T12:00:00Z").ok).toBe(false); // day 61
  });

  it("credits the first affiliate by default and the last one with last-touch (Rewardful, 'First or Last Touch Affiliate Attribution': first touch is the default for new campaigns)", () => {
    const first = attributeReferral([ben, anna], "2026-06-15T00:00:00Z");
    expect(first).toMatchObject({ ok: true, code: "ANNA0001", index: 1 });
    const last = attributeReferral([ben, anna], "2026-06-15T00:00:00Z", { model: "last-touch" });
    expect(last).toMatchObject({ ok: true, code: "BEN00002", index: 0 });
  });

  it("drops touches outside the window before applying the model", () => {
    const result = attributeReferral([anna, ben], "2026-07-05T00:00:00Z", { windowDays: 30 });
    expect(result).toMatchObject({ ok: true, code: "BEN00002" });
  });

  it("lets a typed code beat link clicks unless precedence is touch-order", () => {
    const typed = { code: "CARA0003", at: "2026-06-12T09:00:00Z", via: "code" as const };
    expect(attributeReferral([anna, typed, ben], "2026-06-15T00:00:00Z")).toMatchObject({
      code: "CARA0003",
    });
    expect(
      attributeReferral([anna, typed, ben], "2026-06-15T00:00:00Z", { precedence: "touch-order" }),
    ).toMatchObject({ code: "ANNA0001" });
  });

  it("counts days in the programme's time zone", () => {
    // 23:30 UTC on June 30 is already July 1 in Shanghai (UTC+8): day 31.
    const at = "2026-06-30T23:30:00Z";
    expect(attributeReferral([anna], at, { windowDays: 30 }).ok).toBe(true);
    expect(attributeReferral([anna], at, { windowDays: 30, timeZone: "Asia/Shanghai" }).ok).toBe(
      false,
    );
  });

  it("ignores touches after the conversion and reports typed reasons instead of throwing", () => {
    expect(attributeReferral([ben], "2026-06-01T00:00:00Z")).toMatchObject({
      ok: false,
      reason: "no_touch",
    });
    expect(attributeReferral([], "2026-06-01T00:00:00Z")).toMatchObject({
      ok: false,
      reason: "no_touch",
    });
    expect(attributeReferral([{ code: "!!", at: 0 }], 1)).toMatchObject({
      ok: false,
      reason: "malformed_code",
    });
    expect(attributeReferral([{ code: "ANNA0001", at: "not a date" }], 1)).toMatchObject({
      ok: false,
    });
  });
});
