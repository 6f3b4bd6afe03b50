/**
 * What the calculators shared by the guides and the Tools pages must show, computed here by calling
 * the packages directly: sample size, significance, tier pricing and the XP-curve designer. Each
 * returns the displayed texts keyed by `data-testid`, for `expectShown`. Also the XP-curve walk
 * that both pages drive through the designer.
 */
import {
  bayesianTest,
  experimentDuration,
  proportionsZTest,
  type SampleSizeResult,
  sampleSize,
} from "@opsbook/experiments";
import { levelForXp, levelThresholds } from "@opsbook/growth";
import { priceUsage } from "@opsbook/pricing";
import type { Locator } from "playwright-core";
import { expect } from "vitest";
import {
  formatCount,
  formatInterval,
  formatLift,
  formatPercent,
  formatPValue,
} from "../src/lib/experimentsFormat.ts";
import { formatPoints, formatProgress } from "../src/lib/growthFormat.ts";
import { xpCurveOf, xpDefaults } from "../src/lib/growthXpDesigner.ts";
import { calculatorTiers } from "../src/lib/pricingCalculator.ts";
import { formatMoney, formatPrice } from "../src/lib/pricingFormat.ts";
import { expectShown, fillFields } from "./browserHarness.ts";

/** The sample-size calculator, for inputs typed as on the page (percentages). */
export function expectedSampleSize(inputs: Record<string, string>): {
  size: SampleSizeResult;
  shown: Record<string, string>;
} {
  const size = sampleSize({
    metric: { type: "proportion", baseline: Number(inputs.baseline) / 100 },
    effect: Number(inputs.mde) / 100,
    relative: inputs.mdeType === "relative",
    power: Number(inputs.power) / 100,
    alpha: Number(inputs.alpha) / 100,
    variations: Number(inputs.variations),
  });
  const { days } = experimentDuration({
    perVariation: size.perVariation,
    variations: size.variations,
    dailyUnits: Number(inputs.daily),
  });
  return {
    size,
    shown: {
      "calc-ss-per-variation": formatCount(size.perVariation),
      "calc-ss-total": formatCount(size.total),
      "calc-ss-days": formatCount(days),
    },
  };
}

/** The significance calculator, for these counts and confidence level. */
export function expectedSignificance(inputs: Record<string, string>): {
  significant: boolean;
  shown: Record<string, string>;
} {
  const [cn, cc, tn, tc] = [
    inputs.controlVisitors,
    inputs.controlConversions,
    inputs.treatmentVisitors,
    inputs.treatmentConversions,
  ].map(Number) as [number, number, number, number];
  const alpha = 1 - Number(inputs.confidence) / 100;
  const bayesian = bayesianTest(
    { type: "proportion", n: cn, conversions: cc },
    { type: "proportion", n: tn, conversions: tc },
    { alpha },
  );
  const z = proportionsZTest([
    { count: tc, nobs: tn },
    { count: cc, nobs: cn },
  ]);
  return {
    significant: z.pValue < alpha,
    shown: {
      "calc-sig-control-rate": formatPercent(cc / cn, 2),
      "calc-sig-treatment-rate": formatPercent(tc / tn, 2),
      "calc-sig-lift": formatLift(bayesian.estimate),
      "calc-sig-ci": formatInterval(bayesian.ci),
      "calc-sig-p": formatPValue(z.pValue),
      "calc-sig-chance": formatPercent(bayesian.chanceToWin),
    },
  };
}

/** The tier-pricing calculator for a number of seats: totals, per-seat prices and each tier's line. */
export function expectedTierPricing(seats: number): Record<string, string> {
  const tiers = [...calculatorTiers];
  const graduated = priceUsage({ model: "graduated", tiers }, seats, { currency: "USD" });
  const volume = priceUsage({ model: "volume", tiers }, seats, { currency: "USD" });
  const perSeat = (exact: string) =>
    formatPrice(seats === 0 ? 0 : Math.round((Number(exact) / seats) * 100) / 100);
  const shown: Record<string, string> = {
    "calc-pricing-graduated": formatMoney(graduated.amount),
    "calc-pricing-volume": formatMoney(volume.amount),
    "calc-pricing-graduated-per-seat": perSeat(graduated.exact),
    "calc-pricing-volume-per-seat": perSeat(volume.exact),
  };
  tiers.forEach((_, i) => {
    const amountOf = (lines: typeof graduated.lines) =>
      formatPrice(Number(lines.find((l) => l.tier === i)?.amount ?? 0));
    shown[`calc-pricing-graduated-tier-${i + 1}`] = amountOf(graduated.lines);
    shown[`calc-pricing-volume-tier-${i + 1}`] = amountOf(volume.lines);
  });
  return shown;
}

/** The XP-curve designer for these field values: levelThresholds and levelForXp. */
export function expectedXp(values: Record<string, string>): Record<string, string> {
  const thresholds = levelThresholds(xpCurveOf(new Map(Object.entries(values))));
  const p = levelForXp(thresholds, Number(values["xp.xp"]));
  const shown: Record<string, string> = {
    "growth-xp-level": String(p.level),
    "growth-xp-progress": formatProgress(p.progress),
    "growth-xp-to-next": formatPoints(p.toNext),
    "growth-xp-max-level": String(p.maxLevel),
    "growth-xp-top": formatPoints(thresholds[thresholds.length - 1] ?? 0),
  };
  thresholds.forEach((xp, i) => {
    shown[`growth-xp-row-${i + 1}`] =
      `${i + 1}${formatPoints(xp)}${formatPoints(i === 0 ? xp : xp - (thresholds[i - 1] ?? 0))}`;
  });
  return shown;
}

/**
 * Drives the XP-curve designer from its default relative curve (Moodle Level Up's) to a linear and
 * then a polynomial curve, checking each against `expectedXp`; returns the polynomial's fields.
 */
export async function designXpCurves(designer: Locator): Promise<Record<string, string>> {
  await expectShown(designer, expectedXp({ ...xpDefaults }));
  // Moodle Level Up's default curve (base 120, coefficient 1.3): 300 XP is level 3.
  await expectShown(designer, { "growth-xp-level": "3", "growth-xp-top": "3,846" });

  // Only the fields of the chosen curve are shown (and filled); the others keep their values.
  const linearFields = {
    "xp.kind": "linear",
    "xp.levels": "20",
    "xp.base": "100",
    "xp.increment": "50",
    "xp.xp": "1234",
  };
  const linear = { ...xpDefaults, ...linearFields };
  await fillFields(designer, linearFields);
  await expectShown(designer, expectedXp(linear));
  await expect(designer.locator('[name="xp.coefficient"]').isVisible()).resolves.toBe(false);

  const polynomialFields = {
    "xp.kind": "polynomial",
    "xp.scale": "50",
    "xp.exponent": "2",
    "xp.xp": "450",
  };
  const polynomial = { ...linear, ...polynomialFields };
  await fillFields(designer, polynomialFields);
  // 50 × (L − 1)²: 450 XP reaches level 4 exactly (threshold inclusive).
  await expectShown(designer, { ...expectedXp(polynomial), "growth-xp-level": "4" });
  return polynomial;
}
