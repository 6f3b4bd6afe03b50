export { applyCoupon, type CouponResult } from "./applyCoupon.ts";
export { cheapestPlan, type PlanCandidate } from "./cheapestPlan.ts";
export {
  type GaborGrangerPoint,
  type GaborGrangerResult,
  gaborGranger,
} from "./gaborGranger.ts";
export { lintVolumeSchedule, type VolumeScheduleWarning } from "./lintVolumeSchedule.ts";
export { type CustomerMovement, type MrrMovements, mrrMovements } from "./mrrMovements.ts";
export { parsePriceBook } from "./parsePriceBook.ts";
export { type PlanMixInput, type PlanMixResult, planMixWhatIf } from "./planMixWhatIf.ts";
export { arcElasticity, pointElasticity } from "./priceElasticity.ts";
export {
  type PriceLine,
  type PriceUsageOptions,
  priceUsage,
  type UsagePrice,
} from "./priceUsage.ts";
export { type ProrateOptions, type Proration, prorate } from "./prorate.ts";
export { type Quote, type QuoteLine, type QuoteOptions, quote } from "./quote.ts";
export {
  type Catalogue,
  type Coupon,
  couponSchema,
  decimalAmountSchema,
  type Plan,
  type PriceBookInput,
  type PriceModel,
  type PriceModelInput,
  priceBookSchema,
  priceModelSchema,
  priceOptionsSchema,
  type Tier,
  type TierInput,
  tierSchema,
} from "./schemas.ts";
export { fromLagoRanges, fromOrbTiers, fromStripeTiers } from "./tiers.ts";
export { type TrialFunnel, type TrialFunnelInput, trialFunnel } from "./trialFunnel.ts";
export {
  arppu,
  arpu,
  cacPayback,
  type LtvInput,
  ltv,
  ltvToCac,
  payerConversion,
} from "./unitEconomics.ts";
export { type UpgradeTrigger, upgradeTriggers } from "./upgradeTriggers.ts";
export {
  type VanWestendorpOptions,
  type VanWestendorpPoint,
  type VanWestendorpResult,
  vanWestendorp,
} from "./vanWestendorp.ts";
