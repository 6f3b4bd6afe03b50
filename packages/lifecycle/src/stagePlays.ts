/**
 * A product lifecycle stage (Levitt 1965; Kotler): `introduction`, `growth`, `maturity` or
 * `decline`. The same values as the `lifecycleStages` field of a play.
 *
 * @category Product stage
 * @since 0.1.0
 */
export type ProductStage = "introduction" | "growth" | "maturity" | "decline";

/**
 * A user lifecycle stage, see `classifyUserStages`.
 *
 * @category User stages
 * @since 0.1.0
 */
export type UserStage =
  | "new"
  | "activated"
  | "engaged"
  | "at_risk"
  | "dormant"
  | "churned"
  | "resurrected";

/**
 * A play of the Opsbook playbook, by category and slug (the play's path is
 * `<category>/<slug>.md`).
 *
 * @category Plays
 * @since 0.1.0
 */
export interface PlayReference {
  category: string;
  slug: string;
}

const stageCheck = { category: "lifecycle", slug: "stage-check" } as const;
const saveAtRisk = { category: "retention", slug: "save-at-risk-users" } as const;
const winBack = { category: "retention", slug: "win-back-dormant-users" } as const;

/**
 * The plays recommended in each product stage, as data: a stage check every quarter in every
 * stage; saving at-risk users once there is a base to keep (growth, maturity); winning back
 * dormant users once the pool of lapsed users is large (maturity, decline). The plays themselves
 * are added to the playbook in a later release; these are their planned slugs.
 *
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { productStagePlays } from "@opsbook/lifecycle";
 *
 * productStagePlays.decline.map((play) => play.slug)
 * //=> ["stage-check", "win-back-dormant-users"]
 * ```
 */
export const productStagePlays: Readonly<Record<ProductStage, readonly PlayReference[]>> = {
  introduction: [stageCheck],
  growth: [stageCheck, saveAtRisk],
  maturity: [stageCheck, saveAtRisk, winBack],
  decline: [stageCheck, winBack],
};

/**
 * The plays recommended for users in each user stage, as data (planned slugs, as for
 * {@link productStagePlays}).
 *
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { userStagePlays } from "@opsbook/lifecycle";
 *
 * userStagePlays.at_risk //=> [{ category: "retention", slug: "save-at-risk-users" }]
 * userStagePlays.engaged //=> []
 * ```
 */
export const userStagePlays: Readonly<Record<UserStage, readonly PlayReference[]>> = {
  new: [],
  activated: [],
  engaged: [],
  at_risk: [saveAtRisk],
  dormant: [winBack],
  churned: [winBack],
  resurrected: [saveAtRisk],
};
