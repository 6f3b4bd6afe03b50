import {
  adjustPValues,
  decide,
  experimentPlanSchema,
  frequentistTest,
  srmCheck,
} from "@opsbook/experiments";
import { getPlay, validatePlayConfig } from "@opsbook/plays";

// The plan shipped with the play "Run an A/B test from hypothesis to decision".
const play = getPlay("ab-test-hypothesis-to-decision", "en");
const file = validatePlayConfig(play.config?.text ?? "", { path: "experiment-plan.yaml" });
const plan = experimentPlanSchema.parse(file.config);

// Day 14: the primary metric and both guardrails.
const primary = frequentistTest(
  { type: "proportion", n: 6000, conversions: 1200 },
  { type: "proportion", n: 6000, conversions: 1320 },
);
const guardrails = {
  activated_within_7_days: frequentistTest(
    { type: "proportion", n: 1200, conversions: 540 },
    { type: "proportion", n: 1320, conversions: 590 },
  ),
  support_tickets_per_signup: frequentistTest(
    { type: "mean", n: 1200, sum: 96, sumSquares: 120 },
    { type: "mean", n: 1320, sum: 104, sumSquares: 131 },
  ),
};
export const onDay7 = decide({ daysRunning: 7, primary, guardrails }, plan);
const srmPValue = srmCheck([6000, 6000], plan.split).pValue;
export const onDay14 = decide({ daysRunning: 14, primary, guardrails, srmPValue }, plan);

// Four secondary metrics read at the same time need adjusted p-values.
export const pValues = [0.012, 0.03, 0.2, 0.04];
export const holm = adjustPValues(pValues, "holm");
export const benjaminiHochberg = adjustPValues(pValues, "benjamini-hochberg");
