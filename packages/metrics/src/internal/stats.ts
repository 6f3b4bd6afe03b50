/**
 * Summary of durations in milliseconds (time to convert).
 *
 * @category Funnels
 * @since 0.1.0
 */
export interface DurationSummary {
  /** Number of conversions measured. */
  count: number;
  /** Arithmetic mean, or `null` without conversions. */
  mean: number | null;
  /** Median (linear interpolation between order statistics, as NumPy's default), or `null`. */
  median: number | null;
  /** 90th percentile (same interpolation), or `null`. */
  p90: number | null;
  /** Histogram: `counts[i]` durations in `[edges[i], edges[i + 1])`, the last bin closed. */
  histogram: { edges: number[]; counts: number[] };
}

/** Rearranges `a` so that `a[k]` is the k-th smallest value (Hoare's quickselect, in place). */
function select(a: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * Quantile (type 7) by selection: linear time, so large conversion lists need no full sort. Values
 * before `from` must all be ≤ the ones after (a previous selection), which narrows the search.
 */
function quantileSelect(
  a: Float64Array,
  q: number,
  from: number,
): [value: number, position: number] {
  const h = (a.length - 1) * q;
  const lo = Math.floor(h);
  const low = select(a, lo, from, a.length - 1);
  if (h === lo) return [low, lo];
  // The next order statistic is the smallest value after position lo.
  let next = Number.POSITIVE_INFINITY;
  for (let i = lo + 1; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  return [low + (h - lo) * (next - low), lo];
}

export function summarizeDurations(values: Float64Array, bins: number): DurationSummary {
  if (values.length === 0) {
    return { count: 0, mean: null, median: null, p90: null, histogram: { edges: [], counts: [] } };
  }
  const work = values.slice();
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < work.length; i++) {
    const v = work[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const width = max > min ? (max - min) / bins : 1;
  const binCount = max > min ? bins : 1;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => min + i * width);
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < work.length; i++) {
    const b = Math.min(binCount - 1, Math.floor((work[i]! - min) / width));
    counts[b]! += 1;
  }
  const [median, at] = quantileSelect(work, 0.5, 0);
  const [p90] = quantileSelect(work, 0.9, at);
  return { count: work.length, mean: sum / work.length, median, p90, histogram: { edges, counts } };
}

/** A growable list of float64 values. */
export class FloatList {
  #data = new Float64Array(64);
  length = 0;
  push(value: number): void {
    if (this.length === this.#data.length) {
      const next = new Float64Array(this.#data.length * 2);
      next.set(this.#data);
      this.#data = next;
    }
    this.#data[this.length++] = value;
  }
  values(): Float64Array {
    return this.#data.subarray(0, this.length);
  }
}

/** a / b, or 0 when b is 0 (empty input gives zeros, not NaN). */
export function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
