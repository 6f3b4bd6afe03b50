import type { Condition } from "../schemas.ts";

/** Reads `field` from a record; a dotted path (`plan.name`) walks nested objects. */
export function readField(attributes: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(attributes, field)) return attributes[field];
  let value: unknown = attributes;
  for (const key of field.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function compare(a: unknown, b: number | string): number | undefined {
  if (typeof b === "number") {
    const n =
      typeof a === "number" ? a : typeof a === "string" && a.trim() !== "" ? Number(a) : NaN;
    return Number.isNaN(n) ? undefined : n - b;
  }
  if (typeof a !== "string") return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Evaluates a condition on a user's attributes. A missing attribute matches only `neq`, `notIn` and
 * `exists: false`; an ordering comparison between a number and a non-numeric value is false.
 */
export function evaluateCondition(
  condition: Condition,
  attributes: Record<string, unknown>,
): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, attributes));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, attributes));
  if ("not" in condition) return !evaluateCondition(condition.not, attributes);
  const value = readField(attributes, condition.field);
  switch (condition.op) {
    case "exists":
      return (value !== undefined && value !== null) === (condition.value ?? true);
    case "eq":
      return value === condition.value;
    case "neq":
      return value !== condition.value;
    case "contains":
      if (Array.isArray(value)) return value.includes(condition.value);
      return typeof value === "string" && value.includes(String(condition.value));
    case "in":
      return condition.value.some((v) => v === value);
    case "notIn":
      return !condition.value.some((v) => v === value);
    case "between": {
      const [min, max] = condition.value;
      const lo = compare(value, min);
      const hi = compare(value, max);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    default: {
      const d = compare(value, condition.value);
      if (d === undefined) return false;
      if (condition.op === "gt") return d > 0;
      if (condition.op === "gte") return d >= 0;
      if (condition.op === "lt") return d < 0;
      return d <= 0;
    }
  }
}
