import { OpsbookError } from "@opsbook/core";
import { checkMatrix, squaredDistance } from "./internal/matrix.ts";

/**
 * Options of {@link silhouetteSamples} and {@link silhouetteScore}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface SilhouetteOptions {
  /** `"euclidean"` (default): rows are points; `"precomputed"`: rows are a square distance matrix. */
  metric?: "euclidean" | "precomputed";
}

function checkLabels(
  labels: readonly (string | number)[],
  n: number,
): Map<string | number, number> {
  if (!Array.isArray(labels) || labels.length !== n)
    throw new OpsbookError(
      "conflict",
      `labels: expected ${n} labels, one per row, received ${Array.isArray(labels) ? labels.length : typeof labels}`,
      ["labels"],
    );
  const ids = new Map<string | number, number>();
  for (const l of labels) if (!ids.has(l)) ids.set(l, ids.size);
  if (ids.size < 2 || ids.size > n - 1)
    throw new OpsbookError(
      "out_of_range",
      `labels: number of labels is ${ids.size}; valid values are 2 to n_samples - 1 (${n - 1}) inclusive`,
      ["labels"],
    );
  return ids;
}

/**
 * Silhouette coefficient of each row (Rousseeuw 1987): s = (b − a) / max(a, b), with a the mean
 * distance to the other members of its cluster and b the lowest mean distance to another cluster's
 * members. As in scikit-learn's `silhouette_samples`, a row alone in its cluster scores 0, and a row
 * whose a and b are both 0 scores 0.
 *
 * References: scikit-learn's tests `test_cluster_size_1` (X = [[0], [1], [1], [2], [3], [3]],
 * labels [0, 1, 1, 1, 2, 2] → [0, 0.5, 0.5, 0, 1, 1]) and `test_silhouette_paper_example`
 * (Rousseeuw's Table 1 country dissimilarities).
 *
 * @param rows - Points (one row per user) or, with `metric: "precomputed"`, a square distance matrix.
 * @param labels - Cluster label of each row (2 to n − 1 distinct labels).
 * @param options - `metric`.
 * @returns One coefficient in [−1, 1] per row.
 * @throws {@link OpsbookError} `out_of_range` for fewer than 2 or more than n − 1 clusters; `conflict` when lengths differ.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { silhouetteSamples } from "@opsbook/persona";
 *
 * silhouetteSamples([[0], [1], [1], [2], [3], [3]], [0, 1, 1, 1, 2, 2]) //=> [0, 0.5, 0.5, 0, 1, 1]
 * silhouetteSamples([[0], [1]], [0, 0]) //=> throws OpsbookError
 * ```
 */
export function silhouetteSamples(
  rows: readonly (readonly number[])[],
  labels: readonly (string | number)[],
  options: SilhouetteOptions = {},
): number[] {
  const x = checkMatrix(rows, "rows");
  const n = x.length;
  const metric = options.metric ?? "euclidean";
  if (metric !== "euclidean" && metric !== "precomputed")
    throw new OpsbookError(
      "invalid_input",
      `options.metric: expected "euclidean" or "precomputed", received ${String(metric)}`,
      ["options", "metric"],
    );
  if (metric === "precomputed" && (x[0] as number[]).length !== n)
    throw new OpsbookError(
      "invalid_input",
      `rows: expected a square ${n}×${n} distance matrix with metric "precomputed"`,
      ["rows"],
    );
  const ids = checkLabels(labels, n);
  const k = ids.size;
  const cluster = labels.map((l) => ids.get(l) as number);
  const sizes = new Array<number>(k).fill(0);
  for (const c of cluster) sizes[c] = (sizes[c] as number) + 1;
  const distance =
    metric === "precomputed"
      ? (i: number, j: number) => (x[i] as number[])[j] as number
      : (i: number, j: number) => Math.sqrt(squaredDistance(x[i] as number[], x[j] as number[]));
  const sums = new Float64Array(k);
  return x.map((_, i) => {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = cluster[j] as number;
      sums[c] = (sums[c] as number) + distance(i, j);
    }
    const own = cluster[i] as number;
    const size = sizes[own] as number;
    if (size <= 1) return 0;
    const a = (sums[own] as number) / (size - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++)
      if (c !== own) b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    const m = Math.max(a, b);
    return m === 0 ? 0 : (b - a) / m;
  });
}

/**
 * Mean silhouette coefficient over all rows (scikit-learn's `silhouette_score`): near 1 for
 * compact, well-separated clusters, near 0 for overlapping ones, negative when rows sit in the
 * wrong cluster. {@link discoverPersonas} picks the number of clusters with it.
 *
 * @param rows - Points or, with `metric: "precomputed"`, a square distance matrix.
 * @param labels - Cluster label of each row.
 * @param options - `metric`.
 * @returns The mean coefficient.
 * @throws {@link OpsbookError} as {@link silhouetteSamples}.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { silhouetteScore } from "@opsbook/persona";
 *
 * // scikit-learn test_silhouette_score_integer_precomputed: 1/6
 * silhouetteScore([[0, 1, 2], [1, 0, 1], [2, 1, 0]], [0, 0, 1], { metric: "precomputed" }) //=> 1 / 6
 * ```
 */
export function silhouetteScore(
  rows: readonly (readonly number[])[],
  labels: readonly (string | number)[],
  options: SilhouetteOptions = {},
): number {
  const samples = silhouetteSamples(rows, labels, options);
  return samples.reduce((s, v) => s + v, 0) / samples.length;
}
