import { describe, expect, it } from "vitest";
import { quantileScores } from "./quantileScores.ts";

describe("quantileScores", () => {
  it("matches the pandas qcut docstring: pd.qcut(range(5), 3, labels=['good', 'medium', 'bad'])", () => {
    const labels = ["good", "medium", "bad"];
    expect(quantileScores([0, 1, 2, 3, 4], { bins: 3 }).map((s) => labels[s - 1])).toEqual([
      "good",
      "good",
      "medium",
      "bad",
      "bad",
    ]);
  });
  it("matches pd.qcut(range(5), 4, labels=False) + 1 = [1, 1, 2, 3, 4] (pandas docs)", () => {
    expect(quantileScores([0, 1, 2, 3, 4], { bins: 4 })).toEqual([1, 1, 2, 3, 4]);
  });
  it("breaks ties by input order, as pandas rank(method='first') before qcut", () => {
    // ranks 1..10 of ten equal values, quintile edges 1 + i·9/5 = 2.8, 4.6, 6.4, 8.2, 10
    expect(quantileScores(new Array(10).fill(1))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it("gives every bin an equal share when n is a multiple of bins", () => {
    const scores = quantileScores(Array.from({ length: 100 }, (_, i) => (i * 37) % 100));
    for (let s = 1; s <= 5; s++) expect(scores.filter((x) => x === s)).toHaveLength(20);
  });
  it("reverses scores for descending order (recency) and scores a single value 1 or bins", () => {
    expect(quantileScores([10, 0, 5, 20, 1], { order: "descending" })).toEqual([2, 5, 3, 1, 4]);
    expect(quantileScores([42])).toEqual([1]);
    expect(quantileScores([42], { order: "descending" })).toEqual([5]);
    expect(quantileScores([])).toEqual([]);
  });
  it("rejects non-finite values and bins below 2", () => {
    expect(() => quantileScores([1, Number.NaN])).toThrow(
      expect.objectContaining({ path: ["values", 1] }),
    );
    expect(() => quantileScores([1], { bins: 1 })).toThrow(
      expect.objectContaining({ code: "out_of_range" }),
    );
  });
});
