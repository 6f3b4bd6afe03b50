export { awardBadges, type BadgeAward } from "./badges.ts";
export {
  type CapUsage,
  compileEarningRules,
  type EarningResult,
  type EarningRulesOptions,
  type RuleAward,
  type RuleContext,
} from "./earningRules.ts";
export {
  aroundMe,
  type LeaderboardOptions,
  type LeaderboardPeriod,
  leaderboardPeriods,
  type RankedEntry,
  type RankOptions,
  rankScores,
  type ScoreEvent,
} from "./leaderboards.ts";
export {
  createLedger,
  type ExpiringPoints,
  type Ledger,
  type LedgerBalance,
  type LedgerCommand,
  type LedgerEntry,
  type LedgerLot,
  type LedgerResult,
  type MemberLedger,
} from "./ledger.ts";
export { type LevelCurve, type LevelProgress, levelForXp, levelThresholds } from "./levels.ts";
export { createProgramme, type Programme } from "./programme.ts";
export { evaluateQuest, type QuestProgress, type QuestResult } from "./quests.ts";
export {
  type Badge,
  type BadgeInput,
  badgeSchema,
  type Condition,
  conditionSchema,
  type EarningRule,
  type EarningRuleInput,
  type ExpiryPolicy,
  earningRuleSchema,
  expiryPolicySchema,
  type LedgerPolicy,
  type LedgerPolicyInput,
  type LevelCurveConfig,
  ledgerPolicySchema,
  levelCurveSchema,
  type ProgrammeConfig,
  type ProgrammeConfigInput,
  programmeConfigSchema,
  type Quest,
  type QuestInput,
  questSchema,
  type RankingMethod,
  rankingMethodSchema,
  rewardSchema,
  type TierConfig,
  type TierConfigInput,
  tierConfigSchema,
} from "./schemas.ts";
export { computeStreak, type StreakOptions, type StreakResult } from "./streaks.ts";
export {
  type TierActivity,
  type TierOverride,
  type TierSpan,
  type TierTimelineOptions,
  tierTimeline,
} from "./tiers.ts";
