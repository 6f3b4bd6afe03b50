import { OpsbookError } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { aroundMe, leaderboardPeriods, rankScores } from "./leaderboards.ts";

// Wikipedia, "Ranking": A ranks ahead of B and C, which compare equal, both ahead of D.
const abcd = [
  { id: "A", score: 10 },
  { id: "B", score: 8 },
  { id: "C", score: 8 },
  { id: "D", score: 5 },
];

describe("rankScores (Wikipedia 'Ranking' strategies)", () => {
  it.each([
    ["standard", [1, 2, 2, 4]],
    ["modified", [1, 3, 3, 4]],
    ["dense", [1, 2, 2, 3]],
    ["ordinal", [1, 2, 3, 4]],
    ["fractional", [1, 2.5, 2.5, 4]],
  ] as const)("ranks with %s competition ranking", (method, ranks) => {
    expect(rankScores(abcd, { method }).map((r) => r.rank)).toEqual(ranks);
  });

  it("ranks lower scores first in ascending order and handles a three-way tie", () => {
    const rows = [
      { id: "a", score: 3 },
      { id: "b", score: 3 },
      { id: "c", score: 3 },
      { id: "d", score: 1 },
    ];
    expect(
      rankScores(rows, { order: "asc", method: "fractional" }).map((r) => [r.id, r.rank]),
    ).toEqual([
      ["d", 1],
      ["a", 3],
      ["b", 3],
      ["c", 3],
    ]);
  });

  it("rejects non-finite scores and unknown methods", () => {
    expect(() => rankScores([{ id: "a", score: Number.NaN }])).toThrow(OpsbookError);
    expect(() => rankScores(abcd, { method: "olympic" as never })).toThrow(OpsbookError);
  });
});

describe("aroundMe", () => {
  it("returns the rows around a member, fewer at the ends", () => {
    const board = rankScores(abcd);
    expect(aroundMe(board, "A", 1).map((r) => r.id)).toEqual(["A", "B"]);
    expect(aroundMe(board, "C", 1).map((r) => r.id)).toEqual(["B", "C", "D"]);
    expect(() => aroundMe(board, "Z")).toThrow(OpsbookError);
  });
});

describe("leaderboardPeriods", () => {
  it("resets each local day and archives the previous days", () => {
    const periods = leaderboardPeriods(
      [
        { userId: "a", timestamp: "2026-11-24T15:00:00Z", score: 5 },
        { userId: "b", timestamp: "2026-11-24T15:30:00Z", score: 3 },
        { userId: "b", timestamp: "2026-11-24T16:30:00Z", score: 9 },
      ],
      { reset: "day", timeZone: "Asia/Shanghai" },
    );
    expect(periods.map((p) => [p.period, p.standings.map((r) => [r.id, r.score, r.rank])])).toEqual(
      [
        [
          "2026-11-24",
          [
            ["a", 5, 1],
            ["b", 3, 2],
          ],
        ],
        ["2026-11-25", [["b", 9, 1]]],
      ],
    );
  });

  it("keeps one all-time board when it never resets", () => {
    const periods = leaderboardPeriods(
      [
        { userId: "a", timestamp: "2025-01-01T00:00:00Z", score: 5 },
        { userId: "a", timestamp: "2026-01-01T00:00:00Z", score: 5 },
      ],
      { reset: "never" },
    );
    expect(periods).toEqual([{ period: "all", standings: [{ id: "a", score: 10, rank: 1 }] }]);
  });
});
