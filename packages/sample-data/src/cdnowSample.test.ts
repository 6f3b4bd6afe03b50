import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cdnowSample } from "./cdnowSample.ts";
import { parseCdnow } from "./parseCdnow.ts";

describe("cdnowSample", () => {
  it("equals the parsed CDNOW_sample.txt row for row (the generated module is up to date)", () => {
    const text = readFileSync(
      new URL("../datasets/cdnow/CDNOW_sample.txt", import.meta.url),
      "utf8",
    );
    expect(cdnowSample()).toEqual(parseCdnow(text, { format: "sample" }));
  });

  it("has 2,357 customers and 6,919 rows, $244,091.94 in total (sums of the sample file)", () => {
    const rows = cdnowSample();
    expect(rows).toHaveLength(6919);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(2357);
    expect(rows.reduce((s, r) => s + r.amount.amount, 0)).toBe(24_409_194);
    expect(rows.reduce((s, r) => s + r.quantity, 0)).toBe(16_479);
  });

  it("returns a fresh array on each call", () => {
    const a = cdnowSample();
    a.pop();
    expect(cdnowSample()).toHaveLength(6919);
  });
});
