import { formatPath, type OpsbookIssue, validate } from "@opsbook/core";
import { z } from "zod";
import { configValidators, type PlayConfigValidator } from "./configValidators.ts";
import { type LocatedIssue, locate, locatedError } from "./internal/locatedIssue.ts";
import { lineStarts, positionAt } from "./internal/textPosition.ts";
import {
  checkYamlValue,
  offsetOfPath,
  parseYamlSource,
  placeIssue,
} from "./internal/yamlSource.ts";
import { markdownSchema, slugPattern } from "./schemas.ts";

/**
 * Options of {@link validatePlayConfig}.
 *
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import type { ValidatePlayConfigOptions } from "@opsbook/plays";
 *
 * const options: ValidatePlayConfigOptions = { path: "playbooks/acquisition/referral-programme.yaml" };
 * options.validators //=> undefined
 * ```
 */
export interface ValidatePlayConfigOptions {
  /** The config's file, named in every error. */
  path: string;
  /** The validators to use, keyed by kind; default {@link configValidators}. */
  validators?: Readonly<Record<string, PlayConfigValidator>>;
}

/**
 * A config that validated: its kind, the package that checked it and the parsed value.
 *
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { type ValidatedPlayConfig, validatePlayConfig } from "@opsbook/plays";
 *
 * const validators = { quiz: { kind: "quiz", package: "@opsbook/persona", parse: (c: unknown) => c } };
 * const result: ValidatedPlayConfig = validatePlayConfig("kind: quiz\n", { path: "quiz.yaml", validators });
 * result //=> { kind: "quiz", package: "@opsbook/persona", config: {} }
 * ```
 */
export interface ValidatedPlayConfig {
  kind: string;
  package: string;
  /** What the validator's `parse` returned. */
  config: unknown;
}

const optionsSchema = z.strictObject({
  path: z.string().min(1),
  validators: z
    .record(
      z.string(),
      z.custom<PlayConfigValidator>(
        (value) =>
          typeof (value as PlayConfigValidator | undefined)?.parse === "function" &&
          typeof (value as PlayConfigValidator).package === "string",
        { error: "expected a validator { kind, package, parse }" },
      ),
    )
    .optional(),
});

const documentSchema = z.looseObject({
  kind: z.string().regex(slugPattern, {
    error: 'expected the config kind in kebab-case, such as "referral-programme"',
  }),
});

const isIssueList = (value: unknown): value is OpsbookIssue[] =>
  Array.isArray(value) &&
  value.every((issue) => typeof issue?.message === "string" && Array.isArray(issue?.path));

/**
 * Validates a play config: a YAML mapping whose top-level `kind` field names its kind, checked by
 * the validator registered for that kind (see {@link configValidators}). Every problem — YAML syntax,
 * a missing or unknown `kind`, each issue the validator reports — comes with its line and column in
 * the file.
 *
 * @param text - The config file's text.
 * @param options - The file's `path` and, for tests and tools, the `validators` to use.
 * @returns The kind, the package that checked the config and the parsed config.
 * @throws {@link OpsbookError} `invalid_input` for bad YAML or a bad config, `unsupported` for a
 *   kind no validator handles; every issue has `file`, `line` and `column`.
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { validatePlayConfig } from "@opsbook/plays";
 *
 * const validators = {
 *   "seat-plan": {
 *     kind: "seat-plan",
 *     package: "@opsbook/pricing",
 *     parse: (config: unknown) => {
 *       const seats = (config as { seats?: unknown }).seats;
 *       if (typeof seats !== "number") throw new TypeError("seats must be a number");
 *       return { seats };
 *     },
 *   },
 * };
 * validatePlayConfig("kind: seat-plan\nseats: 5\n", { path: "seats.yaml", validators })
 * //=> { kind: "seat-plan", package: "@opsbook/pricing", config: { seats: 5 } }
 * validatePlayConfig("kind: points-programme\n", { path: "points.yaml", validators: {} })
 * //=> throws OpsbookError
 * ```
 */
export function validatePlayConfig(
  text: string,
  options: ValidatePlayConfigOptions,
): ValidatedPlayConfig {
  const { path, validators = configValidators } = validate(optionsSchema, options, {
    label: "options",
  });
  const source = validate(markdownSchema, text, { label: "text" }).replace(/\r\n?/g, "\n");
  const placement = { file: path, starts: lineStarts(source), offset: 0 };
  const subject = `config ${path}`;
  const yaml = parseYamlSource(source, placement, "config");
  if (yaml.issues.length > 0) throw locatedError(yaml.issues, subject);
  const checked = checkYamlValue(documentSchema, yaml, placement, "config");
  if (!checked.data) throw locatedError(checked.issues, subject);

  const { kind, ...config } = checked.data;
  const validator = Object.hasOwn(validators, kind) ? validators[kind] : undefined;
  if (!validator) {
    const known = Object.keys(validators).sort();
    const issue: OpsbookIssue = {
      code: "unsupported",
      path: ["kind"],
      message: `kind: no validator for config kind "${kind}" (known kinds: ${known.length > 0 ? known.join(", ") : "none yet"})`,
      expected: known.length > 0 ? `one of ${known.join(", ")}` : "a registered config kind",
      received: `"${kind}"`,
    };
    const at = positionAt(placement.starts, offsetOfPath(yaml.document, ["kind"]));
    throw locatedError([locate(issue, path, at)], subject);
  }
  try {
    return { kind, package: validator.package, config: validator.parse(config) };
  } catch (error) {
    const issues = (error as { issues?: unknown }).issues;
    if ((error as Error)?.name !== "OpsbookError" || !isIssueList(issues)) throw error;
    const located: LocatedIssue[] = issues.map((issue) =>
      placeIssue(
        { ...issue, message: issue.message || `${formatPath(issue.path)}: invalid` },
        yaml.document,
        placement,
      ),
    );
    throw locatedError(located, subject);
  }
}
