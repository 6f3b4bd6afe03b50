import { OpsbookError, validate } from "@opsbook/core";
import type { BayesianResult } from "./bayesianTest.ts";
import type { FrequentistResult } from "./frequentistTest.ts";
import { type ExperimentPlanInput, experimentPlanSchema } from "./schemas.ts";
import type { SequentialResult } from "./sequentialTest.ts";

/**
 * The result of any of the three tests, as {@link decide} reads it.
 *
 * @category Decisions
 * @since 0.1.0
 */
export type TestResult = FrequentistResult | SequentialResult | BayesianResult;

/**
 * What {@link decide} reads: the days the experiment has run, the primary metric's test result,
 * guardrail results by name and, optionally, the SRM p-value.
 *
 * @category Decisions
 * @since 0.1.0
 */
export interface ExperimentReadout {
  daysRunning: number;
  primary: TestResult;
  guardrails?: Record<string, TestResult>;
  srmPValue?: number;
}

/**
 * The decision of {@link decide}.
 *
 * @category Decisions
 * @since 0.1.0
 */
export interface Decision {
  decision: "ship" | "keep-running" | "stop";
  reason: string;
}

// Is the effect clearly on the good side (+1), clearly on the bad side (−1), or neither (0)?
function verdict(
  r: TestResult,
  direction: "increase" | "decrease",
  alpha: number,
  ctw: number,
  tolerance = 0,
): number {
  const sign = direction === "increase" ? 1 : -1;
  if (r.method === "bayesian") {
    // chanceToWin already follows `inverse`; callers run lower-is-better metrics with inverse.
    if (r.chanceToWin >= ctw) return 1;
    if (r.chanceToWin <= 1 - ctw) return -1;
    return 0;
  }
  if (r.uninformative) return 0;
  const [lower, upper] = r.ci;
  const good = sign > 0 ? lower !== null && lower > 0 : upper !== null && upper < 0;
  const bad = sign > 0 ? upper !== null && upper < -tolerance : lower !== null && lower > tolerance;
  if (r.pValue < alpha && good) return 1;
  if (r.pValue < alpha && bad) return -1;
  return 0;
}

/**
 * Applies an experiment plan's decision rule to a readout and says ship, keep running or stop,
 * with the reason. In order: a sample-ratio mismatch stops the experiment (the data cannot be
 * trusted); a guardrail that is clearly worse (beyond its `tolerance`) stops it; a fixed-horizon
 * (frequentist or Bayesian) plan is not read before `minDays`, while a sequential plan may stop
 * as soon as its confidence sequence excludes 0; a clear win ships (for Bayesian plans also
 * requiring the treatment's risk ≤ `maxRisk` when set), a clear loss stops, and at `maxDays`
 * an inconclusive experiment stops.
 *
 * @param readout - Days running, primary and guardrail results, SRM p-value.
 * @param plan - An experiment plan (validated with {@link experimentPlanSchema}).
 * @returns `{ decision, reason }`.
 * @throws {@link OpsbookError} for an invalid plan, or a result whose method differs from the plan's engine.
 * @category Decisions
 * @since 0.1.0
 * @example
 * ```ts
 * import { decide, frequentistTest } from "@opsbook/experiments";
 *
 * const plan = {
 *   name: "Shorter signup form",
 *   hypothesis: "Removing the phone field raises signup completion.",
 *   primaryMetric: { name: "signup_completed" },
 *   minimumDetectableEffect: 0.1,
 *   split: [1, 1],
 *   duration: { minDays: 14, maxDays: 28 },
 *   decisionRule: { engine: "frequentist" },
 * } as const;
 * const primary = frequentistTest(
 *   { type: "proportion", n: 5000, conversions: 500 },
 *   { type: "proportion", n: 5000, conversions: 600 },
 * );
 * decide({ daysRunning: 14, primary }, plan).decision //=> "ship"
 * decide({ daysRunning: 7, primary }, plan).decision //=> "keep-running"
 * decide({ daysRunning: 14, primary, srmPValue: 0.0001 }, plan).decision //=> "stop"
 * ```
 */
export function decide(readout: ExperimentReadout, plan: ExperimentPlanInput): Decision {
  const p = validate(experimentPlanSchema, plan, { path: ["plan"], label: "plan" });
  const rule = p.decisionRule;
  if (readout.primary.method !== rule.engine)
    throw new OpsbookError(
      "conflict",
      `readout.primary.method: expected "${rule.engine}" as the plan's engine, received "${readout.primary.method}"`,
      ["readout", "primary", "method"],
    );
  const days = readout.daysRunning;
  if (readout.srmPValue !== undefined && readout.srmPValue < rule.srmThreshold)
    return {
      decision: "stop",
      reason: `Sample ratio mismatch (p = ${readout.srmPValue.toPrecision(2)} < ${rule.srmThreshold}): fix assignment before reading results.`,
    };
  for (const g of p.guardrails) {
    const r = readout.guardrails?.[g.name];
    if (r && verdict(r, g.direction, rule.alpha, rule.chanceToWin, g.tolerance) < 0)
      return { decision: "stop", reason: `Guardrail "${g.name}" is clearly worse.` };
  }
  const sequential = rule.engine === "sequential";
  if (!sequential && days < p.duration.minDays)
    return {
      decision: "keep-running",
      reason: `Planned minimum is ${p.duration.minDays} days; reading a fixed-horizon test earlier inflates false positives.`,
    };
  const v = verdict(readout.primary, p.primaryMetric.direction, rule.alpha, rule.chanceToWin);
  const primary = p.primaryMetric.name;
  if (v > 0) {
    const r = readout.primary;
    if (r.method === "bayesian" && rule.maxRisk !== undefined && r.risk.treatment > rule.maxRisk)
      return {
        decision: days >= p.duration.maxDays ? "stop" : "keep-running",
        reason: `"${primary}" is likely better but the risk of shipping (${r.risk.treatment.toPrecision(2)}) exceeds ${rule.maxRisk}.`,
      };
    return { decision: "ship", reason: `"${primary}" improved and the decision rule is met.` };
  }
  if (v < 0) return { decision: "stop", reason: `"${primary}" is clearly worse in treatment.` };
  if (days >= p.duration.maxDays)
    return {
      decision: "stop",
      reason: `No conclusive effect on "${primary}" after the planned ${p.duration.maxDays} days.`,
    };
  return { decision: "keep-running", reason: `"${primary}" is not conclusive yet.` };
}
