import { OpsbookError, validate } from "@opsbook/core";
import { z } from "zod";
import {
  type MeanStatistic,
  type ProportionStatistic,
  type RatioStatistic,
  type Statistic,
  statisticSchema,
} from "./schemas.ts";

const valuesSchema = z.array(z.number());

function covariateOf(
  values: readonly number[],
  pre: readonly number[] | undefined,
  binary: boolean,
) {
  if (!pre) return undefined;
  const p = validate(valuesSchema, pre, { path: ["covariate"] });
  if (p.length !== values.length)
    throw new OpsbookError(
      "conflict",
      `covariate: expected ${values.length} values like the metric, received ${p.length}`,
      ["covariate"],
    );
  let sum = 0;
  let sumSquares = 0;
  let sumOfProducts = 0;
  p.forEach((x, i) => {
    sum += x;
    sumSquares += x * x;
    sumOfProducts += x * (values[i] ?? 0);
  });
  const isBinary = binary && p.every((x) => x === 0 || x === 1);
  return isBinary ? { sum, sumOfProducts } : { sum, sumSquares, sumOfProducts };
}

/**
 * Builds a proportion statistic from per-unit 0/1 outcomes (true/false accepted), optionally with
 * each unit's pre-period value for CUPED.
 *
 * @param outcomes - One outcome per unit.
 * @param covariate - Pre-period value per unit, same order and length.
 * @returns `{ type: "proportion", n, conversions, covariate? }`.
 * @throws {@link OpsbookError} for values other than 0/1 or mismatched lengths.
 * @category Statistics
 * @since 0.1.0
 * @example
 * ```ts
 * import { proportionFromValues } from "@opsbook/experiments";
 *
 * proportionFromValues([1, 0, 1, true, false]) //=> { type: "proportion", n: 5, conversions: 3 }
 * ```
 */
export function proportionFromValues(
  outcomes: readonly (number | boolean)[],
  covariate?: readonly number[],
): ProportionStatistic {
  const values = validate(z.array(z.union([z.literal(0), z.literal(1), z.boolean()])), outcomes, {
    path: ["outcomes"],
  }).map((v) => (v === true || v === 1 ? 1 : 0));
  const conversions = values.reduce<number>((s, v) => s + v, 0);
  const c = covariateOf(values, covariate, true);
  return c
    ? { type: "proportion", n: values.length, conversions, covariate: c }
    : { type: "proportion", n: values.length, conversions };
}

/**
 * Builds a mean statistic (n, sum, sum of squares) from per-unit values, optionally with each
 * unit's pre-period value for CUPED.
 *
 * @param values - One value per unit (revenue, sessions, minutes).
 * @param covariate - Pre-period value per unit, same order and length.
 * @returns `{ type: "mean", n, sum, sumSquares, covariate? }`.
 * @throws {@link OpsbookError} for non-finite values or mismatched lengths.
 * @category Statistics
 * @since 0.1.0
 * @example
 * ```ts
 * import { meanFromValues } from "@opsbook/experiments";
 *
 * meanFromValues([1, 2, 3]) //=> { type: "mean", n: 3, sum: 6, sumSquares: 14 }
 * meanFromValues([1, 2], [0, 1]).covariate //=> { sum: 1, sumSquares: 1, sumOfProducts: 2 }
 * ```
 */
export function meanFromValues(
  values: readonly number[],
  covariate?: readonly number[],
): MeanStatistic {
  const v = validate(valuesSchema, values, { path: ["values"] });
  let sum = 0;
  let sumSquares = 0;
  for (const x of v) {
    sum += x;
    sumSquares += x * x;
  }
  const c = covariateOf(v, covariate, false);
  return c
    ? { type: "mean", n: v.length, sum, sumSquares, covariate: c }
    : { type: "mean", n: v.length, sum, sumSquares };
}

/**
 * Builds a ratio statistic from per-unit numerators and denominators (revenue and orders per
 * user), for a ratio of sums analysed with the delta method.
 *
 * @param numerators - Numerator per unit.
 * @param denominators - Denominator per unit, same order and length.
 * @returns `{ type: "ratio", n, numerator, denominator, sumOfProducts }`.
 * @throws {@link OpsbookError} for mismatched lengths.
 * @category Statistics
 * @since 0.1.0
 * @example
 * ```ts
 * import { ratioFromValues } from "@opsbook/experiments";
 *
 * ratioFromValues([10, 0, 5], [2, 1, 1]).sumOfProducts //=> 25
 * ```
 */
export function ratioFromValues(
  numerators: readonly number[],
  denominators: readonly number[],
): RatioStatistic {
  const m = validate(valuesSchema, numerators, { path: ["numerators"] });
  const d = validate(valuesSchema, denominators, { path: ["denominators"] });
  if (m.length !== d.length)
    throw new OpsbookError(
      "conflict",
      `denominators: expected ${m.length} values like numerators, received ${d.length}`,
      ["denominators"],
    );
  const numerator = { sum: 0, sumSquares: 0 };
  const denominator = { sum: 0, sumSquares: 0 };
  let sumOfProducts = 0;
  m.forEach((x, i) => {
    const y = d[i] ?? 0;
    numerator.sum += x;
    numerator.sumSquares += x * x;
    denominator.sum += y;
    denominator.sumSquares += y * y;
    sumOfProducts += x * y;
  });
  return { type: "ratio", n: m.length, numerator, denominator, sumOfProducts };
}

/**
 * Merges statistics of the same arm computed on disjoint units (shards, days of new users): every
 * sum adds up, so the merge equals the statistic of the pooled raw values.
 *
 * @param parts - At least one statistic, all of the same `type` and all with or all without a
 * covariate.
 * @returns The merged statistic.
 * @throws {@link OpsbookError} for mixed types or mixed covariates.
 * @category Statistics
 * @since 0.1.0
 * @example
 * ```ts
 * import { mergeStatistics } from "@opsbook/experiments";
 *
 * mergeStatistics([
 *   { type: "proportion", n: 100, conversions: 10 },
 *   { type: "proportion", n: 50, conversions: 7 },
 * ]) //=> { type: "proportion", n: 150, conversions: 17 }
 * ```
 */
export function mergeStatistics<S extends Statistic>(parts: readonly S[]): S {
  const list = validate(z.array(statisticSchema).min(1), parts, { path: ["parts"] });
  const first = list[0]!;
  list.forEach((s, i) => {
    if (s.type !== first.type)
      throw new OpsbookError(
        "conflict",
        `parts[${i}].type: expected "${first.type}", received "${s.type}"`,
        ["parts", i, "type"],
      );
    const has = (x: Statistic) => x.type !== "ratio" && x.covariate !== undefined;
    if (has(s) !== has(first))
      throw new OpsbookError(
        "conflict",
        `parts[${i}].covariate: expected every part ${has(first) ? "with" : "without"} a covariate`,
        ["parts", i, "covariate"],
      );
  });
  const n = list.reduce((t, s) => t + s.n, 0);
  const addCovariates = (xs: Statistic[]) => {
    const cs = xs.map((x) => (x.type === "ratio" ? undefined : x.covariate));
    if (cs.some((c) => c === undefined)) return undefined;
    const binary = cs.every((c) => c?.sumSquares === undefined);
    const sum = cs.reduce((t, c) => t + (c?.sum ?? 0), 0);
    const sumOfProducts = cs.reduce((t, c) => t + (c?.sumOfProducts ?? 0), 0);
    if (binary) return { sum, sumOfProducts };
    const sumSquares = cs.reduce((t, c) => t + (c?.sumSquares ?? c?.sum ?? 0), 0);
    return { sum, sumSquares, sumOfProducts };
  };
  let merged: Statistic;
  if (first.type === "proportion") {
    const conversions = list.reduce((t, s) => t + (s.type === "proportion" ? s.conversions : 0), 0);
    const covariate = addCovariates(list);
    merged = covariate
      ? { type: "proportion", n, conversions, covariate }
      : { type: "proportion", n, conversions };
  } else if (first.type === "mean") {
    const sum = list.reduce((t, s) => t + (s.type === "mean" ? s.sum : 0), 0);
    const sumSquares = list.reduce((t, s) => t + (s.type === "mean" ? s.sumSquares : 0), 0);
    const covariate = addCovariates(list);
    merged = covariate
      ? { type: "mean", n, sum, sumSquares, covariate }
      : { type: "mean", n, sum, sumSquares };
  } else {
    const ratios = list as RatioStatistic[];
    const total = (f: (r: RatioStatistic) => number) => ratios.reduce((t, r) => t + f(r), 0);
    merged = {
      type: "ratio",
      n,
      numerator: {
        sum: total((r) => r.numerator.sum),
        sumSquares: total((r) => r.numerator.sumSquares),
      },
      denominator: {
        sum: total((r) => r.denominator.sum),
        sumSquares: total((r) => r.denominator.sumSquares),
      },
      sumOfProducts: total((r) => r.sumOfProducts),
    };
  }
  return merged as S;
}
