import { EventTable, OpsbookError } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { funnel } from "./funnel.ts";

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 10, 2, 13); // Monday 2 November 2026, 1 pm UTC
const ev = (userId: string, event: string, at: number, properties?: Record<string, unknown>) => ({
  userId,
  event,
  timestamp: T0 + at,
  ...(properties ? { properties } : {}),
});
const steps = (...names: string[]) => names.map((event) => ({ event }));
const counts = (r: ReturnType<typeof funnel>) => r.steps.map((s) => s.users);

describe("funnel: Mixpanel's documented conversion-window example", () => {
  // Mixpanel, "Funnels Deep Dive" / "Conversion Details in Funnels": steps A → B → C, window one
  // hour; A at 1 pm, A again at 1:30, B at 1:45, C at 2:15. The window starts at the first A, so
  // the user does not complete the funnel (1 pm → 2:15 pm is over an hour).
  const events = [
    ev("u", "A", 0),
    ev("u", "A", 0.5 * H),
    ev("u", "B", 0.75 * H),
    ev("u", "C", 1.25 * H),
  ];
  const definition = { steps: steps("A", "B", "C"), conversionWindow: "PT1H" };
  it("does not convert with Mixpanel's first-entry rule (entry: first)", () => {
    expect(counts(funnel(events, { ...definition, entry: "first" }))).toEqual([1, 1, 0]);
  });
  it("converts from the second A with PostHog's any-start rule (default)", () => {
    const result = funnel(events, definition);
    expect(counts(result)).toEqual([1, 1, 1]);
    expect(result.timeToConvert.median).toBe(0.75 * H);
  });
});

describe("funnel: Mixpanel's loose ordering cases (Funnels Deep Dive, steps A–E)", () => {
  const run = (sequence: string) =>
    counts(
      funnel(
        [...sequence].map((e, i) => ev("u", e, i * 60_000)),
        { steps: steps("A", "B", "C", "D", "E") },
      ),
    );
  it("A B C D E converts", () => expect(run("ABCDE")).toEqual([1, 1, 1, 1, 1]));
  it("A B F C D E converts (loose order)", () => expect(run("ABFCDE")).toEqual([1, 1, 1, 1, 1]));
  it("A B C E stops after C", () => expect(run("ABCE")).toEqual([1, 1, 1, 0, 0]));
});

describe("funnel options", () => {
  it("counts the conversion window inclusively", () => {
    const events = [ev("u", "a", 0), ev("u", "b", D)];
    expect(counts(funnel(events, { steps: steps("a", "b"), conversionWindow: D }))).toEqual([1, 1]);
    expect(counts(funnel(events, { steps: steps("a", "b"), conversionWindow: D - 1 }))).toEqual([
      1, 0,
    ]);
  });
  it("anchors the window on the previous step (GrowthBook) when asked", () => {
    const events = [ev("u", "a", 0), ev("u", "b", 5 * D), ev("u", "c", 10 * D)];
    const definition = { steps: steps("a", "b", "c"), conversionWindow: "P7D" };
    expect(counts(funnel(events, definition))).toEqual([1, 1, 0]);
    expect(counts(funnel(events, { ...definition, windowAnchor: "previous-step" }))).toEqual([
      1, 1, 1,
    ]);
  });
  it("lets one event advance one step only, unless switched off (PostHog vs ClickHouse)", () => {
    const events = [ev("u", "view", 0)];
    expect(counts(funnel(events, { steps: steps("view", "view") }))).toEqual([1, 0]);
    expect(
      counts(funnel(events, { steps: steps("view", "view"), oneStepPerEvent: false })),
    ).toEqual([1, 1]);
    expect(
      counts(funnel([ev("u", "view", 0), ev("u", "view", 1)], { steps: steps("view", "view") })),
    ).toEqual([1, 1]);
  });
  it("breaks the chain on any other event in strict order (PostHog strict)", () => {
    const events = [
      ev("u", "a", 0),
      ev("u", "x", 1),
      ev("u", "b", 2),
      ev("v", "a", 0),
      ev("v", "b", 1),
    ];
    expect(counts(funnel(events, { steps: steps("a", "b"), order: "strict" }))).toEqual([2, 1]);
    expect(counts(funnel(events, { steps: steps("a", "b") }))).toEqual([2, 2]);
  });
  it("accepts steps in any order when unordered", () => {
    const events = [ev("u", "c", 0), ev("u", "a", H), ev("u", "b", 2 * H), ev("v", "b", 0)];
    const result = funnel(events, { steps: steps("a", "b", "c"), order: "unordered" });
    expect(counts(result)).toEqual([2, 1, 1]);
    expect(result.steps[1]!.timeToConvert.median).toBe(H);
  });
  it("applies a per-step window on top of the conversion window", () => {
    const events = [
      ev("u", "a", 0),
      ev("u", "b", 2 * H),
      ev("v", "a", 0),
      ev("v", "b", 30 * 60_000),
    ];
    const result = funnel(events, { steps: [{ event: "a" }, { event: "b", within: "PT1H" }] });
    expect(counts(result)).toEqual([2, 1]);
  });
  it("lets a step happen at the same millisecond as the previous one, in input order", () => {
    const events = [ev("u", "a", 0), ev("u", "b", 0), ev("v", "b", 0), ev("v", "a", 0)];
    expect(counts(funnel(events, { steps: steps("a", "b") }))).toEqual([2, 1]);
  });
  it("filters steps by properties", () => {
    const events = [
      ev("u", "buy", 0, { plan: "pro" }),
      ev("v", "buy", 0, { plan: "free" }),
      ev("w", "buy", 0, { plan: "team" }),
    ];
    const result = funnel(events, { steps: [{ event: "buy", where: { plan: ["pro", "team"] } }] });
    expect(result.entered).toBe(2);
  });
});

describe("funnel exclusions", () => {
  const events = [
    ev("u", "a", 0),
    ev("u", "cancel", H),
    ev("u", "b", 2 * H),
    ev("u", "c", 3 * H),
    ev("v", "a", 0),
    ev("v", "b", H),
    ev("v", "c", 2 * H),
  ];
  const base = { steps: steps("a", "b", "c"), exclusions: [{ event: "cancel" }] };
  it("removes the user from the whole funnel by default (PostHog)", () => {
    const result = funnel(events, base);
    expect(counts(result)).toEqual([1, 1, 1]);
    expect(result.excludedUsers).toBe(1);
  });
  it("drops the user at the step reached with drop-at-step (Mixpanel)", () => {
    const result = funnel(events, { ...base, exclusionMode: "drop-at-step" });
    expect(counts(result)).toEqual([2, 1, 1]);
    expect(result.excludedUsers).toBe(0);
  });
  it("ignores an exclusion outside its step range", () => {
    const result = funnel(events, { ...base, exclusions: [{ event: "cancel", from: 1, to: 2 }] });
    expect(counts(result)).toEqual([2, 2, 2]);
  });
});

describe("funnel breakdown, per-user steps and trend", () => {
  const events = [
    ev("u", "visit", 0, { source: "ads" }),
    ev("u", "signup", H, { source: "mail" }),
    ev("v", "visit", 0, { source: "seo" }),
    ev("w", "visit", D, { source: "seo" }),
    ev("w", "signup", D + H, { source: "ads" }),
  ];
  const definition = { steps: steps("visit", "signup") };
  const byValue = (attribution: "first-touch" | "last-touch" | { step: number }) =>
    Object.fromEntries(
      funnel(events, {
        ...definition,
        breakdown: { property: "source", attribution },
      }).breakdown!.map((g) => [String(g.value), g.steps.map((s) => s.users)]),
    );
  it("attributes first touch, last touch and step N", () => {
    expect(byValue("first-touch")).toEqual({ seo: [2, 1], ads: [1, 1] });
    expect(byValue("last-touch")).toEqual({ ads: [1, 1], mail: [1, 1], seo: [1, 0] });
    expect(byValue({ step: 1 })).toEqual({ ads: [1, 1], mail: [1, 1], null: [1, 0] });
  });
  it("reports each user's furthest step", () => {
    const result = funnel([...events, ev("x", "other", 0)], { ...definition, perUser: true });
    expect(result.perUser).toEqual({ userIds: ["u", "v", "w", "x"], furthestStep: [2, 1, 2, 0] });
  });
  it("trends conversion by entry day", () => {
    const result = funnel(events, { ...definition, trend: { unit: "day" } });
    expect(result.trend!.map((p) => [p.key, p.entered, p.converted])).toEqual([
      ["2026-11-02", 2, 1],
      ["2026-11-03", 1, 1],
    ]);
  });
});

describe("funnel input handling", () => {
  it("gives zeros for empty input", () => {
    const result = funnel([], { steps: steps("a", "b") });
    expect(counts(result)).toEqual([0, 0]);
    expect(result.steps[1]!.conversionFromStart).toBe(0);
    expect(result.timeToConvert).toMatchObject({ count: 0, median: null });
  });
  it("sorts unsorted input and ignores duplicate events", () => {
    const sorted = [ev("u", "a", 0), ev("u", "b", H), ev("v", "a", 0)];
    const messy = [sorted[2]!, sorted[1]!, sorted[0]!, sorted[1]!, sorted[0]!];
    expect(funnel(messy, { steps: steps("a", "b") })).toEqual(
      funnel(sorted, { steps: steps("a", "b") }),
    );
  });
  it("accepts a prebuilt EventTable and asks for missing property columns", () => {
    const table = EventTable.from([ev("u", "a", 0)]);
    expect(funnel(table, { steps: steps("a") }).entered).toBe(1);
    expect(() => funnel(table, { steps: [{ event: "a", where: { plan: "pro" } }] })).toThrow(
      /plan/,
    );
  });
  it("names the bad row", () => {
    const bad = [ev("u", "a", 0), { userId: "v", event: "a", timestamp: "yesterday" }];
    expect(() => funnel(bad, { steps: steps("a") })).toThrow(/events\[1\]\.timestamp/);
    expect(() => funnel([{ userId: "", event: "a", timestamp: 0 }], { steps: steps("a") })).toThrow(
      /events\[0\]\.userId/,
    );
  });
  it("names the bad option", () => {
    const attempt = (definition: unknown) => () => funnel([], definition as never);
    expect(attempt({ steps: steps("a"), conversionWindow: 0 })).toThrow(
      /definition\.conversionWindow/,
    );
    expect(attempt({ steps: steps("a"), conversionWindow: "P1M" })).toThrow(OpsbookError);
    expect(attempt({ steps: steps("a"), colour: "red" })).toThrow(/colour/);
    expect(attempt({ steps: [] })).toThrow(/definition\.steps/);
    expect(
      attempt({ steps: steps("a", "b"), exclusions: [{ event: "x", from: 1, to: 1 }] }),
    ).toThrow(/definition\.exclusions\[0\]/);
  });
});

describe("funnel properties (fast-check)", () => {
  const event = fc.record({
    userId: fc.constantFrom("u1", "u2", "u3", "u4"),
    event: fc.constantFrom("a", "b", "c", "d"),
    timestamp: fc.integer({ min: 0, max: 40 * D }),
  });
  const options = fc.record({
    order: fc.constantFrom("ordered", "strict", "unordered"),
    windowAnchor: fc.constantFrom("first-step", "previous-step"),
    entry: fc.constantFrom("any", "first"),
    oneStepPerEvent: fc.boolean(),
    exclusionMode: fc.constantFrom("remove-user", "drop-at-step"),
    conversionWindow: fc.integer({ min: 1, max: 20 * D }),
  });
  it("never has more users at a step than at the step before", () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 60 }),
        options,
        fc.boolean(),
        (events, o, exclude) => {
          const result = funnel(events, {
            ...(o as object),
            steps: steps("a", "b", "c", "a"),
            exclusions: exclude ? [{ event: "d" }] : [],
          });
          for (let k = 1; k < result.steps.length; k++) {
            expect(result.steps[k]!.users).toBeLessThanOrEqual(result.steps[k - 1]!.users);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  it("gives the same result on the fast path as on the general scan", () => {
    // An exclusion on an event that never occurs changes nothing but forces the general scan.
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), options, (events, o) => {
        const definition = {
          ...(o as object),
          order: "ordered" as const,
          oneStepPerEvent: true,
          steps: steps("a", "b", "c", "d"),
          breakdown: { property: "none", attribution: "last-touch" as const },
          perUser: true,
        };
        const fast = funnel(events, definition);
        const general = funnel(events, { ...definition, exclusions: [{ event: "never" }] });
        expect(fast).toEqual(general);
      }),
      { numRuns: 300 },
    );
  });
  it("counts as many users at each step as have that furthest step or more", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const result = funnel(events, { steps: steps("a", "b", "c"), perUser: true });
        const furthest = result.perUser!.furthestStep;
        result.steps.forEach((s, k) => {
          expect(s.users).toBe(furthest.filter((f) => f > k).length);
        });
      }),
    );
  });
});
