import { createRng, OpsbookError, type Rng, validate } from "@opsbook/core";
import { z } from "zod";
import { checkMatrix, squaredDistance } from "./internal/matrix.ts";

/**
 * Options of {@link kMeans}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ number of rows. */
  k: number;
  /** Seed of core's `createRng` (default 0): the same seed gives the same clusters everywhere. */
  seed?: number | string;
  /** Restarts from different k-means++ seeds; the lowest inertia wins (default 10, scikit-learn's classic `n_init`). */
  nInit?: number;
  /** Lloyd iterations per run (default 300, as scikit-learn). */
  maxIterations?: number;
  /** Relative tolerance on the centre shift, × the mean feature variance (default 1e-4, as scikit-learn). */
  tolerance?: number;
}

/**
 * Result of {@link kMeans}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface KMeansResult {
  /** Cluster centres, `k` rows. */
  centers: number[][];
  /** Cluster index of each row. */
  labels: number[];
  /** Sum of squared distances of rows to their centre (scikit-learn's `inertia_`). */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
  /** Whether the winning run converged before `maxIterations`. */
  converged: boolean;
  /** Inertia after each assignment step of the winning run; never increases. */
  history: number[];
  /** Final inertia of every run, in run order. */
  runs: number[];
}

const optionsSchema = z
  .object({
    k: z.number().int().min(1),
    seed: z.union([z.number(), z.string()]).default(0),
    nInit: z.number().int().min(1).max(1000).default(10),
    maxIterations: z.number().int().min(1).default(300),
    tolerance: z.number().min(0).default(1e-4),
  })
  .strict();

/**
 * Greedy k-means++ seeding as scikit-learn implements it (`_kmeans_plusplus`): the first centre
 * uniformly, then each next centre the best of 2 + ⌊ln k⌋ candidates sampled with probability
 * proportional to D(x)², the one that lowers the total potential most (Arthur & Vassilvitskii 2007).
 */
function kMeansPlusPlus(x: number[][], k: number, rng: Rng): number[][] {
  const n = x.length;
  const trials = 2 + Math.floor(Math.log(k));
  const first = x[rng.integer(0, n - 1)] as number[];
  const centers = [first.slice()];
  const closest = x.map((row) => squaredDistance(row, first));
  let potential = closest.reduce((s, v) => s + v, 0);
  const cumulative = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i] as number;
      cumulative[i] = acc;
    }
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestDistances: number[] = closest;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      const target = rng.next() * potential;
      // First index whose cumulative potential reaches the target (numpy searchsorted, side="left").
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] as number) < target) lo = mid + 1;
        else hi = mid;
      }
      const candidate = x[lo] as number[];
      const distances = x.map((row, i) =>
        Math.min(closest[i] as number, squaredDistance(row, candidate)),
      );
      const candidatePotential = distances.reduce((s, v) => s + v, 0);
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential;
        bestDistances = distances;
        bestIndex = lo;
      }
    }
    centers.push((x[bestIndex] as number[]).slice());
    for (let i = 0; i < n; i++) closest[i] = bestDistances[i] as number;
    potential = bestPotential;
  }
  return centers;
}

/** Assigns each row to its nearest centre (lowest index on ties); returns the inertia. */
function assign(x: number[][], centers: number[][], labels: number[], distances: number[]): number {
  let inertia = 0;
  x.forEach((row, i) => {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    centers.forEach((center, c) => {
      const dist = squaredDistance(row, center);
      if (dist < bestDistance) {
        bestDistance = dist;
        best = c;
      }
    });
    labels[i] = best;
    distances[i] = bestDistance;
    inertia += bestDistance;
  });
  return inertia;
}

function lloyd(
  x: number[][],
  initial: number[][],
  maxIterations: number,
  tolerance: number,
): Omit<KMeansResult, "runs"> {
  const n = x.length;
  const d = (x[0] as number[]).length;
  const k = initial.length;
  let centers = initial.map((c) => c.slice());
  const labels = new Array<number>(n).fill(-1);
  const distances = new Array<number>(n).fill(0);
  const history: number[] = [];
  let previous: number[] | undefined;
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    history.push(assign(x, centers, labels, distances));
    if (previous?.every((l, i) => l === labels[i])) {
      converged = true; // strict convergence: no label changed
      break;
    }
    previous = labels.slice();
    // Empty clusters take the rows farthest from their centres (scikit-learn's relocation).
    const sizes = new Array<number>(k).fill(0);
    for (const l of labels) sizes[l] = (sizes[l] as number) + 1;
    const empty = sizes.map((s, c) => (s === 0 ? c : -1)).filter((c) => c >= 0);
    if (empty.length > 0) {
      const far = labels
        .map((_, i) => i)
        .sort((a, b) => (distances[b] as number) - (distances[a] as number) || a - b);
      let next = 0;
      for (const c of empty) {
        while (next < far.length && (sizes[labels[far[next] as number] as number] as number) <= 1)
          next++;
        const row = far[next];
        if (row === undefined) break;
        sizes[labels[row] as number] = (sizes[labels[row] as number] as number) - 1;
        labels[row] = c;
        sizes[c] = 1;
        distances[row] = 0;
        next++;
      }
    }
    const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
    x.forEach((row, i) => {
      const sum = sums[labels[i] as number] as number[];
      for (let j = 0; j < d; j++) sum[j] = (sum[j] as number) + (row[j] as number);
    });
    const updated = sums.map((sum, c) =>
      (sizes[c] as number) > 0
        ? sum.map((v) => v / (sizes[c] as number))
        : (centers[c] as number[]),
    );
    let shift = 0;
    updated.forEach((center, c) => {
      shift += squaredDistance(center, centers[c] as number[]);
    });
    centers = updated;
    if (shift <= tolerance) {
      converged = true;
      history.push(assign(x, centers, labels, distances));
      break;
    }
  }
  // Labels and inertia always refer to the final centres (a last assignment step if needed).
  const inertia = assign(x, centers, labels, distances);
  if (history[history.length - 1] !== inertia) history.push(inertia);
  return { centers, labels: labels.slice(), inertia, iterations, converged, history };
}

/**
 * k-means clustering with scikit-learn's `KMeans` defaults: greedy k-means++ seeding, Lloyd
 * iterations until no label changes or the centres move less than `tolerance` × the mean feature
 * variance, and `nInit` restarts keeping the lowest inertia. Randomness comes from core's seeded
 * `createRng` (sfc32), one forked stream per restart, so the same `seed` gives the same clusters on
 * every platform — though not scikit-learn's cluster numbering, which depends on NumPy's generator.
 * A cluster that empties takes the row farthest from its centre. With fewer distinct rows than `k`
 * some centres coincide.
 *
 * Reference: the scikit-learn `KMeans` docstring example, X = [[1, 2], [1, 4], [1, 0], [10, 2],
 * [10, 4], [10, 0]] with k = 2 → centres [10, 2] and [1, 2], the first three rows in one cluster,
 * inertia 16.
 *
 * @param rows - One row per user (standardise them first, see {@link standardize}).
 * @param options - `k`, `seed`, `nInit`, `maxIterations`, `tolerance`.
 * @returns Centres, labels, inertia, iterations, the inertia history and each run's inertia.
 * @throws {@link OpsbookError} `out_of_range` when `k` exceeds the number of rows; `invalid_input` for an empty matrix.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { kMeans } from "@opsbook/persona";
 *
 * const result = kMeans([[1, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]], { k: 2, seed: 0 });
 * result.inertia //=> 16
 * result.centers.slice().sort((a, b) => a[0] - b[0]) //=> [[1, 2], [10, 2]]
 * result.labels[0] === result.labels[2] && result.labels[0] !== result.labels[3] //=> true
 * kMeans([[1, 2], [3, 4]], { k: 3 }) //=> throws OpsbookError
 * ```
 */
export function kMeans(rows: readonly (readonly number[])[], options: KMeansOptions): KMeansResult {
  const x = checkMatrix(rows, "rows");
  const opts = validate(optionsSchema, options, { path: ["options"], label: "k-means options" });
  if (opts.k > x.length)
    throw new OpsbookError(
      "out_of_range",
      `options.k: expected at most ${x.length} (the number of rows), received ${opts.k}`,
      ["options", "k"],
    );
  const d = (x[0] as number[]).length;
  // scikit-learn's _tolerance: tol × mean of the per-feature variances.
  let meanVariance = 0;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (const row of x) m += row[j] as number;
    m /= x.length;
    let v = 0;
    for (const row of x) v += ((row[j] as number) - m) ** 2;
    meanVariance += v / x.length;
  }
  const tolerance = (opts.tolerance * meanVariance) / d;
  const rng = createRng(opts.seed);
  let best: Omit<KMeansResult, "runs"> | undefined;
  const runs: number[] = [];
  for (let run = 0; run < opts.nInit; run++) {
    const initial = kMeansPlusPlus(x, opts.k, rng.fork(run));
    const result = lloyd(x, initial, opts.maxIterations, tolerance);
    runs.push(result.inertia);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return { ...(best as Omit<KMeansResult, "runs">), runs };
}
