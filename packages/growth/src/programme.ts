import type { EventInput } from "@opsbook/core";
import { validate } from "@opsbook/core";
import { compileEarningRules, type EarningResult, type RuleContext } from "./earningRules.ts";
import { createLedger, type Ledger } from "./ledger.ts";
import { type LevelProgress, levelForXp, levelThresholds } from "./levels.ts";
import {
  type ProgrammeConfig,
  type ProgrammeConfigInput,
  programmeConfigSchema,
} from "./schemas.ts";

/**
 * A programme ready to run: its parsed `config`, the `ledger` for its policy, `earn` (its
 * earning rules, compiled) and `level` (XP to level on its curve, when it has one).
 *
 * @category Programme
 * @since 0.1.0
 */
export interface Programme {
  config: ProgrammeConfig;
  ledger: Ledger;
  earn: (event: EventInput, context?: RuleContext) => EarningResult;
  level: ((xp: number) => LevelProgress) | undefined;
}

/**
 * Parses a programme configuration (a YAML document read into plain data) that ties earning
 * rules, ledger policies, XP levels, membership tiers, badges and quests together, and builds the
 * runnable parts. Errors name the path of every problem (`rules[2].reward.per`).
 *
 * @param config - The configuration.
 * @returns The programme.
 * @category Programme
 * @since 0.1.0
 * @example
 * ```ts
 * import { createProgramme } from "@opsbook/growth";
 *
 * const programme = createProgramme({
 *   name: "Coffee stars",
 *   policy: { expiry: { type: "rolling", duration: "P12M" } },
 *   rules: [{ id: "spend", event: "purchase", reward: { type: "per-amount", property: "total", per: 1 } }],
 *   levels: { type: "relative", levels: 10, base: 120, coefficient: 1.3 },
 * });
 * const { points } = programme.earn({ userId: "u1", event: "purchase", timestamp: "2026-11-25T08:00:00Z", properties: { total: 4.5 } });
 * points //=> 4
 * const { state } = programme.ledger.apply(programme.ledger.open("u1"), { type: "earn", at: "2026-11-25T08:00:00Z", amount: points });
 * state.total //=> 4
 * programme.level?.(300).level //=> 3
 * createProgramme({ name: "x", rules: [{ id: "a", event: "e", reward: { type: "fixed", points: -5 } }] }) //=> throws OpsbookError
 * ```
 */
export function createProgramme(config: ProgrammeConfigInput): Programme {
  const parsed = validate(programmeConfigSchema, config, { label: "programme configuration" });
  const thresholds = parsed.levels ? levelThresholds(parsed.levels) : undefined;
  return {
    config: parsed,
    ledger: createLedger(parsed.policy),
    earn: compileEarningRules(parsed.rules as Parameters<typeof compileEarningRules>[0], {
      timeZone: parsed.timeZone,
    }),
    level: thresholds ? (xp: number) => levelForXp(thresholds, xp) : undefined,
  };
}
