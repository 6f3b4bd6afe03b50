import { z } from "zod";
import { sampleCurrencies } from "./internal/catalogue.ts";

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const seed = z.union([
  z.string(),
  z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
]);

const calendarDate = z.string().refine(isCalendarDate, {
  error: "expected calendar date YYYY-MM-DD",
  params: { expected: "calendar date YYYY-MM-DD" },
});

const timeZone = z.string().refine(isTimeZone, {
  error: "expected IANA time zone name",
  params: { code: "not_found", expected: "IANA time zone name" },
});

function productShape(maxUsers: number) {
  return {
    seed: seed.default(42),
    users: z.number().int().min(1).max(maxUsers).default(2000),
    days: z.number().int().min(7).max(1096).default(120),
    startDate: calendarDate.default("2026-01-05"),
    timeZone: timeZone.default("UTC"),
    currency: z.enum(sampleCurrencies).default("USD"),
    fraudRingSize: z.number().int().min(0).optional(),
    surveyResponseRate: z.number().min(0).max(1).default(0.2),
    bass: z
      .object({
        p: z.number().positive().max(10).default(0.25),
        q: z.number().min(0).max(50).default(4),
      })
      .strict()
      .prefault({}),
    aha: z
      .object({
        threshold: z.number().int().min(1).max(100).default(3),
        windowDays: z.number().int().min(1).max(30).default(7),
        retentionMultiplier: z.number().min(0.25).max(2.5).default(2),
      })
      .strict()
      .prefault({}),
    retentionExponent: z.number().min(0).max(2).default(0.5),
  };
}

interface RingChecked {
  users: number;
  fraudRingSize?: number | undefined;
}

function checkRelations(value: RingChecked, ctx: z.RefinementCtx): void {
  if (value.fraudRingSize !== undefined && value.fraudRingSize > Math.floor(value.users / 4)) {
    ctx.addIssue({
      code: "custom",
      path: ["fraudRingSize"],
      input: value.fraudRingSize,
      message: `expected at most a quarter of users (${Math.floor(value.users / 4)})`,
      params: { code: "out_of_range", expected: `integer ≤ ${Math.floor(value.users / 4)}` },
    });
  }
}

/**
 * Options of {@link generateProduct}. Every field is optional; defaults give a 2,000-user product
 * observed for 120 days from Monday 2026-01-05 in UTC, priced in USD.
 *
 * - `seed` — number or string (default `42`); the same seed gives the same product on every platform.
 * - `users` — signups in the window, 1 to 100,000 (default `2000`; use `streamEvents` for more).
 * - `days` — length of the observed window in calendar days, 7 to 1,096 (default `120`).
 * - `startDate` — first calendar day of the window, `YYYY-MM-DD` (default `"2026-01-05"`).
 * - `timeZone` — IANA zone in which days, weekdays and billing months are counted (default `"UTC"`).
 * - `currency` — `USD`, `EUR`, `GBP`, `CNY` or `JPY` (default `"USD"`), with local price points.
 * - `fraudRingSize` — members of the planted referral-fraud ring, at most a quarter of the users
 *   (default: 1 % of users, between 6 and 60, and no ring under 100 users).
 * - `surveyResponseRate` — share of users who answer the pricing survey (default `0.2`).
 * - `bass` — Bass diffusion coefficients `p` (innovation, default `0.25`) and `q` (imitation,
 *   default `4`), expressed per window (the per-day coefficients are `p / days` and `q / days`).
 * - `aha` — the planted aha moment: `threshold` core actions (default `3`) within the first
 *   `windowDays` calendar days (default `7`) multiply the later daily return probability by
 *   `retentionMultiplier` (default `2`).
 * - `retentionExponent` — exponent β of the power-law decay of the daily return probability
 *   (default `0.5`).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { productOptionsSchema } from "@opsbook/sample-data";
 *
 * const options = productOptionsSchema.parse({ users: 500, days: 60 });
 * [options.seed, options.users, options.days, options.startDate, options.timeZone]
 * //=> [42, 500, 60, "2026-01-05", "UTC"]
 * options.aha //=> { threshold: 3, windowDays: 7, retentionMultiplier: 2 }
 * productOptionsSchema.safeParse({ users: 0 }).success //=> false
 * ```
 */
export const productOptionsSchema = z
  .object(productShape(100_000))
  .strict()
  .superRefine(checkRelations);

/**
 * Options of {@link streamEvents}: the options of {@link productOptionsSchema} (with up to
 * 10,000,000 users) plus `blockSize`, the number of consecutive users (in signup order) whose
 * events are merged into time order before they are yielded (default `1`: one user at a time).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { streamOptionsSchema } from "@opsbook/sample-data";
 *
 * streamOptionsSchema.parse({ users: 1_000_000 }).blockSize //=> 1
 * streamOptionsSchema.safeParse({ blockSize: 0 }).success //=> false
 * ```
 */
export const streamOptionsSchema = z
  .object({
    ...productShape(10_000_000),
    blockSize: z.number().int().min(1).max(10_000_000).default(1),
  })
  .strict()
  .superRefine(checkRelations);

/**
 * Options of {@link parseCdnow}: `format` is `"sample"` for `CDNOW_sample.txt` (five columns:
 * customer id, id within the sample, date, CDs, dollars) or `"master"` for `CDNOW_master.txt`
 * (four columns, an optional header line).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import { cdnowParseOptionsSchema } from "@opsbook/sample-data";
 *
 * cdnowParseOptionsSchema.parse({ format: "master" }) //=> { format: "master" }
 * cdnowParseOptionsSchema.safeParse({ format: "csv" }).success //=> false
 * ```
 */
export const cdnowParseOptionsSchema = z.object({ format: z.enum(["sample", "master"]) }).strict();

/**
 * Input of {@link generateProduct} (every field optional).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import type { ProductOptions } from "@opsbook/sample-data";
 * import { productOptionsSchema } from "@opsbook/sample-data";
 *
 * const options: ProductOptions = { seed: "docs", users: 300, timeZone: "Asia/Shanghai" };
 * productOptionsSchema.parse(options).currency //=> "USD"
 * ```
 */
export type ProductOptions = z.input<typeof productOptionsSchema>;

/**
 * Options of {@link generateProduct} with every default applied, as stored in `product.options`.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import type { ResolvedProductOptions } from "@opsbook/sample-data";
 * import { productOptionsSchema } from "@opsbook/sample-data";
 *
 * const resolved: ResolvedProductOptions = productOptionsSchema.parse({});
 * resolved.users //=> 2000
 * ```
 */
export type ResolvedProductOptions = z.output<typeof productOptionsSchema>;

/**
 * Input of {@link streamEvents} (every field optional).
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import type { StreamOptions } from "@opsbook/sample-data";
 * import { streamOptionsSchema } from "@opsbook/sample-data";
 *
 * const options: StreamOptions = { users: 250_000, blockSize: 10_000 };
 * streamOptionsSchema.parse(options).blockSize //=> 10000
 * ```
 */
export type StreamOptions = z.input<typeof streamOptionsSchema>;

/**
 * Input of {@link parseCdnow}.
 *
 * @category Schemas
 * @since 0.1.0
 * @example
 * ```ts
 * import type { CdnowParseOptions } from "@opsbook/sample-data";
 *
 * const options: CdnowParseOptions = { format: "sample" };
 * options.format //=> "sample"
 * ```
 */
export type CdnowParseOptions = z.input<typeof cdnowParseOptionsSchema>;
