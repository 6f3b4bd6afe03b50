import { validate } from "@opsbook/core";
import { z } from "zod";
import { checkTiers } from "./internal/checkTiers.ts";
import { dec } from "./internal/decimal.ts";
import { tierSchema } from "./schemas.ts";

/**
 * A place where a volume schedule's total falls as the quantity rises.
 *
 * @category Price models
 * @since 0.1.0
 */
export interface VolumeScheduleWarning {
  /** Index of the tier whose last quantity costs more than the next quantity. */
  tier: number;
  /** The tier's last quantity (its `upTo`). */
  quantity: number;
  /** Exact total at `quantity`, major units. */
  total: string;
  /** The next quantity (`upTo + step`), in the next tier. */
  nextQuantity: number;
  /** Exact total at `nextQuantity`, lower than `total`. */
  nextTotal: string;
  /** Readable sentence. */
  message: string;
}

const lintInputSchema = z.object({
  tiers: z.array(tierSchema).min(1),
  step: z.number().finite().positive().default(1),
});

/**
 * Warns where a volume price schedule charges less for more: with volume pricing the tier that
 * holds the whole quantity prices every unit, so crossing into a cheaper tier can lower the total
 * (Stripe's tiered-pricing docs note that "the total might decrease"). Compares the total at each
 * tier's last quantity with the total one `step` later (default one unit).
 *
 * @param tiers - The volume tiers.
 * @param options - `step`: the smallest quantity increment billed (default 1).
 * @returns One warning per boundary where the total falls; empty when totals never fall.
 * @category Price models
 * @since 0.1.0
 * @example
 * ```ts
 * import { lintVolumeSchedule } from "@opsbook/pricing";
 *
 * lintVolumeSchedule([{ upTo: 100, unitPrice: "1" }, { upTo: null, unitPrice: "0.5" }])
 * //=> [{
 * //   tier: 0, quantity: 100, total: "100", nextQuantity: 101, nextTotal: "50.5",
 * //   message: "tiers[0]: 100 units cost 100 but 101 units cost 50.5; add a flat fee to tier 2 or lower its threshold",
 * // }]
 * lintVolumeSchedule([{ upTo: 5, unitPrice: "7" }, { upTo: null, unitPrice: "6.5" }]) //=> []
 * ```
 */
export function lintVolumeSchedule(
  tiers: readonly z.input<typeof tierSchema>[],
  options: { step?: number } = {},
): VolumeScheduleWarning[] {
  const parsed = validate(
    lintInputSchema,
    { tiers, step: options.step },
    { label: "volume schedule" },
  );
  checkTiers(parsed.tiers, ["tiers"]);
  const warnings: VolumeScheduleWarning[] = [];
  parsed.tiers.forEach((tier, i) => {
    const next = parsed.tiers[i + 1];
    if (tier.upTo === null || !next) return;
    const total = dec(tier.upTo).times(dec(tier.unitPrice)).plus(dec(tier.flatFee));
    const nextQuantity = dec(tier.upTo).plus(parsed.step);
    // The next quantity may skip past the next tier when it is narrower than one step.
    const target =
      parsed.tiers.find((t) => t.upTo === null || nextQuantity.lessThanOrEqualTo(t.upTo)) ?? next;
    const nextTotal = nextQuantity.times(dec(target.unitPrice)).plus(dec(target.flatFee));
    if (nextTotal.lessThan(total)) {
      warnings.push({
        tier: i,
        quantity: tier.upTo,
        total: total.toString(),
        nextQuantity: nextQuantity.toNumber(),
        nextTotal: nextTotal.toString(),
        message: `tiers[${i}]: ${tier.upTo} units cost ${total} but ${nextQuantity} units cost ${nextTotal}; add a flat fee to tier ${i + 2} or lower its threshold`,
      });
    }
  });
  return warnings;
}
