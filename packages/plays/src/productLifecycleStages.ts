import type { PlayLanguage } from "./schemas.ts";

/**
 * The product lifecycle stages in order (Levitt's product life cycle, as used by Bass-model forecasts).
 *
 * @category Lifecycle
 * @since 0.1.0
 * @example
 * ```ts
 * import { productLifecycleStageValues } from "@opsbook/plays";
 *
 * productLifecycleStageValues //=> ["introduction", "growth", "maturity", "decline"]
 * ```
 */
export const productLifecycleStageValues = [
  "introduction",
  "growth",
  "maturity",
  "decline",
] as const;

/**
 * A stage of the product life cycle: `"introduction"`, `"growth"`, `"maturity"` or `"decline"`. A play
 * lists the stages it fits in `lifecycleStages`.
 *
 * @category Categories
 * @since 0.1.0
 * @example
 * ```ts
 * import { productLifecycleStages, type ProductLifecycleStage } from "@opsbook/plays";
 *
 * const stages: ProductLifecycleStage[] = productLifecycleStages.map((s) => s.stage);
 * stages //=> ["introduction", "growth", "maturity", "decline"]
 * ```
 */
export type ProductLifecycleStage = (typeof productLifecycleStageValues)[number];

const names: Record<ProductLifecycleStage, [en: string, zhCn: string]> = {
  introduction: ["Introduction", "导入期"],
  growth: ["Growth", "成长期"],
  maturity: ["Maturity", "成熟期"],
  decline: ["Decline", "衰退期"],
};

/**
 * The four product lifecycle stages in order (introduction, growth, maturity, decline — Theodore
 * Levitt, "Exploit the Product Life Cycle", Harvard Business Review 1965), with their names in English
 * and Simplified Chinese, for filters and labels.
 *
 * @category Categories
 * @since 0.1.0
 * @example
 * ```ts
 * import { productLifecycleStages } from "@opsbook/plays";
 *
 * productLifecycleStages[2] //=> { stage: "maturity", order: 3, name: { en: "Maturity", "zh-cn": "成熟期" } }
 * ```
 */
export const productLifecycleStages: readonly {
  readonly stage: ProductLifecycleStage;
  readonly order: number;
  readonly name: Readonly<Record<PlayLanguage, string>>;
}[] = Object.freeze(
  productLifecycleStageValues.map((stage, index) => {
    const [en, zhCn] = names[stage];
    return Object.freeze({ stage, order: index + 1, name: Object.freeze({ en, "zh-cn": zhCn }) });
  }),
);
