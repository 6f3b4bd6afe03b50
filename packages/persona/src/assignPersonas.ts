import { validate } from "@opsbook/core";
import { z } from "zod";
import { evaluateCondition } from "./internal/condition.ts";
import { type PersonaRule, personaRuleSchema, personaUserSchema } from "./schemas.ts";

/**
 * One user's assignment from {@link assignPersonas}.
 *
 * @category Assignment
 * @since 0.1.0
 */
export interface PersonaAssignment {
  userId: string;
  /** The first matching rule's persona, or the fallback when none matches. */
  persona: string;
  /** Every persona whose rule matches, in rule order (empty when unassigned). */
  matches: string[];
}

/**
 * Result of {@link assignPersonas}.
 *
 * @category Assignment
 * @since 0.1.0
 */
export interface PersonaAssignmentReport {
  /** One entry per user, in input order. */
  assignments: PersonaAssignment[];
  /** Users per persona (by primary assignment), fallback included, in rule order then fallback. */
  counts: Record<string, number>;
  /** Share of users matched by at least one rule (0 when there are no users). */
  coverage: number;
  /** Pairs of personas whose rules both match some users, with how many users. */
  overlaps: { personas: [string, string]; users: number }[];
  /** Ids of users no rule matches (they get the fallback persona). */
  unassigned: string[];
  fallback: string;
}

const inputSchema = z.object({
  users: z.array(personaUserSchema),
  rules: z.array(personaRuleSchema).min(1),
  fallback: z.string().min(1).default("unassigned"),
});

/**
 * Assigns every user to a persona with rules: structured conditions on attributes and behaviour
 * summaries (no code is evaluated). Rules are tried in order and the first match wins, so the order
 * is the priority; every match is also recorded, so overlapping rules are visible. Users that no
 * rule matches get the `fallback` persona (default `"unassigned"`) and are listed in `unassigned`.
 *
 * @param users - Users with their attributes (for example the output of {@link extractBehaviourFeatures} merged with CRM fields).
 * @param rules - Persona rules in priority order (at least one).
 * @param options - `fallback` persona name for unmatched users.
 * @returns Assignments, counts, coverage, overlaps and the unassigned users.
 * @throws {@link OpsbookError} when a user or rule does not match its schema.
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { assignPersonas } from "@opsbook/persona";
 *
 * const report = assignPersonas(
 *   [
 *     { id: "u1", attributes: { plan: "team", activeDays: 22 } },
 *     { id: "u2", attributes: { plan: "free", activeDays: 25 } },
 *     { id: "u3", attributes: { plan: "free", activeDays: 1 } },
 *   ],
 *   [
 *     { persona: "Team admin", when: { field: "plan", op: "eq", value: "team" } },
 *     { persona: "Power user", when: { field: "activeDays", op: "gte", value: 20 } },
 *   ],
 * );
 * report.assignments.map((a) => a.persona) //=> ["Team admin", "Power user", "unassigned"]
 * report.coverage //=> 2 / 3
 * report.overlaps //=> [{ personas: ["Team admin", "Power user"], users: 1 }]
 * report.unassigned //=> ["u3"]
 * assignPersonas([], []) //=> throws OpsbookError
 * ```
 */
export function assignPersonas(
  users: readonly { id: string; attributes: Record<string, unknown> }[],
  rules: readonly PersonaRule[],
  options: { fallback?: string } = {},
): PersonaAssignmentReport {
  const input = validate(
    inputSchema,
    { users, rules, ...options },
    { label: "assignPersonas input" },
  );
  const personas = [...new Set(input.rules.map((r) => r.persona))];
  const counts: Record<string, number> = {};
  for (const name of personas) counts[name] = 0;
  counts[input.fallback] = counts[input.fallback] ?? 0;
  const overlapCounts = new Map<string, number>();
  const unassigned: string[] = [];
  const assignments = input.users.map((user): PersonaAssignment => {
    const matches: string[] = [];
    for (const rule of input.rules)
      if (!matches.includes(rule.persona) && evaluateCondition(rule.when, user.attributes))
        matches.push(rule.persona);
    for (let i = 0; i < matches.length; i++)
      for (let j = i + 1; j < matches.length; j++) {
        const key = JSON.stringify([matches[i], matches[j]]);
        overlapCounts.set(key, (overlapCounts.get(key) ?? 0) + 1);
      }
    const persona = matches[0] ?? input.fallback;
    if (matches.length === 0) unassigned.push(user.id);
    counts[persona] = (counts[persona] ?? 0) + 1;
    return { userId: user.id, persona, matches };
  });
  const n = input.users.length;
  return {
    assignments,
    counts,
    coverage: n === 0 ? 0 : (n - unassigned.length) / n,
    overlaps: [...overlapCounts].map(([key, count]) => ({
      personas: JSON.parse(key) as [string, string],
      users: count,
    })),
    unassigned,
    fallback: input.fallback,
  };
}
