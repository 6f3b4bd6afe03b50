/**
 * Numerical optimisers: Nelder–Mead for the maximum-likelihood fits (run in log space, so every
 * parameter stays positive) and Levenberg–Marquardt for nonlinear least squares.
 *
 * @internal
 */

/** Outcome of a minimisation. */
export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export interface NelderMeadOptions {
  maxIterations?: number;
  /** Stop when the spread of the simplex values falls below this (absolute). */
  tolerance?: number;
  /** Size of the initial simplex along each axis. */
  step?: number;
  /** Restarts from the best point with a fresh simplex (guards against a collapsed simplex). */
  restarts?: number;
}

/**
 * Minimises `f` with the Nelder–Mead simplex method (Nelder & Mead 1965; coefficients 1, 2, ½, ½
 * as in Lagarias et al. 1998). A non-finite value counts as +∞, so infeasible points are rejected.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-10;
  const restarts = options.restarts ?? 2;
  let evaluations = 0;
  const g = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best = start.slice();
  let bestValue = g(best);
  let iterations = 0;
  let converged = false;
  for (let round = 0; round <= restarts; round++) {
    const result = simplexRun(
      g,
      best,
      options.step ?? (round === 0 ? 0.5 : 0.1),
      maxIterations,
      tolerance,
    );
    iterations += result.iterations;
    const improvement = bestValue - result.value;
    if (result.value <= bestValue) {
      best = result.x;
      bestValue = result.value;
    }
    converged = result.converged;
    if (round > 0 && Math.abs(improvement) <= tolerance * 10) break;
  }
  return { x: best, value: bestValue, iterations, evaluations, converged };
}

function simplexRun(
  g: (x: number[]) => number,
  start: number[],
  step: number,
  maxIterations: number,
  tolerance: number,
): { x: number[]; value: number; iterations: number; converged: boolean } {
  const n = start.length;
  const points: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = (p[i] as number) + step;
    points.push(p);
  }
  const values = points.map(g);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const order = values
      .map((_, i) => i)
      .sort((i, j) => (values[i] as number) - (values[j] as number));
    const sortedPoints = order.map((i) => points[i] as number[]);
    const sortedValues = order.map((i) => values[i] as number);
    for (let i = 0; i <= n; i++) {
      points[i] = sortedPoints[i] as number[];
      values[i] = sortedValues[i] as number;
    }
    const lowest = values[0] as number;
    const highest = values[n] as number;
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      for (let k = 0; k < n; k++)
        spread = Math.max(
          spread,
          Math.abs((points[i] as number[])[k]! - (points[0] as number[])[k]!),
        );
    }
    if (Math.abs(highest - lowest) <= tolerance * (1 + Math.abs(lowest)) && spread < 1e-7)
      return { x: points[0] as number[], value: lowest, iterations, converged: true };
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) centroid[k] = centroid[k]! + (points[i] as number[])[k]! / n;
    const worst = points[n] as number[];
    const along = (t: number) => centroid.map((c, k) => c + t * (c - worst[k]!));
    const reflected = along(1);
    const fr = g(reflected);
    if (fr < lowest) {
      const expanded = along(2);
      const fe = g(expanded);
      if (fe < fr) {
        points[n] = expanded;
        values[n] = fe;
      } else {
        points[n] = reflected;
        values[n] = fr;
      }
      continue;
    }
    if (fr < (values[n - 1] as number)) {
      points[n] = reflected;
      values[n] = fr;
      continue;
    }
    const outside = fr < highest;
    const contracted = along(outside ? 0.5 : -0.5);
    const fc = g(contracted);
    if (fc < (outside ? fr : highest)) {
      points[n] = contracted;
      values[n] = fc;
      continue;
    }
    const best = points[0] as number[];
    for (let i = 1; i <= n; i++) {
      points[i] = (points[i] as number[]).map((v, k) => best[k]! + 0.5 * (v - best[k]!));
      values[i] = g(points[i] as number[]);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++)
    if ((values[i] as number) < (values[bestIndex] as number)) bestIndex = i;
  return {
    x: points[bestIndex] as number[],
    value: values[bestIndex] as number,
    iterations,
    converged: false,
  };
}

/** Solves the small dense system A x = b by Gaussian elimination with partial pivoting. */
export function solveLinear(matrix: number[][], rhs: number[]): number[] | undefined {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-300) return undefined;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / a[col]![col]!;
      for (let k = col; k <= n; k++) a[r]![k] = a[r]![k]! - factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** Inverts a small symmetric positive-definite matrix column by column. */
export function invert(matrix: number[][]): number[][] | undefined {
  const n = matrix.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const e = new Array<number>(n).fill(0);
    e[j] = 1;
    const col = solveLinear(matrix, e);
    if (!col) return undefined;
    columns.push(col);
  }
  return matrix.map((_, i) => columns.map((col) => col[i] as number));
}

export interface LeastSquaresResult {
  x: number[];
  /** Sum of squared residuals at the solution. */
  sse: number;
  /** Jacobian of the residuals at the solution (rows: observations). */
  jacobian: number[][];
  iterations: number;
  converged: boolean;
}

/**
 * Minimises Σ rᵢ(x)² with the Levenberg–Marquardt method (Marquardt 1963), with a forward-difference
 * Jacobian and Marquardt's diagonal scaling.
 */
export function levenbergMarquardt(
  residuals: (x: number[]) => number[],
  start: number[],
  options: { maxIterations?: number; tolerance?: number } = {},
): LeastSquaresResult {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-12;
  const sse = (r: number[]) => r.reduce((s, v) => s + v * v, 0);
  let x = start.slice();
  let r = residuals(x);
  let cost = sse(r);
  let lambda = 1e-3;
  let converged = false;
  let iterations = 0;
  let jacobian = numericJacobian(residuals, x, r);
  for (; iterations < maxIterations; iterations++) {
    const n = x.length;
    const jtj = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, k) => jacobian.reduce((s, row) => s + row[i]! * row[k]!, 0)),
    );
    const jtr = Array.from({ length: n }, (_, i) =>
      jacobian.reduce((s, row, o) => s + row[i]! * r[o]!, 0),
    );
    let improved = false;
    while (lambda < 1e12) {
      const damped = jtj.map((row, i) =>
        row.map((v, k) => (i === k ? v * (1 + lambda) + 1e-12 : v)),
      );
      const delta = solveLinear(
        damped,
        jtr.map((v) => -v),
      );
      if (delta) {
        const candidate = x.map((v, i) => v + delta[i]!);
        const rc = residuals(candidate);
        const cc = sse(rc);
        if (Number.isFinite(cc) && cc < cost) {
          const relative = (cost - cc) / Math.max(cost, 1e-300);
          x = candidate;
          r = rc;
          cost = cc;
          lambda = Math.max(lambda / 10, 1e-12);
          improved = true;
          if (relative < tolerance) converged = true;
          break;
        }
      }
      lambda *= 10;
    }
    if (!improved) {
      converged = true;
      break;
    }
    jacobian = numericJacobian(residuals, x, r);
    if (converged) break;
  }
  return { x, sse: cost, jacobian, iterations, converged };
}

/** Forward-difference Jacobian of a vector function. */
export function numericJacobian(
  f: (x: number[]) => number[],
  x: number[],
  fx: number[] = f(x),
): number[][] {
  const columns = x.map((v, i) => {
    const h = 1e-7 * Math.max(1, Math.abs(v));
    const shifted = x.slice();
    shifted[i] = v + h;
    const fs = f(shifted);
    return fs.map((value, o) => (value - fx[o]!) / h);
  });
  return fx.map((_, o) => columns.map((col) => col[o] as number));
}

/** Central-difference Hessian of a scalar function (for standard errors of maximum-likelihood fits). */
export function numericHessian(f: (x: number[]) => number, x: number[]): number[][] {
  const n = x.length;
  const h = x.map((v) => 1e-4 * Math.max(1, Math.abs(v)));
  const at = (d: number[]) => f(x.map((v, i) => v + d[i]!));
  const hess: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const f0 = f(x);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      const d = new Array<number>(n).fill(0);
      let value: number;
      if (i === k) {
        d[i] = h[i]!;
        const fp = at(d);
        d[i] = -h[i]!;
        const fm = at(d);
        value = (fp - 2 * f0 + fm) / (h[i]! * h[i]!);
      } else {
        const e = (si: number, sk: number) => {
          const dd = new Array<number>(n).fill(0);
          dd[i] = si * h[i]!;
          dd[k] = sk * h[k]!;
          return at(dd);
        };
        value = (e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h[i]! * h[k]!);
      }
      hess[i]![k] = value;
      hess[k]![i] = value;
    }
  }
  return hess;
}
