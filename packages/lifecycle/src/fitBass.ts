import { OpsbookError, validate } from "@opsbook/core";
import { cumulativeShare, peakTime } from "./bassCurve.ts";
import { invert, levenbergMarquardt } from "./internal/optimize.ts";
import { type FitBassOptions, fitBassOptionsSchema, seriesSchema } from "./schemas.ts";

/**
 * A fitted Bass model with its goodness of fit.
 *
 * @category Product stage
 * @since 0.1.0
 */
export interface BassFit {
  /** Coefficient of innovation. */
  p: number;
  /** Coefficient of imitation. */
  q: number;
  /** Market potential: eventual number of adopters (at least the adopters already seen). */
  m: number;
  /** Asymptotic standard errors from the Gauss–Newton covariance s²(JᵀJ)⁻¹, or `null` when singular. */
  standardErrors: { p: number; q: number; m: number } | null;
  /** Share of the variance of per-period adoptions explained by the fit, 1 − SSE/SST. */
  rSquared: number;
  /** Root mean squared error of per-period adoptions. */
  rmse: number;
  /** Number of periods fitted. */
  periods: number;
  /** Form of the model fitted. */
  form: "continuous" | "discrete";
  /** Peak time t* = ln(q/p)/(p+q) of the fitted model, in periods since launch. */
  peakTime: number;
  /** Whether the optimiser met its convergence test. */
  converged: boolean;
  /** Caveats about the fit (a peak not yet reached, a market potential close to the data). */
  warnings: string[];
}

/** Fewest periods that leave one degree of freedom for three parameters. */
const MIN_PERIODS = 4;

/**
 * Fits the Bass diffusion model to a product's adoptions by nonlinear least squares
 * (Srinivasan & Mason 1986): Levenberg–Marquardt on (ln p, ln q, ln(m − N)), where N is the
 * number of adopters already observed, so that p, q > 0 and m > N. Starts come from Bass's (1969)
 * OLS regression of adoptions on N(t−1) and N(t−1)², plus a small grid of typical values
 * (Sultan, Farley & Lehmann 1990), and the best fit is kept.
 *
 * @param series - Adoptions per period since launch (or cumulative adoptions with
 *   `kind: "cumulative"`), at least 4 periods.
 * @param options - `kind` of the series and `form` of the model (`"continuous"` by default).
 * @returns The parameters, standard errors, R², RMSE and warnings.
 * @throws OpsbookError `out_of_range` for fewer than 4 periods or an all-zero series;
 *   `invalid_input` for negative values or cumulative data that decrease.
 * @category Product stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { bassCurve, fitBass } from "@opsbook/lifecycle";
 *
 * const adoptions = bassCurve({ p: 0.02, q: 0.4, m: 5000 }, 12).map((point) => point.adoptions);
 * const fit = fitBass(adoptions);
 * [fit.p, fit.q, Math.round(fit.m)].map((v) => Math.round(v * 1000) / 1000) //=> [0.02, 0.4, 5000]
 * fit.rSquared > 0.999 //=> true
 * fitBass([1, 2, 3]) //=> throws OpsbookError
 * fitBass([10, 30, 25, 60], { kind: "cumulative" }) //=> throws OpsbookError
 * ```
 */
export function fitBass(series: readonly number[], options: FitBassOptions = {}): BassFit {
  const values = validate(seriesSchema, series, { label: "series" });
  const { kind, form } = validate(fitBassOptionsSchema, options, { label: "options" });
  if (values.length < MIN_PERIODS)
    throw new OpsbookError(
      "out_of_range",
      `series: expected at least ${MIN_PERIODS} periods to fit p, q and m, received ${values.length}`,
      [],
    );
  let adoptions = values;
  if (kind === "cumulative") {
    const issues = [];
    for (let i = 1; i < values.length; i++) {
      if ((values[i] as number) < (values[i - 1] as number))
        issues.push({
          code: "invalid_input" as const,
          path: [i],
          message: `[${i}]: expected cumulative adoptions ≥ ${values[i - 1]} (the previous period), received ${values[i]}`,
        });
    }
    if (issues.length > 0) throw OpsbookError.fromIssues(issues, "series");
    adoptions = values.map((v, i) => v - (i === 0 ? 0 : (values[i - 1] as number)));
  }
  const observed = adoptions.reduce((s, v) => s + v, 0);
  if (observed <= 0)
    throw new OpsbookError(
      "out_of_range",
      "series: expected at least one adoption, received only zeros",
      [],
    );
  const n = adoptions.length;
  const predict = (p: number, q: number, m: number): number[] => {
    const out: number[] = [];
    let cumulative = 0;
    for (let t = 1; t <= n; t++) {
      const a =
        form === "discrete"
          ? (p + (q * cumulative) / m) * (m - cumulative)
          : m * (cumulativeShare(p, q, t) - cumulativeShare(p, q, t - 1));
      cumulative += a;
      out.push(a);
    }
    return out;
  };
  const unpack = (x: number[]) => ({
    p: Math.exp(x[0] as number),
    q: Math.exp(x[1] as number),
    m: observed + Math.exp(x[2] as number),
  });
  const residuals = (x: number[]) => {
    const { p, q, m } = unpack(x);
    if (p > 1 || q > 5) return adoptions.map(() => Number.POSITIVE_INFINITY);
    const predicted = predict(p, q, m);
    return predicted.map((v, i) => v - (adoptions[i] as number));
  };
  const pack = (p: number, q: number, m: number) => [
    Math.log(p),
    Math.log(q),
    Math.log(Math.max(m - observed, observed * 1e-3)),
  ];
  const starts: number[][] = [];
  const ols = bassRegressionStart(adoptions);
  if (ols) starts.push(pack(ols.p, ols.q, ols.m));
  for (const p of [0.003, 0.01, 0.03, 0.1])
    for (const q of [0.1, 0.3, 0.6])
      for (const share of [0.5, 1.5]) starts.push(pack(p, q, observed * (1 + share)));
  let best: ReturnType<typeof levenbergMarquardt> | undefined;
  for (const start of starts) {
    const result = levenbergMarquardt(residuals, start, { maxIterations: 200 });
    if (Number.isFinite(result.sse) && (!best || result.sse < best.sse)) best = result;
  }
  if (!best)
    throw new OpsbookError("out_of_range", "series: the Bass model could not be fitted", []);
  const { p, q, m } = unpack(best.x);
  const mean = observed / n;
  const sst = adoptions.reduce((s, v) => s + (v - mean) ** 2, 0);
  const jtj = [0, 1, 2].map((i) =>
    [0, 1, 2].map((k) => best.jacobian.reduce((s, row) => s + row[i]! * row[k]!, 0)),
  );
  const covariance = n > 3 ? invert(jtj) : undefined;
  const s2 = best.sse / (n - 3);
  const se = (i: number, scale: number) => scale * Math.sqrt(Math.max(0, s2 * covariance![i]![i]!));
  const standardErrors = covariance?.every((row, i) => Number.isFinite(row[i]) && row[i]! >= 0)
    ? { p: se(0, p), q: se(1, q), m: se(2, m - observed) }
    : null;
  const warnings: string[] = [];
  const peak = peakTime(p, q);
  if (peak > n)
    warnings.push(
      `The fitted peak (period ${peak.toFixed(1)}) lies beyond the data: m and q are poorly determined before the peak.`,
    );
  if ((m - observed) / m < 0.01)
    warnings.push("The fitted market potential is within 1% of the adopters already seen.");
  return {
    p,
    q,
    m,
    standardErrors,
    rSquared: sst > 0 ? 1 - best.sse / sst : 1,
    rmse: Math.sqrt(best.sse / n),
    periods: n,
    form,
    peakTime: peak,
    converged: best.converged,
    warnings,
  };
}

/**
 * Bass's (1969) linear-regression estimate: regress adoptions on N(t−1) and N(t−1)²; with
 * coefficients a, b, c, m solves c·m² + b·m + a = 0, p = a/m, q = −c·m.
 */
function bassRegressionStart(adoptions: number[]): { p: number; q: number; m: number } | undefined {
  const rows: number[][] = [];
  let cumulative = 0;
  for (const a of adoptions) {
    rows.push([1, cumulative, cumulative * cumulative, a]);
    cumulative += a;
  }
  const xtx = [0, 1, 2].map((i) =>
    [0, 1, 2].map((k) => rows.reduce((s, r) => s + r[i]! * r[k]!, 0)),
  );
  const xty = [0, 1, 2].map((i) => rows.reduce((s, r) => s + r[i]! * r[3]!, 0));
  const inverse = invert(xtx);
  if (!inverse) return undefined;
  const [a, b, c] = inverse.map((row) => row.reduce((s, v, k) => s + v * xty[k]!, 0)) as [
    number,
    number,
    number,
  ];
  if (!(c < 0) || !(a > 0)) return undefined;
  const m = (-b - Math.sqrt(b * b - 4 * a * c)) / (2 * c);
  const p = a / m;
  const q = -c * m;
  return Number.isFinite(m) && m > cumulative && p > 0 && q > 0 ? { p, q, m } : undefined;
}
