import { fitSbg, sbgExpectedLifetime, sbgRetentionRates, sbgSurvival } from "@opsbook/lifecycle";

// Fader & Hardie (2007), "How to project customer retention": of 1,000 "regular"
// customers, those still subscribed at the start and after each of 12 years.
export const actual = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];

// Fit α and β on the first seven years only, then project to year 12.
export const fit = fitSbg(actual.slice(0, 8));
export const projected = sbgSurvival(fit, 12).map((share) => share * 1000);
export const retentionRates = sbgRetentionRates(fit, 12);
export const lifetime = sbgExpectedLifetime(fit, { horizon: 12 });
