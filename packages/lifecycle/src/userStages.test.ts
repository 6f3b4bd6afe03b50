import { describe, expect, it } from "vitest";
import {
  classifyUserStages,
  projectUserStages,
  userStages,
  userStageTransitions,
} from "./index.ts";

const day = (n: number) => Date.UTC(2026, 0, 1) + n * 86_400_000;
const open = (userId: string, ...days: number[]) =>
  days.map((d) => ({ userId, event: "open", timestamp: day(d) }));

describe("classifyUserStages", () => {
  it("keeps a user new until the activation rule is met within its window", () => {
    const rules = { activation: { events: ["project_created"], minCount: 1, withinDays: 7 } };
    const events = [
      ...open("ana", 0, 1, 2),
      { userId: "ana", event: "project_created", timestamp: day(3) },
      ...open("ben", 0, 1, 2, 3),
      { userId: "ben", event: "project_created", timestamp: day(9) }, // too late
    ];
    const stages = classifyUserStages(events, day(3), rules).users.map((u) => [u.userId, u.stage]);
    expect(stages).toEqual([
      ["ana", "engaged"],
      ["ben", "new"],
    ]);
    const later = classifyUserStages(events, day(10), rules).users.find((u) => u.userId === "ben");
    expect(later).toMatchObject({
      stage: "new",
      activated: false,
      reason: "has not met the activation rule",
    });
  });

  it("marks dormant and churned users by days without activity", () => {
    const events = [...open("ana", 0, 1), ...open("ben", 0, 20)];
    const result = classifyUserStages(events, day(35));
    expect(result.users.map((u) => u.stage)).toEqual(["churned", "dormant"]);
    expect(result.counts).toMatchObject({ churned: 1, dormant: 1, engaged: 0 });
  });

  it("marks a user who comes back after a dormant gap as resurrected, then as usual", () => {
    const events = open("ana", 0, 1, 2, 30, 31);
    expect(classifyUserStages(events, day(32)).users[0]?.stage).toBe("resurrected");
    expect(classifyUserStages(events, day(40)).users[0]?.stage).not.toBe("resurrected");
  });

  it("flags at risk by the own-baseline drop rule", () => {
    // Active every day for 28 days, then only once in the last 7 days.
    const days = [...Array.from({ length: 28 }, (_, i) => i), 33];
    const user = classifyUserStages(open("ana", ...days), day(34)).users[0];
    expect(user?.stage).toBe("at_risk");
    expect(user?.reason).toMatch(/rate fell/);
  });

  it("flags at risk by the purchase-gap percentile rule", () => {
    // A weekly user (gaps of 7 days) silent for 10 days.
    const user = classifyUserStages(open("ana", 0, 7, 14, 21, 28, 35), day(45), {
      atRisk: { baselineDays: 60 },
    }).users[0];
    expect(user?.stage).toBe("at_risk");
    expect(user?.reason).toMatch(/percentile gap/);
  });

  it("counts only activity events when they are listed", () => {
    const events = [
      ...open("ana", 0),
      ...Array.from({ length: 5 }, (_, i) => ({
        userId: "ana",
        event: "email_open",
        timestamp: day(i + 20),
      })),
    ];
    expect(classifyUserStages(events, day(25), { activityEvents: ["open"] }).users[0]?.stage).toBe(
      "dormant",
    );
    expect(classifyUserStages(events, day(25)).users[0]?.stage).not.toBe("dormant");
  });

  it("ignores users first seen after the date and uses calendar days of the time zone", () => {
    const events = [
      { userId: "ana", event: "open", timestamp: "2026-01-01T20:00:00Z" },
      { userId: "ben", event: "open", timestamp: "2026-02-01T00:00:00Z" },
    ];
    const utc = classifyUserStages(events, "2026-01-15T00:00:00Z");
    expect(utc.users.map((u) => u.userId)).toEqual(["ana"]);
    expect(utc.users[0]?.daysSinceLastActive).toBe(14);
    const shanghai = classifyUserStages(events, "2026-01-15T00:00:00Z", {
      timeZone: "Asia/Shanghai",
    });
    expect(shanghai.users[0]?.daysSinceLastActive).toBe(13);
  });

  it("rejects contradictory rules and bad events with OpsbookError", () => {
    expect(() => classifyUserStages([], day(1), { dormantDays: 30, churnedDays: 10 })).toThrowError(
      expect.objectContaining({ name: "OpsbookError", code: "conflict" }),
    );
    expect(() =>
      classifyUserStages([{ userId: "", event: "x", timestamp: 1 }], day(1)),
    ).toThrowError(expect.objectContaining({ name: "OpsbookError" }));
    expect(() => classifyUserStages([], "someday")).toThrowError(
      expect.objectContaining({ path: ["asOf"] }),
    );
  });
});

describe("userStageTransitions", () => {
  const events = [
    ...open("ana", 0, 1, 2, 3, 20, 21, 22),
    ...open("ben", 0, 5),
    ...open("cai", 15, 16, 17),
  ];

  it("counts moves between the stages at two dates and keeps entrants apart", () => {
    const moves = userStageTransitions(events, day(5), day(22));
    expect(moves.fromCounts.engaged + moves.fromCounts.new).toBe(2);
    expect(moves.counts.engaged.resurrected).toBe(1); // ana: gap of 17 days, back on day 20
    expect(moves.counts.new.dormant).toBe(1); // ben: last seen on day 5
    expect(moves.entrants.engaged).toBe(1); // cai
    for (const a of userStages) {
      const sum = userStages.reduce((s, b) => s + moves.probabilities[a][b], 0);
      expect([0, 1]).toContainEqual(Math.round(sum * 1e12) / 1e12);
    }
  });

  it("rejects a later date before the earlier one", () => {
    expect(() => userStageTransitions(events, day(5), day(1))).toThrowError(
      expect.objectContaining({ name: "OpsbookError", path: ["to"] }),
    );
  });
});

describe("projectUserStages", () => {
  it("applies the transition matrix step by step and adds entrants (Markov chain)", () => {
    const p = {
      new: { new: 0, engaged: 0.5, dormant: 0.5 },
      engaged: { engaged: 0.9, dormant: 0.1 },
      dormant: { dormant: 0.8, engaged: 0.2 },
    };
    const path = projectUserStages(p, { new: 100 }, 2, { entrants: { new: 10 } });
    expect(path[1]).toMatchObject({ new: 10, engaged: 50, dormant: 50 });
    expect(path[2]).toMatchObject({ new: 10, engaged: 5 + 45 + 10, dormant: 5 + 5 + 40 });
    // Users are conserved apart from entrants.
    const total = (c: Record<string, number>) => Object.values(c).reduce((s, v) => s + v, 0);
    expect(total(path[2]!)).toBeCloseTo(120, 10);
  });

  it("rejects a row that does not sum to 1", () => {
    expect(() => projectUserStages({ engaged: { engaged: 0.5 } }, { engaged: 1 }, 1)).toThrowError(
      expect.objectContaining({ name: "OpsbookError", path: ["engaged"] }),
    );
  });
});
