import { OpsbookError } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/errors.ts";
import { commandOfStep, ledgerPolicies as policies } from "./fixtures/ledgerTesting.ts";
import {
  createLedger,
  type Ledger,
  type LedgerBatchCommand,
  type LedgerCommand,
  type LedgerEntry,
  type MemberLedger,
} from "./ledger.ts";

/**
 * The reference: `apply` folded over the commands, a failing command leaving its member's state
 * as it was (what `onError: "skip"` promises), with the error of each failure.
 */
function fold(
  ledger: Ledger,
  initial: ReadonlyMap<string, MemberLedger>,
  commands: LedgerBatchCommand[],
) {
  const states = new Map(initial);
  const entries: LedgerEntry[] = [];
  const offsets = [0];
  const errors: { index: number; error: OpsbookError }[] = [];
  commands.forEach((batchCommand, index) => {
    const { memberId, ...command } = batchCommand;
    try {
      const result = ledger.apply(
        states.get(memberId) ?? ledger.open(memberId),
        command as LedgerCommand,
      );
      states.set(memberId, result.state);
      entries.push(...result.entries);
    } catch (error) {
      if (!(error instanceof OpsbookError)) throw error;
      errors.push({ index, error });
    }
    offsets.push(entries.length);
  });
  return { states, entries, offsets, errors };
}

const ledger = createLedger({ expiry: { type: "rolling", duration: "P30D" } });
const day = (n: number) => Date.parse("2026-03-01T00:00:00Z") + n * 86_400_000;

describe("ledger.applyBatch", () => {
  it("gives the states and entries of apply folded over the commands, member by member", () => {
    const commands: LedgerBatchCommand[] = [
      { memberId: "ada", type: "earn", at: day(0), amount: 100, key: "o1" },
      { memberId: "bob", type: "earn", at: day(1), amount: 30 },
      { memberId: "ada", type: "burn", at: day(2), amount: 40, reference: "gift" },
      { memberId: "bob", type: "expire", at: day(40) },
      { memberId: "ada", type: "reverse", at: day(3), entry: 2 },
      { memberId: "ada", type: "earn", at: day(0), amount: 100, key: "o1" },
      { memberId: "ada", type: "adjust", at: day(45), amount: -5 },
    ];
    const initial = new Map<string, MemberLedger>();
    const batch = ledger.applyBatch(initial, commands);
    const reference = fold(ledger, initial, commands);
    expect(reference.errors).toEqual([]);
    expect(batch.entries).toEqual(reference.entries);
    expect(batch.offsets).toEqual(reference.offsets);
    expect(batch.states).toEqual(reference.states);
    expect(batch.rejected).toEqual([]);
    // the replayed key returns the original entry again and nothing else
    expect(batch.entries.slice(batch.offsets[5], batch.offsets[6])).toEqual([batch.entries[0]]);
    expect(initial.size).toBe(0);
  });

  it("never changes the states it is given, even when it writes to the same member many times", () => {
    let ada = ledger.open("ada");
    for (let i = 0; i < 3; i++)
      ada = ledger.apply(ada, { type: "earn", at: day(i), amount: 10, key: `k${i}` }).state;
    const initial = new Map([["ada", ada]]);
    const snapshot = structuredClone(ada);
    const { lots, burns, keys } = ada;
    const batch = ledger.applyBatch(initial, [
      { memberId: "ada", type: "burn", at: day(5), amount: 15 },
      { memberId: "ada", type: "earn", at: day(6), amount: 7, key: "k9" },
      { memberId: "ada", type: "reverse", at: day(7), entry: 4 },
      { memberId: "ada", type: "expire", at: day(60) },
    ]);
    expect(ada).toEqual(snapshot);
    expect(ada.lots).toBe(lots);
    expect(ada.burns).toBe(burns);
    expect(ada.keys).toBe(keys);
    expect(initial.get("ada")).toBe(ada);
    expect(batch.states.get("ada")?.total).toBe(0);
    expect(batch.states.get("ada")?.seq).toBe(10);
  });

  it("leaves out a member whose commands were all replays: its state is the one given", () => {
    const first = ledger.apply(ledger.open("cy"), {
      type: "earn",
      at: day(0),
      amount: 5,
      key: "a",
    });
    const batch = ledger.applyBatch(new Map([["cy", first.state]]), [
      { memberId: "cy", type: "earn", at: day(0), amount: 5, key: "a" },
    ]);
    expect(batch.states.size).toBe(0);
    expect(batch.entries).toEqual(first.entries);
  });

  it("throws the failing command's error under commands[k] and keeps nothing of the batch", () => {
    const initial = new Map<string, MemberLedger>();
    const commands: LedgerBatchCommand[] = [
      { memberId: "ada", type: "earn", at: day(0), amount: 10 },
      { memberId: "ada", type: "burn", at: day(1), amount: 4 },
      { memberId: "ada", type: "burn", at: day(2), amount: 50 },
    ];
    const error = thrown(() => ledger.applyBatch(initial, commands));
    expect(error.code).toBe("out_of_range");
    expect(error.path).toEqual(["commands", 2, "amount"]);
    expect(error.message).toBe(
      "commands[2].amount: a burn of 50 exceeds the available balance of 6",
    );
    expect(error.issues[0]?.path).toEqual(["commands", 2, "amount"]);
    expect(initial.size).toBe(0);
  });

  it("names the command for every kind of failure: conflict, time order, bad timestamp, unknown field, member id", () => {
    const base: LedgerBatchCommand = {
      memberId: "ada",
      type: "earn",
      at: day(5),
      amount: 1,
      key: "x",
    };
    const cases: [LedgerBatchCommand, string, (string | number)[], string][] = [
      [{ ...base, amount: 2 }, "conflict", ["commands", 1, "key"], "commands[1].key: "],
      [
        { ...base, key: "y", at: day(1) },
        "out_of_range",
        ["commands", 1, "at"],
        "commands[1].at: ",
      ],
      [
        { ...base, key: "y", at: "not a date" },
        "invalid_input",
        ["commands", 1, "at"],
        "commands[1].at: ",
      ],
      [
        { ...base, key: "y", entry: 1 } as LedgerBatchCommand,
        "invalid_input",
        ["commands", 1, "entry"],
        "commands[1].entry: unknown field",
      ],
      [
        { ...base, memberId: "" },
        "invalid_input",
        ["commands", 1, "memberId"],
        "commands[1].memberId: ",
      ],
      [
        { memberId: "ada", type: "reverse", at: day(6), entry: 9 },
        "not_found",
        ["commands", 1, "entry"],
        "commands[1].entry: ",
      ],
    ];
    for (const [command, code, path, message] of cases) {
      const error = thrown(() => ledger.applyBatch(new Map(), [base, command]));
      expect([error.code, error.path, error.message.startsWith(message)]).toEqual([
        code,
        path,
        true,
      ]);
    }
    const other = ledger.open("bob");
    expect(thrown(() => ledger.applyBatch(new Map([["ada", other]]), [base])).path).toEqual([
      "commands",
      0,
      "memberId",
    ]);
    expect(thrown(() => ledger.applyBatch({} as Map<string, MemberLedger>, [])).path).toEqual([
      "states",
    ]);
    expect(thrown(() => ledger.applyBatch(new Map(), {} as LedgerBatchCommand[])).path).toEqual([
      "commands",
    ]);
    expect(
      thrown(() => ledger.applyBatch(new Map(), [], { onError: "ignore" as "skip" })).path,
    ).toEqual(["options", "onError"]);
  });

  it("with onError skip, lists a failing command and undoes it, expiry included, as a caught apply leaves the state", () => {
    // The burn of 150 fails after its sweep expired the first lot: the sweep must be undone too.
    const commands: LedgerBatchCommand[] = [
      { memberId: "ada", type: "earn", at: day(0), amount: 100 },
      { memberId: "ada", type: "earn", at: day(20), amount: 100 },
      { memberId: "ada", type: "burn", at: day(35), amount: 150 },
      { memberId: "bob", type: "burn", at: day(35), amount: 1 },
      { memberId: "ada", type: "burn", at: day(36), amount: 60 },
    ];
    const batch = ledger.applyBatch(new Map(), commands, { onError: "skip" });
    const reference = fold(ledger, new Map(), commands);
    expect(batch.rejected.map((r) => [r.index, r.code, r.path])).toEqual([
      [2, "out_of_range", ["commands", 2, "amount"]],
      [3, "out_of_range", ["commands", 3, "amount"]],
    ]);
    expect(batch.entries).toEqual(reference.entries);
    expect(batch.offsets).toEqual([0, 1, 2, 2, 2, 4]);
    expect(batch.states).toEqual(reference.states);
    expect(batch.states.has("bob")).toBe(false);
  });
});

// Random programmes: several members, interleaved commands, keys drawn from a small pool (so
// replays and conflicts happen), now and then a command out of time order or a repeat of an earlier one.

const plans = fc.array(
  fc.record({
    member: fc.integer({ min: 0, max: 2 }),
    gapHours: fc.integer({ min: -12, max: 120 }),
    kind: fc.constantFrom("earn", "earn", "burn", "burn", "adjust", "reverse", "expire", "repeat"),
    amount: fc.integer({ min: 1, max: 300 }),
    entry: fc.integer({ min: 1, max: 20 }),
    key: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  }),
  { maxLength: 60 },
);

interface Step {
  member: number;
  gapHours: number;
  kind: string;
  amount: number;
  entry: number;
  key: number | undefined;
}

function commandsOf(plan: Step[]) {
  const out: LedgerBatchCommand[] = [];
  let at = Date.parse("2026-01-01T00:00:00Z");
  for (const step of plan) {
    if (step.kind === "repeat") {
      const earlier = out[step.entry % Math.max(out.length, 1)];
      if (earlier) out.push({ ...earlier });
      continue;
    }
    at += step.gapHours * 3_600_000;
    const base = {
      memberId: `m${step.member}`,
      at,
      ...(step.key === undefined ? {} : { key: `k${step.key}` }),
    };
    out.push(commandOfStep(step, base));
  }
  return out;
}

describe("ledger.applyBatch: properties (fast-check)", () => {
  it("equals apply folded over the commands — states, entries, offsets, rejections — and never changes its input", () => {
    fc.assert(
      fc.property(policies, plans, fc.nat({ max: 60 }), (policy, plan, split) => {
        const ledger = createLedger(policy);
        const all = commandsOf(plan);
        // States before the batch come from a first stretch of the commands (shared, non-empty lists).
        const initial = fold(ledger, new Map(), all.slice(0, split)).states;
        const commands = all.slice(split);
        const snapshot = structuredClone(initial);
        const reference = fold(ledger, initial, commands);

        const skipped = ledger.applyBatch(initial, commands, { onError: "skip" });
        expect(skipped.entries).toEqual(reference.entries);
        expect(skipped.offsets).toEqual(reference.offsets);
        expect(new Map([...initial, ...skipped.states])).toEqual(reference.states);
        expect(skipped.rejected.map((r) => [r.index, r.code, r.path, r.message])).toEqual(
          reference.errors.map(({ index, error }) => [
            index,
            error.code,
            ["commands", index, ...error.path.slice(1)],
            error.message.replace(/^command/, `commands[${index}]`),
          ]),
        );

        const firstError = reference.errors[0];
        if (firstError === undefined) {
          const batch = ledger.applyBatch(initial, commands);
          expect(batch.entries).toEqual(reference.entries);
          expect(new Map([...initial, ...batch.states])).toEqual(reference.states);
        } else {
          const error = thrown(() => ledger.applyBatch(initial, commands));
          expect([error.code, error.path]).toEqual([
            firstError.error.code,
            ["commands", firstError.index, ...firstError.error.path.slice(1)],
          ]);
        }
        expect(initial).toEqual(snapshot);
      }),
      { numRuns: 500 },
    );
  });
});
