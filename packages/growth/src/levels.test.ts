import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { levelForXp, levelThresholds } from "./levels.ts";

describe("levelThresholds", () => {
  it("reproduces Moodle Level Up's default relative curve: base 120, coefficient 1.3, 10 levels (block_xp algo_levels_info::get_xp_with_algo)", () => {
    expect(levelThresholds({ type: "relative", levels: 10, base: 120, coefficient: 1.3 })).toEqual([
      0, 120, 276, 479, 743, 1086, 1532, 2112, 2866, 3846,
    ]);
  });

  it("reproduces Moodle Level Up's flat and linear methods (incr 40 by default)", () => {
    expect(levelThresholds({ type: "flat", levels: 4, base: 120 })).toEqual([0, 120, 240, 360]);
    expect(levelThresholds({ type: "linear", levels: 5, base: 120, increment: 40 })).toEqual([
      0, 120, 280, 480, 720,
    ]);
  });

  it("builds polynomial, table and custom curves", () => {
    expect(
      levelThresholds({ type: "polynomial", levels: 4, coefficient: 100, exponent: 2 }),
    ).toEqual([0, 100, 400, 900]);
    expect(levelThresholds({ type: "table", thresholds: [0, 10, 10, 50] })).toEqual([
      0, 10, 10, 50,
    ]);
    expect(levelThresholds({ type: "custom", levels: 3, xp: (l) => (l - 1) * 7 })).toEqual([
      0, 7, 14,
    ]);
  });

  it("rejects decreasing tables and custom functions", () => {
    expect(() => levelThresholds({ type: "table", thresholds: [0, 10, 5] })).toThrow(OpsbookError);
    expect(() => levelThresholds({ type: "custom", levels: 3, xp: (l) => 10 - l })).toThrow(
      OpsbookError,
    );
    expect(() => levelThresholds({ type: "flat", levels: 3, base: 10, extra: 1 } as never)).toThrow(
      OpsbookError,
    );
  });
});

describe("levelForXp", () => {
  const curve = { type: "relative", levels: 10, base: 120, coefficient: 1.3 } as const;

  it("counts a threshold as reached when XP equals it (Moodle: xp_required <= xp)", () => {
    expect(levelForXp(curve, 119).level).toBe(1);
    expect(levelForXp(curve, 120).level).toBe(2);
    expect(levelForXp(curve, 3846).level).toBe(10);
  });

  it("reports progress to the next level and the maximum level", () => {
    expect(levelForXp(curve, 198)).toMatchObject({
      level: 2,
      floor: 120,
      next: 276,
      toNext: 78,
      progress: 0.5,
    });
    expect(levelForXp(curve, 99999)).toMatchObject({
      level: 10,
      next: null,
      toNext: 0,
      progress: 1,
      isMax: true,
      maxLevel: 10,
    });
  });

  it("rejects negative XP", () => {
    expect(() => levelForXp(curve, -1)).toThrow(OpsbookError);
  });
});
