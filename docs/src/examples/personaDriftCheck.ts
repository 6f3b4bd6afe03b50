import {
  assignPersonas,
  extractBehaviourFeatures,
  type PersonaRule,
  personaDrift,
} from "@opsbook/persona";
import { generateProduct } from "@opsbook/sample-data";

const { events, window } = generateProduct({ seed: 42, users: 500, days: 60 });

// Persona rules in priority order: the first match wins; users no rule matches are "Casual".
export const rules: PersonaRule[] = [
  { persona: "Buyer", when: { field: "purchases", op: "gte", value: 1 } },
  { persona: "Power user", when: { field: "activeDays", op: "gte", value: 8 } },
  { persona: "Explorer", when: { field: "breadth", op: "gte", value: 6 } },
];

// Assign the users active in [from, to) on their behaviour in that period alone.
function personasBetween(from: number, to: number) {
  const inPeriod = events.filter((e) => e.timestamp >= from && e.timestamp < to);
  const { users } = extractBehaviourFeatures(inPeriod, { asOf: to });
  return assignPersonas(users, rules, { fallback: "Casual" });
}

const middle = window.start + 30 * 86_400_000;
export const before = personasBetween(window.start, middle); // days 1–30
export const after = personasBetween(middle, window.end); // days 31–60

// PSI and χ² of the persona mix; personas whose own PSI term reaches 0.1 are flagged.
export const drift = personaDrift(before.counts, after.counts);
