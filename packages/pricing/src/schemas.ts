import { roundingModeSchema } from "@opsbook/core";
import { z } from "zod";

const decimalText = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A non-negative decimal amount in major units, written as a decimal string (`"0.0006"`) or a
 * finite number (read as the decimal it prints as). Parses to the decimal string. YAML configs can
 * write either form; strings keep every digit.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { decimalAmountSchema } from "@opsbook/pricing";
 *
 * decimalAmountSchema.parse("0.0006") //=> "0.0006"
 * decimalAmountSchema.parse(6.5) //=> "6.5"
 * decimalAmountSchema.safeParse("-1").success //=> false
 * ```
 */
export const decimalAmountSchema = z
  .union([z.string(), z.number()])
  .refine(
    (v) => (typeof v === "number" ? Number.isFinite(v) && v >= 0 : decimalText.test(v.trim())),
    {
      message: "expected a non-negative decimal (string or number)",
      params: { code: "out_of_range", expected: "non-negative decimal" },
    },
  )
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()));

const quantitySchema = z.number().finite().min(0);
const upToSchema = z.number().finite().positive().nullable();

/**
 * One tier of a graduated or volume price in the package's own boundary convention: the tier
 * holds quantities above the previous tier's `upTo` and up to and including its own `upTo`
 * (`null` = no upper bound, last tier only). Use the vendor adapters (`fromStripeTiers`,
 * `fromLagoRanges`, `fromOrbTiers`) to read other conventions.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { tierSchema } from "@opsbook/pricing";
 *
 * tierSchema.parse({ upTo: 5, unitPrice: "7" }) //=> { upTo: 5, unitPrice: "7", flatFee: "0" }
 * ```
 */
export const tierSchema = z.object({
  upTo: upToSchema,
  unitPrice: decimalAmountSchema.default("0"),
  flatFee: decimalAmountSchema.default("0"),
});

const stairTierSchema = z.object({ upTo: upToSchema, amount: decimalAmountSchema });
const percentTierSchema = z.object({
  upTo: upToSchema,
  percent: decimalAmountSchema,
  flatFee: decimalAmountSchema.default("0"),
});

/**
 * A price model: how a period's usage becomes an amount. `model` is one of `flat`, `perUnit`,
 * `package`, `graduated`, `volume`, `stairstep`, `percentage` and `graduatedPercentage`. Prices are
 * decimals in major units of the price's currency; fractions of a minor unit are allowed.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { priceModelSchema } from "@opsbook/pricing";
 *
 * priceModelSchema.parse({ model: "package", packageSize: 100, packagePrice: "5", freeUnits: 100 })
 * //=> { model: "package", packageSize: 100, packagePrice: "5", freeUnits: 100, round: "up", minimumOnePackage: false }
 * priceModelSchema.safeParse({ model: "perUnit", unitPrice: "-1" }).success //=> false
 * ```
 */
export const priceModelSchema = z.discriminatedUnion("model", [
  z.object({ model: z.literal("flat"), amount: decimalAmountSchema }),
  z.object({ model: z.literal("perUnit"), unitPrice: decimalAmountSchema }),
  z.object({
    model: z.literal("package"),
    packageSize: z.number().finite().positive(),
    packagePrice: decimalAmountSchema,
    freeUnits: quantitySchema.default(0),
    round: z.enum(["up", "down"]).default("up"),
    minimumOnePackage: z.boolean().default(false),
  }),
  z.object({
    model: z.literal("graduated"),
    tiers: z.array(tierSchema).min(1),
    firstTierFlatFeeAtZero: z.boolean().default(false),
  }),
  z.object({
    model: z.literal("volume"),
    tiers: z.array(tierSchema).min(1),
    firstTierFlatFeeAtZero: z.boolean().default(false),
  }),
  z.object({ model: z.literal("stairstep"), tiers: z.array(stairTierSchema).min(1) }),
  z.object({
    model: z.literal("percentage"),
    percent: decimalAmountSchema,
    fixedFee: decimalAmountSchema.default("0"),
    freeEvents: z.number().int().min(0).optional(),
    freeAmount: decimalAmountSchema.optional(),
    perTransactionMin: decimalAmountSchema.optional(),
    perTransactionMax: decimalAmountSchema.optional(),
  }),
  z.object({
    model: z.literal("graduatedPercentage"),
    tiers: z.array(percentTierSchema).min(1),
    firstTierFlatFeeAtZero: z.boolean().default(false),
  }),
]);

/**
 * A price model as written (defaults not yet applied).
 *
 * @category Price models
 * @since 0.1.0
 */
export type PriceModelInput = z.input<typeof priceModelSchema>;

/**
 * A parsed price model with every default applied.
 *
 * @category Price models
 * @since 0.1.0
 */
export type PriceModel = z.output<typeof priceModelSchema>;

/**
 * A tier as written.
 *
 * @category Price models
 * @since 0.1.0
 */
export type TierInput = z.input<typeof tierSchema>;

/**
 * A parsed tier.
 *
 * @category Price models
 * @since 0.1.0
 */
export type Tier = z.output<typeof tierSchema>;

/**
 * Options of `priceUsage`: the currency of the result and how the exact total is rounded to
 * whole minor units (once, at the end).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { priceOptionsSchema } from "@opsbook/pricing";
 *
 * priceOptionsSchema.parse({ currency: "usd" }) //=> { currency: "USD", rounding: "half-up" }
 * ```
 */
export const priceOptionsSchema = z.object({
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase()),
  rounding: roundingModeSchema.default("half-up"),
});

/**
 * A coupon: `percentOff` (0–100] or `amountOff` (major units), applied for `durationPeriods`
 * billing periods (absent = forever).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { couponSchema } from "@opsbook/pricing";
 *
 * couponSchema.parse({ id: "LAUNCH", percentOff: 20, durationPeriods: 3 })
 * //=> { id: "LAUNCH", percentOff: 20, durationPeriods: 3 }
 * couponSchema.safeParse({ id: "BOTH", percentOff: 10, amountOff: "5" }).success //=> false
 * ```
 */
export const couponSchema = z
  .object({
    id: z.string().min(1),
    percentOff: z.number().finite().gt(0).max(100).optional(),
    amountOff: decimalAmountSchema.optional(),
    durationPeriods: z.number().int().positive().optional(),
  })
  .refine((c) => (c.percentOff === undefined) !== (c.amountOff === undefined), {
    message: "set exactly one of percentOff and amountOff",
    params: { expected: "exactly one of percentOff, amountOff" },
  });

/**
 * A parsed coupon.
 *
 * @category Discounts
 * @since 0.1.0
 */
export type Coupon = z.output<typeof couponSchema>;

const currencySchema = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((c) => c.toUpperCase());

const usageChargeSchema = z.object({
  metric: z.string().min(1),
  name: z.string().optional(),
  price: priceModelSchema,
  currency: currencySchema.optional(),
});

const planSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  currency: currencySchema.optional(),
  prices: z
    .object({
      monthly: decimalAmountSchema,
      annual: decimalAmountSchema.optional(),
      annualDiscountPercent: z.number().finite().min(0).max(100).optional(),
    })
    .refine((p) => p.annual === undefined || p.annualDiscountPercent === undefined, {
      message: "set annual or annualDiscountPercent, not both",
    }),
  features: z.array(z.string().min(1)).default([]),
  limits: z.record(z.string(), z.number().finite().min(0)).default({}),
  usage: z.array(usageChargeSchema).default([]),
  trial: z
    .object({ days: z.number().int().positive(), cardRequired: z.boolean().default(false) })
    .optional(),
});

const addOnSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  currency: currencySchema.optional(),
  price: priceModelSchema,
  features: z.array(z.string().min(1)).default([]),
  limits: z.record(z.string(), z.number().finite().min(0)).default({}),
});

/**
 * A price book: the plan catalogue as plain, YAML-shaped data. One `currency`; plans with a
 * monthly price and an annual price (explicit, or as a discount on twelve months), `features`
 * (entitlements), numeric `limits`, metered `usage` charges and an optional free `trial`; add-ons;
 * coupons. Plays ship price books as YAML and the CLI validates them with this schema.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { priceBookSchema } from "@opsbook/pricing";
 *
 * const book = priceBookSchema.parse({
 *   currency: "USD",
 *   plans: [{ id: "pro", name: "Pro", prices: { monthly: "29", annualDiscountPercent: 20 } }],
 * });
 * book.plans[0]?.features //=> []
 * book.addOns //=> []
 * ```
 */
export const priceBookSchema = z.object({
  currency: currencySchema,
  plans: z.array(planSchema).min(1),
  addOns: z.array(addOnSchema).default([]),
  coupons: z.array(couponSchema).default([]),
});

/**
 * A price book as written (YAML-shaped input).
 *
 * @category Catalogue
 * @since 0.1.0
 */
export type PriceBookInput = z.input<typeof priceBookSchema>;

/**
 * A parsed price book (a catalogue) with defaults applied.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export type Catalogue = z.output<typeof priceBookSchema>;

/**
 * A plan of a catalogue.
 *
 * @category Catalogue
 * @since 0.1.0
 */
export type Plan = Catalogue["plans"][number];
