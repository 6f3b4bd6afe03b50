import { describe, expect, it } from "vitest";
import { assignPersonas } from "./assignPersonas.ts";
import { extractBehaviourFeatures } from "./extractBehaviourFeatures.ts";

const users = [
  { id: "a", attributes: { plan: "team", activeDays: 3, tags: ["admin"], company: { size: 120 } } },
  { id: "b", attributes: { plan: "free", activeDays: 25, tags: [] } },
  { id: "c", attributes: { plan: "pro", activeDays: 12, country: "CN" } },
  { id: "d", attributes: { activeDays: "7" } },
];

describe("assignPersonas", () => {
  it("gives every user exactly one persona: the first matching rule, else the fallback", () => {
    const report = assignPersonas(
      users,
      [
        { persona: "Admin", when: { field: "tags", op: "contains", value: "admin" } },
        { persona: "Power", when: { field: "activeDays", op: "gte", value: 10 } },
      ],
      { fallback: "Other" },
    );
    expect(report.assignments.map((a) => a.persona)).toEqual(["Admin", "Power", "Power", "Other"]);
    expect(report.counts).toEqual({ Admin: 1, Power: 2, Other: 1 });
    expect(report.coverage).toBe(0.75);
    expect(report.unassigned).toEqual(["d"]);
  });
  it("evaluates all / any / not, in, between and dotted paths without eval", () => {
    const report = assignPersonas(users, [
      {
        persona: "Big paid team",
        when: {
          all: [
            { field: "plan", op: "in", value: ["team", "pro"] },
            { field: "company.size", op: "between", value: [50, 500] },
          ],
        },
      },
      {
        persona: "China or idle",
        when: {
          any: [
            { field: "country", op: "eq", value: "CN" },
            { not: { field: "activeDays", op: "gt", value: 5 } },
          ],
        },
      },
    ]);
    expect(report.assignments.map((a) => a.matches)).toEqual([
      ["Big paid team", "China or idle"],
      [],
      ["China or idle"],
      [],
    ]);
    expect(report.overlaps).toEqual([{ personas: ["Big paid team", "China or idle"], users: 1 }]);
  });
  it("compares numeric strings as numbers and treats missing attributes as non-matching", () => {
    const report = assignPersonas(users, [
      { persona: "Weekly", when: { field: "activeDays", op: "between", value: [5, 8] } },
      { persona: "No plan", when: { field: "plan", op: "exists", value: false } },
      { persona: "Not pro", when: { field: "plan", op: "neq", value: "pro" } },
    ]);
    expect(report.assignments.find((a) => a.userId === "d")?.matches).toEqual([
      "Weekly",
      "No plan",
      "Not pro",
    ]);
    expect(report.assignments.find((a) => a.userId === "c")?.matches).toEqual([]);
  });
  it("reports zero coverage for no users", () => {
    const report = assignPersonas([], [{ persona: "A", when: { field: "x", op: "exists" } }]);
    expect(report).toMatchObject({
      coverage: 0,
      assignments: [],
      unassigned: [],
      counts: { A: 0, unassigned: 0 },
    });
  });
  it("rejects an unknown operator with an OpsbookError pointing at the rule", () => {
    expect(() =>
      assignPersonas(users, [
        { persona: "A", when: { field: "x", op: "regex", value: ".*" } as never },
      ]),
    ).toThrow(
      expect.objectContaining({ name: "OpsbookError", path: expect.arrayContaining(["rules", 0]) }),
    );
  });
  it("assigns on behaviour summaries from extractBehaviourFeatures", () => {
    const { users: summarised } = extractBehaviourFeatures([
      {
        userId: "buyer",
        event: "signup",
        timestamp: "2026-01-01T08:00:00Z",
        properties: { channel: "referral" },
      },
      {
        userId: "buyer",
        event: "purchase",
        timestamp: "2026-01-02T08:00:00Z",
        properties: { amount: 1900, currency: "USD" },
      },
      {
        userId: "browser",
        event: "signup",
        timestamp: "2026-01-03T08:00:00Z",
        properties: { channel: "organic" },
      },
    ]);
    const report = assignPersonas(summarised, [
      {
        persona: "Referred buyer",
        when: {
          all: [
            { field: "purchases", op: "gte", value: 1 },
            { field: "channel", op: "eq", value: "referral" },
          ],
        },
      },
    ]);
    expect(report.assignments).toEqual([
      { userId: "buyer", persona: "Referred buyer", matches: ["Referred buyer"] },
      { userId: "browser", persona: "unassigned", matches: [] },
    ]);
  });
});
