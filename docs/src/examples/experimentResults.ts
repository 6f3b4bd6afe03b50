import { createRng } from "@opsbook/core";
import {
  bayesianTest,
  frequentistTest,
  meanFromValues,
  sequentialTest,
} from "@opsbook/experiments";

// Signups after two weeks: 20.0 % in control, 22.0 % in treatment.
const control = { type: "proportion", n: 6000, conversions: 1200 } as const;
const treatment = { type: "proportion", n: 6000, conversions: 1320 } as const;

export const frequentist = frequentistTest(control, treatment);
export const bayesian = bayesianTest(control, treatment);
export const sequential = sequentialTest(control, treatment, { tuning: 12_000 });

// CUPED: minutes of use per user in the test, and the same user's minutes before it.
const rng = createRng("cuped-example");
function minutesOfUse(lift: number) {
  const before: number[] = [];
  const during: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const habit = rng.exponential(1 / 60); // a user's usual weekly minutes, 60 on average
    before.push(Math.max(0, habit + rng.normal(0, 15)));
    during.push(Math.max(0, habit * (1 + lift) + rng.normal(0, 15)));
  }
  return meanFromValues(during, before);
}
const controlMinutes = minutesOfUse(0);
const treatmentMinutes = minutesOfUse(0.05);

export const withoutCuped = frequentistTest(controlMinutes, treatmentMinutes, { cuped: false });
export const withCuped = frequentistTest(controlMinutes, treatmentMinutes);
