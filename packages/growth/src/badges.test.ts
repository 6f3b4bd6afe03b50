import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { awardBadges } from "./badges.ts";

const day = (d: string, userId = "u1", properties?: Record<string, unknown>) => ({
  userId,
  event: "checkin",
  timestamp: `${d}T08:00:00Z`,
  ...(properties ? { properties } : {}),
});

describe("awardBadges", () => {
  it("awards a streak badge on the day the streak reaches its length, again every length when repeatable", () => {
    const events = [
      "2026-01-01",
      "2026-01-02",
      "2026-01-03",
      "2026-01-04",
      "2026-01-05",
      "2026-01-06",
    ].map((d) => day(d));
    const once = awardBadges(
      [{ id: "three", event: "checkin", criterion: "streak", count: 3 }],
      events,
    );
    expect(once.map((a) => [a.times, new Date(a.at).toISOString().slice(0, 10)])).toEqual([
      [1, "2026-01-03"],
    ]);
    const repeat = awardBadges(
      [{ id: "three", event: "checkin", criterion: "streak", count: 3, repeatable: true }],
      events,
    );
    expect(repeat.map((a) => a.times)).toEqual([1, 2]);
  });

  it("restarts a streak after a missed day and counts each member apart", () => {
    const events = [
      day("2026-01-01"),
      day("2026-01-02"),
      day("2026-01-04"),
      day("2026-01-05"),
      day("2026-01-01", "u2"),
    ];
    expect(
      awardBadges([{ id: "three", event: "checkin", criterion: "streak", count: 3 }], events),
    ).toEqual([]);
  });

  it("awards count and sum badges at the completing event, filtered by conditions", () => {
    const events = [
      day("2026-01-01", "u1", { minutes: 30 }),
      day("2026-01-02", "u1", { minutes: 45 }),
      day("2026-01-03", "u1", { minutes: 50, kind: "yoga" }),
    ];
    const awards = awardBadges(
      [
        {
          id: "hundred-minutes",
          event: "checkin",
          criterion: "sum",
          property: "minutes",
          count: 100,
        },
        {
          id: "yoga",
          event: "checkin",
          conditions: [{ property: "kind", op: "eq", value: "yoga" }],
          count: 1,
        },
      ],
      events,
    );
    expect(awards.map((a) => [a.badgeId, new Date(a.at).toISOString().slice(0, 10)])).toEqual([
      ["hundred-minutes", "2026-01-03"],
      ["yoga", "2026-01-03"],
    ]);
  });

  it("rejects unknown fields and a sum badge without a property", () => {
    expect(() =>
      awardBadges([{ id: "x", event: "e", count: 1, icon: "star" } as never], []),
    ).toThrow(OpsbookError);
    expect(() => awardBadges([{ id: "x", event: "e", criterion: "sum", count: 1 }], [])).toThrow(
      OpsbookError,
    );
  });
});
