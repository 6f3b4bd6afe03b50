export {
  assessReferralRisk,
  type FraudReason,
  type FraudReasonCode,
  type ReferralRiskInput,
  type RiskAssessment,
} from "./assessReferralRisk.ts";
export {
  type AttributionOptions,
  type AttributionResult,
  attributeReferral,
  type ReferralTouch,
} from "./attributeReferral.ts";
export { awardBadges, type BadgeAward } from "./badges.ts";
export {
  type Clawback,
  createReferralProgramme,
  type ReferralCodeRecord,
  type ReferralEvent,
  type ReferralIdentity,
  type ReferralOutcome,
  type ReferralProgramme,
  type ReferralProgrammeOptions,
  type ReferralProgrammeState,
  type ReferralRecord,
  type ReferralRejectionReason,
  type ReferralSummary,
  type RewardGrant,
  type RewardRecord,
  referralRejectionReasons,
} from "./createReferralProgramme.ts";
export { disposableEmailDomains, isDisposableEmail } from "./disposableEmailDomains.ts";
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
  type LedgerBatchCommand,
  type LedgerBatchOptions,
  type LedgerBatchResult,
  type LedgerCommand,
  type LedgerEntry,
  type LedgerLot,
  type LedgerRejection,
  type LedgerResult,
  type MemberLedger,
} from "./ledger.ts";
export { type LevelCurve, type LevelProgress, levelForXp, levelThresholds } from "./levels.ts";
export { normalizeEmail } from "./normalizeEmail.ts";
export { createProgramme, type Programme } from "./programme.ts";
export { evaluateQuest, type QuestProgress, type QuestResult } from "./quests.ts";
export {
  generateReferralCodes,
  type NormalizedReferralCode,
  normalizeReferralCode,
  type ReferralCodeOptions,
  referralCodeAlphabet,
} from "./referralCodes.ts";
export {
  type ReferralPopulation,
  type ReferralPopulationOrder,
  type ReferralPopulationReferral,
  type ReferralPopulationSource,
  type ReferralPopulationUser,
  referralPopulation,
} from "./referralPopulation.ts";
export {
  type FraudRules,
  type FraudRulesInput,
  fraudRulesSchema,
  type ReferralProgrammeConfig,
  type ReferralProgrammeConfigInput,
  type ReferralReward,
  referralProgrammeSchema,
  referralRewardSchema,
} from "./referralSchemas.ts";
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
export {
  mergeSimulations,
  type ProgrammeSimulation,
  type SimulationOptions,
  type SimulationPercentiles,
  type SimulationRun,
  simulateProgramme,
} from "./simulateProgramme.ts";
export { computeStreak, type StreakOptions, type StreakResult } from "./streaks.ts";
export {
  type TierActivity,
  type TierOverride,
  type TierSpan,
  type TierTimelineOptions,
  tierTimeline,
} from "./tiers.ts";
export {
  kFactor,
  projectViralGrowth,
  type ViralCycle,
  type ViralProjectionOptions,
} from "./viralGrowth.ts";
