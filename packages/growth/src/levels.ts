import { OpsbookError, validate } from "@opsbook/core";
import { type LevelCurveConfig, levelCurveSchema } from "./schemas.ts";

/**
 * An XP curve: data (see {@link levelCurveSchema}) or a custom function giving the cumulative XP
 * required for each level from 1 to `levels`.
 *
 * @category Levels
 * @since 0.1.0
 */
export type LevelCurve =
  | LevelCurveConfig
  | { type: "custom"; levels: number; xp: (level: number) => number };

/**
 * Where an amount of XP stands on a curve.
 *
 * @category Levels
 * @since 0.1.0
 */
export interface LevelProgress {
  /** Current level, from 1. */
  level: number;
  xp: number;
  /** XP required for the current level. */
  floor: number;
  /** XP required for the next level, `null` at the maximum level. */
  next: number | null;
  /** XP still needed for the next level (0 at the maximum). */
  toNext: number;
  /** Share of the way from `floor` to `next`, 0 to 1 (1 at the maximum level). */
  progress: number;
  maxLevel: number;
  isMax: boolean;
}

// PHP's round(): half away from zero, as Moodle computes its thresholds.
const phpRound = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/**
 * The cumulative XP required for each level, level 1 first (always 0 XP for the generated curves).
 * `flat`, `linear` and `relative` follow Moodle Level Up's algorithm (`get_xp_with_algo`); its
 * default relative curve (base 120, coefficient 1.3, 10 levels) gives 0, 120, 276, 479, 743,
 * 1086, 1532, 2112, 2866, 3846.
 *
 * @param curve - The curve.
 * @returns Thresholds, non-decreasing, one per level.
 * @category Levels
 * @since 0.1.0
 * @example
 * ```ts
 * import { levelThresholds } from "@opsbook/growth";
 *
 * levelThresholds({ type: "relative", levels: 5, base: 120, coefficient: 1.3 }) //=> [0, 120, 276, 479, 743]
 * levelThresholds({ type: "linear", levels: 4, base: 120, increment: 40 }) //=> [0, 120, 280, 480]
 * levelThresholds({ type: "custom", levels: 3, xp: (level) => 50 * (level - 1) ** 2 }) //=> [0, 50, 200]
 * ```
 */
export function levelThresholds(curve: LevelCurve): number[] {
  if (curve?.type === "custom") {
    if (!Number.isInteger(curve.levels) || curve.levels < 1) {
      throw new OpsbookError("out_of_range", "curve.levels: expected a positive integer", [
        "curve",
        "levels",
      ]);
    }
    const list: number[] = [];
    for (let level = 1; level <= curve.levels; level++) {
      const xp = curve.xp(level);
      if (!Number.isFinite(xp) || xp < 0 || (level > 1 && xp < (list[level - 2] as number))) {
        throw new OpsbookError(
          "invalid_input",
          `curve.xp(${level}): expected a finite XP ≥ 0 that does not decrease, received ${xp}`,
          ["curve", "xp"],
        );
      }
      list.push(xp);
    }
    return list;
  }
  const c = validate(levelCurveSchema, curve, { path: ["curve"], label: "level curve" });
  if (c.type === "table") {
    if (c.thresholds.some((xp, i) => i > 0 && xp < (c.thresholds[i - 1] as number))) {
      throw new OpsbookError("invalid_input", "curve.thresholds: expected non-decreasing XP", [
        "curve",
        "thresholds",
      ]);
    }
    return [...c.thresholds];
  }
  const list: number[] = [];
  for (let i = 1; i <= c.levels; i++) {
    if (i === 1) list.push(0);
    else if (c.type === "flat") list.push(c.base * (i - 1));
    else if (c.type === "polynomial") list.push(phpRound(c.coefficient * (i - 1) ** c.exponent));
    else if (i === 2) list.push(c.base);
    else if (c.type === "linear")
      list.push((list[i - 2] as number) + c.base + (i - 2) * c.increment);
    else list.push(c.base + phpRound((list[i - 2] as number) * c.coefficient));
  }
  return list;
}

/**
 * The level an amount of XP reaches on a curve — a threshold counts as reached when XP equals it
 * (Moodle: `xp_required <= xp`) — with progress to the next level and the maximum level.
 *
 * @param curve - A curve, or thresholds from {@link levelThresholds}.
 * @param xp - XP earned (≥ 0).
 * @returns The level and progress.
 * @category Levels
 * @since 0.1.0
 * @example
 * ```ts
 * import { levelForXp } from "@opsbook/growth";
 *
 * const curve = { type: "relative", levels: 10, base: 120, coefficient: 1.3 } as const;
 * levelForXp(curve, 276).level //=> 3
 * levelForXp(curve, 275)
 * //=> { level: 2, xp: 275, floor: 120, next: 276, toNext: 1, progress: 155 / 156, maxLevel: 10, isMax: false }
 * levelForXp(curve, 5000).isMax //=> true
 * ```
 */
export function levelForXp(curve: LevelCurve | readonly number[], xp: number): LevelProgress {
  if (typeof xp !== "number" || !Number.isFinite(xp) || xp < 0) {
    throw new OpsbookError(
      "out_of_range",
      `xp: expected a finite number ≥ 0, received ${String(xp)}`,
      ["xp"],
    );
  }
  const thresholds = Array.isArray(curve)
    ? (curve as number[])
    : levelThresholds(curve as LevelCurve);
  let lo = 0;
  let hi = thresholds.length - 1;
  if ((thresholds[0] as number) > xp) lo = -1;
  else {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((thresholds[mid] as number) <= xp) lo = mid;
      else hi = mid - 1;
    }
  }
  const index = Math.max(lo, 0);
  const floor = thresholds[index] as number;
  const isMax = index === thresholds.length - 1;
  const next = isMax ? null : (thresholds[index + 1] as number);
  const progress =
    next === null ? 1 : next === floor ? 1 : Math.max(0, (xp - floor) / (next - floor));
  return {
    level: index + 1,
    xp,
    floor,
    next,
    toNext: next === null ? 0 : Math.max(0, next - xp),
    progress,
    maxLevel: thresholds.length,
    isMax,
  };
}
