import { z } from "zod";

/**
 * A job to be done with the two survey measures of Ulwick's opportunity algorithm, each on his
 * 0–10 scale (the share of respondents who rate the outcome 4 or 5 on a five-point scale, × 10).
 *
 * @category Personas
 * @since 0.1.0
 * @example
 * ```ts
 * import { jobToBeDoneSchema } from "@opsbook/persona";
 *
 * jobToBeDoneSchema.parse({ statement: "Minimise the time to find last week's numbers", importance: 8, satisfaction: 4 })
 * //=> { statement: "Minimise the time to find last week's numbers", importance: 8, satisfaction: 4 }
 * jobToBeDoneSchema.safeParse({ statement: "x", importance: 11, satisfaction: 4 }).success //=> false
 * ```
 */
export const jobToBeDoneSchema = z.object({
  /** The job or desired outcome, in the customer's words ("Minimise the time it takes to …"). */
  statement: z.string().min(1),
  /** Importance on a 0–10 scale. */
  importance: z.number().min(0).max(10),
  /** Satisfaction with today's solutions on a 0–10 scale. */
  satisfaction: z.number().min(0).max(10),
});

/**
 * One key metric a persona is measured by, with an optional current value and target.
 *
 * @category Personas
 * @since 0.1.0
 * @example
 * ```ts
 * import { keyMetricSchema } from "@opsbook/persona";
 *
 * keyMetricSchema.parse({ name: "weekly active days", value: 4 }) //=> { name: "weekly active days", value: 4 }
 * ```
 */
export const keyMetricSchema = z.object({
  name: z.string().min(1),
  value: z.union([z.number(), z.string()]).optional(),
  target: z.union([z.number(), z.string()]).optional(),
});

const texts = z.array(z.string().min(1)).default([]);

/**
 * A persona as a canvas: who they are (name, summary, demographics), when they use the product
 * (scenarios), what they want (goals, jobs to be done with importance and satisfaction), what hurts
 * (pains), where to reach them (channels), their own words (quotes) and the metrics that show they
 * are served. Lists default to empty, so a draft needs only a name and a summary.
 *
 * @category Personas
 * @since 0.1.0
 * @example
 * ```ts
 * import { personaSchema } from "@opsbook/persona";
 *
 * const persona = personaSchema.parse({ name: "Weekly reporter", summary: "Builds the Monday report." });
 * persona.goals //=> []
 * persona.demographics //=> {}
 * personaSchema.safeParse({ name: "" }).success //=> false
 * ```
 */
export const personaSchema = z.object({
  /** Stable identifier (defaults to nothing; rules and drift use `name` when it is absent). */
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  summary: z.string().min(1),
  /** Free-form facts such as role, company size, country: label → value. */
  demographics: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  scenarios: texts,
  goals: texts,
  pains: texts,
  jobs: z.array(jobToBeDoneSchema).default([]),
  channels: texts,
  quotes: texts,
  keyMetrics: z.array(keyMetricSchema).default([]),
});

/** A scalar a condition compares against. */
const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One comparison on a user attribute or behaviour summary: `field` is a key of the user's
 * attributes (a dotted path reaches nested objects), `op` one of `eq`, `neq`, `gt`, `gte`, `lt`,
 * `lte`, `in`, `notIn`, `between` (inclusive `[min, max]`), `exists`, `contains` (array or
 * string contains the value).
 *
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { comparisonSchema } from "@opsbook/persona";
 *
 * comparisonSchema.parse({ field: "sessions", op: "gte", value: 10 }) //=> { field: "sessions", op: "gte", value: 10 }
 * comparisonSchema.safeParse({ field: "sessions", op: "matches", value: ".*" }).success //=> false
 * ```
 */
export const comparisonSchema = z.discriminatedUnion("op", [
  z.object({
    field: z.string().min(1),
    op: z.enum(["eq", "neq", "contains"]),
    value: scalarSchema,
  }),
  z.object({
    field: z.string().min(1),
    op: z.enum(["gt", "gte", "lt", "lte"]),
    value: z.union([z.number(), z.string()]),
  }),
  z.object({
    field: z.string().min(1),
    op: z.enum(["in", "notIn"]),
    value: z.array(scalarSchema),
  }),
  z.object({
    field: z.string().min(1),
    op: z.literal("between"),
    value: z.tuple([z.number(), z.number()]),
  }),
  z.object({ field: z.string().min(1), op: z.literal("exists"), value: z.boolean().default(true) }),
]);

/**
 * A persona criterion: a comparison, or `all` / `any` / `not` of criteria. Plain data, evaluated
 * without `eval`, so a criterion can live in a YAML config.
 *
 * @category Assignment
 * @since 0.1.0
 */
export type Condition =
  | z.input<typeof comparisonSchema>
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * Zod schema of {@link Condition}.
 *
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { conditionSchema } from "@opsbook/persona";
 *
 * conditionSchema.safeParse({ all: [{ field: "plan", op: "eq", value: "pro" }, { not: { field: "seats", op: "lt", value: 5 } }] }).success
 * //=> true
 * conditionSchema.safeParse({ all: "plan = pro" }).success //=> false
 * ```
 */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    comparisonSchema,
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
) as z.ZodType<Condition>;

/**
 * A persona rule: the persona's name (or id) and the criterion its users meet.
 *
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { personaRuleSchema } from "@opsbook/persona";
 *
 * personaRuleSchema.parse({ persona: "Power user", when: { field: "activeDays", op: "gte", value: 20 } }).persona
 * //=> "Power user"
 * ```
 */
export const personaRuleSchema = z.object({
  persona: z.string().min(1),
  when: conditionSchema,
});

/**
 * A user to assign: an id and a flat (or nested) record of attributes and behaviour summaries.
 *
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { personaUserSchema } from "@opsbook/persona";
 *
 * personaUserSchema.parse({ id: "u1", attributes: { plan: "pro", activeDays: 21 } }).id //=> "u1"
 * ```
 */
export const personaUserSchema = z.object({
  id: z.string().min(1),
  attributes: z.record(z.string(), z.unknown()),
});

/** Names of the default R×F grid's segments. */
const segmentName = z.string().min(1);

/**
 * A named segment of an R×F grid: the recency and frequency score ranges (inclusive) it covers.
 *
 * @category RFM
 * @since 0.1.0
 * @example
 * ```ts
 * import { rfmGridCellSchema } from "@opsbook/persona";
 *
 * rfmGridCellSchema.parse({ segment: "champions", recency: [5, 5], frequency: [4, 5] }).segment //=> "champions"
 * ```
 */
export const rfmGridCellSchema = z.object({
  segment: segmentName,
  recency: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  frequency: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
});

/**
 * A persona set as a play ships it (`kind: persona-set` in YAML, the rest of the document parsed
 * by this schema): the personas, the rules that assign users to them in priority order, the
 * fallback for users no rule matches, optional RFM options, options of the data-driven
 * clustering and the drift thresholds. Unknown keys are errors, so a misspelt field is caught.
 *
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { personaSetConfigSchema } from "@opsbook/persona";
 *
 * const config = personaSetConfigSchema.parse({
 *   name: "Analytics product personas",
 *   personas: [{ name: "Weekly reporter", summary: "Builds the Monday report." }],
 *   rules: [{ persona: "Weekly reporter", when: { field: "reportsCreated", op: "gte", value: 1 } }],
 * });
 * config.fallback //=> "unassigned"
 * config.drift //=> { moderate: 0.1, significant: 0.25 }
 * personaSetConfigSchema.safeParse({ name: "x", personas: [], rulez: [] }).success //=> false
 * ```
 */
export const personaSetConfigSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    personas: z.array(personaSchema),
    rules: z.array(personaRuleSchema).default([]),
    /** Persona given to users no rule matches. */
    fallback: z.string().min(1).default("unassigned"),
    rfm: z
      .object({
        bins: z.number().int().min(2).max(10).default(5),
        frequency: z.enum(["transactions", "days"]).default("transactions"),
        grid: z.array(rfmGridCellSchema).min(1).optional(),
      })
      .strict()
      .optional(),
    clustering: z
      .object({
        k: z.union([
          z.number().int().min(1),
          z.tuple([z.number().int().min(2), z.number().int().min(2)]),
        ]),
        seed: z.union([z.number(), z.string()]).default(1),
        nInit: z.number().int().min(1).default(10),
        features: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    drift: z
      .object({
        moderate: z.number().positive().default(0.1),
        significant: z.number().positive().default(0.25),
      })
      .strict()
      .default({ moderate: 0.1, significant: 0.25 }),
  })
  .strict();

/**
 * A persona, parsed (lists filled in).
 *
 * @category Personas
 * @since 0.1.0
 */
export type Persona = z.output<typeof personaSchema>;
/**
 * A persona as written (lists optional).
 *
 * @category Personas
 * @since 0.1.0
 */
export type PersonaInput = z.input<typeof personaSchema>;
/**
 * A job to be done.
 *
 * @category Personas
 * @since 0.1.0
 */
export type JobToBeDone = z.output<typeof jobToBeDoneSchema>;
/**
 * A persona rule.
 *
 * @category Assignment
 * @since 0.1.0
 */
export type PersonaRule = z.output<typeof personaRuleSchema>;
/**
 * A user to assign.
 *
 * @category Assignment
 * @since 0.1.0
 */
export type PersonaUser = z.output<typeof personaUserSchema>;
/**
 * A cell of an R×F grid.
 *
 * @category RFM
 * @since 0.1.0
 */
export type RfmGridCell = z.output<typeof rfmGridCellSchema>;
/**
 * A parsed persona-set config.
 *
 * @category Configs
 * @since 0.1.0
 */
export type PersonaSetConfig = z.output<typeof personaSetConfigSchema>;
