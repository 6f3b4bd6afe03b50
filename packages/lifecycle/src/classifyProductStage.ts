import { OpsbookError, validate } from "@opsbook/core";
import { adopterCategories } from "./bassCurve.ts";
import { type BassFit, fitBass } from "./fitBass.ts";
import {
  type ClassifyProductStageOptions,
  classifyProductStageOptionsSchema,
  seriesSchema,
} from "./schemas.ts";
import type { ProductStage } from "./stagePlays.ts";

/**
 * The stage of a product with the evidence behind it.
 *
 * @category Product stage
 * @since 0.1.0
 */
export interface ProductStageResult {
  /** Stage at the last period, by the smoothed-growth rule after the minimum-duration rule. */
  stage: ProductStage;
  /** Confidence in [0, 1]: half from how long the stage has held, half from agreement with Bass. */
  confidence: number;
  /** `"high"` (≥ 0.75), `"medium"` (≥ 0.5) or `"low"`. */
  confidenceLevel: "high" | "medium" | "low";
  evidence: {
    /** Trailing moving average of the series (`null` until the window is full). */
    smoothed: (number | null)[];
    /** Relative change of the smoothed series in the last period. */
    growthRate: number;
    /** Relative second difference of the smoothed series in the last period. */
    acceleration: number;
    /** Stage of each period by the rule alone (`null` while there is too little history). */
    rawStages: (ProductStage | null)[];
    /** Stage of each period after the minimum-duration rule. */
    stableStages: (ProductStage | null)[];
    /** Periods the final stage has held in `rawStages`, counting back from the last period. */
    periodsInStage: number;
    /** The Bass fit and the stage its boundaries give at the last period, or `null`. */
    bass: { fit: BassFit; position: number; stage: ProductStage } | null;
    /** How the Bass stage compares with the rule's stage. */
    agreement: "agree" | "adjacent" | "disagree" | "no-model";
  };
}

const ORDER: ProductStage[] = ["introduction", "growth", "maturity", "decline"];

/**
 * Classifies where a product is in its life from a series of its adoptions, sales or active
 * users per period, combining two views:
 *
 * - a model-free rule on the smoothed series (trailing moving average): rising and speeding up is
 *   `introduction`, rising and slowing is `growth`, flat or falling ever faster just after a peak is
 *   `maturity`, and falling but flattening out is `decline` — the order in which a Bass curve
 *   passes its inflection points (Mahajan, Muller & Srivastava 1990). A new stage is adopted only
 *   after the rule has pointed the same way (later, or earlier, in the lifecycle) for `minDuration`
 *   periods in a row, so that noise does not make it flap;
 * - the position of the last period against the boundaries of a fitted Bass model (early majority,
 *   peak, laggards, see `bassAdopterCategories`), used as corroborating evidence when the fit is
 *   good (R² ≥ `minBassRSquared`).
 *
 * The stage returned is the rule's; the confidence grows with the time the stage has held and with
 * agreement between the two views. Smoothing and the minimum-duration rule make the rule lag the
 * turning points of the underlying curve by about (smoothingWindow − 1)/2 + minDuration − 1
 * periods; the Bass position does not lag but depends on the model fitting. Recommended plays per stage are in `productStagePlays`.
 *
 * @param series - Values per period in time order (at least `smoothingWindow + 2`, and 4).
 * @param options - Thresholds; see {@link classifyProductStageOptionsSchema} for defaults.
 * @returns The stage, a confidence and the evidence.
 * @throws OpsbookError `out_of_range` when the series is too short.
 * @category Product stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassCurve, classifyProductStage } from "@opsbook/lifecycle";
 *
 * const sales = bassCurve({ p: 0.005, q: 0.3, m: 10000 }, 50).map((point) => point.adoptions);
 * classifyProductStage(sales.slice(0, 8)).stage //=> "introduction"
 * classifyProductStage(sales.slice(0, 16)).stage //=> "growth"
 * classifyProductStage(sales.slice(0, 20)).stage //=> "maturity"
 * const latest = classifyProductStage(sales);
 * [latest.stage, latest.confidenceLevel, latest.evidence.agreement] //=> ["decline", "high", "agree"]
 * classifyProductStage([1, 2, 3]) //=> throws OpsbookError
 * ```
 */
export function classifyProductStage(
  series: readonly number[],
  options: ClassifyProductStageOptions = {},
): ProductStageResult {
  const values = validate(seriesSchema, series, { label: "series" });
  const o = validate(classifyProductStageOptionsSchema, options, { label: "options" });
  const w = o.smoothingWindow;
  const needed = Math.max(4, w + 2);
  if (values.length < needed)
    throw new OpsbookError(
      "out_of_range",
      `series: expected at least ${needed} periods (smoothing window ${w} plus 2), received ${values.length}`,
      [],
    );
  const n = values.length;
  const smoothed: (number | null)[] = values.map((_, t) => {
    if (t < w - 1) return null;
    let sum = 0;
    for (let k = t - w + 1; k <= t; k++) sum += values[k] as number;
    return sum / w;
  });
  const scale = Math.max(...values) * 1e-9 || 1e-12;
  const rawStages: (ProductStage | null)[] = [];
  let growthRate = 0;
  let acceleration = 0;
  for (let t = 0; t < n; t++) {
    const s0 = smoothed[t];
    const s1 = t >= 1 ? smoothed[t - 1] : null;
    const s2 = t >= 2 ? smoothed[t - 2] : null;
    if (s0 == null || s1 == null || s2 == null) {
      rawStages.push(null);
      continue;
    }
    const base = Math.max(s1, scale);
    growthRate = (s0 - s1) / base;
    acceleration = (s0 - 2 * s1 + s2) / base;
    rawStages.push(ruleStage(growthRate, acceleration, o.growthThreshold, o.accelerationThreshold));
  }
  const stableStages: (ProductStage | null)[] = [];
  let stable: ProductStage | null = null;
  // Minimum-duration rule: switch only after `minDuration` consecutive periods whose raw stage
  // differs from the current one in the same direction (all later, or all earlier, in the
  // lifecycle order), then take the latest raw stage. A back-and-forth flicker resets the count.
  let direction = 0;
  let run = 0;
  for (const raw of rawStages) {
    if (raw !== null) {
      if (stable === null) stable = raw;
      else {
        const d = Math.sign(ORDER.indexOf(raw) - ORDER.indexOf(stable));
        if (d === 0) run = 0;
        else {
          run = d === direction ? run + 1 : 1;
          direction = d;
          if (run >= o.minDuration) {
            stable = raw;
            run = 0;
          }
        }
      }
    }
    stableStages.push(stable);
  }
  const stage = stable as ProductStage;
  let periodsInStage = 0;
  for (let t = n - 1; t >= 0 && rawStages[t] === stage; t--) periodsInStage++;

  let bass: ProductStageResult["evidence"]["bass"] = null;
  if (o.bass) {
    try {
      const fit = fitBass(values);
      if (fit.rSquared >= o.minBassRSquared) {
        const c = adopterCategories(fit.p, fit.q);
        // The middle of the last period, in periods since launch.
        const position = n - 0.5;
        const bassStage: ProductStage =
          position < c.earlyMajorityStart
            ? "introduction"
            : position < c.peak
              ? "growth"
              : position < c.laggardsStart
                ? "maturity"
                : "decline";
        bass = { fit, position, stage: bassStage };
      }
    } catch {
      bass = null;
    }
  }
  const distance = bass ? Math.abs(ORDER.indexOf(bass.stage) - ORDER.indexOf(stage)) : -1;
  const agreement =
    distance < 0 ? "no-model" : distance === 0 ? "agree" : distance === 1 ? "adjacent" : "disagree";
  const agreementScore = { agree: 1, adjacent: 0.5, disagree: 0, "no-model": 0.5 }[agreement];
  const persistence = Math.min(1, periodsInStage / (2 * o.minDuration));
  const confidence = Math.round((0.5 * persistence + 0.5 * agreementScore) * 100) / 100;
  return {
    stage,
    confidence,
    confidenceLevel: confidence >= 0.75 ? "high" : confidence >= 0.5 ? "medium" : "low",
    evidence: {
      smoothed,
      growthRate,
      acceleration,
      rawStages,
      stableStages,
      periodsInStage,
      bass,
      agreement,
    },
  };
}

function ruleStage(
  growth: number,
  acceleration: number,
  growthThreshold: number,
  accelerationThreshold: number,
): ProductStage {
  if (growth > growthThreshold)
    return acceleration > accelerationThreshold ? "introduction" : "growth";
  if (growth < -growthThreshold)
    return acceleration < -accelerationThreshold ? "maturity" : "decline";
  return "maturity";
}
