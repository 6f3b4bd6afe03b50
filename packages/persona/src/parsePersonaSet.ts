import { OpsbookError, type OpsbookIssue, validate } from "@opsbook/core";
import { type PersonaSetConfig, personaSetConfigSchema } from "./schemas.ts";

/**
 * Parses a persona-set config (the YAML document of a play, already loaded as plain data, without
 * its `kind: persona-set` line) with {@link personaSetConfigSchema}, then checks what the schema
 * alone cannot: persona names (and ids) are unique, and every rule names a persona of the set.
 * Every problem is reported at once with its path, so a play's config can show line numbers.
 *
 * @param config - The config as plain data.
 * @returns The parsed config with defaults filled in.
 * @throws {@link OpsbookError} `invalid_input` for shape errors, `conflict` for duplicate personas,
 *   `not_found` for a rule naming an unknown persona.
 * @category Configs
 * @since 0.1.0
 * @example
 * ```ts
 * import { parsePersonaSet } from "@opsbook/persona";
 *
 * const set = parsePersonaSet({
 *   name: "Analytics product",
 *   personas: [{ name: "Power user", summary: "Uses the product daily." }],
 *   rules: [{ persona: "Power user", when: { field: "activeDays", op: "gte", value: 20 } }],
 * });
 * set.rules.length //=> 1
 * parsePersonaSet({ name: "x", personas: [{ name: "A", summary: "a" }], rules: [{ persona: "B", when: { field: "f", op: "exists" } }] })
 * //=> throws OpsbookError
 * ```
 */
export function parsePersonaSet(config: unknown): PersonaSetConfig {
  const parsed = validate(personaSetConfigSchema, config, { label: "persona set" });
  const issues: OpsbookIssue[] = [];
  const known = new Set<string>();
  parsed.personas.forEach((persona, i) => {
    for (const key of [persona.name, persona.id]) {
      if (key === undefined) continue;
      if (known.has(key))
        issues.push({
          code: "conflict",
          path: ["personas", i],
          message: `personas[${i}]: "${key}" names two personas`,
        });
      known.add(key);
    }
  });
  parsed.rules.forEach((rule, i) => {
    if (!known.has(rule.persona))
      issues.push({
        code: "not_found",
        path: ["rules", i, "persona"],
        message: `rules[${i}].persona: no persona "${rule.persona}" in the set (personas: ${[...known].join(", ") || "none"})`,
      });
  });
  if (issues.length > 0) throw OpsbookError.fromIssues(issues, "persona set");
  return parsed;
}
