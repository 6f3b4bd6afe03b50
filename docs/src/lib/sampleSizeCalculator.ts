import { experimentDuration, sampleSize } from "@opsbook/experiments";

/** The sample-size calculator's inputs, as typed: percentages as percent (20 for 20 %). */
export interface SampleSizeInputs {
  baselinePercent: number;
  effectPercent: number;
  relative: boolean;
  powerPercent: number;
  alphaPercent: number;
  variations: number;
  dailyVisitors: number;
}

/** Visitors per variation and in total for a conversion-rate test, and the days to enrol them. */
export function calculateSampleSize(inputs: SampleSizeInputs) {
  const size = sampleSize({
    metric: { type: "proportion", baseline: inputs.baselinePercent / 100 },
    effect: inputs.effectPercent / 100,
    relative: inputs.relative,
    power: inputs.powerPercent / 100,
    alpha: inputs.alphaPercent / 100,
    variations: inputs.variations,
  });
  const { days } = experimentDuration({
    perVariation: size.perVariation,
    variations: size.variations,
    dailyUnits: inputs.dailyVisitors,
  });
  return { perVariation: size.perVariation, total: size.total, days };
}
