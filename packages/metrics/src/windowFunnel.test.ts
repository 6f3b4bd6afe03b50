import type { OpsEvent } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { windowFunnel } from "./windowFunnel.ts";

// Reference: ClickHouse, tests/queries/0_stateless/00632_aggregation_window_funnel.reference
// (queries and expected results; ClickHouse's timestamps are plain numbers, used here as ms).
const SOURCE = "ClickHouse 00632_aggregation_window_funnel";

type Row = [time: number, event: string | number, user?: string];
const rows = (list: Row[]): OpsEvent[] =>
  list.map(([timestamp, event, user]) => ({
    userId: user ?? "1",
    event: String(event),
    timestamp,
  }));
const eq = (value: number) => (e: OpsEvent) => e.event === String(value);
const level = (
  events: OpsEvent[],
  window: number,
  conditions: ((e: OpsEvent) => boolean)[],
  modes: string[] = [],
) => windowFunnel(events, { window, conditions, modes: modes as never }).levels[0];

describe(`windowFunnel default mode (${SOURCE}, table funnel_test)`, () => {
  const events = rows([0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => [t, 1000 + t]));
  it.each([
    [10000, [1000], 1],
    [10000, [1000, 1001], 2],
    [10000, [1000, 1001, 1002], 3],
    [10000, [1000, 1001, 1002, 1008], 4],
    [1, [1000], 1],
    [2, [1003, 1004, 1005, 1006, 1007], 3],
    [3, [1003, 1004, 1005, 1006, 1007], 4],
    [4, [1003, 1004, 1005, 1006, 1007], 5],
  ])("windowFunnel(%i) over %j is %i", (window, conds, expected) => {
    expect(level(events, window, conds.map(eq))).toBe(expected);
  });
});

describe(`windowFunnel on funnel_test2 / funnel_test_u64 (${SOURCE})`, () => {
  for (const base of [Date.UTC(2018, 0, 1, 1, 1, 0) / 1000, 1e14]) {
    const events = rows([1, 2, 3, 4, 5, 6, 7, 8].map((k) => [base + k, 1000 + k]));
    const ev = (e: OpsEvent) => Number(e.event);
    it(`base ${base}`, () => {
      expect(level(events, 4, [1003, 1004, 1005, 1006, 1007].map(eq))).toBe(5);
      expect(level(events, 10000, [1001, 1008].map(eq))).toBe(2);
      expect(level(events, 10000, [1008, 1001].map(eq))).toBe(1);
      expect(
        level(events, 4, [
          (e) => ev(e) <= 1007,
          (e) => ev(e) >= 1002,
          (e) => ev(e) <= 1006,
          (e) => ev(e) >= 1004,
        ]),
      ).toBe(4);
    });
  }
});

describe(`strict_deduplication (${SOURCE}, funnel_test_strict and issue 27469)`, () => {
  const events = rows([
    [0, 1000],
    [10, 1001],
    [20, 1002],
    [30, 1003],
    [40, 1004],
    [50, 1005],
    [51, 1005],
    [60, 1006],
    [70, 1007],
    [80, 1008],
  ] as Row[]);
  const conds = [1000, 1001, 1002, 1003, 1004, 1005, 1006].map(eq);
  it("stops at the repeated 1005 with strict_deduplication, and reaches 7 without", () => {
    expect(level(events, 10000, conds, ["strict_deduplication"])).toBe(6);
    expect(level(events, 10000, conds)).toBe(7);
  });
  it("a b c b d gives 3 (strict_BiteTheDDDD)", () => {
    const e = rows([
      [1, "a"],
      [2, "b"],
      [3, "c"],
      [4, "b"],
      [5, "d"],
    ]);
    const c = ["a", "b", "c", "d"].map((x) => (ev: OpsEvent) => ev.event === x);
    expect(level(e, 86400, c, ["strict_deduplication"])).toBe(3);
  });
});

describe(`strict_order (${SOURCE}, funnel_test_strict_order)`, () => {
  const users: [string, string][] = [
    ["1", "abc"],
    ["2", "adbc"],
    ["3", "aabbcc"],
    ["4", "aaaabbcc"],
    ["5", "aabbdcc"],
    ["6", "ccbbaa"],
  ];
  const events = rows(
    users.flatMap(([user, seq]) => [...seq].map((e, i) => [i + 1, e, user] as Row)),
  );
  const conditions = [{ event: "a" }, { event: "b" }, { event: "c" }];
  const run = (modes: string[]) =>
    windowFunnel(events, { window: 86400, conditions, modes: modes as never }).levels;
  it("default mode", () => expect(run([])).toEqual([3, 3, 3, 3, 3, 1]));
  it("strict_order", () => expect(run(["strict_order"])).toEqual([3, 1, 3, 3, 2, 1]));
  it("strict_deduplication + strict_order", () =>
    expect(run(["strict_deduplication", "strict_order"])).toEqual([3, 1, 2, 2, 2, 1]));
  it("user 7: a c b with window 10 is 1", () => {
    const e = rows([
      [1, "a", "7"],
      [2, "c", "7"],
      [3, "b", "7"],
    ]);
    expect(windowFunnel(e, { window: 10, conditions, modes: ["strict_order"] }).levels).toEqual([
      1,
    ]);
  });
});

describe(`conditions on nullable columns (${SOURCE}, funnel_test_non_null)`, () => {
  const events: OpsEvent[] = [
    { userId: "1", event: "e", timestamp: 1, properties: { a: "a1", b: "b1" } },
    { userId: "1", event: "e", timestamp: 2, properties: { a: "a2", b: "b2" } },
    { userId: "2", event: "e", timestamp: 1, properties: { a: "a1" } },
    { userId: "2", event: "e", timestamp: 2, properties: { a: "a2" } },
    { userId: "3", event: "e", timestamp: 1 },
    { userId: "4", event: "e", timestamp: 1, properties: { b: "b1" } },
    { userId: "4", event: "e", timestamp: 2, properties: { a: "a2" } },
    { userId: "4", event: "e", timestamp: 3, properties: { b: "b3" } },
  ];
  const a = (v: string) => ({ event: "e", where: { a: v } });
  const b = (v: string) => ({ event: "e", where: { b: v } });
  const none = (e: OpsEvent) => e.properties?.a === undefined;
  const both = (e: OpsEvent) => e.properties?.a === undefined && e.properties?.b === undefined;
  const run = (
    conditions: Parameters<typeof windowFunnel>[1]["conditions"],
    modes: string[] = [],
  ) => windowFunnel(events, { window: 86400, conditions, modes: modes as never }).levels;
  it("a = a1, a = a2", () => expect(run([a("a1"), a("a2")])).toEqual([2, 2, 0, 0]));
  it("a = a1, b = b2", () => expect(run([a("a1"), b("b2")])).toEqual([2, 1, 0, 0]));
  it("a is null and b is null", () => expect(run([both])).toEqual([0, 0, 1, 0]));
  it("a is null, b = b3", () => expect(run([none, b("b3")])).toEqual([0, 0, 1, 2]));
  it("a is null, b = b3 with strict_order", () =>
    expect(run([none, b("b3")], ["strict_order"])).toEqual([0, 0, 1, 1]));
});

describe(`strict_increase and strict_once (${SOURCE}, funnel_test_strict_increase)`, () => {
  const events = rows([
    [0, 1000],
    [1, 1001],
    [1, 1002],
    [1, 1003],
    [2, 1004],
  ]);
  it("five conditions: 5 by default, 2 with strict_increase", () => {
    const conds = [1000, 1001, 1002, 1003, 1004].map(eq);
    expect(level(events, 10000, conds)).toBe(5);
    expect(level(events, 10000, conds, ["strict_increase"])).toBe(2);
  });
  it("one event meeting three conditions: 3 by default, 1 with strict_once or strict_increase", () => {
    const conds = [eq(1004), eq(1004), eq(1004)];
    expect(level(events, 10000, conds)).toBe(3);
    expect(level(events, 10000, conds, ["strict_once"])).toBe(1);
    expect(level(events, 10000, conds, ["strict_increase"])).toBe(1);
  });
  it("failure, failure, success per uid with strict_once (+ strict_increase / strict_deduplication)", () => {
    const list: [number, string, string][] = [
      [100, "failure", "234"],
      [200, "success", "345"],
      [210, "failure", "345"],
      [230, "success", "345"],
      [250, "failure", "234"],
      [180, "failure", "123"],
      [220, "failure", "123"],
      [250, "success", "123"],
    ];
    const events2 = list.map(([timestamp, event, userId]) => ({ userId, event, timestamp }));
    const conditions = [{ event: "failure" }, { event: "failure" }, { event: "success" }];
    for (const extra of [["strict_increase"], [], ["strict_deduplication"]]) {
      const result = windowFunnel(events2, {
        window: 200,
        conditions,
        modes: ["strict_once", ...extra] as never,
      });
      const byUser = Object.fromEntries(result.userIds.map((u, i) => [u, result.levels[i]]));
      expect(byUser).toEqual({ "123": 3, "234": 2, "345": 1 });
    }
  });
});

describe(`strict_order on the re-entry tables (${SOURCE}, funnel_test_allow_reentry and funnel_test_ecommerce)`, () => {
  const seqs: [string, string][] = [
    ["1", "abac"],
    ["2", "ababc"],
    ["3", "abcbd"],
    ["4", "acb"],
    ["5", "abcabcd"],
  ];
  const events = rows(
    seqs.flatMap(([user, seq]) => [...seq].map((e, i) => [i + 1, e, user] as Row)),
  );
  const abc = ["a", "b", "c"].map((event) => ({ event }));
  const abcd = ["a", "b", "c", "d"].map((event) => ({ event }));
  const run = (conditions: { event: string }[], modes: string[]) =>
    windowFunnel(events, { window: 86400, conditions, modes: modes as never }).levels;
  it("a new first step after the chain moved on ends a strict order", () => {
    expect(run(abc, ["strict_order"])).toEqual([2, 2, 3, 1, 3]);
    expect(run(abcd, ["strict_order"])).toEqual([2, 2, 4, 1, 3]);
  });
  it("e-commerce checkout", () => {
    const list: [number, string, string][] = [
      [100, "1", "begin_checkout"],
      [200, "1", "view_product_detail"],
      [300, "1", "begin_checkout"],
      [400, "1", "complete_payment"],
      [100, "2", "begin_checkout"],
      [200, "2", "view_product_detail"],
      [250, "2", "view_product_detail"],
      [300, "2", "begin_checkout"],
      [400, "2", "complete_payment"],
      [100, "3", "begin_checkout"],
      [200, "3", "view_product_detail"],
      [300, "3", "complete_payment"],
    ];
    const e = list.map(([timestamp, userId, event]) => ({ userId, event, timestamp }));
    const three = ["begin_checkout", "view_product_detail", "complete_payment"].map((event) => ({
      event,
    }));
    const four = [
      "begin_checkout",
      "view_product_detail",
      "begin_checkout",
      "complete_payment",
    ].map((event) => ({ event }));
    const run2 = (conditions: { event: string }[], modes: string[]) =>
      windowFunnel(e, { window: 600, conditions, modes: modes as never }).levels;
    expect(run2(three, ["strict_order"])).toEqual([2, 2, 3]);
    expect(run2(four, ["strict_order"])).toEqual([1, 1, 1]);
  });
});

describe("windowFunnel input handling", () => {
  it("rejects an unknown mode naming the field", () => {
    expect(() =>
      windowFunnel([], { window: 1, conditions: [{ event: "a" }], modes: ["strict" as never] }),
    ).toThrow(/options\.modes\[0\]/);
  });
  it("gives no users for empty input", () => {
    expect(windowFunnel([], { window: 1, conditions: [{ event: "a" }] })).toEqual({
      userIds: [],
      levels: [],
      distribution: [0, 0],
    });
  });
});
