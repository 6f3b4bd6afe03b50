import { type LevelCurve, type LevelProgress, levelForXp, levelThresholds } from "@opsbook/growth";

/** The curve types the XP-curve designer offers. */
export const xpCurveKinds = ["flat", "linear", "relative", "polynomial"] as const;

/** Most levels the designer draws and tabulates. */
export const xpMaxLevels = 100;

/** The designer's starting values: Moodle Level Up's default relative curve and 300 XP. */
export const xpDefaults: Readonly<Record<string, string>> = {
  "xp.kind": "relative",
  "xp.levels": "10",
  "xp.base": "120",
  "xp.increment": "40",
  "xp.coefficient": "1.3",
  "xp.scale": "100",
  "xp.exponent": "2",
  "xp.xp": "300",
};

const numberOf = (values: ReadonlyMap<string, string>, name: string): number => {
  const text = values.get(name)?.trim() ?? "";
  return text === "" ? Number.NaN : Number(text);
};

/**
 * The curve described by the designer's fields (`xp.kind`, `xp.levels`, `xp.base`, `xp.increment`,
 * `xp.coefficient`, `xp.scale`, `xp.exponent`); `@opsbook/growth` validates it.
 */
export function xpCurveOf(values: ReadonlyMap<string, string>): LevelCurve {
  const levels = numberOf(values, "xp.levels");
  if (levels > xpMaxLevels) {
    throw new RangeError(`xp.levels: at most ${xpMaxLevels} levels here, received ${levels}`);
  }
  const base = numberOf(values, "xp.base");
  switch (values.get("xp.kind")) {
    case "flat":
      return { type: "flat", levels, base };
    case "linear":
      return { type: "linear", levels, base, increment: numberOf(values, "xp.increment") };
    case "polynomial":
      return {
        type: "polynomial",
        levels,
        coefficient: numberOf(values, "xp.scale"),
        exponent: numberOf(values, "xp.exponent"),
      };
    default:
      return { type: "relative", levels, base, coefficient: numberOf(values, "xp.coefficient") };
  }
}

/** The thresholds of the designer's curve and where its XP stands (`levelThresholds`, `levelForXp`). */
export function designXpCurve(values: ReadonlyMap<string, string>): {
  thresholds: number[];
  progress: LevelProgress;
} {
  const thresholds = levelThresholds(xpCurveOf(values));
  const xp = numberOf(values, "xp.xp");
  return { thresholds, progress: levelForXp(thresholds, Number.isNaN(xp) ? -1 : xp) };
}
