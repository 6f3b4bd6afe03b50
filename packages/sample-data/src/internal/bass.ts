/**
 * The Bass diffusion model (Bass 1969, "A New Product Growth for Model Consumer Durables",
 * Management Science 15(5)): the hazard of adoption at time t is p + q·F(t), so the cumulative
 * share of the market that has adopted is
 *
 *   F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}),
 *
 * the adoption rate peaks at t* = ln(q/p) / (p+q), and at time t a share p / (p + q·F(t)) of new
 * adopters come from external influence (innovators) and the rest from word of mouth (imitators).
 */

/** Cumulative share of the market that has adopted by time `t`. */
export function bassCumulative(t: number, p: number, q: number): number {
  const e = Math.exp(-(p + q) * t);
  return (1 - e) / (1 + (q / p) * e);
}

/** Time of the peak adoption rate (0 when imitation is weaker than innovation). */
export function bassPeakTime(p: number, q: number): number {
  return q > p ? Math.log(q / p) / (p + q) : 0;
}

/** Share of adopters at time `t` that come from external influence. */
export function bassInnovatorShare(t: number, p: number, q: number): number {
  return p / (p + q * bassCumulative(t, p, q));
}

/** Product lifecycle stage, as in the playbook's `lifecycleStages`. */
export type LifecycleStage = "introduction" | "growth" | "maturity" | "decline";

/**
 * Stage at the end of the window, with Rogers' adopter categories as boundaries: introduction while
 * fewer than 2.5 % have adopted (the innovators), growth until the adoption rate peaks, maturity until
 * 84 % have adopted (the early and late majority), decline afterwards (the laggards).
 */
export function bassStage(t: number, p: number, q: number): LifecycleStage {
  const share = bassCumulative(t, p, q);
  if (share < 0.025) return "introduction";
  if (t < bassPeakTime(p, q)) return "growth";
  if (share < 0.84) return "maturity";
  return "decline";
}
