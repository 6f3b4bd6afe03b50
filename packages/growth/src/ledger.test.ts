import { addDuration, OpsbookError } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/errors.ts";
import { commandOfStep, ledgerPolicies as policies } from "./fixtures/ledgerTesting.ts";
import { createLedger, type LedgerCommand, type LedgerEntry, type MemberLedger } from "./ledger.ts";
import type { LedgerPolicyInput } from "./schemas.ts";

const t = (iso: string) => Date.parse(iso);

function run(policy: LedgerPolicyInput, commands: LedgerCommand[]) {
  const ledger = createLedger(policy);
  let state = ledger.open("m1");
  const entries: LedgerEntry[] = [];
  for (const command of commands) {
    const result = ledger.apply(state, command);
    state = result.state;
    entries.push(...result.entries);
  }
  return { ledger, state, entries };
}

describe("createLedger: expiry policies", () => {
  it("keeps points valid through the last day of the month they expire in: earned 6 July 2020 with P12M, they expire on 1 August 2021 (Square LoyaltyProgramExpirationPolicy.expiration_duration)", () => {
    const { ledger, state } = run(
      { expiry: { type: "rolling", duration: "P12M", roundTo: "month" } },
      [{ type: "earn", at: "2020-07-06T15:00:00Z", amount: 40 }],
    );
    expect(ledger.lots(state)[0]?.expiresAt).toBe(t("2021-08-01T00:00:00Z"));
    expect(ledger.balance(state, "2021-07-31T23:59:59Z").available).toBe(40);
    expect(ledger.balance(state, "2021-08-01T00:00:00Z").available).toBe(0);
  });

  it("counts months on the calendar, not as 30 days: 12 months from 1 March 2027 spans the leap day", () => {
    const { ledger, state } = run({ expiry: { type: "rolling", duration: "P12M" } }, [
      { type: "earn", at: "2027-03-01T15:00:00Z", amount: 40 },
    ]);
    expect(ledger.lots(state)[0]?.expiresAt).toBe(t("2028-03-01T15:00:00Z"));
  });

  it("rounds a rolling expiry up to the end of the month in the programme's zone (Talon.One defaultValidity '_U' suffix)", () => {
    const { ledger, state } = run(
      {
        timeZone: "Asia/Shanghai",
        expiry: { type: "rolling", duration: "P90D", roundTo: "month" },
      },
      [{ type: "earn", at: "2026-01-15T02:00:00Z", amount: 10 }],
    );
    // 15 Jan + 90 days = 15 Apr (Shanghai); the end of April in Shanghai is 30 Apr 16:00 UTC.
    expect(ledger.lots(state)[0]?.expiresAt).toBe(t("2026-04-30T16:00:00Z"));
  });

  it("rounds to the end of the quarter and of the year", () => {
    const quarter = run({ expiry: { type: "rolling", duration: "P1M", roundTo: "quarter" } }, [
      { type: "earn", at: "2026-05-20T00:00:00Z", amount: 1 },
    ]);
    expect(quarter.ledger.lots(quarter.state)[0]?.expiresAt).toBe(t("2026-07-01T00:00:00Z"));
    const year = run({ expiry: { type: "rolling", duration: "P1D", roundTo: "year" } }, [
      { type: "earn", at: "2026-12-31T12:00:00Z", amount: 1 },
    ]);
    expect(year.ledger.lots(year.state)[0]?.expiresAt).toBe(t("2028-01-01T00:00:00Z"));
  });

  it("expires on a fixed day of the year: the end of 31 December after the earn, plus yearsAfter", () => {
    const { ledger, state } = run(
      { expiry: { type: "fixed-date", month: 12, day: 31, yearsAfter: 1 } },
      [
        { type: "earn", at: "2026-03-10T00:00:00Z", amount: 5 },
        { type: "earn", at: "2026-12-31T23:00:00Z", amount: 7 },
      ],
    );
    expect(ledger.lots(state).map((lot) => lot.expiresAt)).toEqual([
      t("2028-01-01T00:00:00Z"),
      t("2028-01-01T00:00:00Z"),
    ]);
  });

  it("expires the whole balance after a period of inactivity; a later earn resets the clock (Smile.io Points Expiry FAQ: 500 on 1 Jan 2021, 100 on 31 Dec 2021, all 600 expire on 31 Dec 2022)", () => {
    const { ledger, state } = run({ expiry: { type: "inactivity", duration: "P1Y" } }, [
      { type: "earn", at: "2021-01-01T12:00:00Z", amount: 500 },
      { type: "earn", at: "2021-12-31T12:00:00Z", amount: 100 },
    ]);
    expect(ledger.balance(state, "2022-01-01T12:00:00Z").available).toBe(600);
    expect(ledger.expiringSoon(state, "2022-12-01T00:00:00Z", "P31D")).toEqual([
      { expiresAt: t("2022-12-31T12:00:00Z"), points: 600 },
    ]);
    const expired = ledger.apply(state, { type: "expire", at: "2022-12-31T12:00:00Z" });
    expect(expired.entries.reduce((sum, e) => sum + e.amount, 0)).toBe(-600);
    expect(expired.entries.every((e) => e.at === t("2022-12-31T12:00:00Z"))).toBe(true);
  });

  it("expires 500 points a year after the last activity when nothing else happens (Smile.io Points Expiry FAQ)", () => {
    const { ledger, state } = run({ expiry: { type: "inactivity", duration: "P1Y" } }, [
      { type: "earn", at: "2021-01-01T00:00:00Z", amount: 500 },
    ]);
    expect(ledger.balance(state, "2021-12-31T23:59:59Z").available).toBe(500);
    expect(ledger.balance(state, "2022-01-01T00:00:00Z").available).toBe(0);
  });

  it("counts a burn as activity for the inactivity clock", () => {
    const { ledger, state } = run({ expiry: { type: "inactivity", duration: "P6M" } }, [
      { type: "earn", at: "2026-01-01T00:00:00Z", amount: 100 },
      { type: "burn", at: "2026-06-01T00:00:00Z", amount: 10 },
    ]);
    expect(ledger.balance(state, "2026-11-30T00:00:00Z").available).toBe(90);
    expect(ledger.balance(state, "2026-12-01T00:00:00Z").available).toBe(0);
  });

  it("re-runs expiry without effect: a second expire at the same instant produces no entries", () => {
    const { ledger, state } = run({ expiry: { type: "rolling", duration: "P30D" } }, [
      { type: "earn", at: "2026-01-01T00:00:00Z", amount: 10 },
      { type: "expire", at: "2026-03-01T00:00:00Z" },
    ]);
    expect(state.total).toBe(0);
    const again = ledger.apply(state, { type: "expire", at: "2026-03-01T00:00:00Z" });
    expect(again.entries).toEqual([]);
    expect(again.state.total).toBe(0);
  });

  it("expires lazily before any command: a burn after the expiry date cannot spend expired points", () => {
    const { ledger, state } = run({ expiry: { type: "rolling", duration: "P30D" } }, [
      { type: "earn", at: "2026-01-01T00:00:00Z", amount: 10 },
      { type: "earn", at: "2026-01-20T00:00:00Z", amount: 5 },
    ]);
    const error = thrown(() =>
      ledger.apply(state, { type: "burn", at: "2026-02-05T00:00:00Z", amount: 6 }),
    );
    expect(error.code).toBe("out_of_range");
    const ok = ledger.apply(state, { type: "burn", at: "2026-02-05T00:00:00Z", amount: 5 });
    expect(ok.entries.map((e) => [e.type, e.amount])).toEqual([
      ["expire", -10],
      ["burn", -5],
    ]);
  });
});

describe("createLedger: burn order", () => {
  const commands: LedgerCommand[] = [
    { type: "earn", at: "2026-01-01T00:00:00Z", amount: 10 },
    { type: "adjust", at: "2026-01-02T00:00:00Z", amount: 10 },
    { type: "earn", at: "2026-01-03T00:00:00Z", amount: 10 },
    { type: "burn", at: "2026-01-04T00:00:00Z", amount: 15 },
  ];
  const lotsTaken = (policy: LedgerPolicyInput) =>
    run(policy, commands)
      .entries.at(-1)
      ?.lots.map((l) => [l.lot, l.amount]);

  it("takes the earliest-earned lots first (FIFO)", () => {
    expect(lotsTaken({ burnOrder: "earliest-earned" })).toEqual([
      [1, -10],
      [2, -5],
    ]);
  });

  it("takes the latest-earned lots first (LIFO)", () => {
    expect(lotsTaken({ burnOrder: "latest-earned" })).toEqual([
      [3, -10],
      [2, -5],
    ]);
  });

  it("takes the lots that expire first, then those that never expire", () => {
    const { entries } = run(
      { burnOrder: "earliest-expiry", expiry: { type: "rolling", duration: "P1Y" } },
      [
        { type: "earn", at: "2026-01-01T00:00:00Z", amount: 10 },
        { type: "earn", at: "2026-01-02T00:00:00Z", amount: 10 },
        { type: "burn", at: "2026-01-04T00:00:00Z", amount: 15 },
      ],
    );
    expect(entries.at(-1)?.lots).toEqual([
      { lot: 1, amount: -10 },
      { lot: 2, amount: -5 },
    ]);
  });
});

describe("createLedger: pending points", () => {
  it("activates points after the pending delay (Talon.One defaultPending) and cannot spend them before", () => {
    const { ledger, state } = run({ pendingFor: "P14D" }, [
      { type: "earn", at: "2026-03-01T00:00:00Z", amount: 30 },
    ]);
    expect(ledger.balance(state, "2026-03-10T00:00:00Z")).toEqual({
      available: 0,
      pending: 30,
      deficit: 0,
    });
    expect(ledger.balance(state, "2026-03-15T00:00:00Z")).toEqual({
      available: 30,
      pending: 0,
      deficit: 0,
    });
    expect(
      thrown(() => ledger.apply(state, { type: "burn", at: "2026-03-10T00:00:00Z", amount: 1 }))
        .code,
    ).toBe("out_of_range");
  });
});

describe("createLedger: reversals", () => {
  const earned: LedgerCommand[] = [
    { type: "earn", at: "2026-01-01T00:00:00Z", amount: 100 },
    { type: "earn", at: "2026-01-02T00:00:00Z", amount: 50 },
    { type: "burn", at: "2026-01-03T00:00:00Z", amount: 120 },
  ];

  it("within-balance takes back from the lot, then the rest of the balance, never below zero", () => {
    const { entries, state } = run({ burnOrder: "earliest-earned" }, [
      ...earned,
      { type: "reverse", at: "2026-01-04T00:00:00Z", entry: 1 },
    ]);
    const reversal = entries.at(-1) as LedgerEntry;
    expect(reversal).toMatchObject({ type: "reverse", amount: -30, requested: 100, reverses: 1 });
    expect(state.total).toBe(0);
    expect(state.deficit).toBe(0);
  });

  it("unlimited takes back everything and flags the negative balance", () => {
    const { ledger, entries, state } = run(
      { burnOrder: "earliest-earned", returnPolicy: "unlimited" },
      [...earned, { type: "reverse", at: "2026-01-04T00:00:00Z", entry: 1 }],
    );
    expect(entries.at(-1)).toMatchObject({ amount: -100, negative: true });
    expect(ledger.balance(state, "2026-01-04T00:00:00Z").available).toBe(-70);
    // A later earn settles the debt first.
    const next = ledger.apply(state, {
      type: "earn",
      at: "2026-01-05T00:00:00Z",
      amount: 100,
    }).state;
    expect(ledger.balance(next, "2026-01-05T00:00:00Z")).toEqual({
      available: 30,
      pending: 0,
      deficit: 0,
    });
  });

  it("only-pending takes back points still pending and nothing once they are active", () => {
    const policy: LedgerPolicyInput = { pendingFor: "P7D", returnPolicy: "only-pending" };
    const early = run(policy, [
      { type: "earn", at: "2026-01-01T00:00:00Z", amount: 40 },
      { type: "reverse", at: "2026-01-03T00:00:00Z", entry: 1, amount: 25 },
    ]);
    expect(early.entries.at(-1)?.amount).toBe(-25);
    expect(early.ledger.balance(early.state, "2026-01-08T00:00:00Z").available).toBe(15);
    const late = run(policy, [
      { type: "earn", at: "2026-01-01T00:00:00Z", amount: 40 },
      { type: "reverse", at: "2026-01-09T00:00:00Z", entry: 1 },
    ]);
    expect(late.entries.at(-1)).toMatchObject({ amount: 0, requested: 40 });
  });

  it("gives a reversed burn back to the same lots it took from", () => {
    const { entries, ledger, state } = run({ burnOrder: "earliest-earned" }, [
      ...earned,
      { type: "reverse", at: "2026-01-04T00:00:00Z", entry: 3, amount: 30 },
    ]);
    expect(entries.at(-1)?.lots).toEqual([
      { lot: 2, amount: 20 },
      { lot: 1, amount: 10 },
    ]);
    expect(ledger.lots(state).map((l) => l.remaining)).toEqual([10, 50]);
  });

  it("never reverses more than the entry granted: asking for more is out_of_range, a second full reversal a conflict", () => {
    const { ledger, state } = run({}, [{ type: "earn", at: "2026-01-01T00:00:00Z", amount: 10 }]);
    expect(
      thrown(() =>
        ledger.apply(state, { type: "reverse", at: "2026-01-02T00:00:00Z", entry: 1, amount: 11 }),
      ).code,
    ).toBe("out_of_range");
    const once = ledger.apply(state, {
      type: "reverse",
      at: "2026-01-02T00:00:00Z",
      entry: 1,
    }).state;
    expect(
      thrown(() => ledger.apply(once, { type: "reverse", at: "2026-01-03T00:00:00Z", entry: 1 }))
        .code,
    ).toBe("conflict");
    expect(
      thrown(() => ledger.apply(once, { type: "reverse", at: "2026-01-03T00:00:00Z", entry: 99 }))
        .code,
    ).toBe("not_found");
  });
});

describe("createLedger: idempotency and bad input", () => {
  const ledger = createLedger({});
  const base = ledger.apply(ledger.open("m1"), {
    type: "earn",
    at: "2026-01-01T00:00:00Z",
    amount: 10,
    key: "order-7",
  });

  it("returns the original entries and the same state when a keyed command is replayed", () => {
    const replay = ledger.apply(base.state, {
      type: "earn",
      at: Date.parse("2026-01-01T00:00:00Z"),
      amount: 10,
      key: "order-7",
    });
    expect(replay.state).toBe(base.state);
    expect(replay.entries).toEqual(base.entries);
  });

  it("treats any string as a key, even one named like an Object property", () => {
    let state = base.state;
    for (const key of ["__proto__", "toString", "constructor"]) {
      const first = ledger.apply(state, {
        type: "earn",
        at: "2026-01-02T00:00:00Z",
        amount: 1,
        key,
      });
      expect(first.entries).toHaveLength(1);
      expect(
        ledger.apply(first.state, { type: "earn", at: "2026-01-02T00:00:00Z", amount: 1, key })
          .state,
      ).toBe(first.state);
      state = first.state;
    }
    expect(state.total).toBe(13);
    const roundTrip = JSON.parse(JSON.stringify(state));
    expect(
      ledger.apply(roundTrip, {
        type: "earn",
        at: "2026-01-02T00:00:00Z",
        amount: 1,
        key: "__proto__",
      }).entries,
    ).toEqual(
      ledger.apply(state, { type: "earn", at: "2026-01-02T00:00:00Z", amount: 1, key: "__proto__" })
        .entries,
    );
  });

  it("throws conflict for the same key with a different payload and leaves the state unchanged", () => {
    const before = structuredClone(base.state);
    const error = thrown(() =>
      ledger.apply(base.state, {
        type: "earn",
        at: "2026-01-01T00:00:00Z",
        amount: 11,
        key: "order-7",
      }),
    );
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("command.key");
    expect(base.state).toEqual(before);
  });

  it("rejects negative and fractional amounts, unknown fields and unknown types with typed errors", () => {
    const s = base.state;
    expect(
      thrown(() => ledger.apply(s, { type: "earn", at: "2026-01-02T00:00:00Z", amount: -5 })).code,
    ).toBe("out_of_range");
    expect(
      thrown(() => ledger.apply(s, { type: "earn", at: "2026-01-02T00:00:00Z", amount: 2.5 })).code,
    ).toBe("out_of_range");
    const unknown = thrown(() =>
      ledger.apply(s, {
        type: "earn",
        at: "2026-01-02T00:00:00Z",
        amount: 5,
        bonus: 1,
      } as unknown as LedgerCommand),
    );
    expect(unknown.path).toEqual(["command", "bonus"]);
    expect(
      thrown(() => ledger.apply(s, { type: "gift", at: 0 } as unknown as LedgerCommand)).code,
    ).toBe("invalid_input");
    expect(thrown(() => ledger.apply(s, { type: "earn", at: "yesterday", amount: 5 })).code).toBe(
      "invalid_input",
    );
  });

  it("rejects a burn beyond the balance under the strict policy and allows it, flagged, when negatives are allowed", () => {
    expect(
      thrown(() =>
        ledger.apply(base.state, { type: "burn", at: "2026-01-02T00:00:00Z", amount: 11 }),
      ).code,
    ).toBe("out_of_range");
    const loose = createLedger({ allowNegative: true });
    const s = loose.apply(loose.open("m"), { type: "earn", at: 0, amount: 10 }).state;
    const burn = loose.apply(s, { type: "burn", at: 1, amount: 11 });
    expect(burn.entries[0]).toMatchObject({ amount: -11, negative: true });
    expect(loose.balance(burn.state, 1).available).toBe(-1);
  });

  it("applies a member's commands in time order", () => {
    expect(
      thrown(() =>
        ledger.apply(base.state, { type: "earn", at: "2025-12-31T00:00:00Z", amount: 1 }),
      ).code,
    ).toBe("out_of_range");
  });

  it("rejects unknown policy fields", () => {
    expect(() =>
      createLedger({ expiry: { type: "rolling", days: 90 } } as unknown as LedgerPolicyInput),
    ).toThrow(OpsbookError);
  });

  it("keeps state JSON-safe", () => {
    expect(JSON.parse(JSON.stringify(base.state))).toEqual(base.state);
  });

  it("shares the burn records a command leaves unchanged with the state it came from", () => {
    const ledger = createLedger({ burnOrder: "earliest-earned" });
    let state = ledger.open("m");
    for (const at of [1, 2]) state = ledger.apply(state, { type: "earn", at, amount: 10 }).state;
    const burn = ledger.apply(state, { type: "burn", at: 3, amount: 15 }).state;
    const again = ledger.apply(burn, { type: "burn", at: 4, amount: 1 }).state;
    expect(again.burns[0]).toBe(burn.burns[0]);
    expect(again.burns).toEqual([
      [3, 15, 0, 0, 1, 10, 2, 5],
      [4, 1, 0, 0, 2, 1],
    ]);
    expect(ledger.lots(again).map((lot) => lot.remaining)).toEqual([0, 4]);
  });
});

// Random command sequences for the properties below.
const steps = fc.array(
  fc.record({
    gapHours: fc.integer({ min: 0, max: 240 }),
    kind: fc.constantFrom("earn", "earn", "burn", "adjust", "reverse", "expire"),
    amount: fc.integer({ min: 1, max: 200 }),
    entry: fc.integer({ min: 1, max: 30 }),
    keyed: fc.boolean(),
  }),
  { maxLength: 40 },
);

interface Step {
  gapHours: number;
  kind: string;
  amount: number;
  entry: number;
  keyed: boolean;
}

function simulate(
  policy: LedgerPolicyInput,
  plan: Step[],
  check: (
    before: MemberLedger,
    after: MemberLedger,
    entries: LedgerEntry[],
    command: LedgerCommand,
  ) => void,
) {
  const ledger = createLedger(policy);
  let state = ledger.open("m");
  let at = Date.parse("2026-01-01T00:00:00Z");
  plan.forEach((step, i) => {
    at += step.gapHours * 3_600_000;
    const base = { at, ...(step.keyed ? { key: `k${i}` } : {}) };
    const command: LedgerCommand = commandOfStep(step, base);
    try {
      const result = ledger.apply(state, command);
      check(state, result.state, result.entries, command);
      state = result.state;
    } catch (error) {
      if (!(error instanceof OpsbookError)) throw error;
    }
  });
  return { ledger, state };
}

describe("createLedger: properties (fast-check)", () => {
  it("conserves points: the total always equals the sum of all entries and the lots minus the deficit", () => {
    fc.assert(
      fc.property(policies, steps, (policy, plan) => {
        let sum = 0;
        simulate(policy, plan, (before, after, entries) => {
          if (after === before) return;
          sum += entries.reduce((s, e) => s + e.amount, 0);
          expect(after.total).toBe(sum);
          let lots = 0;
          for (let b = 5; b < after.lots.length; b += 7) lots += after.lots[b] as number;
          expect(after.total).toBe(lots - after.deficit);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("is idempotent: replaying any keyed command returns the same state and entries", () => {
    fc.assert(
      fc.property(policies, steps, (policy, plan) => {
        const ledger = createLedger(policy);
        simulate(policy, plan, (_before, after, entries, command) => {
          if (command.key === undefined) return;
          const replay = ledger.apply(after, command);
          expect(replay.state).toBe(after);
          expect(replay.entries).toEqual(entries);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("never goes negative unless the policy allows it (overdraft, unlimited reversals or a manual adjustment)", () => {
    fc.assert(
      fc.property(policies, steps, (policy, plan) => {
        const strict = !policy.allowNegative && policy.returnPolicy !== "unlimited";
        const ledger = createLedger(policy);
        simulate(
          policy,
          plan.filter((s) => s.kind !== "adjust"),
          (_before, after, entries) => {
            if (!strict) return;
            expect(after.deficit).toBe(0);
            expect(entries.some((e) => e.negative)).toBe(false);
            expect(ledger.balance(after, after.updatedAt ?? 0).available).toBeGreaterThanOrEqual(0);
          },
        );
      }),
      { numRuns: 150 },
    );
  });

  it("never expires more than remains in a lot, and no lot goes below zero", () => {
    fc.assert(
      fc.property(policies, steps, (policy, plan) => {
        simulate(policy, plan, (before, after, entries) => {
          const remainingBefore = new Map<number, number>();
          for (let b = 0; b < before.lots.length; b += 7)
            remainingBefore.set(before.lots[b] as number, before.lots[b + 5] as number);
          const expiredFrom = new Map<number, number>();
          for (const entry of entries) {
            if (entry.type !== "expire") continue;
            for (const l of entry.lots)
              expiredFrom.set(l.lot, (expiredFrom.get(l.lot) ?? 0) - l.amount);
          }
          for (const [lot, expired] of expiredFrom) {
            expect(expired).toBeGreaterThan(0);
            // A lot created or refilled by this very command may expire within it.
            const refilled = entries
              .filter((e) => e.type !== "expire")
              .flatMap((e) => e.lots)
              .filter((l) => l.lot === lot && l.amount > 0)
              .reduce((s, l) => s + l.amount, 0);
            expect(expired).toBeLessThanOrEqual((remainingBefore.get(lot) ?? 0) + refilled);
          }
          for (let b = 5; b < after.lots.length; b += 7)
            expect(after.lots[b]).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("reports the balance the lots hold: available and pending points at and after the last command", () => {
    fc.assert(
      fc.property(
        policies,
        steps,
        fc.integer({ min: 0, max: 24 * 800 }),
        (policy, plan, laterHours) => {
          const { ledger, state } = simulate(policy, plan, () => {});
          const last = state.updatedAt ?? 0;
          for (const at of [last, last + laterHours * 3_600_000]) {
            // Reference: the lots read one by one; under the inactivity policy (Smile.io) nothing is
            // left once the period after the last earn or burn has passed.
            let available = 0;
            let pending = 0;
            const inactive =
              policy.expiry?.type === "inactivity" &&
              state.lastActivityAt !== null &&
              at >=
                addDuration(state.lastActivityAt, policy.expiry.duration, {
                  timeZone: policy.timeZone ?? "UTC",
                });
            for (const lot of ledger.lots(state)) {
              if (lot.remaining === 0 || (lot.expiresAt !== null && lot.expiresAt <= at)) continue;
              if (lot.activatesAt > at) pending += lot.remaining;
              else available += lot.remaining;
            }
            if (inactive) {
              available = 0;
              pending = 0;
            }
            expect(ledger.balance(state, at)).toEqual({
              available: available - state.deficit,
              pending,
              deficit: state.deficit,
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("never changes the state it is given", () => {
    fc.assert(
      fc.property(policies, steps, (policy, plan) => {
        simulate(policy, plan, (before, _after, _entries, command) => {
          const snapshot = structuredClone(before);
          try {
            createLedger(policy).apply(before, command);
          } catch {}
          expect(before).toEqual(snapshot);
        });
      }),
      { numRuns: 60 },
    );
  });
});
