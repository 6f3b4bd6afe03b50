/**
 * The Bass stage tool: a launch's adopters per period (cumulative or per period) fitted with
 * `fitBass` and classified with `classifyProductStage` of @opsbook/lifecycle — or a Bass model
 * given by p, q and m, whose curve up to the current period is classified the same way.
 */

import { OpsbookError } from "@opsbook/core";
import {
  type BassFit,
  bassAdopterCategories,
  bassCurve,
  bassPeakTime,
  classifyProductStage,
  fitBass,
  type ProductStage,
} from "@opsbook/lifecycle";
import { numberCell, tableLines } from "./toolsInput.ts";

/** Reads a series: numbers separated by commas, spaces, tabs or line breaks. */
export function parseSeries(text: string): number[] {
  return tableLines(text).flatMap(({ line, cells }) =>
    cells.map((cell) => numberCell(cell, "series", line)),
  );
}

/** The tool's inputs as typed. */
export interface BassStageInputs {
  mode: "data" | "model";
  /** Data mode: the series as pasted, cumulative adopters or adopters per period. */
  series: string;
  kind: "cumulative" | "adoptions";
  /** Model mode: the Bass parameters and the number of periods since launch. */
  p: number;
  q: number;
  m: number;
  periods: number;
}

/** What the tool shows. */
export interface BassStageResult {
  stage: ProductStage;
  confidence: number;
  confidenceLevel: "high" | "medium" | "low";
  p: number;
  q: number;
  m: number;
  /** R² of the fit (data mode), `null` for a given model. */
  rSquared: number | null;
  /** Peak of adoptions t* in periods since launch, and the two inflection points around it. */
  peak: number;
  earlyMajorityStart: number;
  laggardsStart: number;
  /** Periods of data (or since launch) — "now". */
  periods: number;
  /** Adoptions per period: observed (data mode) or the model's (model mode). */
  adoptions: number[];
  /** The model's adoptions per period, over the data and on to past the laggards' start. */
  curve: number[];
}

/** Fits or takes the Bass model and classifies the product's stage at the last period. */
export function calculateBassStage(inputs: BassStageInputs): BassStageResult {
  if (inputs.mode === "model") {
    const parameters = { p: inputs.p, q: inputs.q, m: inputs.m };
    const adoptions = bassCurve(parameters, inputs.periods).map((point) => point.adoptions);
    const stage = classifyProductStage(adoptions);
    const categories = bassAdopterCategories(parameters);
    return {
      stage: stage.stage,
      confidence: stage.confidence,
      confidenceLevel: stage.confidenceLevel,
      ...parameters,
      rSquared: null,
      peak: bassPeakTime(parameters),
      earlyMajorityStart: categories.earlyMajorityStart,
      laggardsStart: categories.laggardsStart,
      periods: inputs.periods,
      adoptions,
      curve: curveOf(parameters, inputs.periods, categories.laggardsStart),
    };
  }
  const series = parseSeries(inputs.series);
  // fitBass validates the series (at least 4 periods, cumulative values that never fall) first;
  // its errors point at an index of the series, shown as the period it is.
  let fit: BassFit;
  try {
    fit = fitBass(series, { kind: inputs.kind });
  } catch (error) {
    throw withPeriod(error);
  }
  const adoptions =
    inputs.kind === "cumulative"
      ? series.map((value, i) => value - (i === 0 ? 0 : (series[i - 1] as number)))
      : series;
  const stage = classifyProductStage(adoptions);
  const parameters = { p: fit.p, q: fit.q, m: fit.m };
  const categories = bassAdopterCategories(parameters);
  return {
    stage: stage.stage,
    confidence: stage.confidence,
    confidenceLevel: stage.confidenceLevel,
    ...parameters,
    rSquared: fit.rSquared,
    peak: fit.peakTime,
    earlyMajorityStart: categories.earlyMajorityStart,
    laggardsStart: categories.laggardsStart,
    periods: series.length,
    adoptions,
    curve: curveOf(parameters, series.length, categories.laggardsStart),
  };
}

/** The model's curve far enough to show the data and the laggards' start (at most 400 periods). */
function curveOf(parameters: { p: number; q: number; m: number }, periods: number, end: number) {
  const length = Math.min(400, Math.max(periods, Math.ceil(end) + 2));
  return bassCurve(parameters, length).map((point) => point.adoptions);
}

/** Names the period (1-based) of an error about one value of the series. */
function withPeriod(error: unknown): unknown {
  if (!(error instanceof OpsbookError)) return error;
  const index = error.path.find((key) => typeof key === "number");
  if (typeof index !== "number") return error;
  return new OpsbookError(error.code, `period ${index + 1}: ${error.message}`, error.path, {
    issues: error.issues,
    cause: error,
  });
}
