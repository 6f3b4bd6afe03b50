import { describe, expect, it } from "vitest";
import { channelReport } from "./channelReport.ts";

const D = 86_400_000;

describe("channelReport", () => {
  const users = [
    { userId: "a", channel: "ads", createdAt: 0 },
    { userId: "b", channel: "ads", createdAt: 0 },
    { userId: "c", channel: "ads", createdAt: 20 * D },
    { userId: "d", channel: "seo", createdAt: 0 },
  ];
  const events = [
    { userId: "a", event: "activate", timestamp: 2 * D },
    { userId: "a", event: "visit", timestamp: 7.5 * D },
    { userId: "b", event: "activate", timestamp: 8 * D },
    { userId: "c", event: "visit", timestamp: 21.2 * D },
    { userId: "d", event: "visit", timestamp: 30.5 * D },
  ];
  it("reports users, activation, D1 / D7 / D30 retention over eligible users, spend and CAC", () => {
    const [ads, seo] = channelReport({
      users,
      events,
      activationEvent: "activate",
      spend: { ads: { amount: 1000, currency: "EUR" }, seo: { amount: 0, currency: "EUR" } },
      asOf: 40 * D,
    });
    expect(ads).toMatchObject({ channel: "ads", users: 3, activationRate: 1 / 3 });
    expect(ads!.retention).toEqual({ d1: 1 / 3, d7: 1 / 3, d30: 0 });
    expect(ads!.cac).toEqual({ amount: 333, currency: "EUR" });
    expect(seo!.retention).toEqual({ d1: 0, d7: 0, d30: 1 });
  });
  it("rounds CAC half to even and leaves retention null before day N has ended", () => {
    const [row] = channelReport({
      users: [
        { userId: "a", channel: "x", createdAt: 0 },
        { userId: "b", channel: "x", createdAt: 0 },
      ],
      events: [{ userId: "a", event: "e", timestamp: 0 }],
      activationEvent: "e",
      spend: { x: { amount: 5, currency: "USD" } },
      asOf: 3 * D,
    });
    expect(row!.cac).toEqual({ amount: 2, currency: "USD" });
    expect(row!.retention.d7).toBeNull();
  });
  it("rejects spends in two currencies and names bad fields", () => {
    const spend = { a: { amount: 1, currency: "USD" }, b: { amount: 1, currency: "EUR" } };
    expect(() => channelReport({ users: [], events: [], activationEvent: "e", spend })).toThrow(
      /input\.spend/,
    );
    expect(() =>
      channelReport({
        users: [{ userId: "a", channel: "", createdAt: 0 }],
        events: [],
        activationEvent: "e",
      }),
    ).toThrow(/input\.users\[0\]\.channel/);
  });
  it("gives an empty report for no users", () => {
    expect(channelReport({ users: [], events: [], activationEvent: "e" })).toEqual([]);
  });
});
