import type { OpsEvent } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeByTime } from "./mergeByTime.ts";

describe("mergeByTime", () => {
  it("equals a stable sort by timestamp of the lists' concatenation (fast-check)", () => {
    const list = fc
      .array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 })
      .map((times) => times.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(list, { maxLength: 9 }), (timeLists) => {
        const lists: OpsEvent[][] = timeLists.map((times, u) =>
          times.map((timestamp, k) => ({ userId: `u${u}`, event: `e${k}`, timestamp })),
        );
        const expected = lists.flat().sort((a, b) => a.timestamp - b.timestamp);
        expect([...mergeByTime(lists)]).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
