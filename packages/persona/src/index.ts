export {
  assignPersonas,
  type PersonaAssignment,
  type PersonaAssignmentReport,
} from "./assignPersonas.ts";
export {
  type ClusterProfile,
  type DiscoveredPersonas,
  type DiscoverPersonasOptions,
  discoverPersonas,
  type FeatureMatrix,
} from "./discoverPersonas.ts";
export {
  type BehaviourFeatureOptions,
  type BehaviourFeatures,
  extractBehaviourFeatures,
} from "./extractBehaviourFeatures.ts";
export { type KMeansOptions, type KMeansResult, kMeans } from "./kMeans.ts";
export { opportunityScore } from "./opportunityScore.ts";
export { parsePersonaSet } from "./parsePersonaSet.ts";
export {
  type PersonaDriftOptions,
  type PersonaDriftReport,
  type PersonaShareChange,
  personaDrift,
} from "./personaDrift.ts";
export { quantileScores } from "./quantileScores.ts";
export { renderPersonaCard } from "./renderPersonaCard.ts";
export {
  defaultRfmGrid,
  type RfmCustomer,
  type RfmOptions,
  type RfmReport,
  type RfmSegmentSummary,
  type RfmTransaction,
  rfmSegments,
} from "./rfmSegments.ts";
export { rfmTransactionsFromEvents } from "./rfmTransactionsFromEvents.ts";
export {
  type Condition,
  comparisonSchema,
  conditionSchema,
  type JobToBeDone,
  jobToBeDoneSchema,
  keyMetricSchema,
  type Persona,
  type PersonaInput,
  type PersonaRule,
  type PersonaSetConfig,
  type PersonaUser,
  personaRuleSchema,
  personaSchema,
  personaSetConfigSchema,
  personaUserSchema,
  type RfmGridCell,
  rfmGridCellSchema,
} from "./schemas.ts";
export { type SilhouetteOptions, silhouetteSamples, silhouetteScore } from "./silhouetteScore.ts";
export {
  applyStandardization,
  type Standardization,
  type StandardizeResult,
  standardize,
} from "./standardize.ts";
