export { adjustPValues, type PValueAdjustment } from "./adjustPValues.ts";
export {
  type Assignment,
  type AssignmentExperiment,
  assignVariation,
  bucketHash,
  bucketRanges,
  fnv1a32,
} from "./assignVariation.ts";
export { type BayesianResult, bayesianTest } from "./bayesianTest.ts";
export { type Decision, decide, type ExperimentReadout, type TestResult } from "./decide.ts";
export { type FrequentistResult, frequentistTest } from "./frequentistTest.ts";
export type { UninformativeReason } from "./internal/effect.ts";
export {
  experimentDuration,
  minimumDetectableEffect,
  type PlanningMetric,
  type PlanningOptions,
  power,
  type SampleSizeResult,
  sampleSize,
} from "./power.ts";
export {
  type ProportionsZTestOptions,
  type ProportionsZTestResult,
  proportionsZTest,
} from "./proportionsZTest.ts";
export {
  type BayesianOptions,
  bayesianOptionsSchema,
  type Covariate,
  covariateSchema,
  type ExperimentPlan,
  type ExperimentPlanInput,
  experimentPlanSchema,
  type FrequentistOptions,
  frequentistOptionsSchema,
  type MeanStatistic,
  meanStatisticSchema,
  type ProportionStatistic,
  proportionStatisticSchema,
  type RatioStatistic,
  ratioStatisticSchema,
  type SequentialOptions,
  type Statistic,
  sequentialOptionsSchema,
  statisticSchema,
} from "./schemas.ts";
export { type SequentialResult, sequentialTest } from "./sequentialTest.ts";
export { type SrmResult, srmCheck } from "./srmCheck.ts";
export {
  meanFromValues,
  mergeStatistics,
  proportionFromValues,
  ratioFromValues,
} from "./statistics.ts";
