import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/**
 * Renders an Observable Plot chart to an SVG string at build time, so the page ships no JavaScript
 * for it. Plot needs a DOM; linkedom provides a light server-side one.
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");
  const chart = Plot.plot({ ...options, document: document as unknown as Document });
  // Plot names each mark's group after the mark type ("rule", "dot", "line"); ARIA allows a name
  // only on an element with a role, so those groups are given the group role.
  for (const group of chart.querySelectorAll("g[aria-label]:not([role])")) {
    group.setAttribute("role", "group");
  }
  return chart.outerHTML;
}
