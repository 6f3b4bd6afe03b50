import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpsbookError } from "./errors.ts";
import { createRng, cyrb128, splitmix32 } from "./rng.ts";

const u32 = (rng: { next(): number }) => rng.next() * 4294967296;

/**
 * sfc32 transcribed from the C of PractRand (Chris Doty-Humphrey, `RNGs/other/sfc.h`, 32-bit
 * variant) with BigInt and explicit 32-bit masks: an independent model of the integer arithmetic.
 */
function referenceSfc32(words: [number, number, number, number], skip: number, count: number) {
  const M = 0xffffffffn;
  let [a, b, c, d] = words.map(BigInt) as [bigint, bigint, bigint, bigint];
  const out: number[] = [];
  for (let i = 0; i < skip + count; i++) {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = ((c << 21n) | (c >> 11n)) & M;
    c = (c + t) & M;
    if (i >= skip) out.push(Number(t));
  }
  return out;
}

describe("createRng: fixed vectors (same values on every platform)", () => {
  // First five 32-bit outputs, recorded from this implementation (sfc32 after 12 discarded rounds).
  const vectors: Array<[number | string, number[]]> = [
    [0, [2613771066, 1557971492, 819830551, 350240735, 2279488240]],
    [1, [4141671517, 3764672873, 1531678462, 338230569, 2941661548]],
    [42, [270804890, 3411138439, 3836824828, 3859191080, 2811459014]],
    [-1, [871621278, 4289675447, 3608679277, 2332707412, 3018053993]],
    [2 ** 32, [3509873433, 2530835644, 2488703743, 2229342144, 4079667406]],
    [Number.MAX_SAFE_INTEGER, [3584460391, 2310355384, 1771584138, 1139204236, 108121336]],
    ["", [780688151, 1369530603, 4170761935, 2420727049, 3315390910]],
    ["opsbook", [1367342132, 4097674555, 177944905, 924399959, 3012998067]],
    ["日本", [1827523384, 511865013, 3138919349, 647600776, 487772127]],
  ];
  for (const [seed, expected] of vectors) {
    it(`seed ${JSON.stringify(seed)} gives its recorded first outputs`, () => {
      const rng = createRng(seed);
      expect(Array.from({ length: 5 }, () => u32(rng))).toEqual(expected);
    });
  }

  it("matches a BigInt transcription of PractRand's sfc32 for string and integer seeds", () => {
    expect(Array.from({ length: 5 }, () => u32(createRng("opsbook")))).toHaveLength(5);
    const rng = createRng("opsbook");
    expect(Array.from({ length: 20 }, () => u32(rng))).toEqual(
      referenceSfc32(cyrb128("opsbook"), 12, 20),
    );
    const low = splitmix32(42);
    const high = splitmix32(0 ^ 0x6a09e667);
    const words: [number, number, number, number] = [low(), low(), high(), high()];
    const seeded = createRng(42);
    expect(Array.from({ length: 20 }, () => u32(seeded))).toEqual(referenceSfc32(words, 12, 20));
  });

  it("hashes strings with cyrb128 and expands integers with splitmix32 (recorded values)", () => {
    expect(cyrb128("opsbook")).toEqual([1765574554, 1698647545, 1008503006, 1430638975]);
    expect(cyrb128("")).toEqual([41608494, 3485963809, 1435736333, 1262568316]);
    const sm = splitmix32(0);
    expect([sm(), sm(), sm()]).toEqual([1684164658, 3653269916, 2939563536]);
  });

  it("records the first values of every method for seed 'vectors'", () => {
    const r = () => createRng("vectors");
    const ints = r();
    expect(Array.from({ length: 10 }, () => ints.integer(1, 100))).toEqual([
      39, 68, 29, 97, 49, 61, 43, 26, 58, 32,
    ]);
    const big = r();
    expect(Array.from({ length: 3 }, () => big.integer(0, 2 ** 40))).toEqual([
      65616837369, 988338027252, 1029817076175,
    ]);
    const normal = r();
    const normals = Array.from({ length: 4 }, () => normal.normal());
    const expectedNormals = [
      -1.560211080244563, 0.5310215609868165, -0.47400706355369276, -1.8359654363257314,
    ];
    for (const [i, value] of expectedNormals.entries()) expect(normals[i]).toBeCloseTo(value, 12);
    const exp = r();
    const exps = Array.from({ length: 3 }, () => exp.exponential(2));
    const expectedExps = [1.7369055489193865, 0.16259667074199644, 0.05306707423423632];
    for (const [i, value] of expectedExps.entries()) expect(exps[i]).toBeCloseTo(value, 12);
    const pois = r();
    expect(Array.from({ length: 8 }, () => pois.poisson(3))).toEqual([2, 1, 4, 3, 3, 3, 3, 4]);
    expect(Array.from({ length: 8 }, () => pois.poisson(250))).toEqual([
      235, 240, 246, 239, 229, 259, 256, 274,
    ]);
    const choice = r();
    expect(Array.from({ length: 8 }, () => choice.choice(["a", "b", "c"], [1, 2, 7]))).toEqual([
      "c",
      "b",
      "b",
      "b",
      "a",
      "c",
      "b",
      "c",
    ]);
    expect(r().shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([7, 2, 4, 3, 6, 10, 8, 5, 1, 9]);
    expect(u32(r().fork("users"))).toBe(223525827);
    expect(u32(r().fork(1))).toBe(506544331);
  });
});

describe("createRng: determinism (fast-check)", () => {
  const seed = fc.oneof(fc.string(), fc.maxSafeInteger());
  it("gives the same sequence for the same seed", () => {
    fc.assert(
      fc.property(seed, (s) => {
        const a = createRng(s);
        const b = createRng(s);
        for (let i = 0; i < 16; i++) if (a.next() !== b.next()) return false;
        return true;
      }),
    );
  });
  it("gives different sequences for different seeds", () => {
    fc.assert(
      fc.property(seed, seed, (s, t) => {
        fc.pre(s !== t);
        const a = createRng(s);
        const b = createRng(t);
        const first = Array.from({ length: 4 }, () => a.next());
        const second = Array.from({ length: 4 }, () => b.next());
        return first.some((x, i) => x !== second[i]);
      }),
    );
  });
  it("keeps integer draws inside [min, max]", () => {
    fc.assert(
      fc.property(seed, fc.integer(), fc.nat(), (s, min, width) => {
        const v = createRng(s).integer(min, min + width);
        return Number.isInteger(v) && v >= min && v <= min + width;
      }),
    );
  });
  it("makes a fork depend on the seed and label only, not on draws already made", () => {
    fc.assert(
      fc.property(seed, fc.oneof(fc.string(), fc.integer()), fc.nat(20), (s, label, draws) => {
        const a = createRng(s);
        for (let i = 0; i < draws; i++) a.next();
        return a.fork(label).next() === createRng(s).fork(label).next();
      }),
    );
  });
});

describe("createRng: distributions", () => {
  const n = 40_000;
  const stats = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    return { mean, variance };
  };

  it("draws next() in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = createRng("uniform");
    const xs = Array.from({ length: n }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const { mean, variance } = stats(xs);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it("scales uniform(min, max)", () => {
    const rng = createRng("uniform");
    const xs = Array.from({ length: n }, () => rng.uniform(-3, 5));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...xs)).toBeLessThan(5);
    expect(stats(xs).mean).toBeCloseTo(1, 1);
  });

  it("draws every face of integer(1, 6) equally (chi-square below the 0.1% critical value 20.52, df 5)", () => {
    const rng = createRng("dice");
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.integer(1, 6) - 1]! += 1;
    const chi = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi).toBeLessThan(20.52);
  });

  it("draws standard normals with mean 0, variance 1 and 95.45% within two sd", () => {
    const rng = createRng("normal");
    const xs = Array.from({ length: n }, () => rng.normal());
    const { mean, variance } = stats(xs);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo(1, 1);
    const within = xs.filter((x) => Math.abs(x) < 2).length / n;
    expect(within).toBeCloseTo(0.9545, 2);
    const shifted = createRng("normal");
    expect(shifted.normal(10, 2)).toBeCloseTo(10 + 2 * xs[0]!, 12);
  });

  it("draws exponentials with mean 1/rate and variance 1/rate²", () => {
    const rng = createRng("exponential");
    const { mean, variance } = stats(Array.from({ length: n }, () => rng.exponential(4)));
    expect(mean).toBeCloseTo(0.25, 2);
    expect(variance).toBeCloseTo(1 / 16, 2);
  });

  for (const lambda of [0.5, 3, 9.5, 10, 42, 1000]) {
    it(`draws Poisson(${lambda}) counts with mean and variance λ (${lambda < 10 ? "Knuth" : "PTRS"})`, () => {
      const rng = createRng(`poisson-${lambda}`);
      const xs = Array.from({ length: n }, () => rng.poisson(lambda));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      const { mean, variance } = stats(xs);
      // Standard error of the mean is sqrt(λ/n); allow 5 of them.
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(variance / lambda).toBeGreaterThan(0.95);
      expect(variance / lambda).toBeLessThan(1.05);
    });
  }

  it("returns 0 for Poisson(0)", () => {
    expect(createRng(1).poisson(0)).toBe(0);
  });

  it("picks in proportion to weights and never picks a zero weight", () => {
    const rng = createRng("choice");
    const counts = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < n; i++)
      counts[rng.choice(["a", "b", "c", "d"] as const, [1, 0, 3, 6])] += 1;
    expect(counts.b).toBe(0);
    expect(counts.a / n).toBeCloseTo(0.1, 1);
    expect(counts.c / n).toBeCloseTo(0.3, 1);
    expect(counts.d / n).toBeCloseTo(0.6, 1);
    expect(createRng(3).choice(["only"])).toBe("only");
  });

  it("shuffles into a permutation without touching the input, each position uniformly", () => {
    const input = [0, 1, 2, 3];
    const rng = createRng("shuffle");
    const firsts = [0, 0, 0, 0];
    for (let i = 0; i < 8000; i++) {
      const out = rng.shuffle(input);
      expect([...out].sort()).toEqual(input);
      firsts[out[0]!]! += 1;
    }
    expect(input).toEqual([0, 1, 2, 3]);
    for (const count of firsts) expect(count / 8000).toBeCloseTo(0.25, 1);
  });

  it("gives forks with different labels different streams, and does not advance the parent", () => {
    const parent = createRng("parent");
    const before = createRng("parent").next();
    const a = parent.fork("a");
    const b = parent.fork("b");
    expect(a.next()).not.toBe(b.next());
    expect(parent.next()).toBe(before);
    expect(createRng("parent").fork("a").fork("b").next()).not.toBe(
      createRng("parent").fork("a/b").next(),
    );
    expect(createRng("p").fork(1).next()).not.toBe(createRng("p").fork("1").next());
  });
});

describe("createRng: errors", () => {
  it.each([
    ["fractional seed", () => createRng(0.5)],
    ["NaN seed", () => createRng(Number.NaN)],
    ["unsafe integer seed", () => createRng(2 ** 60)],
    ["integer with max < min", () => createRng(1).integer(3, 2)],
    ["integer with fractional bound", () => createRng(1).integer(0.5, 2)],
    ["negative sd", () => createRng(1).normal(0, -1)],
    ["zero rate", () => createRng(1).exponential(0)],
    ["negative lambda", () => createRng(1).poisson(-1)],
    ["empty choice", () => createRng(1).choice([])],
    ["weights of the wrong length", () => createRng(1).choice([1, 2], [1])],
    ["negative weight", () => createRng(1).choice([1, 2], [1, -1])],
    ["all-zero weights", () => createRng(1).choice([1, 2], [0, 0])],
    ["uniform with max < min", () => createRng(1).uniform(2, 1)],
  ])("throws OpsbookError for %s", (_, call) => {
    expect(call).toThrow(OpsbookError);
  });

  it("names the argument in the message", () => {
    expect(() => createRng(1).poisson(-1)).toThrow(
      "lambda: expected finite number ≥ 0, received number -1",
    );
  });
});
