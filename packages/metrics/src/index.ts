export {
  type ActivationCandidate,
  type ActivationThresholdResult,
  activationThreshold,
} from "./activationThreshold.ts";
export { type ChannelRow, channelReport } from "./channelReport.ts";
export {
  type FunnelBreakdownGroup,
  type FunnelResult,
  type FunnelStep,
  type FunnelTrendPoint,
  funnel,
} from "./funnel.ts";
export {
  type GrowthAccountingPeriod,
  growthAccounting,
  type RevenueAccountingPeriod,
  revenueAccounting,
} from "./growthAccounting.ts";
export type { DurationSummary } from "./internal/stats.ts";
export type { EventsInput } from "./internal/table.ts";
export { type LifecyclePeriod, lifecycle } from "./lifecycle.ts";
export { type RetentionCohort, type RetentionResult, retention } from "./retention.ts";
export {
  type ActivationThresholdOptions,
  activationThresholdOptionsSchema,
  type ChannelReportInput,
  channelReportInputSchema,
  durationSchema,
  eventMatcherSchema,
  type FunnelDefinition,
  funnelDefinitionSchema,
  type GrowthAccountingOptions,
  growthAccountingOptionsSchema,
  type LifecycleOptions,
  lifecycleOptionsSchema,
  propertyFilterSchema,
  type RetentionOptions,
  type RevenueRow,
  retentionOptionsSchema,
  revenueRowSchema,
  type StickinessOptions,
  stickinessOptionsSchema,
  type WindowFunnelOptions,
  windowFunnelOptionsSchema,
} from "./schemas.ts";
export { type StickinessResult, stickiness } from "./stickiness.ts";
export { type WindowFunnelResult, windowFunnel } from "./windowFunnel.ts";
