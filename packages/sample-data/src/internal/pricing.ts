import { currencyExponent, fromDecimal } from "@opsbook/core";
import type { SampleChannel } from "../sampleProduct.ts";
import { channelSpecs, paidPlans, priceBooks, type SampleCurrency } from "./catalogue.ts";
import type { Pricing } from "./userGenerator.ts";

/** Plans, the credit pack and survey settings in one currency (prices converted once, here). */
export function buildPricing(currency: SampleCurrency): Pricing {
  const book = priceBooks[currency];
  const price = { starter: book.starter, pro: book.pro, team: book.team };
  return {
    plans: [
      { id: "free", name: "Free", price: fromDecimal("0", currency), interval: "month" },
      ...paidPlans.map((plan) => ({
        id: plan.id,
        name: plan.name,
        price: fromDecimal(price[plan.id], currency),
        interval: "month" as const,
      })),
    ],
    credits: fromDecimal(book.credits, currency),
    currency,
    unit: 10 ** currencyExponent(currency),
    step: book.step,
    medianValue: 24 * book.scale,
  };
}

/**
 * Channels with their daily spend: a paid channel spends, every day, its target acquisition cost
 * times the users it brought over the window, rounded to whole currency units.
 */
export function buildChannels(
  currency: SampleCurrency,
  counts: readonly number[],
  days: number,
): SampleChannel[] {
  const book = priceBooks[currency];
  const unit = 10 ** currencyExponent(currency);
  return channelSpecs.map((spec, i) => ({
    id: spec.id,
    name: spec.name,
    dailySpend: {
      amount: Math.round((spec.cac * book.scale * (counts[i] ?? 0)) / days) * unit,
      currency,
    },
    quality: spec.quality,
    activationRate: spec.activationRate,
  }));
}
