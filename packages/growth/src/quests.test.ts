import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { evaluateQuest } from "./quests.ts";

const ev = (userId: string, iso: string, properties?: Record<string, unknown>) => ({
  userId,
  event: "lesson",
  timestamp: iso,
  ...(properties ? { properties } : {}),
});

describe("evaluateQuest", () => {
  const quest = {
    id: "week",
    event: "lesson",
    target: 2,
    start: "2026-03-02T00:00:00Z",
    end: "2026-03-08T23:59:59.999Z",
  };

  it("counts events on the start and end instants (both inclusive) and none outside", () => {
    const result = evaluateQuest(quest, [
      ev("a", "2026-03-01T23:59:59.999Z"),
      ev("a", "2026-03-02T00:00:00Z"),
      ev("a", "2026-03-08T23:59:59.999Z"),
      ev("b", "2026-03-09T00:00:00Z"),
    ]);
    expect(result.progress).toEqual([
      {
        userId: "a",
        value: 2,
        completions: 1,
        completedAt: Date.parse("2026-03-08T23:59:59.999Z"),
      },
    ]);
  });

  it("ranks winners by completion time, ties sharing a rank, limited to the first N ranks (Oasis challenges)", () => {
    const events = [
      ev("a", "2026-03-03T10:00:00Z"),
      ev("a", "2026-03-04T10:00:00Z"),
      ev("b", "2026-03-03T09:00:00Z"),
      ev("b", "2026-03-04T10:00:00Z"),
      ev("c", "2026-03-03T08:00:00Z"),
      ev("c", "2026-03-05T10:00:00Z"),
    ];
    expect(
      evaluateQuest({ ...quest, winners: 2 }, events).winners.map((w) => [w.rank, w.userId]),
    ).toEqual([
      [1, "a"],
      [1, "b"],
    ]);
    expect(evaluateQuest(quest, events).winners.map((w) => w.rank)).toEqual([1, 1, 3]);
  });

  it("counts repeat completions only for repeatable quests, and sums a property", () => {
    const events = [1, 2, 3, 4, 5].map((d) =>
      ev("a", `2026-03-0${d + 1}T10:00:00Z`, { minutes: 20 }),
    );
    expect(evaluateQuest(quest, events).progress[0]?.completions).toBe(1);
    expect(evaluateQuest({ ...quest, repeatable: true }, events).progress[0]?.completions).toBe(2);
    expect(
      evaluateQuest(
        { ...quest, measure: "sum", property: "minutes", target: 50, repeatable: true },
        events,
      ).progress[0],
    ).toMatchObject({
      value: 100,
      completions: 2,
    });
  });

  it("rejects unknown fields", () => {
    expect(() => evaluateQuest({ ...quest, prize: "mug" } as never, [])).toThrow(OpsbookError);
  });
});
