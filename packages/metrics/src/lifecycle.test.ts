import { describe, expect, it } from "vitest";
import { lifecycle } from "./lifecycle.ts";

describe("lifecycle: PostHog reference case", () => {
  // PostHog, posthog/hogql_queries/insights/test/test_lifecycle_query_runner.py,
  // test_lifecycle_query_group_0: four persons of one organisation ("org:5"), aggregated by the
  // organisation, daily from 2020-01-09 to 2020-01-19.
  const at = (day: number) => `2020-01-${String(day).padStart(2, "0")}T12:00:00Z`;
  const days: Record<string, number[]> = {
    p1: [11, 12, 13, 15, 17, 19],
    p2: [9, 12],
    p3: [12],
    p4: [15, 18],
  };
  const events = Object.values(days).flatMap((list) =>
    list.map((d) => ({ userId: "org:5", event: "$pageview", timestamp: at(d) })),
  );
  it("reproduces new, returning, resurrecting and dormant per day", () => {
    const result = lifecycle(events, { from: "2020-01-09", to: "2020-01-19T23:59:59Z" });
    expect(result.map((p) => p.new)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.map((p) => p.returning)).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1]);
    expect(result.map((p) => p.resurrecting)).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0]);
    expect(result.map((p) => p.dormant)).toEqual([0, -1, 0, 0, 0, -1, 0, -1, 0, 0, 0]);
  });
});

describe("lifecycle options", () => {
  const day = (d: number) => Date.UTC(2026, 10, 2 + d, 12);
  const events = [
    { userId: "a", event: "use", timestamp: day(1) },
    { userId: "a", event: "use", timestamp: day(2) },
  ];
  it("keys new users on creation when asked (PostHog)", () => {
    const users = [{ userId: "a", createdAt: day(0) }];
    const byCreation = lifecycle(events, { from: day(0), newUserRule: "creation", users });
    expect(byCreation.map((p) => [p.new, p.returning, p.resurrecting])).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    const byActivity = lifecycle(events, { from: day(0) });
    expect(byActivity.map((p) => [p.new, p.returning, p.resurrecting])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });
  it("reads the period before the range and counts activity before it as not new", () => {
    const result = lifecycle([...events, { userId: "a", event: "use", timestamp: day(-5) }], {
      from: day(1),
    });
    expect(result[0]).toMatchObject({ new: 0, resurrecting: 1 });
  });
  it("counts only the selected events", () => {
    const result = lifecycle([...events, { userId: "b", event: "view", timestamp: day(1) }], {
      event: { event: "use" },
    });
    expect(result.map((p) => p.new)).toEqual([1, 0]);
  });
  it("gives no periods for empty input and names bad options", () => {
    expect(lifecycle([])).toEqual([]);
    expect(() => lifecycle([], { newUserRule: "signup" as never })).toThrow(/options\.newUserRule/);
  });
});
