import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignVariation, bucketHash, bucketRanges, fnv1a32 } from "./assignVariation.ts";
import { srmCheck } from "./srmCheck.ts";

// growthbook/growthbook packages/sdk-js/test/cases.json "hash" and "getBucketRange" (MIT)
describe("hashing — GrowthBook SDK cases.json", () => {
  it.each([
    ["", "a", 1, 0.22],
    ["", "b", 1, 0.077],
    ["b", "a", 1, 0.946],
    ["ef", "d", 1, 0.652],
    ["asdf", "8952klfjas09ujk", 1, 0.549],
    ["", "123", 1, 0.011],
    ["", '___)((*":&', 1, 0.563],
    ["seed", "a", 2, 0.0505],
    ["seed", "b", 2, 0.2696],
    ["foo", "ab", 2, 0.2575],
    ["foo", "def", 2, 0.2019],
    ["89123klj", "8952klfjas09ujkasdf", 2, 0.124],
    ["90850943850283058242805", "123", 2, 0.7516],
    ["()**(%$##$%#$#", '___)((*":&', 2, 0.0128],
  ] as const)("hash(%j, %j, v%i) = %f", (seed, value, version, expected) => {
    expect(bucketHash(seed, value, version)).toBe(expected);
  });
  it("FNV-1a 32 reference vectors (Landon Curt Noll)", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });
  it.each([
    [
      2,
      1,
      undefined,
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      2,
      0.5,
      undefined,
      [
        [0, 0.25],
        [0.5, 0.75],
      ],
    ],
    [
      2,
      0,
      undefined,
      [
        [0, 0],
        [0.5, 0.5],
      ],
    ],
    [
      2,
      1,
      [0.4, 0.6],
      [
        [0, 0.4],
        [0.4, 1],
      ],
    ],
    [
      3,
      1,
      [0.2, 0.3, 0.5],
      [
        [0, 0.2],
        [0.2, 0.5],
        [0.5, 1],
      ],
    ],
    [
      2,
      -0.2,
      undefined,
      [
        [0, 0],
        [0.5, 0.5],
      ],
    ],
    [
      2,
      1.5,
      undefined,
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      2,
      1,
      [0.4, 0.1],
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
    [
      2,
      1,
      [0.7, 0.6],
      [
        [0, 0.5],
        [0.5, 1],
      ],
    ],
  ] as const)("getBucketRange(%i, %f, %j)", (n, coverage, weights, expected) => {
    const ranges = bucketRanges(n, coverage, weights as number[] | undefined);
    expect(ranges.map(([s, e]) => [Number(s.toFixed(6)), Number(e.toFixed(6))])).toEqual(expected);
  });
});

// growthbook/growthbook packages/sdk-js/test/index.test.ts "coverage" and "threeWayTest" (hash v1)
describe("assignVariation — GrowthBook SDK examples (hash version 1)", () => {
  const ids = Array.from({ length: 9 }, (_, i) => String(i + 1));
  it("threeWayTest", () => {
    expect(
      ids.map(
        (id) => assignVariation(id, { key: "my-test", variations: 3, hashVersion: 1 }).variation,
      ),
    ).toEqual([2, 0, 0, 2, 1, 2, 0, 1, 0]);
  });
  it("coverage 0.4", () => {
    expect(
      ids.map(
        (id) =>
          assignVariation(id, { key: "my-test", variations: 2, coverage: 0.4, hashVersion: 1 })
            .variation ?? -1,
      ),
    ).toEqual([-1, 0, 0, -1, 1, -1, 0, 1, -1]);
  });
  it("namespaces: user 1 is in namespace1 [0.4, 1) and not in [0, 0.4); user 3 in namespace2 [0, 0.4)", () => {
    const exp = (id: string, range: [number, number]) => ({
      key: "e",
      variations: 2,
      namespace: { id, range },
    });
    expect(assignVariation("1", exp("namespace1", [0, 0.4])).reason).toBe("namespace");
    expect(assignVariation("1", exp("namespace1", [0.4, 1])).inExperiment).toBe(true);
    expect(assignVariation("3", exp("namespace2", [0, 0.4])).inExperiment).toBe(true);
  });
});

describe("assignVariation — properties (fast-check)", () => {
  it("is stable: the same unit and experiment always get the same variation", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 2, max: 6 }),
        (id, key, variations) => {
          const e = { key, variations };
          expect(assignVariation(id, e)).toEqual(assignVariation(id, e));
          const v = assignVariation(id, e).variation;
          expect(v !== null && v >= 0 && v < variations).toBe(true);
        },
      ),
    );
  });
  it("is near-uniform: χ² on 20,000 ids does not flag a mismatch for 2, 3 and weighted splits", () => {
    for (const [variations, weights] of [
      [2, undefined],
      [3, undefined],
      [2, [0.2, 0.8]],
    ] as const) {
      const counts = new Array<number>(variations).fill(0);
      for (let i = 0; i < 20000; i++) {
        const v = assignVariation(`user-${i}`, {
          key: "uniformity",
          variations,
          weights: weights as number[] | undefined,
        }).variation as number;
        counts[v] = (counts[v] ?? 0) + 1;
      }
      const w = (weights as readonly number[] | undefined) ?? new Array(variations).fill(1);
      expect(srmCheck(counts, [...w]).pValue).toBeGreaterThan(0.001);
    }
  });
});
