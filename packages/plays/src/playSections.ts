import type { PlayLanguage } from "./schemas.ts";

/**
 * Identifier of a body section of a play, stable across languages.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { playSections, type PlaySectionId } from "@opsbook/plays";
 *
 * const ids: PlaySectionId[] = playSections.map((section) => section.id);
 * ids.includes("follow-up") //=> true
 * ```
 */
export type PlaySectionId =
  | "goal"
  | "when-to-use"
  | "inputs"
  | "steps"
  | "metrics"
  | "risks"
  | "variations"
  | "follow-up";

/**
 * One body section of the play format: its id and its level-2 heading (`## …`) in each language.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { playSections, type PlaySectionDefinition } from "@opsbook/plays";
 *
 * const steps: PlaySectionDefinition | undefined = playSections.find((s) => s.id === "steps");
 * steps?.heading //=> { en: "Steps", "zh-cn": "步骤" }
 * ```
 */
export interface PlaySectionDefinition {
  id: PlaySectionId;
  /** The exact heading text after `## `, per language. */
  heading: Readonly<Record<PlayLanguage, string>>;
}

const define = (id: PlaySectionId, en: string, zhCn: string): PlaySectionDefinition =>
  Object.freeze({ id, heading: Object.freeze({ en, "zh-cn": zhCn }) });

/**
 * The body sections of a play, in the order a play must give them (PLAYS.md): Goal · When to use /
 * when not · Inputs · Steps · Metrics & targets · Risks & guardrails · Variations · Follow-up. The
 * Chinese edition uses natural Chinese headings that map one to one to the English ones.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { playSections } from "@opsbook/plays";
 *
 * playSections.map((section) => section.heading.en)
 * //=> ["Goal", "When to use / when not", "Inputs", "Steps", "Metrics & targets",
 * //    "Risks & guardrails", "Variations", "Follow-up"]
 * playSections.map((section) => section.heading["zh-cn"])
 * //=> ["目标", "适用与不适用", "所需输入", "步骤", "指标与目标值", "风险与护栏", "变体", "后续跟进"]
 * ```
 */
export const playSections: readonly PlaySectionDefinition[] = Object.freeze([
  define("goal", "Goal", "目标"),
  define("when-to-use", "When to use / when not", "适用与不适用"),
  define("inputs", "Inputs", "所需输入"),
  define("steps", "Steps", "步骤"),
  define("metrics", "Metrics & targets", "指标与目标值"),
  define("risks", "Risks & guardrails", "风险与护栏"),
  define("variations", "Variations", "变体"),
  define("follow-up", "Follow-up", "后续跟进"),
]);
