export { cdnowSample } from "./cdnowSample.ts";
export { generateProduct } from "./generateProduct.ts";
export { type CdnowTransaction, parseCdnow } from "./parseCdnow.ts";
export type {
  PricingSurveyResponse,
  SampleAddOn,
  SampleChannel,
  SampleGroundTruth,
  SampleOrder,
  SamplePlan,
  SampleProduct,
  SampleReferral,
  SampleSubscription,
  SampleUser,
} from "./sampleProduct.ts";
export {
  type CdnowParseOptions,
  cdnowParseOptionsSchema,
  type ProductOptions,
  productOptionsSchema,
  type ResolvedProductOptions,
  type StreamOptions,
  streamOptionsSchema,
} from "./schemas.ts";
export { streamEvents } from "./streamEvents.ts";
