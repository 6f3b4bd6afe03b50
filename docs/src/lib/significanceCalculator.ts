import { bayesianTest, proportionsZTest } from "@opsbook/experiments";

/** The significance calculator's inputs: visitors and conversions per arm, confidence in percent. */
export interface SignificanceInputs {
  controlVisitors: number;
  controlConversions: number;
  treatmentVisitors: number;
  treatmentConversions: number;
  confidencePercent: number;
}

/**
 * Conversion rates; the relative lift, its interval and the chance to win from `bayesianTest`
 * (with its default flat prior the interval is the normal, delta-method confidence interval); and
 * the p-value of the pooled two-proportion z-test (`proportionsZTest`, statsmodels'
 * `proportions_ztest`, the test behind Evan Miller's chi-squared calculator). Both need only the
 * normal distribution, which keeps the island small.
 */
export function calculateSignificance(inputs: SignificanceInputs) {
  const alpha = 1 - inputs.confidencePercent / 100;
  const bayesian = bayesianTest(
    { type: "proportion", n: inputs.controlVisitors, conversions: inputs.controlConversions },
    { type: "proportion", n: inputs.treatmentVisitors, conversions: inputs.treatmentConversions },
    { alpha },
  );
  const { pValue } = proportionsZTest([
    { count: inputs.treatmentConversions, nobs: inputs.treatmentVisitors },
    { count: inputs.controlConversions, nobs: inputs.controlVisitors },
  ]);
  return {
    controlRate: inputs.controlConversions / inputs.controlVisitors,
    treatmentRate: inputs.treatmentConversions / inputs.treatmentVisitors,
    lift: bayesian.estimate,
    ci: bayesian.ci,
    pValue,
    significant: pValue < alpha,
    chanceToWin: bayesian.chanceToWin,
  };
}

/**
 * Where the calculator's interval chart (viewBox `0 0 320 44`) draws the interval and the
 * estimate, on a scale symmetric around zero.
 */
export function intervalGeometry(estimate: number, lower: number, upper: number) {
  const extent = Math.max(Math.abs(lower), Math.abs(upper), 0.01) * 1.1;
  const x = (value: number) => 160 + (value / extent) * 145;
  return { barX: x(lower), barWidth: Math.max(0, x(upper) - x(lower)), pointX: x(estimate) };
}
