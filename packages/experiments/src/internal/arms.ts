import { OpsbookError, validate } from "@opsbook/core";
import { type Statistic, statisticSchema } from "../schemas.ts";

/** Validates the two arm statistics of a test, with `control` / `treatment` paths in errors. */
export function parseArms(control: unknown, treatment: unknown): [Statistic, Statistic] {
  const issues = [];
  let a: Statistic | undefined;
  let b: Statistic | undefined;
  try {
    a = validate(statisticSchema, control, { path: ["control"], label: "control" });
  } catch (error) {
    if (!(error instanceof OpsbookError)) throw error;
    issues.push(...error.issues);
  }
  try {
    b = validate(statisticSchema, treatment, { path: ["treatment"], label: "treatment" });
  } catch (error) {
    if (!(error instanceof OpsbookError)) throw error;
    issues.push(...error.issues);
  }
  if (!a || !b) throw OpsbookError.fromIssues(issues, "arms");
  return [a, b];
}
