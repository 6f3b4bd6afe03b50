import { OpsbookError, validate } from "@opsbook/core";
import chiSquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { z } from "zod";

/**
 * Options of {@link personaDrift}.
 *
 * @category Drift
 * @since 0.1.0
 */
export interface PersonaDriftOptions {
  /** PSI from which the mix has shifted moderately (default 0.1). */
  moderate?: number;
  /** PSI from which the shift is significant (default 0.25). */
  significant?: number;
  /** Floor for a zero share in the PSI logarithm (default 0.0001). */
  epsilon?: number;
}

/**
 * One persona's (or segment's) drift.
 *
 * @category Drift
 * @since 0.1.0
 */
export interface PersonaShareChange {
  persona: string;
  baselineCount: number;
  currentCount: number;
  baselineShare: number;
  currentShare: number;
  /** currentShare − baselineShare. */
  change: number;
  /** This persona's term of the PSI: (current − baseline) · ln(current / baseline). */
  psi: number;
  /** True when its PSI term alone reaches `moderate`, or it is new or gone. */
  needsUpdate: boolean;
}

/**
 * Result of {@link personaDrift}.
 *
 * @category Drift
 * @since 0.1.0
 */
export interface PersonaDriftReport {
  /** Population stability index of the whole mix. */
  psi: number;
  /** `"stable"` below `moderate`, `"moderate"` below `significant`, else `"significant"`. */
  status: "stable" | "moderate" | "significant";
  /** χ² test of homogeneity of the two periods' counts (2 × personas contingency table). */
  chiSquare: { statistic: number; degreesOfFreedom: number; pValue: number };
  personas: PersonaShareChange[];
  /** Personas with `needsUpdate`, largest PSI term first. */
  flagged: string[];
}

const counts = z.record(z.string().min(1), z.number().min(0).refine(Number.isFinite, "finite"));
const optionsSchema = z
  .object({
    moderate: z.number().positive().default(0.1),
    significant: z.number().positive().default(0.25),
    epsilon: z.number().gt(0).lt(1).default(0.0001),
  })
  .strict();

function toCounts(value: unknown, name: string): Record<string, number> {
  if (Array.isArray(value)) {
    const out: Record<string, number> = {};
    value.forEach((label, i) => {
      if (typeof label !== "string" || label === "")
        throw new OpsbookError("invalid_input", `${name}[${i}]: expected a persona name`, [
          name,
          i,
        ]);
      out[label] = (out[label] ?? 0) + 1;
    });
    return out;
  }
  return validate(counts, value, { path: [name] });
}

/**
 * Compares the persona (or RFM segment) mix of two periods and flags personas that need updating.
 *
 * - Population stability index: PSI = Σ (cᵢ − bᵢ) · ln(cᵢ / bᵢ) over the shares bᵢ (baseline) and
 *   cᵢ (current); a zero share is floored at `epsilon` (0.0001) so a new or vanished persona gives
 *   a large finite term. Thresholds follow the credit-scoring rule of thumb (Siddiqi, *Credit Risk
 *   Scorecards*, 2006): below 0.1 no significant change, 0.1–0.25 a moderate shift worth a look,
 *   0.25 or more a significant shift — the personas no longer describe the users.
 * - χ² test of homogeneity of the two periods' counts (Pearson; personas empty in both periods
 *   are left out; p-value from the χ² distribution with (personas − 1) degrees of freedom, via
 *   `@stdlib`). With large periods tiny shifts are "significant", so read it beside the PSI.
 * - A persona needs updating when its own PSI term reaches `moderate`, or it appears or vanishes.
 *
 * @param baseline - Counts per persona (`{ name: count }`) or one persona name per user, earlier period.
 * @param current - The same for the later period.
 * @param options - `moderate` (0.1), `significant` (0.25), `epsilon` (0.0001).
 * @returns PSI, status, χ² test, per-persona changes and the flagged personas.
 * @throws {@link OpsbookError} when a period is empty, counts are negative or thresholds are not increasing.
 * @category Drift
 * @since 0.1.0
 * @example
 * ```ts
 * import { personaDrift } from "@opsbook/persona";
 *
 * const report = personaDrift({ reporter: 500, explorer: 300, admin: 200 }, { reporter: 300, explorer: 300, admin: 400 });
 * Number(report.psi.toFixed(4)) //=> 0.2408
 * report.status //=> "moderate"
 * report.flagged //=> ["admin", "reporter"]
 * personaDrift({}, { a: 1 }) //=> throws OpsbookError
 * ```
 */
export function personaDrift(
  baseline: Record<string, number> | readonly string[],
  current: Record<string, number> | readonly string[],
  options: PersonaDriftOptions = {},
): PersonaDriftReport {
  const opts = validate(optionsSchema, options, { path: ["options"], label: "drift options" });
  if (opts.significant <= opts.moderate)
    throw new OpsbookError(
      "out_of_range",
      `options.significant: expected more than moderate (${opts.moderate}), received ${opts.significant}`,
      ["options", "significant"],
    );
  const b = toCounts(baseline, "baseline");
  const c = toCounts(current, "current");
  const totalB = Object.values(b).reduce((s, v) => s + v, 0);
  const totalC = Object.values(c).reduce((s, v) => s + v, 0);
  for (const [name, total] of [
    ["baseline", totalB],
    ["current", totalC],
  ] as const)
    if (total <= 0)
      throw new OpsbookError(
        "invalid_input",
        `${name}: expected at least one user, received none`,
        [name],
      );
  const names = [...new Set([...Object.keys(b), ...Object.keys(c)])];
  const personas = names.map((persona): PersonaShareChange => {
    const bc = b[persona] ?? 0;
    const cc = c[persona] ?? 0;
    const bs = bc / totalB;
    const cs = cc / totalC;
    const psi =
      (Math.max(cs, opts.epsilon) - Math.max(bs, opts.epsilon)) *
      Math.log(Math.max(cs, opts.epsilon) / Math.max(bs, opts.epsilon));
    return {
      persona,
      baselineCount: bc,
      currentCount: cc,
      baselineShare: bs,
      currentShare: cs,
      change: cs - bs,
      psi,
      needsUpdate: psi >= opts.moderate || (bc === 0) !== (cc === 0),
    };
  });
  const psi = personas.reduce((s, p) => s + p.psi, 0);
  // Pearson χ² on the 2 × m table of counts, expected = row total × column total / grand total.
  const used = personas.filter((p) => p.baselineCount + p.currentCount > 0);
  const grand = totalB + totalC;
  let statistic = 0;
  for (const p of used) {
    const column = p.baselineCount + p.currentCount;
    const eb = (totalB * column) / grand;
    const ec = (totalC * column) / grand;
    statistic += (p.baselineCount - eb) ** 2 / eb + (p.currentCount - ec) ** 2 / ec;
  }
  const degreesOfFreedom = Math.max(used.length - 1, 0);
  const pValue =
    degreesOfFreedom === 0
      ? 1
      : Math.min(1, Math.max(0, 1 - chiSquareCdf(statistic, degreesOfFreedom)));
  return {
    psi,
    status: psi >= opts.significant ? "significant" : psi >= opts.moderate ? "moderate" : "stable",
    chiSquare: { statistic, degreesOfFreedom, pValue },
    personas,
    flagged: personas
      .filter((p) => p.needsUpdate)
      .sort((x, y) => y.psi - x.psi)
      .map((p) => p.persona),
  };
}
