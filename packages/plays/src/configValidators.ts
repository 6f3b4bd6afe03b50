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
 * top-level `kind` field names its kind (`kind: referral-programme`); {@link validatePlayConfig}
 * looks the kind up here and hands the rest of the document to the validator's `parse`.
 *
 * Each domain package that runs a config (growth, pricing, experiments, persona, lifecycle) adds
 * its kinds here when it ships its first play with a config; a config of a kind that is not
 * registered does not validate, so a play cannot ship a config nothing checks. No package has
 * registered a kind yet, so the registry is empty.
 *
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { configValidators } from "@opsbook/plays";
 *
 * Object.values(configValidators).every((validator) => typeof validator.parse === "function") //=> true
 * Object.isFrozen(configValidators) //=> true
 * ```
 */
export const configValidators: Readonly<Record<string, PlayConfigValidator>> = Object.freeze({});
