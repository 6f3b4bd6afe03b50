import { type EventInput, toEpochMs, validate } from "@opsbook/core";
import { matchesCondition, matchesEvent } from "./internal/conditions.ts";
import { readPath } from "./internal/properties.ts";
import { type QuestInput, questSchema } from "./schemas.ts";

/**
 * A member's standing in a quest.
 *
 * @category Quests
 * @since 0.1.0
 */
export interface QuestProgress {
  userId: string;
  /** Count or sum so far (within the quest's dates). */
  value: number;
  /** Completions: 0 or 1, or more for a repeatable quest. */
  completions: number;
  /** Instant of the first completion, `null` if not completed. */
  completedAt: number | null;
}

/**
 * A quest's outcome: every member's progress and the winners.
 *
 * @category Quests
 * @since 0.1.0
 */
export interface QuestResult {
  progress: QuestProgress[];
  /** Members who completed, by completion time; `rank` by standard competition ranking ("1224"). */
  winners: { userId: string; rank: number; completedAt: number }[];
}

/**
 * Evaluates a quest or challenge: counts matching events (or sums a property) between `start` and
 * `end` — both inclusive, so an event at exactly `end` counts — and completes a member at
 * `target` (again at every further multiple of `target` when `repeatable`). Winners are the
 * members who completed, ranked by completion time (ties share a rank), limited to the first
 * `winners` ranks when set (Oasis challenges: the first N to satisfy the condition win).
 *
 * @param quest - The quest (validated; unknown fields rejected).
 * @param events - Events of any number of members.
 * @returns Progress of every member who had a matching event, and the winners.
 * @category Quests
 * @since 0.1.0
 * @example
 * ```ts
 * import { evaluateQuest } from "@opsbook/growth";
 *
 * const quest = { id: "december", event: "run", target: 2, start: "2026-12-01T00:00:00Z", end: "2026-12-31T23:59:59Z", winners: 1 };
 * const result = evaluateQuest(quest, [
 *   { userId: "a", event: "run", timestamp: "2026-12-02T08:00:00Z" },
 *   { userId: "b", event: "run", timestamp: "2026-12-03T08:00:00Z" },
 *   { userId: "b", event: "run", timestamp: "2026-12-04T08:00:00Z" },
 *   { userId: "a", event: "run", timestamp: "2026-12-31T23:59:59Z" },
 * ]);
 * result.winners.map((w) => [w.rank, w.userId]) //=> [[1, "b"]]
 * result.progress.map((p) => [p.userId, p.completions]) //=> [["a", 1], ["b", 1]]
 * ```
 */
export function evaluateQuest(quest: QuestInput, events: readonly EventInput[]): QuestResult {
  const q = validate(questSchema, quest, { path: ["quest"], label: "quest" });
  const rows = events
    .map((e, i) => ({ e, at: toEpochMs(e.timestamp, ["events", i, "timestamp"]), i }))
    .filter((r) => r.at >= q.start && r.at <= q.end)
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const progress = new Map<string, QuestProgress>();
  for (const { e, at } of rows) {
    if (!matchesEvent(q.event, e.event)) continue;
    if (q.conditions && !q.conditions.every((c) => matchesCondition(c, e.properties))) continue;
    const amount = q.measure === "sum" ? Number(readPath(e.properties, q.property ?? "value")) : 1;
    if (!Number.isFinite(amount)) continue;
    let p = progress.get(e.userId);
    if (p === undefined) {
      p = { userId: e.userId, value: 0, completions: 0, completedAt: null };
      progress.set(e.userId, p);
    }
    if (!q.repeatable && p.completions > 0) continue;
    p.value += amount;
    const due = Math.floor(p.value / q.target);
    const completions = q.repeatable ? due : Math.min(due, 1);
    if (completions > p.completions) {
      p.completions = completions;
      if (p.completedAt === null) p.completedAt = at;
    }
  }
  const done = [...progress.values()]
    .filter((p) => p.completedAt !== null)
    .sort(
      (a, b) =>
        (a.completedAt as number) - (b.completedAt as number) || (a.userId < b.userId ? -1 : 1),
    );
  const winners: QuestResult["winners"] = [];
  done.forEach((p, i) => {
    const previous = winners[winners.length - 1];
    const rank = previous && previous.completedAt === p.completedAt ? previous.rank : i + 1;
    if (q.winners === undefined || rank <= q.winners) {
      winners.push({ userId: p.userId, rank, completedAt: p.completedAt as number });
    }
  });
  return {
    progress: [...progress.values()].sort((a, b) =>
      a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0,
    ),
    winners,
  };
}
