export {
  categories,
  categorySlugs,
  type PlayCategory,
  type PlayCategorySlug,
} from "./categories.ts";
export {
  checkPlaySections,
  type PlayBody,
  type PlaySection,
  type PlayStep,
} from "./checkPlaySections.ts";
export { configValidators, type PlayConfigValidator } from "./configValidators.ts";
export { getPlay } from "./getPlay.ts";
export { listPlays } from "./listPlays.ts";
export { type ParsedPlay, type ParsePlayOptions, parsePlay } from "./parsePlay.ts";
export { type PlaySectionDefinition, type PlaySectionId, playSections } from "./playSections.ts";
export { type PlayConfigFile, type PlayEntry, plays } from "./plays.ts";
export {
  type ProductLifecycleStage,
  productLifecycleStages,
  productLifecycleStageValues,
} from "./productLifecycleStages.ts";
export {
  type PlayFilter,
  type PlayFrontmatter,
  type PlayLanguage,
  playFilterSchema,
  playFrontmatterSchema,
  playLanguageValues,
} from "./schemas.ts";
export {
  type ValidatedPlayConfig,
  type ValidatePlayConfigOptions,
  validatePlayConfig,
} from "./validatePlayConfig.ts";
