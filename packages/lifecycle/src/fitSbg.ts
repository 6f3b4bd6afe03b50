import { OpsbookError, type OpsbookIssue, validate } from "@opsbook/core";
import { z } from "zod";
import { invert, nelderMead, numericHessian } from "./internal/optimize.ts";
import { cohortSurvivorsSchema } from "./schemas.ts";

/**
 * Parameters of a fitted sBG model.
 *
 * @category Retention (sBG)
 * @since 0.1.0
 */
export interface SbgFit {
  alpha: number;
  beta: number;
  /** Maximised log-likelihood. */
  logLikelihood: number;
  /** Asymptotic standard errors from the observed information matrix, or `null` when singular. */
  standardErrors: { alpha: number; beta: number } | null;
  /** Number of cohorts fitted. */
  cohorts: number;
  converged: boolean;
}

const inputSchema = z.union([cohortSurvivorsSchema, z.array(cohortSurvivorsSchema).min(1)]);

/**
 * Fits the shifted-beta-geometric retention model to cohort survival counts by maximum
 * likelihood (Fader & Hardie 2007, "How to Project Customer Retention", eq. 9): customers lost in
 * period t contribute ln P(T = t) and survivors at the last observed period ln S(n), with
 * P(T = 1) = α/(α + β), P(T = t) = P(T = t − 1)·(β + t − 2)/(α + β + t − 1). Several cohorts (of
 * different ages) are fitted jointly by adding their log-likelihoods. The search runs in
 * (ln α, ln β) with Nelder–Mead.
 *
 * @param survivors - One cohort (`[size, alive after period 1, …]`) or an array of cohorts.
 * @returns α, β, log-likelihood and standard errors.
 * @throws OpsbookError `invalid_input` when a cohort grows from one period to the next or starts
 *   empty; one issue per offending count.
 * @category Retention (sBG)
 * @since 0.1.0
 * @example
 * ```ts
 * import { fitSbg } from "@opsbook/lifecycle";
 *
 * // Fader & Hardie (2007), "regular" customers, years 0–7: α = 0.704, β = 1.182.
 * const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
 * [fit.alpha, fit.beta].map((v) => Math.round(v * 1000) / 1000) //=> [0.704, 1.182]
 * fitSbg([1000, 631, 650]) //=> throws OpsbookError
 * ```
 */
export function fitSbg(survivors: readonly number[] | readonly (readonly number[])[]): SbgFit {
  const parsed = validate(inputSchema, survivors, { label: "survivors" });
  const single = typeof parsed[0] === "number";
  const cohorts = (single ? [parsed] : parsed) as number[][];
  const issues: OpsbookIssue[] = [];
  cohorts.forEach((cohort, c) => {
    const prefix = single ? [] : [c];
    if ((cohort[0] as number) <= 0)
      issues.push({
        code: "invalid_input",
        path: [...prefix, 0],
        message: `${single ? "" : `[${c}]`}[0]: expected a cohort size > 0, received ${cohort[0]}`,
      });
    for (let t = 1; t < cohort.length; t++) {
      if ((cohort[t] as number) > (cohort[t - 1] as number))
        issues.push({
          code: "invalid_input",
          path: [...prefix, t],
          message: `${single ? "" : `[${c}]`}[${t}]: expected at most ${cohort[t - 1]} survivors (a cohort cannot grow), received ${cohort[t]}`,
        });
    }
  });
  if (issues.length > 0) throw OpsbookError.fromIssues(issues, "survivors");

  const negativeLogLikelihood = (x: number[]) => {
    const alpha = Math.exp(x[0] as number);
    const beta = Math.exp(x[1] as number);
    let ll = 0;
    for (const cohort of cohorts) {
      let p = alpha / (alpha + beta);
      let s = 1 - p;
      for (let t = 1; t < cohort.length; t++) {
        if (t > 1) {
          p *= (beta + t - 2) / (alpha + beta + t - 1);
          s -= p;
        }
        const lost = (cohort[t - 1] as number) - (cohort[t] as number);
        if (lost > 0) ll += lost * Math.log(p);
      }
      const alive = cohort[cohort.length - 1] as number;
      if (alive > 0) ll += alive * Math.log(s);
    }
    return -ll;
  };
  const result = nelderMead(negativeLogLikelihood, [0, 0], { tolerance: 1e-12 });
  const alpha = Math.exp(result.x[0] as number);
  const beta = Math.exp(result.x[1] as number);
  const covariance = invert(numericHessian(negativeLogLikelihood, result.x));
  const standardErrors =
    covariance && covariance[0]![0]! > 0 && covariance[1]![1]! > 0
      ? { alpha: alpha * Math.sqrt(covariance[0]![0]!), beta: beta * Math.sqrt(covariance[1]![1]!) }
      : null;
  return {
    alpha,
    beta,
    logLikelihood: -result.value,
    standardErrors,
    cohorts: cohorts.length,
    converged: result.converged,
  };
}
