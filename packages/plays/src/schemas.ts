import { z } from "zod";
import { categorySlugs } from "./categories.ts";
import { productLifecycleStageValues } from "./productLifecycleStages.ts";

/**
 * The languages plays are written in: English and Simplified Chinese (`playbooks/zh-cn/`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { playLanguageValues } from "@opsbook/plays";
 *
 * playLanguageValues //=> ["en", "zh-cn"]
 * ```
 */
export const playLanguageValues = ["en", "zh-cn"] as const;

/** Validates a language argument. */
export const playLanguageSchema = z.enum(playLanguageValues);

/** Validates Markdown text arguments. */
export const markdownSchema = z.string();

/**
 * The language of a play: `"en"` (English, `playbooks/`) or `"zh-cn"` (Simplified Chinese,
 * `playbooks/zh-cn/`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { playSections, type PlayLanguage } from "@opsbook/plays";
 *
 * const language: PlayLanguage = "zh-cn";
 * playSections[0]?.heading[language] //=> "目标"
 * ```
 */
export type PlayLanguage = (typeof playLanguageValues)[number];

/**
 * The `@opsbook` packages a play may name in `packages` (the packages of the architecture; add a
 * name here when a new package is published).
 */
export const opsbookPackageNames = [
  "@opsbook/core",
  "@opsbook/sample-data",
  "@opsbook/metrics",
  "@opsbook/experiments",
  "@opsbook/growth",
  "@opsbook/pricing",
  "@opsbook/lifecycle",
  "@opsbook/persona",
  "@opsbook/plays",
  "@opsbook/cli",
] as const;

/** A slug: lower-case letters and digits in words joined by single hyphens. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().trim().min(1, "must not be empty");

const textList = (what: string) =>
  z
    .array(text)
    .min(1, `list at least one ${what}`)
    .refine((items) => new Set(items).size === items.length, {
      error: `lists the same ${what} twice`,
    });

/** `"3"`, `"2-4"` or `"5+"`: how many people run the play. */
const peopleSchema = z
  .string()
  .regex(/^[1-9]\d*(?:-[1-9]\d*|\+)?$/, {
    error: 'expected a head count such as "3", "2-4" or "5+"',
  })
  .refine(
    (value) => {
      const [low, high] = value.split("-").map(Number);
      return high === undefined || (low !== undefined && low < high);
    },
    { error: 'the range must go from fewer to more people, e.g. "2-4"' },
  );

const durationSchema = z.iso.duration({
  error: "expected an ISO-8601 duration such as PT2H, P3D, P2W or P1M",
});

/**
 * The frontmatter of a play, exactly as `PLAYS.md` defines it. Every field is required except
 * `config`; unknown fields are rejected, so a misspelt field name is caught.
 *
 * - `title`, `summary` (one sentence: the decision or outcome the play produces);
 * - `category`: one of the twelve {@link categories} slugs;
 * - `lifecycleStages`: the product stages the play fits, at least one of `introduction`, `growth`,
 *   `maturity`, `decline`;
 * - `effort`: `prep` and `run` as ISO-8601 durations (`P1W`, `PT2H`), `people` as `"3"`, `"2-4"` or `"5+"`;
 * - `roles`, `whenToUse`, `whenNotToUse`, `inputs`, `risks`: non-empty lists of text;
 * - `packages`: the `@opsbook` packages the play uses (may be empty);
 * - `config`: optional file name (`kebab-case.yaml`) of a machine-readable config beside the play;
 * - `metrics`: one `primary` metric with 3–6 `inputs` metrics (Amplitude's North Star playbook) and at
 *   least one `guardrails` metric;
 * - `lastReviewed`: ISO date (`2026-11-01`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { playFrontmatterSchema } from "@opsbook/plays";
 *
 * playFrontmatterSchema.shape.effort.safeParse({ prep: "P1W", run: "P6W", people: "2-4" }).success //=> true
 * playFrontmatterSchema.shape.effort.safeParse({ prep: "1 week", run: "P6W", people: "2-4" }).success //=> false
 * playFrontmatterSchema.shape.category.options.length //=> 12
 * ```
 */
export const playFrontmatterSchema = z.strictObject({
  title: text,
  summary: text,
  category: z.enum(categorySlugs),
  lifecycleStages: z
    .array(z.enum(productLifecycleStageValues))
    .min(1, "list at least one lifecycle stage")
    .refine((items) => new Set(items).size === items.length, {
      error: "lists the same lifecycle stage twice",
    }),
  effort: z.strictObject({ prep: durationSchema, run: durationSchema, people: peopleSchema }),
  roles: textList("role"),
  whenToUse: textList("situation"),
  whenNotToUse: textList("situation"),
  inputs: textList("input"),
  packages: z
    .array(z.enum(opsbookPackageNames))
    .refine((items) => new Set(items).size === items.length, {
      error: "lists the same package twice",
    }),
  config: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$/, {
      error:
        'expected the file name of a config beside the play, such as "referral-programme.yaml"',
    })
    .optional(),
  metrics: z.strictObject({
    primary: text,
    inputs: z
      .array(text)
      .min(3, "list 3 to 6 input metrics that drive the primary metric")
      .max(6, "list 3 to 6 input metrics that drive the primary metric"),
    guardrails: textList("guardrail metric"),
  }),
  risks: textList("risk"),
  lastReviewed: z.iso.date({ error: "expected an ISO date such as 2026-11-01" }),
});

/**
 * The validated frontmatter of a play (the output of {@link playFrontmatterSchema}).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { playFrontmatterSchema, type PlayFrontmatter } from "@opsbook/plays";
 *
 * const keys: (keyof PlayFrontmatter)[] = ["title", "category", "effort"];
 * keys.every((key) => key in playFrontmatterSchema.shape) //=> true
 * ```
 */
export type PlayFrontmatter = z.output<typeof playFrontmatterSchema>;

/** Options of `parsePlay`. */
export const parsePlayOptionsSchema = z.strictObject({
  path: z.string().min(1),
  language: playLanguageSchema.optional(),
});

/**
 * The schema of the filter `listPlays` takes.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { playFilterSchema } from "@opsbook/plays";
 *
 * playFilterSchema.safeParse({ category: "retention" }).success //=> true
 * playFilterSchema.safeParse({ category: "sales" }).success //=> false
 * ```
 */
export const playFilterSchema = z.strictObject({
  category: z.enum(categorySlugs).optional(),
  lifecycleStage: z.enum(productLifecycleStageValues).optional(),
  language: z.enum(playLanguageValues).optional(),
  package: z.enum(opsbookPackageNames).optional(),
});

/**
 * Which plays `listPlays` returns: every field is optional and all given fields must match.
 *
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { listPlays, type PlayFilter } from "@opsbook/plays";
 *
 * const filter: PlayFilter = { category: "retention", language: "zh-cn" };
 * listPlays(filter).every((play) => play.category === "retention" && play.language === "zh-cn") //=> true
 * ```
 */
export type PlayFilter = z.input<typeof playFilterSchema>;
