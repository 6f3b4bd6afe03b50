import { validate } from "@opsbook/core";
import { z } from "zod";
import { fail } from "./internal/fail.ts";

/**
 * One point of the Van Westendorp curves: the share of respondents at a price.
 *
 * @category Price research
 * @since 0.1.0
 */
export interface VanWestendorpPoint {
  price: number;
  /** Share whose "too cheap" answer is above the price (finds it too cheap). */
  tooCheap: number;
  /** Share whose "cheap" (bargain) answer is above the price. */
  cheap: number;
  /** Share whose "expensive" answer is at or below the price. */
  expensive: number;
  /** Share whose "too expensive" answer is at or below the price. */
  tooExpensive: number;
  /** `1 − cheap`. */
  notCheap: number;
  /** `1 − expensive`. */
  notExpensive: number;
}

/**
 * Result of {@link vanWestendorp}.
 *
 * @category Price research
 * @since 0.1.0
 */
export interface VanWestendorpResult {
  /** Point of marginal cheapness: lower end of the acceptable range. */
  pmc: number | null;
  /** Point of marginal expensiveness: upper end of the acceptable range. */
  pme: number | null;
  /** Indifference price point: "cheap" meets "expensive". */
  idp: number | null;
  /** Optimal price point: "too cheap" meets "too expensive". */
  opp: number | null;
  /** `[pmc, pme]`. */
  acceptableRange: [number | null, number | null];
  /** Respondents analysed (after validation). */
  respondents: number;
  /** Respondents dropped for inconsistent answers (0 when `validate` is false). */
  invalid: number;
  /** The four curves and their complements at every price answered. */
  curves: VanWestendorpPoint[];
}

const responseSchema = z.object({
  tooCheap: z.number().finite().min(0),
  cheap: z.number().finite().min(0),
  expensive: z.number().finite().min(0),
  tooExpensive: z.number().finite().min(0),
});

const optionsSchema = z.object({
  convention: z.enum(["pricesensitivitymeter", "blog"]).default("pricesensitivitymeter"),
  intersection: z.enum(["min", "max", "mean", "median", "linear"]).default("min"),
  validate: z.boolean().default(true),
}) satisfies z.ZodType<unknown, VanWestendorpOptions>;

/**
 * Options of {@link vanWestendorp}.
 *
 * @category Price research
 * @since 0.1.0
 */
export interface VanWestendorpOptions {
  /**
   * Which curves meet at the range ends: `"pricesensitivitymeter"` (default; PMC where "too cheap"
   * meets "not cheap", PME where "too expensive" meets "not expensive") or `"blog"` (PMC where "too
   * cheap" meets "expensive", PME where "too expensive" meets "cheap").
   */
  convention?: "pricesensitivitymeter" | "blog";
  /**
   * Where a crossing is placed when the curves cross between answered prices: `"min"` (default, as
   * in the R package), `"max"`, `"mean"`, `"median"`, or `"linear"` interpolation.
   */
  intersection?: "min" | "max" | "mean" | "median" | "linear";
  /** Drop respondents whose answers are not strictly increasing (default `true`). */
  validate?: boolean;
}

type Curve = Exclude<keyof VanWestendorpPoint, "price">;

function cumulativeAtOrBelow(sorted: number[], price: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= price) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * First price where `rising` reaches `falling`, read the way the R package pricesensitivitymeter
 * reads it: the first grid price with `rising ≥ falling`, then every grid price where both curves
 * hold the same values, summarised by `min`, `max`, `mean` or `median`. `linear` instead
 * interpolates the crossing between the grid price before and the first price at or past it.
 */
function intersect(
  curves: VanWestendorpPoint[],
  rising: Curve,
  falling: Curve,
  method: z.output<typeof optionsSchema>["intersection"],
): number | null {
  const first = curves.findIndex((p) => p[rising] >= p[falling]);
  const at = curves[first];
  if (!at) return null;
  if (method === "linear") {
    const before = curves[first - 1];
    if (!before) return at.price;
    const d0 = before[rising] - before[falling];
    const d1 = at[rising] - at[falling];
    return before.price + ((at.price - before.price) * -d0) / (d1 - d0);
  }
  const ties = curves
    .filter((p) => p[rising] === at[rising] && p[falling] === at[falling])
    .map((p) => p.price);
  switch (method) {
    case "min":
      return Math.min(...ties);
    case "max":
      return Math.max(...ties);
    case "mean":
      return ties.reduce((a, b) => a + b, 0) / ties.length;
    case "median":
      return median(ties);
  }
}

/**
 * Van Westendorp's Price Sensitivity Meter (1976). Each respondent names four prices: too cheap
 * (quality doubtful), cheap (a bargain), expensive (needs thought) and too expensive (would not
 * buy). At every price answered, the curves give the share that finds the price too cheap or cheap
 * (answer above the price) and expensive or too expensive (answer at or below it), as the R package
 * pricesensitivitymeter computes them (empirical distribution functions on the answered prices).
 *
 * Two conventions name the range ends, and the option makes the choice explicit:
 * - `"pricesensitivitymeter"` (default; the R package and Van Westendorp's paper): PMC where
 *   "too cheap" meets "not cheap", PME where "too expensive" meets "not expensive";
 * - `"blog"` (common in blog posts and survey tools): PMC where "too cheap" meets "expensive",
 *   PME where "too expensive" meets "cheap".
 * Both read IDP where "cheap" meets "expensive" and OPP where "too cheap" meets "too expensive".
 *
 * @param responses - One `{ tooCheap, cheap, expensive, tooExpensive }` per respondent.
 * @param options - `convention`; `intersection` (`"min"` default as in the R package, `"max"`,
 *   `"mean"`, `"median"`, or `"linear"` interpolation); `validate` (default true) drops respondents
 *   whose answers are not strictly increasing, as the R package's `validate = TRUE`.
 * @returns The four price points, the acceptable range, counts and the curves.
 * @throws OpsbookError when no respondent is left to analyse.
 * @see https://cran.r-project.org/package=pricesensitivitymeter
 * @category Price research
 * @since 0.1.0
 * @example
 * ```ts
 * import { vanWestendorp } from "@opsbook/pricing";
 *
 * const answers = [
 *   { tooCheap: 5, cheap: 8, expensive: 12, tooExpensive: 15 },
 *   { tooCheap: 6, cheap: 9, expensive: 13, tooExpensive: 16 },
 *   { tooCheap: 4, cheap: 7, expensive: 11, tooExpensive: 14 },
 *   { tooCheap: 7, cheap: 10, expensive: 14, tooExpensive: 18 },
 *   { tooCheap: 5, cheap: 9, expensive: 12, tooExpensive: 17 },
 * ];
 * const { pmc, pme, idp, opp } = vanWestendorp(answers);
 * [pmc, pme, idp, opp] //=> [7, 14, 10, 7]
 * vanWestendorp(answers, { convention: "blog" }).acceptableRange //=> [7, 10]
 * ```
 */
export function vanWestendorp(
  responses: readonly z.input<typeof responseSchema>[],
  options: VanWestendorpOptions = {},
): VanWestendorpResult {
  const rows = validate(z.array(responseSchema), responses, {
    path: ["responses"],
    label: "responses",
  });
  const opts = validate(optionsSchema, options, { path: ["options"], label: "options" });
  const valid = opts.validate
    ? rows.filter(
        (r) => r.tooCheap < r.cheap && r.cheap < r.expensive && r.expensive < r.tooExpensive,
      )
    : rows;
  if (valid.length === 0) {
    fail(
      "invalid_input",
      ["responses"],
      rows.length === 0
        ? "expected at least one respondent"
        : "every respondent has inconsistent answers (too cheap < cheap < expensive < too expensive)",
    );
  }
  const sorted = (key: keyof z.output<typeof responseSchema>) =>
    valid.map((r) => r[key]).sort((a, b) => a - b);
  const tc = sorted("tooCheap");
  const ch = sorted("cheap");
  const ex = sorted("expensive");
  const te = sorted("tooExpensive");
  const prices = [...new Set([...tc, ...ch, ...ex, ...te])].sort((a, b) => a - b);
  const curves = prices.map((price) => {
    const cheapAtOrBelow = cumulativeAtOrBelow(ch, price);
    const expensive = cumulativeAtOrBelow(ex, price);
    return {
      price,
      tooCheap: 1 - cumulativeAtOrBelow(tc, price),
      cheap: 1 - cheapAtOrBelow,
      expensive,
      tooExpensive: cumulativeAtOrBelow(te, price),
      notCheap: cheapAtOrBelow,
      notExpensive: 1 - expensive,
    };
  });
  const m = opts.intersection;
  const pmc =
    opts.convention === "pricesensitivitymeter"
      ? intersect(curves, "notCheap", "tooCheap", m)
      : intersect(curves, "expensive", "tooCheap", m);
  const pme =
    opts.convention === "pricesensitivitymeter"
      ? intersect(curves, "tooExpensive", "notExpensive", m)
      : intersect(curves, "tooExpensive", "cheap", m);
  return {
    pmc,
    pme,
    idp: intersect(curves, "expensive", "cheap", m),
    opp: intersect(curves, "tooExpensive", "tooCheap", m),
    acceptableRange: [pmc, pme],
    respondents: valid.length,
    invalid: rows.length - valid.length,
    curves,
  };
}
