import type { Condition } from "../schemas.ts";
import { readPath } from "./properties.ts";

/** Evaluates a structured condition against event properties (no expressions are ever executed). */
export function matchesCondition(
  condition: Condition,
  properties: Record<string, unknown> | undefined,
): boolean {
  if ("all" in condition) return condition.all.every((c) => matchesCondition(c, properties));
  if ("any" in condition) return condition.any.some((c) => matchesCondition(c, properties));
  if ("not" in condition) return !matchesCondition(condition.not, properties);
  const actual = readPath(properties, condition.property);
  switch (condition.op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "missing":
      return actual === undefined || actual === null;
    case "eq":
      return actual === condition.value;
    case "neq":
      return actual !== condition.value;
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const expected = condition.value;
      if (
        typeof actual !== typeof expected ||
        (typeof actual !== "number" && typeof actual !== "string")
      )
        return false;
      const a = actual as number | string;
      const b = expected as number | string;
      if (condition.op === "gt") return a > b;
      if (condition.op === "gte") return a >= b;
      if (condition.op === "lt") return a < b;
      return a <= b;
    }
    case "in":
      return (condition.value as unknown[]).includes(actual);
    case "notIn":
      return !(condition.value as unknown[]).includes(actual);
    case "contains":
      if (typeof actual === "string")
        return typeof condition.value === "string" && actual.includes(condition.value);
      return Array.isArray(actual) && actual.includes(condition.value);
  }
}

/** Whether an event name matches a rule's `event` (one name or a list). */
export function matchesEvent(expected: string | string[], name: string): boolean {
  return typeof expected === "string" ? expected === name : expected.includes(name);
}
