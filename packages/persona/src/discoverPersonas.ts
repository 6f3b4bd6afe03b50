import { createRng, type EventInput, OpsbookError, type OpsEvent, validate } from "@opsbook/core";
import { z } from "zod";
import {
  type BehaviourFeatureOptions,
  extractBehaviourFeatures,
} from "./extractBehaviourFeatures.ts";
import { checkMatrix } from "./internal/matrix.ts";
import { kMeans } from "./kMeans.ts";
import type { Persona } from "./schemas.ts";
import { silhouetteScore } from "./silhouetteScore.ts";
import { standardize } from "./standardize.ts";

/**
 * Options of {@link discoverPersonas}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface DiscoverPersonasOptions {
  /** A fixed number of clusters, or `[min, max]` to choose by silhouette (default `[2, 6]`). */
  k?: number | [number, number];
  /** Seed for k-means++ and for the silhouette sample (default 0). */
  seed?: number | string;
  /** k-means restarts (default 10). */
  nInit?: number;
  /** Feature names to cluster on (default: all). Unknown names are a `not_found` error. */
  features?: string[];
  /** How many distinguishing features each profile lists (default 3). */
  topFeatures?: number;
  /** Rows used for the silhouette (a seeded sample when there are more; default 2000). */
  silhouetteSampleSize?: number;
  /** Options of {@link extractBehaviourFeatures} when `input` is events. */
  featureOptions?: BehaviourFeatureOptions;
}

/**
 * One cluster's profile and draft persona.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface ClusterProfile {
  /** Cluster number, 0 = largest. */
  cluster: number;
  size: number;
  share: number;
  /** Mean of each feature in the cluster, in the features' own units. */
  means: Record<string, number>;
  /** The cluster centre in standard units: how many population standard deviations each mean lies from the overall mean. */
  zScores: Record<string, number>;
  /** The features with the largest |z|, strongest first (constant features never appear). */
  distinguishing: { feature: string; z: number; mean: number; overallMean: number }[];
  /** A draft persona card for a human to name and complete. */
  persona: Persona;
}

/**
 * Result of {@link discoverPersonas}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface DiscoveredPersonas {
  k: number;
  /** Mean silhouette of the chosen clustering (null when k = 1 or k ≥ number of users). */
  silhouette: number | null;
  /** Every k tried, with its silhouette and inertia. */
  candidates: { k: number; silhouette: number | null; inertia: number }[];
  features: string[];
  /** Features with zero variance (scale 1, z = 0: they cannot separate clusters). */
  constantFeatures: string[];
  inertia: number;
  /** Each user's cluster. */
  assignments: { userId: string; cluster: number }[];
  /** Clusters, largest first. */
  clusters: ClusterProfile[];
}

const optionsSchema = z
  .object({
    k: z
      .union([z.number().int().min(1), z.tuple([z.number().int().min(2), z.number().int().min(2)])])
      .default([2, 6]),
    seed: z.union([z.number(), z.string()]).default(0),
    nInit: z.number().int().min(1).max(100).default(10),
    features: z.array(z.string().min(1)).min(1).optional(),
    topFeatures: z.number().int().min(1).default(3),
    silhouetteSampleSize: z.number().int().min(3).default(2000),
    featureOptions: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/**
 * A feature matrix: feature names (columns), user ids (rows) and the values.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface FeatureMatrix {
  features: string[];
  userIds: string[];
  rows: number[][];
}

function isFeatureMatrix(input: unknown): input is FeatureMatrix {
  return (
    typeof input === "object" &&
    input !== null &&
    !Array.isArray(input) &&
    "rows" in input &&
    "features" in input &&
    "userIds" in input
  );
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/**
 * Finds data-driven personas: behaviour features per user ({@link extractBehaviourFeatures}, or a
 * feature matrix you pass), standardised ({@link standardize}), clustered with seeded k-means++ and
 * restarts ({@link kMeans}); with a `[min, max]` range for `k`, the k with the highest mean
 * silhouette wins (ties go to the smaller k). Each cluster is profiled by its means and by its
 * centre in standard units (z-scores); the features with the largest |z| describe it, and a draft
 * persona card ("Cluster 1 (draft)") lists them for a human to name and complete.
 *
 * Fallbacks: k candidates above n − 1 users are skipped (the silhouette needs at least one user
 * outside each cluster); a fixed `k` larger than the number of users is an `out_of_range` error, as
 * is a range with no usable candidate. Constant features are kept (z = 0) and listed.
 *
 * @param input - Events, or `{ features, userIds, rows }` (for example from {@link extractBehaviourFeatures} with extra columns).
 * @param options - `k`, `seed`, `nInit`, `features`, `topFeatures`, `silhouetteSampleSize`, `featureOptions`.
 * @returns The chosen k, every candidate's silhouette and inertia, assignments and cluster profiles with draft personas.
 * @throws {@link OpsbookError} for no users, bad options, unknown features or an impossible k.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { discoverPersonas } from "@opsbook/persona";
 *
 * const result = discoverPersonas(
 *   {
 *     features: ["activeDays", "spend"],
 *     userIds: ["a", "b", "c", "d", "e", "f"],
 *     rows: [[20, 90], [22, 110], [21, 100], [2, 0], [1, 0], [3, 0]],
 *   },
 *   { k: [2, 3], seed: 7 },
 * );
 * result.k //=> 2
 * result.clusters.map((c) => c.size) //=> [3, 3]
 * result.clusters.map((c) => c.distinguishing[0]?.feature) //=> ["activeDays", "activeDays"]
 * result.clusters[0]?.persona.name //=> "Cluster 1 (draft)"
 * discoverPersonas({ features: ["x"], userIds: ["a"], rows: [[1]] }, { k: 2 }) //=> throws OpsbookError
 * ```
 */
export function discoverPersonas(
  input: Iterable<EventInput | OpsEvent> | FeatureMatrix,
  options: DiscoverPersonasOptions = {},
): DiscoveredPersonas {
  const opts = validate(optionsSchema, options, {
    path: ["options"],
    label: "discoverPersonas options",
  });
  const data: FeatureMatrix = isFeatureMatrix(input)
    ? input
    : extractBehaviourFeatures(input, (opts.featureOptions ?? {}) as BehaviourFeatureOptions);
  const allRows = checkMatrix(data.rows, "rows");
  if (
    data.userIds.length !== allRows.length ||
    data.features.length !== (allRows[0] as number[]).length
  )
    throw new OpsbookError(
      "conflict",
      `input: expected one user id per row and one feature name per column`,
      ["input"],
    );
  let columns = data.features.map((_, j) => j);
  if (opts.features) {
    const unknown = opts.features.filter((f) => !data.features.includes(f));
    if (unknown.length > 0)
      throw new OpsbookError(
        "not_found",
        `options.features: unknown feature ${unknown.map((f) => JSON.stringify(f)).join(", ")} (features: ${data.features.join(", ")})`,
        ["options", "features"],
      );
    columns = opts.features.map((f) => data.features.indexOf(f));
  }
  const features = columns.map((j) => data.features[j] as string);
  const raw = allRows.map((row) => columns.map((j) => row[j] as number));
  const n = raw.length;
  const scaled = standardize(raw);

  let candidates: number[];
  if (typeof opts.k === "number") {
    if (opts.k > n)
      throw new OpsbookError(
        "out_of_range",
        `options.k: expected at most ${n} (the number of users), received ${opts.k}`,
        ["options", "k"],
      );
    candidates = [opts.k];
  } else {
    const [lo, hi] = opts.k;
    if (lo > hi)
      throw new OpsbookError("out_of_range", `options.k: expected [min, max] with min ≤ max`, [
        "options",
        "k",
      ]);
    candidates = [];
    for (let k = lo; k <= Math.min(hi, n - 1); k++) candidates.push(k);
    if (candidates.length === 0)
      throw new OpsbookError(
        "out_of_range",
        `options.k: no k in [${lo}, ${hi}] is below the number of users (${n}); the silhouette needs k ≤ n − 1`,
        ["options", "k"],
      );
  }

  // The silhouette costs O(n²): score a seeded sample of rows when there are many.
  const rng = createRng(opts.seed);
  const sample =
    n > opts.silhouetteSampleSize
      ? rng
          .fork("silhouette")
          .shuffle(raw.map((_, i) => i))
          .slice(0, opts.silhouetteSampleSize)
          .sort((a, b) => a - b)
      : raw.map((_, i) => i);
  const tried = candidates.map((k) => {
    const result = kMeans(scaled.values, { k, seed: opts.seed, nInit: opts.nInit });
    let silhouette: number | null = null;
    if (k >= 2 && k <= n - 1) {
      const labels = sample.map((i) => result.labels[i] as number);
      const distinct = new Set(labels).size;
      silhouette =
        distinct >= 2 && distinct <= sample.length - 1
          ? silhouetteScore(
              sample.map((i) => scaled.values[i] as number[]),
              labels,
            )
          : null;
    }
    return { k, result, silhouette };
  });
  let chosen = tried[0] as (typeof tried)[number];
  for (const t of tried)
    if (
      (t.silhouette ?? Number.NEGATIVE_INFINITY) > (chosen.silhouette ?? Number.NEGATIVE_INFINITY)
    )
      chosen = t;

  // Renumber clusters by size, largest first (ties: lower original label).
  const k = chosen.k;
  const sizes = new Array<number>(k).fill(0);
  for (const l of chosen.result.labels) sizes[l] = (sizes[l] as number) + 1;
  const order = sizes
    .map((_, c) => c)
    .sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const rename = new Array<number>(k);
  order.forEach((c, position) => {
    rename[c] = position;
  });
  const labels = chosen.result.labels.map((l) => rename[l] as number);

  const constant = new Set(scaled.constantFeatures);
  const clusters = order.map((original, cluster): ClusterProfile => {
    const members = labels.map((l, i) => (l === cluster ? i : -1)).filter((i) => i >= 0);
    const means: Record<string, number> = {};
    const zScores: Record<string, number> = {};
    const center = chosen.result.centers[original] as number[];
    features.forEach((name, j) => {
      means[name] =
        members.reduce((s, i) => s + ((raw[i] as number[])[j] as number), 0) / members.length;
      zScores[name] = center[j] as number;
    });
    const distinguishing = features
      .map((feature, j) => ({
        feature,
        z: center[j] as number,
        mean: means[feature] as number,
        overallMean: scaled.mean[j] as number,
        j,
      }))
      .filter((f) => !constant.has(f.j) && f.z !== 0)
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.j - b.j)
      .slice(0, opts.topFeatures)
      .map(({ j: _j, ...rest }) => rest);
    const share = members.length / n;
    const traits = distinguishing.map(
      (d) =>
        `${d.z > 0 ? "high" : "low"} ${d.feature} (z = ${d.z > 0 ? "+" : "−"}${round(Math.abs(d.z))})`,
    );
    const persona: Persona = {
      name: `Cluster ${cluster + 1} (draft)`,
      summary: `${members.length} users (${round(share * 100, 1)} %). ${
        traits.length > 0 ? `Distinguished by ${traits.join(", ")}.` : "No feature sets them apart."
      } Name this persona and fill in scenarios, goals and pains from research.`,
      demographics: {},
      scenarios: [],
      goals: [],
      pains: [],
      jobs: [],
      channels: features
        .filter((f) => f.startsWith("channel:") && (means[f] as number) >= 0.5)
        .map((f) => f.slice("channel:".length)),
      quotes: [],
      keyMetrics: distinguishing.map((d) => ({ name: d.feature, value: round(d.mean) })),
    };
    return { cluster, size: members.length, share, means, zScores, distinguishing, persona };
  });

  return {
    k,
    silhouette: chosen.silhouette,
    candidates: tried.map((t) => ({ k: t.k, silhouette: t.silhouette, inertia: t.result.inertia })),
    features,
    constantFeatures: scaled.constantFeatures.map((j) => features[j] as string),
    inertia: chosen.result.inertia,
    assignments: labels.map((cluster, i) => ({ userId: data.userIds[i] as string, cluster })),
    clusters,
  };
}
