import { describe, expect, it } from "vitest";
import { squaredDistance } from "./internal/matrix.ts";
import { kMeans } from "./kMeans.ts";

// scikit-learn KMeans docstring example.
const X = [
  [1, 2],
  [1, 4],
  [1, 0],
  [10, 2],
  [10, 4],
  [10, 0],
];

function nearest(centers: number[][], point: number[]): number {
  let best = 0;
  centers.forEach((c, i) => {
    if (squaredDistance(c, point) < squaredDistance(centers[best] as number[], point)) best = i;
  });
  return best;
}

describe("kMeans", () => {
  it("reproduces the scikit-learn KMeans docstring example: centres [[10, 2], [1, 2]], labels [1, 1, 1, 0, 0, 0]", () => {
    const result = kMeans(X, { k: 2, seed: 0 });
    const sorted = result.centers.slice().sort((a, b) => (b[0] as number) - (a[0] as number));
    expect(sorted).toEqual([
      [10, 2],
      [1, 2],
    ]);
    // Same partition as sklearn's labels [1, 1, 1, 0, 0, 0] (cluster numbers depend on the generator).
    const [a, b] = [result.labels[0], result.labels[3]];
    expect(a).not.toBe(b);
    expect(result.labels).toEqual([a, a, a, b, b, b]);
    // inertia_: each cluster has squared deviations 0 + 4 + 4 = 8
    expect(result.inertia).toBe(16);
    // kmeans.predict([[0, 0], [12, 3]]) → [1, 0]: [0, 0] goes with [1, 2], [12, 3] with [10, 2]
    expect(nearest(result.centers, [0, 0])).toBe(result.labels[0]);
    expect(nearest(result.centers, [12, 3])).toBe(result.labels[3]);
    expect(result.converged).toBe(true);
    expect(result.runs).toHaveLength(10);
  });
  it("gives the same clusters for the same seed and accepts string seeds", () => {
    const points = Array.from({ length: 60 }, (_, i) => [Math.sin(i) * 10, Math.cos(i * 1.7) * 10]);
    expect(kMeans(points, { k: 4, seed: "launch" })).toEqual(
      kMeans(points, { k: 4, seed: "launch" }),
    );
  });
  it("never increases inertia across Lloyd iterations", () => {
    const points = Array.from({ length: 200 }, (_, i) => [(i * 7919) % 101, (i * 104729) % 97]);
    const { history, inertia } = kMeans(points, { k: 5, seed: 3, nInit: 1 });
    for (let i = 1; i < history.length; i++)
      expect(history[i]).toBeLessThanOrEqual((history[i - 1] as number) * (1 + 1e-12));
    expect(history[history.length - 1]).toBe(inertia);
  });
  it("keeps the lowest-inertia run among nInit restarts", () => {
    const points = Array.from({ length: 80 }, (_, i) => [(i * 37) % 23, (i * 11) % 19]);
    const result = kMeans(points, { k: 6, seed: 1, nInit: 8 });
    expect(result.inertia).toBe(Math.min(...result.runs));
  });
  it("puts every row in its own cluster when k equals the number of rows (inertia 0)", () => {
    const result = kMeans(X, { k: 6, seed: 2 });
    expect(new Set(result.labels).size).toBe(6);
    expect(result.inertia).toBe(0);
  });
  it("handles identical rows and k = 1 (the centroid)", () => {
    expect(
      kMeans(
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        { k: 2, seed: 0 },
      ).inertia,
    ).toBe(0);
    const one = kMeans(X, { k: 1 });
    expect(one.centers).toEqual([[5.5, 2]]);
    expect(one.labels).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it("rejects k larger than the number of rows with out_of_range, and empty data", () => {
    expect(() => kMeans(X, { k: 7 })).toThrow(
      expect.objectContaining({ code: "out_of_range", path: ["options", "k"] }),
    );
    expect(() => kMeans([], { k: 1 })).toThrow(expect.objectContaining({ code: "invalid_input" }));
    expect(() => kMeans(X, { k: 0 })).toThrow(expect.objectContaining({ name: "OpsbookError" }));
  });
});
