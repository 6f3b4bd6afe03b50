import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/**
 * Renders an Observable Plot chart to an SVG string at build time, so the page ships no JavaScript
 * for it. Plot needs a DOM; linkedom provides a light server-side one.
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const chart = Plot.plot({ ...options, document: document as unknown as Document });
  // Plot names each mark's group after the mark type ("rule", "dot"): an aria-label on an element
  // without a role is not allowed, and those names tell a screen reader nothing. The chart's own
  // label and description, on the root element, stay.
  for (const group of chart.querySelectorAll("g[aria-label]")) {
    group.removeAttribute("aria-label");
  }
  return chart.outerHTML;
}
