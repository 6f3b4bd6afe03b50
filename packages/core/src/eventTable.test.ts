import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpsbookError } from "./errors.ts";
import { type EventInput, normalizeEvent, type OpsEvent } from "./events.ts";
import { EventTable } from "./eventTable.ts";
import { eventSchema } from "./schemas.ts";

/** Reference order: stable sort by (first appearance of the user, timestamp). */
function referenceOrder(events: OpsEvent[]): OpsEvent[] {
  const firstSeen = new Map<string, number>();
  for (const e of events) if (!firstSeen.has(e.userId)) firstSeen.set(e.userId, firstSeen.size);
  return events
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) =>
        firstSeen.get(a.e.userId)! - firstSeen.get(b.e.userId)! ||
        a.e.timestamp - b.e.timestamp ||
        a.i - b.i,
    )
    .map(({ e }) => e);
}

const eventArbitrary = fc.record({
  userId: fc.constantFrom("ann", "bo", "cy", "dee", "eve", "fay"),
  event: fc.constantFrom("signup", "login", "buy", "refund"),
  timestamp: fc.integer({ min: 0, max: 50 }),
  properties: fc.option(fc.record({ plan: fc.constantFrom("free", "pro"), n: fc.nat(9) }), {
    nil: undefined,
  }),
});

describe("EventTable.from", () => {
  it("dictionary-encodes users and events in order of first appearance", () => {
    const table = EventTable.from([
      { userId: "b", event: "x", timestamp: 3 },
      { userId: "a", event: "y", timestamp: 1 },
      { userId: "b", event: "y", timestamp: 2 },
    ]);
    expect(table.userIds).toEqual(["b", "a"]);
    expect(table.eventNames).toEqual(["x", "y"]);
    expect(table.userCount).toBe(2);
    expect(Array.from(table.users)).toEqual([0, 0, 1]);
    expect(Array.from(table.timestamps)).toEqual([2, 3, 1]);
    expect(Array.from(table.userOffsets)).toEqual([0, 2, 3]);
    expect(table.events).toBeInstanceOf(Uint16Array);
    expect(table.userCode("a")).toBe(1);
    expect(table.userCode("zed")).toBe(-1);
  });

  it("keeps equal timestamps in input order", () => {
    const table = EventTable.from([
      { userId: "u", event: "third", timestamp: 5 },
      { userId: "v", event: "other", timestamp: 0 },
      { userId: "u", event: "first", timestamp: 1 },
      { userId: "u", event: "fourth", timestamp: 5 },
      { userId: "u", event: "second", timestamp: 1 },
    ]);
    expect([...table].map((e) => e.event)).toEqual(["first", "second", "third", "fourth", "other"]);
  });

  it("orders rows by user then time, stably, for any input (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 80 }), (rows) => {
        const table = EventTable.from(rows, { properties: ["plan", "n"] });
        const expected = referenceOrder(rows.map((r) => normalizeEvent(r)!));
        expect(table.length).toBe(rows.length);
        expect([...table]).toEqual(expected);
        // userOffsets partition the rows, and each user's times ascend.
        expect(table.userOffsets[0]).toBe(0);
        expect(table.userOffsets[table.userCount]).toBe(table.length);
        for (let u = 0; u < table.userCount; u++) {
          for (let i = table.userOffsets[u]!; i < table.userOffsets[u + 1]!; i++) {
            expect(table.users[i]).toBe(u);
            if (i > table.userOffsets[u]!)
              expect(table.timestamps[i]).toBeGreaterThanOrEqual(table.timestamps[i - 1]!);
          }
        }
        expect(table.byteLength).toBe(table.length * 14 + (table.userCount + 1) * 4);
      }),
      { numRuns: 300 },
    );
  });

  it("builds the same table from an array and from a generator", () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 5000 }), (rows) => {
        function* stream() {
          yield* rows;
        }
        const a = EventTable.from(rows, { properties: ["plan"] });
        const b = EventTable.from(stream(), { properties: ["plan"] });
        expect(b.users).toEqual(a.users);
        expect(b.events).toEqual(a.events);
        expect(b.timestamps).toEqual(a.timestamps);
        expect(b.property("plan")).toEqual(a.property("plan"));
        expect(b.byteLength).toBe(a.byteLength);
      }),
      { numRuns: 20 },
    );
  });

  it("reads Date, ISO-8601 string and epoch ms timestamps", () => {
    const table = EventTable.from([
      { userId: "u", event: "a", timestamp: new Date(Date.UTC(2026, 0, 3)) },
      { userId: "u", event: "b", timestamp: "2026-01-01T08:00:00+08:00" },
      { userId: "u", event: "c", timestamp: Date.UTC(2026, 0, 2) },
    ]);
    expect(Array.from(table.timestamps)).toEqual([
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 2),
      Date.UTC(2026, 0, 3),
    ]);
  });

  it("keeps only the requested property keys, column-wise, in row order", () => {
    const table = EventTable.from(
      [
        { userId: "u", event: "buy", timestamp: 2, properties: { amount: 20, plan: "pro" } },
        { userId: "u", event: "buy", timestamp: 1, properties: { amount: 10 } },
        { userId: "u", event: "visit", timestamp: 3 },
      ],
      { properties: ["amount", "amount"] },
    );
    expect(table.property("amount")).toEqual([10, 20, undefined]);
    expect(table.property("plan")).toBeUndefined();
    expect(table.row(1)).toEqual({
      userId: "u",
      event: "buy",
      timestamp: 2,
      properties: { amount: 20 },
    });
    expect(table.row(2)).toEqual({ userId: "u", event: "visit", timestamp: 3 });
  });

  it("switches to 32-bit event codes above 65 536 event names", () => {
    const rows = Array.from({ length: 65_537 }, (_, i) => ({
      userId: "u",
      event: `e${i}`,
      timestamp: i,
    }));
    const table = EventTable.from(rows);
    expect(table.events).toBeInstanceOf(Uint32Array);
    expect(table.events[65_536]).toBe(65_536);
    expect(EventTable.from(rows.slice(0, 65_536)).events).toBeInstanceOf(Uint16Array);
  });

  it("handles an empty input", () => {
    const table = EventTable.from([]);
    expect(table.length).toBe(0);
    expect(table.userCount).toBe(0);
    expect(Array.from(table.userOffsets)).toEqual([0]);
    expect([...table]).toEqual([]);
  });

  it("stays within 14 bytes per event plus 4 per user (target ≤ 24 excluding dictionaries)", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      userId: `user-${i % 5000}`,
      event: `event-${i % 7}`,
      timestamp: 1_700_000_000_000 + ((i * 7919) % 1_000_000),
    }));
    const table = EventTable.from(rows);
    expect(table.byteLength / table.length).toBeLessThanOrEqual(24);
    expect(table.byteLength).toBe(100_000 * 14 + 5001 * 4);
  });
});

describe("EventTable validation agrees with eventSchema", () => {
  const bad: unknown[] = [
    null,
    "row",
    [],
    { userId: "", event: "e", timestamp: 0 },
    { userId: 7, event: "e", timestamp: 0 },
    { userId: "u", event: "", timestamp: 0 },
    { userId: "u", event: "e" },
    { userId: "u", event: "e", timestamp: Number.NaN },
    { userId: "u", event: "e", timestamp: 9e15 },
    { userId: "u", event: "e", timestamp: "2026-01-01T00:00" },
    { userId: "u", event: "e", timestamp: new Date(Number.NaN) },
    { userId: "u", event: "e", timestamp: 0, properties: null },
    { userId: "u", event: "e", timestamp: 0, properties: [] },
    { userId: "u", event: "e", timestamp: 0, properties: new Map() },
  ];
  const good: unknown[] = [
    { userId: "u", event: "e", timestamp: 0 },
    { userId: "u", event: "e", timestamp: -8.64e15 },
    { userId: "u", event: "e", timestamp: "2026-01-01" },
    { userId: "u", event: "e", timestamp: new Date(0), extra: true },
    { userId: "u", event: "e", timestamp: 0, properties: Object.create(null) },
    { userId: "u", event: "e", timestamp: 0, properties: undefined },
  ];

  it.each(good.map((row, i) => [i, row]))("accepts good row %i like eventSchema", (_, row) => {
    expect(eventSchema.safeParse(row).success).toBe(true);
    const table = EventTable.from([row as EventInput]);
    expect(table.row(0)).toEqual({ ...eventSchema.parse(row), properties: undefined });
  });

  it.each(bad.map((row, i) => [i, row]))("rejects bad row %i like eventSchema", (_, row) => {
    expect(eventSchema.safeParse(row).success).toBe(false);
    expect(() => EventTable.from([row as EventInput])).toThrow(OpsbookError);
  });

  it("lists every bad row with its index and path", () => {
    const rows = [good[0], bad[3], good[1], bad[9], bad[0]] as EventInput[];
    let error: OpsbookError | undefined;
    try {
      EventTable.from(rows);
    } catch (e) {
      error = e as OpsbookError;
    }
    expect(error?.issues.map((i) => i.path)).toEqual([
      ["events", 1, "userId"],
      ["events", 3, "timestamp"],
      ["events", 4],
    ]);
    expect(error?.message.split("\n")[0]).toBe("Invalid events (3 bad rows) (3 problems):");
  });

  it("accepts and rejects exactly the rows eventSchema does (fast-check)", () => {
    const value = fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.double(),
      fc.constant(undefined),
      fc.constant(null),
      fc.date({ noInvalidDate: false }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.dictionary(fc.string({ maxLength: 2 }), fc.integer()),
    );
    fc.assert(
      fc.property(
        fc.record(
          { userId: value, event: value, timestamp: value, properties: value },
          { requiredKeys: [] },
        ),
        (row) => {
          const zodOk = eventSchema.safeParse(row).success;
          let tableOk = true;
          try {
            EventTable.from([row as EventInput]);
          } catch (error) {
            expect(error).toBeInstanceOf(OpsbookError);
            tableOk = false;
          }
          expect(tableOk).toBe(zodOk);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("rejects a non-iterable input, bad options and out-of-range rows", () => {
    expect(() => EventTable.from(3 as never)).toThrow(OpsbookError);
    expect(() => EventTable.from([], { properties: [1] as never })).toThrow(OpsbookError);
    const table = EventTable.from([{ userId: "u", event: "e", timestamp: 0 }]);
    expect(() => table.row(1)).toThrow(OpsbookError);
    expect(() => table.row(-1)).toThrow(OpsbookError);
  });
});
