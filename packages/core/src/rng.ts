import { describeValue, OpsbookError, type OpsbookErrorCode } from "./errors.ts";

/**
 * A seeded pseudo-random number generator. Every method draws from one sfc32 stream, so a given
 * seed and call sequence gives the same values on every platform.
 *
 * @category Random
 * @since 0.1.0
 */
export interface Rng {
  /** A float in [0, 1) with 32 random bits (the next sfc32 output divided by 2³²). */
  next(): number;
  /** A float in [min, max) (defaults 0 and 1). */
  uniform(min?: number, max?: number): number;
  /** An integer in [min, max], both ends included, without modulo bias (rejection sampling). */
  integer(min: number, max: number): number;
  /** A normal variate (Marsaglia's polar method; the pair's second value serves the next call). */
  normal(mean?: number, sd?: number): number;
  /** An exponential variate with the given rate (inverse transform: −ln(1 − U) / rate). */
  exponential(rate?: number): number;
  /** A Poisson count: Knuth's multiplication method for λ < 10, Hörmann's PTRS for λ ≥ 10. */
  poisson(lambda: number): number;
  /** One item, uniformly or in proportion to non-negative `weights`. */
  choice<T>(items: readonly T[], weights?: readonly number[]): T;
  /** A shuffled copy (Fisher–Yates, Durstenfeld's in-place form on the copy). */
  shuffle<T>(items: readonly T[]): T[];
  /**
   * An independent generator for a named substream. It depends only on this generator's seed and
   * the label, not on how many values were drawn: the same label always gives the same stream.
   */
  fork(label: string | number): Rng;
}

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/**
 * cyrb128 by bryc (public domain, github.com/bryc/code/blob/master/jshash/PRNGs.md): a 128-bit
 * hash of a string's UTF-16 code units, used to seed sfc32 from string seeds.
 *
 * @internal
 */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * splitmix32 (the 32-bit SplitMix finaliser with constants from Hash Prospector, as in bryc's
 * PRNGs.md): expands a 32-bit integer seed into well-mixed words.
 *
 * @internal
 */
export function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

function bad(code: OpsbookErrorCode, what: string, expected: string, value: unknown): never {
  throw new OpsbookError(
    code,
    `${what}: expected ${expected}, received ${describeValue(value)}`,
    [what],
    {
      issues: [
        {
          code,
          path: [what],
          message: `${what}: expected ${expected}, received ${describeValue(value)}`,
          expected,
          received: describeValue(value),
        },
      ],
    },
  );
}

/** Stirling-series log-gamma (as in NumPy's `random_loggam`), exact enough for PTRS acceptance. */
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const a = [
    8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4,
    8.417508417508418e-4, -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2,
    1.796443723688307e-1, -1.3924322169059,
  ];
  const n = x < 7 ? Math.floor(7 - x) : 0;
  let x0 = x + n;
  const x2 = 1 / (x0 * x0);
  let gl0 = a[9]!;
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + a[k]!;
  let gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= n; k++) {
    gl -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return gl;
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;
  private readonly key: string;

  constructor(words: readonly [number, number, number, number], key: string) {
    [this.a, this.b, this.c, this.d] = words;
    this.key = key;
    // Discard the first outputs so that similar seeds diverge (PractRand seeds sfc32 with 12 rounds).
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** One sfc32 step (Chris Doty-Humphrey's Small Fast Chaotic PRNG, 32-bit version). */
  private uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.uint32() / TWO_32;
  }

  uniform(min = 0, max = 1): number {
    if (!Number.isFinite(min)) bad("invalid_input", "min", "finite number", min);
    if (!(Number.isFinite(max) && max >= min))
      bad("out_of_range", "max", `finite number ≥ ${min}`, max);
    return min + (max - min) * (this.uint32() / TWO_32);
  }

  integer(min: number, max: number): number {
    if (!Number.isSafeInteger(min)) bad("invalid_input", "min", "safe integer", min);
    if (!Number.isSafeInteger(max) || max < min)
      bad("out_of_range", "max", `safe integer ≥ ${min}`, max);
    const range = max - min + 1;
    if (range > TWO_53) bad("out_of_range", "max", "max − min < 2⁵³", max);
    if (range <= TWO_32) {
      // Reject the top partial block of 2³² so that every value is equally likely.
      const limit = TWO_32 - (TWO_32 % range);
      let x = this.uint32();
      while (x >= limit) x = this.uint32();
      return min + (x % range);
    }
    const limit = TWO_53 - (TWO_53 % range);
    let x: number;
    do {
      x = (this.uint32() >>> 11) * TWO_32 + this.uint32();
    } while (x >= limit);
    return min + (x % range);
  }

  normal(mean = 0, sd = 1): number {
    if (!Number.isFinite(mean)) bad("invalid_input", "mean", "finite number", mean);
    if (!(Number.isFinite(sd) && sd >= 0)) bad("out_of_range", "sd", "finite number ≥ 0", sd);
    let z = this.spare;
    if (!Number.isNaN(z)) {
      this.spare = Number.NaN;
      return mean + sd * z;
    }
    // Marsaglia & Bray (1964), "A convenient method for generating normal variables".
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * (this.uint32() / TWO_32) - 1;
      v = 2 * (this.uint32() / TWO_32) - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    z = u * m;
    return mean + sd * z;
  }

  exponential(rate = 1): number {
    if (!(Number.isFinite(rate) && rate > 0))
      bad("out_of_range", "rate", "finite number > 0", rate);
    return -Math.log(1 - this.uint32() / TWO_32) / rate;
  }

  poisson(lambda: number): number {
    if (!(Number.isFinite(lambda) && lambda >= 0))
      bad("out_of_range", "lambda", "finite number ≥ 0", lambda);
    if (lambda === 0) return 0;
    if (lambda < 10) {
      // Knuth, TAOCP vol. 2, §3.4.1: multiply uniforms until the product drops below e^−λ.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.uint32() / TWO_32;
      while (p > limit) {
        k += 1;
        p *= this.uint32() / TWO_32;
      }
      return k;
    }
    // Hörmann (1993), "The transformed rejection method for generating Poisson random variables",
    // algorithm PTRS, with the constants of the paper (as NumPy's random_poisson_ptrs).
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uint32() / TWO_32 - 0.5;
      const v = this.uint32() / TWO_32;
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * loglam - logGamma(k + 1)
      )
        return k;
    }
  }

  choice<T>(items: readonly T[], weights?: readonly number[]): T {
    if (!Array.isArray(items) || items.length === 0)
      bad("invalid_input", "items", "non-empty array", items);
    if (weights === undefined) return items[this.integer(0, items.length - 1)] as T;
    if (!Array.isArray(weights) || weights.length !== items.length)
      bad("invalid_input", "weights", `array of ${items.length} weights`, weights);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(Number.isFinite(w) && w >= 0)) bad("out_of_range", "weights", "finite weights ≥ 0", w);
      total += w;
    }
    if (!(total > 0 && Number.isFinite(total)))
      bad("out_of_range", "weights", "a positive finite total", total);
    const target = (this.uint32() / TWO_32) * total;
    let cumulative = 0;
    let last = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      cumulative += w;
      last = i;
      if (target < cumulative) return items[i] as T;
    }
    // Rounding can leave target ≥ the running sum: the last positive weight takes it.
    return items[last] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    if (!Array.isArray(items)) bad("invalid_input", "items", "array", items);
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.integer(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  fork(label: string | number): Rng {
    if (typeof label === "number" ? !Number.isFinite(label) : typeof label !== "string")
      bad("invalid_input", "label", "string or finite number", label);
    const text = typeof label === "number" ? `#${label}` : `$${label}`;
    // Length-prefixed so that fork("a").fork("b") and fork("a/b") cannot collide.
    const key = `${this.key}\u0000${text.length}:${text}`;
    return new Sfc32(cyrb128(key), key);
  }
}

/**
 * Creates a seeded pseudo-random number generator: **sfc32** (Chris Doty-Humphrey's Small Fast
 * Chaotic generator, 32-bit, from PractRand; period ≥ 2³², average about 2¹²⁷), which passes
 * PractRand and TestU01's BigCrush and uses only 32-bit integer arithmetic, so the stream is
 * identical on every JavaScript engine and platform.
 *
 * Seeding: a string is hashed with cyrb128 into the four state words; a safe integer is split into
 * its low and high 32 bits, each expanded by splitmix32 into two words. The first 12 outputs are
 * discarded. `fork(label)` hashes the parent's seed path and the label with cyrb128. Floats carry 32
 * random bits. `normal`, `exponential` and `poisson` use `Math.log`/`Math.exp`/`Math.sqrt`, which
 * engines compute with fdlibm-derived code; `next`, `integer`, `choice` and `shuffle` use only
 * integer arithmetic and exact division.
 *
 * @param seed - A safe integer or a string.
 * @returns A generator; its methods draw from one stream.
 * @throws {@link OpsbookError} `invalid_input` for any other seed.
 * @category Random
 * @since 0.1.0
 * @example
 * ```ts
 * import { createRng } from "@opsbook/core";
 *
 * const rng = createRng(42);
 * const again = createRng(42);
 * rng.next() === again.next() //=> true
 * createRng("demo").integer(1, 6) //=> 3
 * createRng("demo").shuffle([1, 2, 3, 4, 5]) //=> [4, 2, 5, 3, 1]
 * createRng("demo").choice(["a", "b", "c"], [0, 0, 1]) //=> "c"
 * createRng(0.5) //=> throws OpsbookError
 * ```
 */
export function createRng(seed: number | string): Rng {
  if (typeof seed === "string") return new Sfc32(cyrb128(seed), `s${seed}`);
  if (!Number.isSafeInteger(seed)) bad("invalid_input", "seed", "safe integer or string", seed);
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_32) >>> 0;
  const lowWords = splitmix32(low);
  const highWords = splitmix32(high ^ 0x6a09e667);
  return new Sfc32([lowWords(), lowWords(), highWords(), highWords()], `n${seed}`);
}
