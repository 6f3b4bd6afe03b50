import { validate } from "@opsbook/core";
import { experimentPlanSchema } from "@opsbook/experiments";
import { programmeConfigSchema } from "@opsbook/growth";
import { lifecycleThresholdsSchema } from "@opsbook/lifecycle";
import {
  activationThresholdOptionsSchema,
  funnelDefinitionSchema,
  growthAccountingOptionsSchema,
} from "@opsbook/metrics";
import { parsePersonaSet } from "@opsbook/persona";
import { parsePriceBook, priceBookSchema } from "@opsbook/pricing";

/**
 * Checks one kind of play config (a points programme, a referral programme, a price book, an
 * experiment plan…) with the schema of the package that runs it.
 *
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { type PlayConfigValidator, validatePlayConfig } from "@opsbook/plays";
 *
 * const seatPlan: PlayConfigValidator = {
 *   kind: "seat-plan",
 *   package: "@opsbook/pricing",
 *   parse: (config) => config,
 * };
 * validatePlayConfig("kind: seat-plan\nseats: 5\n", {
 *   path: "seat-plan.yaml",
 *   validators: { "seat-plan": seatPlan },
 * }).config //=> { seats: 5 }
 * ```
 */
export interface PlayConfigValidator {
  /** The config kind it checks: the value of the config's top-level `kind` field. */
  kind: string;
  /** The package whose schema checks (and whose functions run) this kind of config. */
  package: string;
  /**
   * Validates the config — the YAML document without its `kind` field — and returns the parsed value.
   * Throws an `OpsbookError` whose issue paths are relative to the document root, so that
   * `validatePlayConfig` can give each problem its line and column; in practice
   * `(config) => validate(schema, config)` with the package's zod schema.
   */
  parse(config: unknown): unknown;
}

/**
 * The registry of config validators, keyed by config kind. A play's config is a YAML mapping whose
 * top-level `kind` field names its kind (`kind: experiment-plan`); {@link validatePlayConfig}
 * looks the kind up here and hands the rest of the document to the validator's `parse`.
 *
 * Each domain package that runs a config (growth, pricing, experiments, persona, lifecycle) adds
 * its kinds here when it ships its first play with a config; a config of a kind that is not
 * registered does not validate, so a play cannot ship a config nothing checks. Registered today:
 * `experiment-plan`, checked by `experimentPlanSchema` of `@opsbook/experiments` (unknown top-level
 * fields are errors, so a misspelt field is caught); `price-book`, checked by `priceBookSchema` and
 * `parsePriceBook` of `@opsbook/pricing` (unknown top-level fields are errors too);
 * `lifecycle-thresholds`, checked by `lifecycleThresholdsSchema` of `@opsbook/lifecycle` (unknown
 * fields are errors at every level); `funnel-definition`, `activation-scan` and `growth-accounting`,
 * checked by `funnelDefinitionSchema`, `activationThresholdOptionsSchema` and
 * `growthAccountingOptionsSchema` of `@opsbook/metrics` (unknown top-level fields are errors);
 * `persona-set`, checked by `parsePersonaSet` of `@opsbook/persona` (`personaSetConfigSchema`, unknown
 * fields are errors; persona names unique, every rule naming a persona of the set);
 * `growth-programme`, checked by `programmeConfigSchema` of `@opsbook/growth` (a points programme:
 * ledger policy, earning rules, levels, tiers, badges and quests; unknown fields are errors at
 * every level, rule ids unique).
 *
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { configValidators } from "@opsbook/plays";
 *
 * Object.keys(configValidators)
 * //=> ["experiment-plan", "price-book", "lifecycle-thresholds", "funnel-definition", "activation-scan", "growth-accounting", "persona-set", "growth-programme"]
 * configValidators["experiment-plan"]?.package //=> "@opsbook/experiments"
 * Object.isFrozen(configValidators) //=> true
 * ```
 */
export const configValidators: Readonly<Record<string, PlayConfigValidator>> = Object.freeze({
  "experiment-plan": {
    kind: "experiment-plan",
    package: "@opsbook/experiments",
    parse: (config: unknown) =>
      validate(experimentPlanSchema.strict(), config, { label: "experiment plan" }),
  },
  "price-book": {
    kind: "price-book",
    package: "@opsbook/pricing",
    parse: (config: unknown) => {
      validate(priceBookSchema.strict(), config, { label: "price book" });
      return parsePriceBook(config);
    },
  },
  "lifecycle-thresholds": {
    kind: "lifecycle-thresholds",
    package: "@opsbook/lifecycle",
    parse: (config: unknown) =>
      validate(lifecycleThresholdsSchema, config, { label: "lifecycle thresholds" }),
  },
  "funnel-definition": {
    kind: "funnel-definition",
    package: "@opsbook/metrics",
    parse: (config: unknown) =>
      validate(funnelDefinitionSchema, config, { label: "funnel definition" }),
  },
  "activation-scan": {
    kind: "activation-scan",
    package: "@opsbook/metrics",
    parse: (config: unknown) =>
      validate(activationThresholdOptionsSchema, config, { label: "activation scan" }),
  },
  "growth-accounting": {
    kind: "growth-accounting",
    package: "@opsbook/metrics",
    parse: (config: unknown) =>
      validate(growthAccountingOptionsSchema, config, { label: "growth accounting" }),
  },
  "persona-set": {
    kind: "persona-set",
    package: "@opsbook/persona",
    parse: (config: unknown) => parsePersonaSet(config),
  },
  "growth-programme": {
    kind: "growth-programme",
    package: "@opsbook/growth",
    parse: (config: unknown) =>
      validate(programmeConfigSchema, config, { label: "growth programme" }),
  },
});
