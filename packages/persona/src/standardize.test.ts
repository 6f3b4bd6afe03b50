import { describe, expect, it } from "vitest";
import { applyStandardization, standardize } from "./standardize.ts";

describe("standardize (scikit-learn StandardScaler semantics)", () => {
  it("reproduces the StandardScaler docstring example", () => {
    // scikit-learn docs: data = [[0, 0], [0, 0], [1, 1], [1, 1]]; scaler.mean_ → [0.5 0.5];
    // scaler.transform(data) → [[-1. -1.] [-1. -1.] [ 1.  1.] [ 1.  1.]]; transform([[2, 2]]) → [[3. 3.]]
    const data = [
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ];
    const scaled = standardize(data);
    expect(scaled.mean).toEqual([0.5, 0.5]);
    expect(scaled.variance).toEqual([0.25, 0.25]);
    expect(scaled.scale).toEqual([0.5, 0.5]);
    expect(scaled.values).toEqual([
      [-1, -1],
      [-1, -1],
      [1, 1],
      [1, 1],
    ]);
    expect(applyStandardization(scaled, [[2, 2]])).toEqual([[3, 3]]);
  });
  it("uses the population standard deviation, ddof = 0 (numpy.std default, as StandardScaler)", () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, population variance 4, std 2 (the classic textbook example)
    const scaled = standardize([[2], [4], [4], [4], [5], [5], [7], [9]]);
    expect(scaled.mean).toEqual([5]);
    expect(scaled.scale).toEqual([2]);
    expect(scaled.values.map((r) => r[0])).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
  });
  it("gives a constant feature scale 1 and z = 0, as scikit-learn's _handle_zeros_in_scale", () => {
    const scaled = standardize([
      [7, 1],
      [7, 2],
      [7, 3],
    ]);
    expect(scaled.scale[0]).toBe(1);
    expect(scaled.variance[0]).toBe(0);
    expect(scaled.constantFeatures).toEqual([0]);
    expect(scaled.values.map((r) => r[0])).toEqual([0, 0, 0]);
  });
  it("treats float noise around a constant as zero variance", () => {
    const scaled = standardize([[0.1 + 0.2], [0.3], [0.3]]);
    expect(scaled.constantFeatures).toEqual([0]);
  });
  it("rejects empty, ragged and non-finite input, and a width mismatch on transform", () => {
    expect(() => standardize([])).toThrow(
      expect.objectContaining({ code: "invalid_input", path: ["rows"] }),
    );
    expect(() => standardize([[1, 2], [3]])).toThrow(/rows\[1\]/);
    expect(() => standardize([[1, Number.POSITIVE_INFINITY]])).toThrow(/rows\[0\]\[1\]/);
    expect(() => applyStandardization(standardize([[1, 2]]), [[1]])).toThrow(
      expect.objectContaining({ code: "conflict" }),
    );
  });
});
