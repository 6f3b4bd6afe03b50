import {
  type EventInput,
  OpsbookError,
  type OpsEvent,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { z } from "zod";
import {
  classifyPrepared,
  parseRules,
  prepareUsers,
  type UserStageCounts,
  userStages,
} from "./classifyUserStages.ts";
import type { UserStageRules } from "./schemas.ts";
import type { UserStage } from "./stagePlays.ts";

/**
 * Stage-to-stage movements of users between two dates.
 *
 * @category User stages
 * @since 0.1.0
 */
export interface UserStageTransitions {
  from: number;
  to: number;
  /** counts[a][b]: users in stage a at `from` and in stage b at `to`. */
  counts: Record<UserStage, UserStageCounts>;
  /** Row-normalised `counts`: the probability of moving from a to b (rows without users are 0). */
  probabilities: Record<UserStage, UserStageCounts>;
  /** Users first seen after `from` and on or before `to`, by their stage at `to`. */
  entrants: UserStageCounts;
  /** Users per stage at `from` and at `to`. */
  fromCounts: UserStageCounts;
  toCounts: UserStageCounts;
}

const zero = (): UserStageCounts =>
  Object.fromEntries(userStages.map((s) => [s, 0])) as UserStageCounts;

/**
 * Classifies every user at two dates with the same rules (see `classifyUserStages`) and counts
 * how they moved: the transition matrix of a Markov model of the user base, with new entrants
 * counted apart.
 *
 * @param events - Events (`userId`, `event`, `timestamp`).
 * @param from - The earlier date.
 * @param to - The later date.
 * @param rules - Stage rules.
 * @returns Counts, row probabilities, entrants and the stage counts at both dates.
 * @throws OpsbookError when `to` is before `from`, or for invalid events or rules.
 * @category User stages
 * @since 0.1.0
 * @example
 * ```ts
 * import { userStageTransitions } from "@opsbook/lifecycle";
 *
 * const events = [
 *   { userId: "ana", event: "open", timestamp: "2026-03-01" },
 *   { userId: "ana", event: "open", timestamp: "2026-03-03" },
 *   { userId: "ben", event: "open", timestamp: "2026-03-02" },
 *   { userId: "cai", event: "open", timestamp: "2026-03-20" },
 * ];
 * const moves = userStageTransitions(events, "2026-03-05", "2026-03-25");
 * moves.counts.new.dormant //=> 2
 * moves.entrants.new //=> 1
 * ```
 */
export function userStageTransitions(
  events: Iterable<EventInput | OpsEvent>,
  from: TimestampInput,
  to: TimestampInput,
  rules: UserStageRules = {},
): UserStageTransitions {
  const r = parseRules(rules);
  const fromMs = toEpochMs(from, ["from"]);
  const toMs = toEpochMs(to, ["to"]);
  if (toMs < fromMs)
    throw new OpsbookError("out_of_range", "to: expected a date on or after `from`", ["to"]);
  const prepared = prepareUsers(events, r);
  const before = classifyPrepared(prepared, r, fromMs);
  const after = classifyPrepared(prepared, r, toMs);
  const stageAt = new Map(before.users.map((u) => [u.userId, u.stage]));
  const counts = Object.fromEntries(userStages.map((s) => [s, zero()])) as Record<
    UserStage,
    UserStageCounts
  >;
  const entrants = zero();
  for (const u of after.users) {
    const previous = stageAt.get(u.userId);
    if (previous === undefined) entrants[u.stage]++;
    else counts[previous][u.stage]++;
  }
  const probabilities = Object.fromEntries(
    userStages.map((a) => {
      const total = userStages.reduce((s, b) => s + counts[a][b], 0);
      const row = zero();
      for (const b of userStages) row[b] = total > 0 ? counts[a][b] / total : 0;
      return [a, row];
    }),
  ) as Record<UserStage, UserStageCounts>;
  return {
    from: fromMs,
    to: toMs,
    counts,
    probabilities,
    entrants,
    fromCounts: before.counts,
    toCounts: after.counts,
  };
}

const countsSchema = z.record(z.string(), z.number().finite().nonnegative());

/**
 * Projects the number of users per stage forward with a Markov chain: each step applies the
 * transition probabilities (one row per stage, as returned by {@link userStageTransitions}) to
 * the current counts and adds the entrants of a step. A row without data (all zeros) keeps its
 * users in place. Use it with transitions measured over a step of the same length (for example a
 * month) to see where the current mix is heading.
 *
 * @param probabilities - Row-stochastic transition probabilities between stages.
 * @param initial - Users per stage now (missing stages count 0).
 * @param steps - Number of steps to project (≥ 1).
 * @param options - `entrants`: new users per stage added each step (default none).
 * @returns Counts per stage at steps 0 (the initial counts) … `steps`.
 * @throws OpsbookError when a row sums to neither 0 nor 1 (within 1e-6).
 * @category User stages
 * @since 0.1.0
 * @example
 * ```ts
 * import { projectUserStages, userStages } from "@opsbook/lifecycle";
 *
 * const stay = Object.fromEntries(userStages.map((a) => [a, Object.fromEntries(userStages.map((b) => [b, a === b ? 1 : 0]))]));
 * const probabilities = { ...stay, engaged: { ...stay.engaged, engaged: 0.8, at_risk: 0.2 } };
 * const path = projectUserStages(probabilities, { engaged: 100 }, 2);
 * path.map((counts) => [counts.engaged, counts.at_risk])
 * //=> [[100, 0], [80, 20], [64, 36]]
 * ```
 */
export function projectUserStages(
  probabilities: Record<string, Record<string, number>>,
  initial: Partial<Record<UserStage, number>>,
  steps: number,
  options: { entrants?: Partial<Record<UserStage, number>> } = {},
): UserStageCounts[] {
  const matrix = validate(z.record(z.string(), countsSchema), probabilities, {
    label: "probabilities",
  });
  const start = validate(countsSchema, initial, { label: "initial" });
  const n = validate(z.number().int().min(1).max(10_000), steps, { label: "steps" });
  const entrants = validate(countsSchema, options.entrants ?? {}, { label: "options.entrants" });
  for (const a of userStages) {
    const row = matrix[a] ?? {};
    const total = userStages.reduce((s, b) => s + (row[b] ?? 0), 0);
    if (total !== 0 && Math.abs(total - 1) > 1e-6)
      throw new OpsbookError(
        "invalid_input",
        `probabilities.${a}: expected the row to sum to 1 (or 0 when unknown), received ${total}`,
        [a],
      );
  }
  let current = zero();
  for (const s of userStages) current[s] = start[s] ?? 0;
  const out = [current];
  for (let k = 0; k < n; k++) {
    const next = zero();
    for (const a of userStages) {
      const row = matrix[a] ?? {};
      const total = userStages.reduce((s, b) => s + (row[b] ?? 0), 0);
      if (total === 0) next[a] += current[a];
      else for (const b of userStages) next[b] += current[a] * (row[b] ?? 0);
    }
    for (const s of userStages) next[s] += entrants[s] ?? 0;
    current = next;
    out.push(current);
  }
  return out;
}
