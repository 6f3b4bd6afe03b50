import { validate } from "@opsbook/core";
import { z } from "zod";

/**
 * FNV-1a 32-bit hash of a string's UTF-16 code units (Fowler–Noll–Vo; offset basis 2166136261,
 * prime 16777619), as an unsigned integer.
 *
 * @param text - Any string.
 * @returns The hash in [0, 2³²).
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { fnv1a32 } from "@opsbook/experiments";
 *
 * fnv1a32("a") //=> 0xe40c292c
 * fnv1a32("a") % 1000 //=> 220
 * ```
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Maps a unit to a number in [0, 1) with GrowthBook's hash semantics. Version 2 (default):
 * fnv1a32(String(fnv1a32(seed + unitId))) mod 10000 / 10000 — the double hash removes the
 * correlation between experiments whose seeds share a prefix. Version 1:
 * fnv1a32(unitId + seed) mod 1000 / 1000.
 *
 * @param seed - Experiment seed (usually its key).
 * @param unitId - User or device id.
 * @param version - Hash version, 1 or 2 (default 2).
 * @returns A bucket position in [0, 1).
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { bucketHash } from "@opsbook/experiments";
 *
 * bucketHash("seed", "a") //=> 0.0505
 * bucketHash("", "a", 1) //=> 0.22
 * ```
 */
export function bucketHash(seed: string, unitId: string, version: 1 | 2 = 2): number {
  if (version === 1) return (fnv1a32(unitId + seed) % 1000) / 1000;
  return (fnv1a32(String(fnv1a32(seed + unitId))) % 10000) / 10000;
}

const experimentSchema = z.object({
  key: z.string().min(1),
  variations: z.number().int().min(2),
  weights: z.array(z.number().min(0)).optional(),
  coverage: z.number().min(0).max(1).default(1),
  seed: z.string().optional(),
  hashVersion: z.union([z.literal(1), z.literal(2)]).default(2),
  namespace: z
    .object({
      id: z.string().min(1),
      range: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
    })
    .optional(),
});

/**
 * An experiment as {@link assignVariation} needs it.
 *
 * @category Assignment
 * @since 0.1.0
 */
export interface AssignmentExperiment {
  /** Experiment key; also the hash seed unless `seed` is given. */
  key: string;
  /** Number of variations (control is 0). */
  variations: number;
  /** Traffic weights per variation summing to 1 (default equal). */
  weights?: number[];
  /** Share of units that enter the experiment (default 1). */
  coverage?: number;
  seed?: string;
  hashVersion?: 1 | 2;
  /** Mutually exclusive experiments share a namespace `id` and take disjoint `range`s of [0, 1). */
  namespace?: { id: string; range: [number, number] };
}

/**
 * Result of {@link assignVariation}.
 *
 * @category Assignment
 * @since 0.1.0
 */
export interface Assignment {
  /** Variation index, or `null` when the unit is not in the experiment. */
  variation: number | null;
  inExperiment: boolean;
  /** The unit's hash position in [0, 1). */
  bucket: number;
  reason: "assigned" | "namespace" | "coverage";
}

/**
 * Bucket ranges per variation: variation i owns [cᵢ, cᵢ + coverage·wᵢ) where cᵢ is the sum of the
 * earlier weights, so raising coverage later keeps every assigned unit in its variation
 * (GrowthBook `getBucketRanges`). Weights that do not sum to 1 (±0.01) or have the wrong length
 * fall back to equal weights.
 *
 * @param variations - Number of variations.
 * @param coverage - Share of traffic in the experiment, clamped to [0, 1].
 * @param weights - Weights per variation.
 * @returns One `[start, end)` range per variation.
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { bucketRanges } from "@opsbook/experiments";
 *
 * bucketRanges(2, 0.5) //=> [[0, 0.25], [0.5, 0.75]]
 * bucketRanges(3, 1, [0.2, 0.3, 0.5]) //=> [[0, 0.2], [0.2, 0.5], [0.5, 1]]
 * ```
 */
export function bucketRanges(
  variations: number,
  coverage = 1,
  weights?: readonly number[],
): [number, number][] {
  const c = Math.min(1, Math.max(0, coverage));
  const equal = () => new Array<number>(variations).fill(1 / variations);
  let w = weights && weights.length === variations ? [...weights] : equal();
  const total = w.reduce((s, x) => s + x, 0);
  if (total < 0.99 || total > 1.01) w = equal();
  let cumulative = 0;
  return w.map((weight) => {
    const start = cumulative;
    cumulative += weight;
    return [start, start + c * weight];
  });
}

/**
 * Deterministically assigns a unit to a variation by hashing (GrowthBook semantics: hash
 * version 2 with the experiment key as seed, weighted bucket ranges, coverage, namespaces). The
 * same unit and experiment always get the same answer, on every platform, with no stored state.
 *
 * @param unitId - The unit's id (user id, device id).
 * @param experiment - `key`, `variations`, optional `weights`, `coverage`, `namespace`, `seed`,
 * `hashVersion`.
 * @returns The variation (or `null`), the bucket position and why.
 * @throws {@link OpsbookError} for an empty key or fewer than two variations.
 * @category Assignment
 * @since 0.1.0
 * @example
 * ```ts
 * import { assignVariation } from "@opsbook/experiments";
 *
 * const experiment = { key: "my-test", variations: 3 };
 * ["1", "2", "3"].map((id) => assignVariation(id, experiment).variation) //=> [0, 0, 2]
 * assignVariation("1", { key: "my-test", variations: 2, coverage: 0.4, hashVersion: 1 }).inExperiment
 * //=> false
 * ```
 */
export function assignVariation(unitId: string, experiment: AssignmentExperiment): Assignment {
  const id = validate(z.string(), unitId, { path: ["unitId"] });
  const e = validate(experimentSchema, experiment, { path: ["experiment"], label: "experiment" });
  if (e.namespace) {
    const n = bucketHash(`__${e.namespace.id}`, id, 1);
    if (!(n >= e.namespace.range[0] && n < e.namespace.range[1]))
      return { variation: null, inExperiment: false, bucket: n, reason: "namespace" };
  }
  const bucket = bucketHash(e.seed ?? e.key, id, e.hashVersion);
  const ranges = bucketRanges(e.variations, e.coverage, e.weights);
  const index = ranges.findIndex(([start, end]) => bucket >= start && bucket < end);
  if (index < 0) return { variation: null, inExperiment: false, bucket, reason: "coverage" };
  return { variation: index, inExperiment: true, bucket, reason: "assigned" };
}
