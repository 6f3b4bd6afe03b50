import { bassCurve, classifyProductStage, fitBass } from "@opsbook/lifecycle";
import { generateProduct } from "@opsbook/sample-data";

// The seeded sample product: 2,000 signups over 120 days, planted on a Bass curve.
const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const WEEK = 7 * 86_400_000;

// Signups per week since launch (the 17 full weeks of the window).
export const weeklySignups: number[] = Array(Math.floor(product.window.days / 7)).fill(0);
for (const { event, timestamp } of product.events) {
  const week = Math.floor((timestamp - product.window.start) / WEEK);
  if (event === "signup" && week < weeklySignups.length)
    weeklySignups[week] = (weeklySignups[week] ?? 0) + 1;
}

// Bass fit (p and q per week, m adopters) and the product's stage with its evidence.
export const fit = fitBass(weeklySignups);
export const stage = classifyProductStage(weeklySignups);
export const fitted = bassCurve(fit, weeklySignups.length);

// What the generator planted: p and q per 120-day window, the peak day and the stage.
export const planted = product.groundTruth.lifecycle;
export const perWindow = {
  p: (fit.p * product.window.days) / 7,
  q: (fit.q * product.window.days) / 7,
};
