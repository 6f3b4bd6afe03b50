import {
  OpsbookError,
  type PeriodUnit,
  periodKey,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import { type RankingMethod, rankingMethodSchema } from "./schemas.ts";

/**
 * A row of a ranked leaderboard.
 *
 * @category Leaderboards
 * @since 0.1.0
 */
export interface RankedEntry {
  id: string;
  score: number;
  rank: number;
}

/**
 * Options of {@link rankScores}.
 *
 * @category Leaderboards
 * @since 0.1.0
 */
export interface RankOptions {
  /** Ranking method for ties; default `"standard"`. */
  method?: RankingMethod;
  /** `"desc"` (default): higher scores rank first; `"asc"`: lower scores first (fastest time). */
  order?: "desc" | "asc";
}

const rankOptionsSchema = z.strictObject({
  method: rankingMethodSchema.default("standard"),
  order: z.enum(["desc", "asc"]).default("desc"),
});
const entriesSchema = z.array(z.strictObject({ id: z.string(), score: z.number().finite() }));

/**
 * Ranks scores with one of the ranking methods of the Wikipedia article "Ranking": for four
 * entries where the second and third tie, `standard` competition ranking gives 1, 2, 2, 4;
 * `modified` 1, 3, 3, 4; `dense` 1, 2, 2, 3; `ordinal` 1, 2, 3, 4 (ties broken by id); and
 * `fractional` 1, 2.5, 2.5, 4 (the mean of the ordinal ranks). Rows come back in rank order,
 * ties by id.
 *
 * @param entries - `{ id, score }` rows.
 * @param options - `method` and `order`.
 * @returns Ranked rows.
 * @category Leaderboards
 * @since 0.1.0
 * @example
 * ```ts
 * import { rankScores } from "@opsbook/growth";
 *
 * const scores = [{ id: "a", score: 9 }, { id: "b", score: 7 }, { id: "c", score: 7 }, { id: "d", score: 5 }];
 * rankScores(scores).map((r) => r.rank) //=> [1, 2, 2, 4]
 * rankScores(scores, { method: "modified" }).map((r) => r.rank) //=> [1, 3, 3, 4]
 * rankScores(scores, { method: "dense" }).map((r) => r.rank) //=> [1, 2, 2, 3]
 * rankScores(scores, { method: "ordinal" }).map((r) => r.rank) //=> [1, 2, 3, 4]
 * rankScores(scores, { method: "fractional" }).map((r) => r.rank) //=> [1, 2.5, 2.5, 4]
 * ```
 */
export function rankScores(
  entries: readonly { id: string; score: number }[],
  options: RankOptions = {},
): RankedEntry[] {
  const rows = validate(entriesSchema, entries, { path: ["entries"] });
  const { method, order } = validate(rankOptionsSchema, options, { path: ["options"] });
  const sign = order === "desc" ? -1 : 1;
  rows.sort((a, b) => sign * (a.score - b.score) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: RankedEntry[] = [];
  let dense = 0;
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (
      end + 1 < rows.length &&
      (rows[end + 1] as { score: number }).score === (rows[start] as { score: number }).score
    )
      end++;
    dense += 1;
    for (let i = start; i <= end; i++) {
      const row = rows[i] as { id: string; score: number };
      let rank: number;
      if (method === "standard") rank = start + 1;
      else if (method === "modified") rank = end + 1;
      else if (method === "dense") rank = dense;
      else if (method === "ordinal") rank = i + 1;
      else rank = (start + 1 + end + 1) / 2;
      out.push({ id: row.id, score: row.score, rank });
    }
    start = end + 1;
  }
  return out;
}

/**
 * The rows around one member on a ranked board: `radius` rows above and below (fewer at the ends).
 *
 * @param ranked - Rows from {@link rankScores}.
 * @param id - The member.
 * @param radius - Rows on each side (default 2).
 * @returns The window of rows; `not_found` when the member is not on the board.
 * @category Leaderboards
 * @since 0.1.0
 * @example
 * ```ts
 * import { aroundMe, rankScores } from "@opsbook/growth";
 *
 * const board = rankScores([5, 9, 7, 3, 8].map((score, i) => ({ id: `u${i}`, score })));
 * aroundMe(board, "u2", 1).map((r) => r.id) //=> ["u4", "u2", "u0"]
 * ```
 */
export function aroundMe(ranked: readonly RankedEntry[], id: string, radius = 2): RankedEntry[] {
  if (!Number.isInteger(radius) || radius < 0) {
    throw new OpsbookError("out_of_range", `radius: expected an integer ≥ 0, received ${radius}`, [
      "radius",
    ]);
  }
  const index = ranked.findIndex((row) => row.id === id);
  if (index < 0)
    throw new OpsbookError("not_found", `id: "${id}" is not on the leaderboard`, ["id"]);
  return ranked.slice(Math.max(0, index - radius), index + radius + 1);
}

/**
 * A score event for {@link leaderboardPeriods}.
 *
 * @category Leaderboards
 * @since 0.1.0
 */
export interface ScoreEvent {
  userId: string;
  timestamp: TimestampInput;
  score: number;
}

/**
 * Options of {@link leaderboardPeriods}.
 *
 * @category Leaderboards
 * @since 0.1.0
 */
export interface LeaderboardOptions extends RankOptions {
  /** Reset period (`day` … `year`) or `"never"`; default `"week"`. */
  reset?: PeriodUnit | "never";
  timeZone?: string;
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * One period of a leaderboard.
 *
 * @category Leaderboards
 * @since 0.1.0
 */
export interface LeaderboardPeriod {
  period: string;
  standings: RankedEntry[];
}

const leaderboardSchema = rankOptionsSchema.extend({
  reset: z.enum(["day", "week", "month", "quarter", "year", "never"]).default("week"),
  timeZone: z.string().default("UTC"),
  weekStartsOn: z.number().int().min(0).max(6).default(1),
});

/**
 * A leaderboard with periodic resets (Nakama's reset schedules, as calendar periods in a time zone):
 * scores are summed per member per period, each period is ranked, and past periods are kept as an
 * archive. Returns every period in order; the last is the current one.
 *
 * @param events - Score events.
 * @param options - `reset`, `timeZone`, `weekStartsOn`, `method`, `order`.
 * @returns Periods with their standings, oldest first.
 * @category Leaderboards
 * @since 0.1.0
 * @example
 * ```ts
 * import { leaderboardPeriods } from "@opsbook/growth";
 *
 * const periods = leaderboardPeriods([
 *   { userId: "a", timestamp: "2026-11-23T09:00:00Z", score: 10 },
 *   { userId: "b", timestamp: "2026-11-24T09:00:00Z", score: 15 },
 *   { userId: "a", timestamp: "2026-11-30T09:00:00Z", score: 4 },
 * ], { reset: "week" });
 * periods.map((p) => [p.period, p.standings.map((r) => `${r.rank}:${r.id}`)])
 * //=> [["2026-W48", ["1:b", "2:a"]], ["2026-W49", ["1:a"]]]
 * ```
 */
export function leaderboardPeriods(
  events: readonly ScoreEvent[],
  options: LeaderboardOptions = {},
): LeaderboardPeriod[] {
  const o = validate(leaderboardSchema, options, { path: ["options"] });
  const periods = new Map<string, Map<string, number>>();
  events.forEach((event, i) => {
    if (typeof event?.score !== "number" || !Number.isFinite(event.score)) {
      throw new OpsbookError("invalid_input", `events[${i}].score: expected a finite number`, [
        "events",
        i,
        "score",
      ]);
    }
    const at = toEpochMs(event.timestamp, ["events", i, "timestamp"]);
    const key =
      o.reset === "never"
        ? "all"
        : periodKey(at, o.reset, {
            timeZone: o.timeZone,
            weekStartsOn: o.weekStartsOn as 0 | 1 | 2 | 3 | 4 | 5 | 6,
          });
    let scores = periods.get(key);
    if (scores === undefined) {
      scores = new Map();
      periods.set(key, scores);
    }
    scores.set(event.userId, (scores.get(event.userId) ?? 0) + event.score);
  });
  return [...periods.keys()].sort().map((period) => ({
    period,
    standings: rankScores(
      [...(periods.get(period) as Map<string, number>)].map(([id, score]) => ({ id, score })),
      { method: o.method, order: o.order },
    ),
  }));
}
