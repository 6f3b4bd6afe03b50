import { describe, expect, it } from "vitest";
import { silhouetteSamples, silhouetteScore } from "./silhouetteScore.ts";

// Rousseeuw (1987), Table 1: dissimilarities between 12 countries (lower triangle, row by row),
// as used by scikit-learn's test_silhouette_paper_example.
const lower = [
  5.58, 7.0, 6.5, 7.08, 7.0, 3.83, 4.83, 5.08, 8.17, 5.83, 2.17, 5.75, 6.67, 6.92, 4.92, 6.42, 5.0,
  5.58, 6.0, 4.67, 6.42, 3.42, 5.5, 6.42, 6.42, 5.0, 3.92, 6.17, 2.5, 4.92, 6.25, 7.33, 4.5, 2.25,
  6.33, 2.75, 6.08, 6.67, 4.25, 2.67, 6.0, 6.17, 6.17, 6.92, 6.17, 5.25, 6.83, 4.5, 3.75, 5.75,
  5.42, 6.08, 5.83, 6.67, 3.67, 4.75, 3.0, 6.08, 6.67, 5.0, 5.58, 4.83, 6.17, 5.67, 6.5, 6.92,
];
const names = ["BEL", "BRA", "CHI", "CUB", "EGY", "FRA", "IND", "ISR", "USA", "USS", "YUG", "ZAI"];
const D = names.map(() => names.map(() => 0));
let at = 0;
for (let i = 1; i < 12; i++)
  for (let j = 0; j < i; j++) {
    (D[i] as number[])[j] = lower[at] as number;
    (D[j] as number[])[i] = lower[at] as number;
    at++;
  }

describe("silhouetteSamples / silhouetteScore", () => {
  it("scores a singleton 0 and a cluster of identical rows 1 (scikit-learn test_cluster_size_1)", () => {
    expect(silhouetteSamples([[0], [1], [1], [2], [3], [3]], [0, 1, 1, 1, 2, 2])).toEqual([
      0, 0.5, 0.5, 0, 1, 1,
    ]);
  });
  it("reproduces Rousseeuw (1987) Figure 2: per-country widths and overall 0.28", () => {
    const labels = [1, 1, 2, 2, 1, 1, 2, 1, 1, 2, 2, 1];
    const expected: Record<string, number> = {
      USA: 0.43,
      BEL: 0.39,
      FRA: 0.35,
      ISR: 0.3,
      BRA: 0.22,
      EGY: 0.2,
      ZAI: 0.19,
      CUB: 0.4,
      USS: 0.34,
      CHI: 0.33,
      YUG: 0.26,
      IND: -0.04,
    };
    const samples = silhouetteSamples(D, labels, { metric: "precomputed" });
    for (const [i, name] of names.entries())
      expect(samples[i]).toBeCloseTo(expected[name] as number, 2);
    expect(silhouetteScore(D, labels, { metric: "precomputed" })).toBeCloseTo(0.28, 2);
  });
  it("reproduces Rousseeuw (1987) Figure 3: three clusters, overall 0.33", () => {
    const labels = [1, 2, 3, 3, 1, 1, 2, 1, 1, 3, 3, 2];
    const expected: Record<string, number> = {
      USA: 0.47,
      FRA: 0.44,
      BEL: 0.42,
      ISR: 0.37,
      EGY: 0.02,
      ZAI: 0.28,
      BRA: 0.25,
      IND: 0.17,
      CUB: 0.48,
      USS: 0.44,
      YUG: 0.31,
      CHI: 0.31,
    };
    const samples = silhouetteSamples(D, labels, { metric: "precomputed" });
    for (const [i, name] of names.entries())
      expect(samples[i]).toBeCloseTo(expected[name] as number, 2);
    expect(silhouetteScore(D, labels, { metric: "precomputed" })).toBeCloseTo(0.33, 2);
  });
  it("accepts string labels and gives 1/6 on scikit-learn's integer precomputed example", () => {
    expect(
      silhouetteScore(
        [
          [0, 1, 2],
          [1, 0, 1],
          [2, 1, 0],
        ],
        ["a", "a", "b"],
        { metric: "precomputed" },
      ),
    ).toBe(1 / 6);
  });
  it("needs 2 to n − 1 labels, one label per row and a square matrix for precomputed", () => {
    expect(() => silhouetteScore([[0], [1], [2]], [0, 1, 2])).toThrow(
      expect.objectContaining({ code: "out_of_range" }),
    );
    expect(() => silhouetteScore([[0], [1], [2]], [0, 1])).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
    expect(() =>
      silhouetteScore(
        [
          [0, 1],
          [1, 0],
          [2, 2],
        ],
        [0, 0, 1],
        { metric: "precomputed" },
      ),
    ).toThrow(/square/);
  });
});
