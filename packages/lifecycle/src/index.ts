export {
  type BassAdopterCategories,
  type BassCurveOptions,
  type BassPoint,
  bassAdopterCategories,
  bassCumulativeShare,
  bassCurve,
  bassPeakTime,
} from "./bassCurve.ts";
export { classifyProductStage, type ProductStageResult } from "./classifyProductStage.ts";
export {
  classifyUserStages,
  type UserStageClassification,
  type UserStageCounts,
  type UserStageEntry,
  userStages,
} from "./classifyUserStages.ts";
export {
  type CustomerLifetimeValueOptions,
  customerLifetimeValue,
} from "./customerLifetimeValue.ts";
export { expectedPurchases, expectedPurchasesUnconditional } from "./expectedPurchases.ts";
export { type BassFit, fitBass } from "./fitBass.ts";
export { type BgNbdFit, fitBgNbd, type PurchaseModelFitInfo } from "./fitBgNbd.ts";
export { fitParetoNbd, type ParetoNbdFit } from "./fitParetoNbd.ts";
export { fitSbg, type SbgFit } from "./fitSbg.ts";
export { expectedSpend, fitGammaGamma, type GammaGammaFit } from "./gammaGamma.ts";
export { probabilityAlive } from "./probabilityAlive.ts";
export {
  type RfmCustomer,
  type RfmSummary,
  type RfmSummaryOptions,
  type RfmWarning,
  rfmSummary,
  type Transaction,
} from "./rfmSummary.ts";
export { sbgDerl, sbgExpectedLifetime, sbgRetentionRates, sbgSurvival } from "./sbg.ts";
export {
  type BassParameters,
  type BgNbdParameters,
  bassParametersSchema,
  bgNbdParametersSchema,
  type ClassifyProductStageOptions,
  type CustomerSummary,
  classifyProductStageOptionsSchema,
  cohortSurvivorsSchema,
  customerSummarySchema,
  type FitBassOptions,
  fitBassOptionsSchema,
  type GammaGammaParameters,
  gammaGammaParametersSchema,
  type LifecycleThresholds,
  lifecycleThresholdsSchema,
  type ParetoNbdParameters,
  type PurchaseModel,
  paretoNbdParametersSchema,
  purchaseModelSchema,
  type SbgParameters,
  sbgParametersSchema,
  seriesSchema,
  type UserStageRules,
  userStageRulesSchema,
} from "./schemas.ts";
export {
  type PlayReference,
  type ProductStage,
  productStagePlays,
  type UserStage,
  userStagePlays,
} from "./stagePlays.ts";
export {
  projectUserStages,
  type UserStageTransitions,
  userStageTransitions,
} from "./userStageTransitions.ts";
