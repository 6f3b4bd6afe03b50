import { OpsbookError } from "@opsbook/core";
import { checkMatrix } from "./internal/matrix.ts";

/**
 * A fitted standardisation: per-feature mean and scale, as scikit-learn's `StandardScaler`
 * stores them in `mean_` and `scale_`.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface Standardization {
  mean: number[];
  /** Population standard deviation (ddof = 0), or 1 for a constant feature. */
  scale: number[];
  /** Population variance (ddof = 0), 0 for a constant feature (scikit-learn's `var_`). */
  variance: number[];
  /** Indices of features with zero variance (left unscaled: their z-scores are all 0). */
  constantFeatures: number[];
}

/**
 * Result of {@link standardize}: the fitted standardisation and the standardised rows.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface StandardizeResult extends Standardization {
  values: number[][];
}

/**
 * Standardises features to zero mean and unit variance with the semantics of scikit-learn's
 * `StandardScaler` (defaults `with_mean=True, with_std=True`): z = (x − mean) / scale, where scale is
 * the population standard deviation (ddof = 0, `np.std`). A feature with zero variance gets scale 1,
 * as scikit-learn's `_handle_zeros_in_scale` does (variances below 10·ε·(1 + mean²) count as zero,
 * so float noise does not blow up), and it is listed in `constantFeatures`: its standardised values
 * are all 0 and it cannot separate clusters.
 *
 * Reference: the `StandardScaler` docstring example, data `[[0, 0], [0, 0], [1, 1], [1, 1]]` →
 * `mean_ = [0.5, 0.5]`, transformed data ±1, `transform([[2, 2]]) = [[3, 3]]`.
 *
 * @param rows - One row per user, one column per feature (finite numbers, at least one row).
 * @returns Means, scales, variances, the constant features and the standardised rows.
 * @throws {@link OpsbookError} `invalid_input` for an empty or ragged matrix or a non-finite value.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { standardize } from "@opsbook/persona";
 *
 * const scaled = standardize([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * scaled.mean //=> [0.5, 0.5]
 * scaled.values //=> [[-1, -1], [-1, -1], [1, 1], [1, 1]]
 * standardize([[3, 1], [3, 2]]).constantFeatures //=> [0]
 * standardize([]) //=> throws OpsbookError
 * ```
 */
export function standardize(rows: readonly (readonly number[])[]): StandardizeResult {
  const x = checkMatrix(rows, "rows");
  const n = x.length;
  const d = (x[0] as number[]).length;
  const mean = new Array<number>(d).fill(0);
  for (const row of x)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (row[j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  // Two-pass variance (numerically stable): Σ (x − mean)² / n.
  const variance = new Array<number>(d).fill(0);
  for (const row of x)
    for (let j = 0; j < d; j++) {
      const dev = (row[j] as number) - (mean[j] as number);
      variance[j] = (variance[j] as number) + dev * dev;
    }
  const constantFeatures: number[] = [];
  const scale = variance.map((v, j) => {
    const m = mean[j] as number;
    const vv = v / n;
    variance[j] = vv;
    if (vv <= 10 * Number.EPSILON * (1 + m * m)) {
      constantFeatures.push(j);
      variance[j] = 0;
      return 1;
    }
    return Math.sqrt(vv);
  });
  const fitted = { mean, scale, variance, constantFeatures };
  return { ...fitted, values: applyStandardization(fitted, x) };
}

/**
 * Applies a fitted standardisation to new rows (scikit-learn's `StandardScaler.transform`).
 *
 * @param standardization - The `mean` and `scale` from {@link standardize}.
 * @param rows - Rows with as many columns as the fitted features.
 * @returns The standardised rows.
 * @throws {@link OpsbookError} `conflict` when the number of columns differs.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { applyStandardization, standardize } from "@opsbook/persona";
 *
 * // scikit-learn StandardScaler docstring: scaler.transform([[2, 2]]) → [[3., 3.]]
 * applyStandardization(standardize([[0, 0], [0, 0], [1, 1], [1, 1]]), [[2, 2]]) //=> [[3, 3]]
 * ```
 */
export function applyStandardization(
  standardization: Pick<Standardization, "mean" | "scale">,
  rows: readonly (readonly number[])[],
): number[][] {
  const x = checkMatrix(rows, "rows");
  const { mean, scale } = standardization;
  const width = (x[0] as number[]).length;
  if (width !== mean.length || width !== scale.length)
    throw new OpsbookError(
      "conflict",
      `rows[0]: expected ${mean.length} features like the fitted standardisation, received ${width}`,
      ["rows", 0],
    );
  return x.map((row) => row.map((v, j) => (v - (mean[j] as number)) / (scale[j] as number)));
}
