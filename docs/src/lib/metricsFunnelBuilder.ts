import { EventTable } from "@opsbook/core";
import { type FunnelResult, funnel } from "@opsbook/metrics";
import { type CompactEvents, expandEvents } from "./metricsFunnelSample.ts";

/** What the funnel builder reads from its form. */
export interface FunnelBuilderInputs {
  /** Step event names, in order (empty choices already removed). */
  steps: string[];
  /** Conversion window in days (fractions allowed). */
  windowDays: number;
  /** Step order, as `funnel` takes it. */
  order: "ordered" | "strict" | "unordered";
}

/** Builds the funnel of the embedded sample for the builder's inputs, with `@opsbook/metrics`. */
export function createFunnelBuilder(
  sample: CompactEvents,
): (inputs: FunnelBuilderInputs) => FunnelResult {
  const table = EventTable.from(expandEvents(sample));
  return ({ steps, windowDays, order }) =>
    funnel(table, {
      steps: steps.map((event) => ({ event })),
      conversionWindow: windowDays * 86_400_000,
      order,
    });
}
