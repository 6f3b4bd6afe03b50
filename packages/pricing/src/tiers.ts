import { currencyExponent, validate } from "@opsbook/core";
import { z } from "zod";
import { checkTiers } from "./internal/checkTiers.ts";
import { Exact } from "./internal/decimal.ts";
import { fail } from "./internal/fail.ts";
import type { Tier } from "./schemas.ts";

const minorDecimal = z.union([z.number().finite().min(0), z.string().regex(/^\d+(?:\.\d+)?$/)]);

const stripeTiersSchema = z
  .array(
    z.object({
      up_to: z.union([z.number().int().positive(), z.literal("inf"), z.null()]),
      unit_amount: z.number().int().min(0).nullable().optional(),
      unit_amount_decimal: minorDecimal.nullable().optional(),
      flat_amount: z.number().int().min(0).nullable().optional(),
      flat_amount_decimal: minorDecimal.nullable().optional(),
    }),
  )
  .min(1);

function minorToMajor(value: number | string | null | undefined, exponent: number): string {
  if (value === null || value === undefined) return "0";
  return new Exact(value).dividedBy(new Exact(10).pow(exponent)).toString();
}

/**
 * Reads Stripe price tiers (`tiers` of a Price with `billing_scheme: "tiered"`) into the package's
 * tiers. Stripe's `up_to` is inclusive (a tier with `up_to: 5` holds units 1–5) and `"inf"` marks
 * the last tier; amounts (`unit_amount`, `flat_amount` and their `_decimal` forms) are in the
 * currency's minor units and are converted to major-unit decimals here.
 *
 * @param tiers - Stripe tiers, in order.
 * @param currency - ISO 4217 code of the price (for the minor-unit exponent).
 * @returns Tiers with `upTo`, `unitPrice` and `flatFee` in major units.
 * @throws OpsbookError when tiers are unsorted or overlap, naming the tier.
 * @see https://docs.stripe.com/api/prices/object#price_object-tiers
 * @category Tiers
 * @since 0.1.0
 * @example
 * ```ts
 * import { fromStripeTiers } from "@opsbook/pricing";
 *
 * fromStripeTiers(
 *   [
 *     { up_to: 5, unit_amount: 700 },
 *     { up_to: 10, unit_amount: 650 },
 *     { up_to: "inf", unit_amount: 600 },
 *   ],
 *   "USD",
 * )
 * //=> [
 * //   { upTo: 5, unitPrice: "7", flatFee: "0" },
 * //   { upTo: 10, unitPrice: "6.5", flatFee: "0" },
 * //   { upTo: null, unitPrice: "6", flatFee: "0" },
 * // ]
 * fromStripeTiers([{ up_to: 10, unit_amount: 1 }, { up_to: 5, unit_amount: 1 }], "USD") //=> throws OpsbookError
 * ```
 */
export function fromStripeTiers(tiers: unknown, currency: string): Tier[] {
  const parsed = validate(stripeTiersSchema, tiers, { path: ["tiers"], label: "Stripe tiers" });
  const exponent = currencyExponent(currency);
  const out = parsed.map((t) => ({
    upTo: t.up_to === "inf" || t.up_to === null ? null : t.up_to,
    unitPrice: minorToMajor(t.unit_amount_decimal ?? t.unit_amount, exponent),
    flatFee: minorToMajor(t.flat_amount_decimal ?? t.flat_amount, exponent),
  }));
  checkTiers(out, ["tiers"]);
  return out;
}

const lagoRangesSchema = z
  .array(
    z.object({
      from_value: z.number().finite().min(0),
      to_value: z.number().finite().min(0).nullable(),
      per_unit_amount: z
        .string()
        .regex(/^\d+(?:\.\d+)?$/)
        .default("0"),
      flat_amount: z
        .string()
        .regex(/^\d+(?:\.\d+)?$/)
        .default("0"),
    }),
  )
  .min(1);

/**
 * Reads Lago graduated or volume ranges (`graduated_ranges`, `volume_ranges`) into the package's
 * tiers. Lago ranges are inclusive at both ends on whole units: the first starts at `from_value: 0`
 * and each next one at the previous `to_value + 1`; `to_value: null` marks the last. The gap between
 * `to_value` and the next `from_value` is closed by reading each range as (previous `to_value`,
 * `to_value`], so a fractional quantity such as 1000.5 is priced in the second range. Amounts are
 * decimal strings in major units.
 *
 * @param ranges - Lago ranges, in order.
 * @returns Tiers.
 * @throws OpsbookError when a range does not start right after the previous one (gap or overlap).
 * @see https://getlago.com/docs/guide/plans/charges/charge-models/graduated
 * @category Tiers
 * @since 0.1.0
 * @example
 * ```ts
 * import { fromLagoRanges } from "@opsbook/pricing";
 *
 * fromLagoRanges([
 *   { from_value: 0, to_value: 100, per_unit_amount: "1", flat_amount: "0" },
 *   { from_value: 101, to_value: null, per_unit_amount: "0.5", flat_amount: "10" },
 * ])
 * //=> [{ upTo: 100, unitPrice: "1", flatFee: "0" }, { upTo: null, unitPrice: "0.5", flatFee: "10" }]
 * fromLagoRanges([
 *   { from_value: 0, to_value: 100, per_unit_amount: "1" },
 *   { from_value: 50, to_value: null, per_unit_amount: "1" },
 * ]) //=> throws OpsbookError
 * ```
 */
export function fromLagoRanges(ranges: unknown): Tier[] {
  const parsed = validate(lagoRangesSchema, ranges, { path: ["ranges"], label: "Lago ranges" });
  parsed.forEach((r, i) => {
    const previous = parsed[i - 1];
    const expected = previous ? (previous.to_value ?? Number.NaN) + 1 : 0;
    if (r.from_value !== expected) {
      fail(
        "invalid_input",
        ["ranges", i, "from_value"],
        `expected ${expected} (${i === 0 ? "the first range starts at 0" : `ranges[${i - 1}].to_value + 1`}), received ${r.from_value}${r.from_value < expected ? " (ranges overlap)" : " (gap between ranges)"}`,
      );
    }
    if (r.to_value !== null && r.to_value < r.from_value) {
      fail(
        "invalid_input",
        ["ranges", i, "to_value"],
        `expected ≥ from_value (${r.from_value}), received ${r.to_value}`,
      );
    }
  });
  const out = parsed.map((r) => ({
    upTo: r.to_value,
    unitPrice: r.per_unit_amount,
    flatFee: r.flat_amount,
  }));
  checkTiers(out, ["ranges"]);
  return out;
}

const orbTiersSchema = z
  .array(
    z.object({
      first_unit: z.number().finite().min(0),
      last_unit: z.number().finite().positive().nullable().optional(),
      unit_amount: z.string().regex(/^\d+(?:\.\d+)?$/),
    }),
  )
  .min(1);

/**
 * Reads Orb tiered-price tiers (`tiered_config.tiers`) into the package's tiers. Orb's
 * `first_unit` is exclusive and `last_unit` inclusive, which is already the package's half-open
 * interval (`first_unit`, `last_unit`]; `last_unit: null` marks the last tier. Each tier must start
 * where the previous one ended.
 *
 * @param tiers - Orb tiers, in order.
 * @returns Tiers.
 * @throws OpsbookError when a tier does not start at the previous `last_unit`.
 * @see https://docs.withorb.com/reference/fetch-subscription-costs
 * @category Tiers
 * @since 0.1.0
 * @example
 * ```ts
 * import { fromOrbTiers } from "@opsbook/pricing";
 *
 * fromOrbTiers([
 *   { first_unit: 0, last_unit: 10, unit_amount: "0.50" },
 *   { first_unit: 10, last_unit: null, unit_amount: "0.10" },
 * ])
 * //=> [{ upTo: 10, unitPrice: "0.50", flatFee: "0" }, { upTo: null, unitPrice: "0.10", flatFee: "0" }]
 * ```
 */
export function fromOrbTiers(tiers: unknown): Tier[] {
  const parsed = validate(orbTiersSchema, tiers, { path: ["tiers"], label: "Orb tiers" });
  parsed.forEach((t, i) => {
    const previous = parsed[i - 1];
    const expected = previous ? (previous.last_unit ?? Number.NaN) : 0;
    if (t.first_unit !== expected) {
      fail(
        "invalid_input",
        ["tiers", i, "first_unit"],
        `expected ${expected} (${i === 0 ? "the first tier starts at 0" : `tiers[${i - 1}].last_unit`}), received ${t.first_unit}${t.first_unit < expected ? " (tiers overlap)" : " (gap between tiers)"}`,
      );
    }
  });
  const out = parsed.map((t) => ({
    upTo: t.last_unit ?? null,
    unitPrice: t.unit_amount,
    flatFee: "0",
  }));
  checkTiers(out, ["tiers"]);
  return out;
}
