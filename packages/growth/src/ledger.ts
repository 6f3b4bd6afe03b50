import {
  OpsbookError,
  type OpsbookErrorCode,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import {
  addStep,
  type CalendarStep,
  calendarStep,
  endOfPeriod,
  localDayNumber,
  nextFixedDate,
} from "./internal/zoneClock.ts";
import { type LedgerPolicy, type LedgerPolicyInput, ledgerPolicySchema } from "./schemas.ts";

/**
 * A command to the ledger. Amounts are positive integers (an `adjust` may be negative); `at` is
 * the instant of the command (commands of one member are applied in time order); `key` makes the
 * command idempotent; `reference` is free text kept on the entry (an order id, a rule id).
 * `reverse` takes back (an earn, an adjust) or gives back (a burn) the points of the entry `entry`,
 * to or from the same lots, up to `amount` (default: all that is left to reverse).
 *
 * @category Ledger
 * @since 0.1.0
 */
export type LedgerCommand =
  | { type: "earn"; at: TimestampInput; amount: number; key?: string; reference?: string }
  | { type: "burn"; at: TimestampInput; amount: number; key?: string; reference?: string }
  | { type: "adjust"; at: TimestampInput; amount: number; key?: string; reference?: string }
  | {
      type: "reverse";
      at: TimestampInput;
      entry: number;
      amount?: number;
      key?: string;
      reference?: string;
    }
  | { type: "expire"; at: TimestampInput; key?: string };

/**
 * One line of the journal. `amount` is the signed change of the member's recorded points, so the
 * member's `total` is always the sum of the amounts of its entries; `lots` says which lots the
 * points went to or came from. `negative` flags an entry that left the balance below zero.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerEntry {
  /** Sequence number within the member, from 1; an earn's id is also the id of its lot. */
  id: number;
  memberId: string;
  type: "earn" | "burn" | "expire" | "reverse" | "adjust";
  /** Epoch milliseconds. */
  at: number;
  amount: number;
  lots: { lot: number; amount: number }[];
  key?: string;
  reference?: string;
  /** Earn and positive adjust: when the points become available. */
  activatesAt?: number;
  /** Earn and positive adjust: when the lot expires (`null`: not by date). */
  expiresAt?: number | null;
  /** Reverse: the entry reversed, and the amount asked for. */
  reverses?: number;
  requested?: number;
  negative?: boolean;
}

/**
 * A lot: points earned together, spent and expired together (see {@link Ledger.lots}).
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerLot {
  id: number;
  earnedAt: number;
  activatesAt: number;
  expiresAt: number | null;
  amount: number;
  remaining: number;
  reversed: number;
}

/**
 * The ledger state of one member: plain, JSON-safe data, never mutated by the ledger (each
 * command returns a new state). Lots and burns are stored as flat number arrays so that a
 * programme of millions of members keeps few objects alive; read them with {@link Ledger.lots}.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface MemberLedger {
  memberId: string;
  /** Last entry id. */
  seq: number;
  /** Instant of the last command, `null` before the first. */
  updatedAt: number | null;
  /** Sum of the amounts of every entry: remaining points of all lots minus `deficit`. */
  total: number;
  /** Points owed after an overdraft or an unlimited reversal; later earns settle it first. */
  deficit: number;
  lifetimeEarned: number;
  /** Last earn or burn (the clock of the inactivity policy). */
  lastActivityAt: number | null;
  /** Earliest instant at which some points may expire (`null`: none). */
  checkAt: number | null;
  /** Lots, 7 numbers each: id, earnedAt, activatesAt, expiresAt (8.64e15 = never), amount, remaining, reversed. */
  lots: number[];
  /** Burns, one array each: id, amount, shortfall not yet given back, reversed, then pairs of lot id and points not yet given back. */
  burns: number[][];
  keys: Record<string, { fingerprint: string; entries: LedgerEntry[] }>;
}

/**
 * Result of {@link Ledger.apply}: the new state and the entries the command produced.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerResult {
  state: MemberLedger;
  entries: LedgerEntry[];
}

/**
 * A command of a batch (see {@link Ledger.applyBatch}): a {@link LedgerCommand} and the member it
 * applies to.
 *
 * @category Ledger
 * @since 0.1.0
 */
export type LedgerBatchCommand = LedgerCommand & { memberId: string };

/**
 * Options of {@link Ledger.applyBatch}.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerBatchOptions {
  /**
   * What a failing command does. `"throw"` (default): the batch stops and throws the command's
   * {@link OpsbookError}, its path and message prefixed with `commands[k]`, and returns nothing
   * (the states given are never changed, so nothing of the batch is kept). `"skip"`: the command is
   * listed in `rejected` and leaves its member's state as it was before it — exactly what a loop
   * that catches each `apply` error and keeps the previous state does — and the batch goes on.
   */
  onError?: "throw" | "skip";
}

/**
 * A command of a batch that failed under `onError: "skip"`: its index in the batch and the
 * error's code, path (starting `["commands", index]`) and message.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerRejection {
  index: number;
  code: OpsbookErrorCode;
  path: (string | number)[];
  message: string;
}

/**
 * Result of {@link Ledger.applyBatch}.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerBatchResult {
  /**
   * The final state of every member a command of the batch applied to (a member whose commands
   * were all replays or rejections is left out); other members keep the state given.
   */
  states: Map<string, MemberLedger>;
  /** The entries of every command, in command order, as the successive `apply` calls return them. */
  entries: LedgerEntry[];
  /** `commands.length + 1` positions: the entries of `commands[k]` are `entries.slice(offsets[k], offsets[k + 1])`. */
  offsets: number[];
  /** Commands that failed, in order (always empty with `onError: "throw"`). */
  rejected: LedgerRejection[];
}

/**
 * A member's balance at an instant: `available` to spend (minus any deficit, so it can be
 * negative), `pending` not yet active, and the `deficit`.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface LedgerBalance {
  available: number;
  pending: number;
  deficit: number;
}

/**
 * Points that expire at one instant.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface ExpiringPoints {
  expiresAt: number;
  points: number;
}

/**
 * An event-sourced points ledger for one programme's policies.
 *
 * @category Ledger
 * @since 0.1.0
 */
export interface Ledger {
  readonly policy: LedgerPolicy;
  /** The empty state of a member. */
  open(memberId: string): MemberLedger;
  /** Applies one command; throws {@link OpsbookError} (state unchanged) for bad input. */
  apply(state: MemberLedger, command: LedgerCommand): LedgerResult;
  /**
   * Applies the commands of many members in order, with exactly the result of folding `apply` over
   * them: the same final states, the same entries in the same order, the same idempotency and the
   * same typed errors. A member missing from `states` starts from `open(memberId)`. The states given
   * are never changed: the batch copies a member's state when a command first writes to it and
   * then updates that private copy in place, so a member with many commands in one batch costs one
   * copy instead of one new state per command. It is not faster than `apply` per command: the batch
   * keeps every entry alive until it returns (see the package README, Performance). Use it to apply
   * a queue or an import all or nothing, or to collect the commands that fail.
   *
   * @param states - Current states by member id (not changed).
   * @param commands - Commands, each with its `memberId`; a member's commands apply in time order.
   * @param options - `onError`: `"throw"` (default) or `"skip"` (see {@link LedgerBatchOptions}).
   * @returns The new states of the members the batch changed, every entry, where each command's
   *   entries start, and the rejected commands.
   * @example
   * ```ts
   * import { createLedger } from "@opsbook/growth";
   *
   * const ledger = createLedger({ expiry: { type: "rolling", duration: "P12M" } });
   * const states = new Map([["ada", ledger.open("ada")]]);
   * const batch = ledger.applyBatch(states, [
   *   { memberId: "ada", type: "earn", at: "2026-01-15T10:00:00Z", amount: 120, key: "order-1" },
   *   { memberId: "bob", type: "earn", at: "2026-01-16T10:00:00Z", amount: 40 },
   *   { memberId: "ada", type: "burn", at: "2026-02-01T10:00:00Z", amount: 50 },
   *   { memberId: "ada", type: "earn", at: "2026-01-15T10:00:00Z", amount: 120, key: "order-1" },
   * ]);
   * batch.entries.map((e) => [e.memberId, e.type, e.amount])
   * //=> [["ada", "earn", 120], ["bob", "earn", 40], ["ada", "burn", -50], ["ada", "earn", 120]]
   * batch.offsets //=> [0, 1, 2, 3, 4]
   * ledger.balance(batch.states.get("ada")!, "2026-02-01T10:00:00Z").available //=> 70
   * states.get("ada")!.total //=> 0
   *
   * // a failing command throws, naming it; with onError "skip" it is listed and the batch goes on
   * ledger.applyBatch(states, [{ memberId: "ada", type: "burn", at: "2026-01-15T10:00:00Z", amount: 5 }]) //=> throws OpsbookError
   * ledger.applyBatch(states, [{ memberId: "ada", type: "burn", at: "2026-01-15T10:00:00Z", amount: 5 }], { onError: "skip" }).rejected[0]?.path
   * //=> ["commands", 0, "amount"]
   * ```
   */
  applyBatch(
    states: ReadonlyMap<string, MemberLedger>,
    commands: readonly LedgerBatchCommand[],
    options?: LedgerBatchOptions,
  ): LedgerBatchResult;
  /** Balance at an instant at or after the last command (expiry by date is counted even if not yet run). */
  balance(state: MemberLedger, at: TimestampInput): LedgerBalance;
  /** The member's lots, oldest first. */
  lots(state: MemberLedger): LedgerLot[];
  /** Points that expire after `at` and no later than `at + within` (ISO duration or milliseconds). */
  expiringSoon(state: MemberLedger, at: TimestampInput, within: string | number): ExpiringPoints[];
}

interface Command {
  type: LedgerCommand["type"];
  at: number;
  amount: number;
  entry: number;
  key: string | undefined;
  reference: string | undefined;
}

const TYPES = new Set(["earn", "burn", "adjust", "reverse", "expire"]);

/** Whether `key` is a field of a command of this type (`memberId` only in a batch). */
function allowedField(type: string, key: string, batch: boolean): boolean {
  switch (key) {
    case "memberId":
      return batch;
    case "type":
    case "at":
    case "key":
      return true;
    case "amount":
    case "reference":
      return type !== "expire";
    case "entry":
      return type === "reverse";
    default:
      return false;
  }
}

/**
 * A failed command inside a batch that skips failures: what its OpsbookError would say, without
 * the error. Building an Error captures a stack, which costs more than the command itself, and a
 * skipped command's error is never thrown to the caller — only its code, path and message are kept.
 */
class CommandFailure {
  constructor(
    readonly code: OpsbookErrorCode,
    readonly message: string,
    readonly path: (string | number)[],
  ) {}
}

// Set only while a batch with `onError: "skip"` runs (synchronously; reset in its `finally`).
let failQuietly = false;

function fail(code: OpsbookErrorCode, path: (string | number)[], message: string): never {
  const where = path.length > 0 ? `command.${path.join(".")}` : "command";
  if (failQuietly) throw new CommandFailure(code, `${where}: ${message}`, ["command", ...path]);
  throw new OpsbookError(code, `${where}: ${message}`, ["command", ...path]);
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

/**
 * Checks a command with a tight loop (zod per command would dominate the hot path) and writes it to
 * `into`, a record the ledger reuses from command to command rather than allocating one each time.
 */
function readCommand(raw: LedgerCommand, into: Command, batch = false): Command {
  if (raw === null || typeof raw !== "object") fail("invalid_input", [], "expected an object");
  const type = raw.type;
  if (!TYPES.has(type)) {
    fail(
      "invalid_input",
      ["type"],
      `expected one of earn, burn, adjust, reverse, expire, received ${JSON.stringify(type)}`,
    );
  }
  for (const key in raw) {
    if (!allowedField(type, key, batch))
      fail("invalid_input", [key], `unknown field for a ${type} command`);
  }
  const r = raw as Record<string, unknown>;
  const at =
    typeof r.at === "number" && Number.isFinite(r.at)
      ? r.at
      : toEpochMs(r.at as TimestampInput, ["command", "at"]);
  let amount = 0;
  let entry = 0;
  if (type === "earn" || type === "burn") {
    if (!isInt(r.amount) || r.amount <= 0)
      fail("out_of_range", ["amount"], `expected a positive integer, received ${String(r.amount)}`);
    amount = r.amount;
  } else if (type === "adjust") {
    if (!isInt(r.amount) || r.amount === 0)
      fail("out_of_range", ["amount"], `expected a non-zero integer, received ${String(r.amount)}`);
    amount = r.amount;
  } else if (type === "reverse") {
    if (!isInt(r.entry) || r.entry <= 0)
      fail("invalid_input", ["entry"], `expected an entry id, received ${String(r.entry)}`);
    entry = r.entry;
    if (r.amount !== undefined) {
      if (!isInt(r.amount) || r.amount <= 0)
        fail(
          "out_of_range",
          ["amount"],
          `expected a positive integer, received ${String(r.amount)}`,
        );
      amount = r.amount;
    }
  }
  if (r.key !== undefined && (typeof r.key !== "string" || r.key === ""))
    fail("invalid_input", ["key"], "expected a non-empty string");
  if (r.reference !== undefined && typeof r.reference !== "string")
    fail("invalid_input", ["reference"], "expected a string");
  into.type = type;
  into.at = at;
  into.amount = amount;
  into.entry = entry;
  into.key = r.key as string | undefined;
  into.reference = r.reference as string | undefined;
  return into;
}

/**
 * A copy of the idempotency keys with one more. A prototype-less dictionary: keys are arbitrary
 * strings, and object literals with per-member property names would each grow a new hidden class.
 */
function withKey(
  keys: MemberLedger["keys"],
  key: string,
  record: { fingerprint: string; entries: LedgerEntry[] },
): MemberLedger["keys"] {
  const next: MemberLedger["keys"] = Object.create(null);
  for (const k in keys) next[k] = keys[k] as { fingerprint: string; entries: LedgerEntry[] };
  next[key] = record;
  return next;
}

/** The payload of a command as text, to tell a replay from a different command under the same key. */
function payloadOf(c: Command): string {
  return `${c.type}|${c.at}|${c.amount}|${c.entry}|${c.reference === undefined ? "" : JSON.stringify(c.reference)}`;
}

/** A member's private copy during a batch, and which of its lists the copy already owns. */
interface BatchMember {
  state: MemberLedger;
  lots: boolean;
  burns: boolean;
  keys: boolean;
}

/** The path of an error of a command, as the path of `commands[k]`'s. */
function rebasePath(path: (string | number)[], k: number): (string | number)[] {
  return path[0] === "command" ? ["commands", k, ...path.slice(1)] : ["commands", k, ...path];
}

/** The message of an error of a command, naming `commands[k]` where it names `command`. */
function rebaseMessage(message: string, k: number): string {
  return message.replace(/(?<![\w.\]])command(?=[.:[])/g, `commands[${k}]`);
}

/** An error of `commands[k]`: the same error with its path and message under `commands[k]`. */
function inBatch(error: OpsbookError, k: number): OpsbookError {
  return new OpsbookError(error.code, rebaseMessage(error.message, k), rebasePath(error.path, k), {
    issues: error.issues.map((issue) => ({
      ...issue,
      path: rebasePath(issue.path, k),
      message: rebaseMessage(issue.message, k),
    })),
    cause: error,
  });
}

/** Layout of a lot in `MemberLedger.lots`. */
const LOT = 7;
const ID = 0;
const EARNED = 1;
const ACTIVATES = 2;
const EXPIRES = 3;
const AMOUNT = 4;
const REMAINING = 5;
const REVERSED = 6;
/** Expiry of a lot that never expires by date: the largest epoch millisecond a `Date` accepts. */
const NEVER = 8.64e15;

/**
 * Creates a points ledger: earn, burn, adjust, reverse and expire, on integer points held in lots
 * with expiry dates. Event-sourced and pure: `apply(state, command)` returns `{ state, entries }`
 * and never changes its input, so storage is the caller's choice; state is per member, so a
 * command costs time in proportion to that member's lots, not to the size of the programme.
 *
 * Policies (see {@link ledgerPolicySchema}): `burnOrder` `earliest-expiry` (default, as Talon.One),
 * `earliest-earned` or `latest-earned`; expiry `none`, `rolling` (optionally rounded to the end
 * of a month, quarter or year), `fixed-date` or `inactivity` (Smile.io: the whole balance, any
 * earn or burn restarts the clock); `pendingFor` (points activate after a delay, as Talon.One's
 * pending points); `returnPolicy` of reversals — `only-pending` takes back only points not yet
 * active, `within-balance` (default) takes back from the lot and then the rest of the balance
 * but never below zero, `unlimited` takes it all and flags a negative balance; `allowNegative`
 * lets burns overdraw (otherwise `out_of_range`). A command with an idempotency `key` that was
 * seen before returns the original entries and changes nothing; the same key with another payload
 * throws `conflict`. Every command first expires what is due, so expiry is re-runnable: an
 * `expire` command at the same instant twice produces entries once.
 *
 * @param policy - Ledger policies (validated).
 * @returns The ledger.
 * @category Ledger
 * @since 0.1.0
 * @example
 * ```ts
 * import { createLedger } from "@opsbook/growth";
 *
 * const ledger = createLedger({ expiry: { type: "rolling", duration: "P12M" } });
 * let state = ledger.open("ada");
 * state = ledger.apply(state, { type: "earn", at: "2026-01-15T10:00:00Z", amount: 120, key: "order-1" }).state;
 * const burn = ledger.apply(state, { type: "burn", at: "2026-02-01T10:00:00Z", amount: 50 });
 * burn.entries.map((e) => [e.type, e.amount]) //=> [["burn", -50]]
 * ledger.balance(burn.state, "2026-02-01T10:00:00Z") //=> { available: 70, pending: 0, deficit: 0 }
 * ledger.apply(burn.state, { type: "expire", at: "2027-01-15T10:00:00Z" }).entries[0]?.amount //=> -70
 *
 * // replaying a key changes nothing; a different payload under it is a conflict
 * ledger.apply(state, { type: "earn", at: "2026-01-15T10:00:00Z", amount: 120, key: "order-1" }).state === state //=> true
 * ledger.apply(state, { type: "earn", at: "2026-01-15T10:00:00Z", amount: 999, key: "order-1" }) //=> throws OpsbookError
 * ledger.apply(state, { type: "burn", at: "2026-02-01T10:00:00Z", amount: 500 }) //=> throws OpsbookError
 * ```
 */
export function createLedger(policy: LedgerPolicyInput = {}): Ledger {
  const p = validate(ledgerPolicySchema, policy, { label: "ledger policy" });
  const zone = p.timeZone;
  const pending: CalendarStep | undefined = p.pendingFor ? calendarStep(p.pendingFor) : undefined;
  const expiry = p.expiry;
  const step =
    expiry.type === "rolling" || expiry.type === "inactivity"
      ? calendarStep(expiry.duration)
      : undefined;
  // The command being applied (one command runs at a time).
  const scratch: Command = {
    type: "earn",
    at: 0,
    amount: 0,
    entry: 0,
    key: undefined,
    reference: undefined,
  };
  // Whether the current command already copied `lots` and `burns` (one command runs at a time):
  // arrays are copied on first write, so a command that does not touch them shares them.
  let lotsCopied = false;
  let burnsCopied = false;
  // In a batch that skips failing commands: the lots the sweep emptied (offset, points), to undo a
  // command that fails after its sweep (every other write of a command follows its last check).
  let sweepLog: number[] | null = null;
  const writableLots = (d: MemberLedger): number[] => {
    if (!lotsCopied) {
      d.lots = d.lots.slice();
      lotsCopied = true;
    }
    return d.lots;
  };

  // Rounded and fixed-date expiries depend only on the local day of activation: memoise the last one.
  const byDay =
    (expiry.type === "rolling" && expiry.roundTo !== undefined && step?.ms === 0) ||
    expiry.type === "fixed-date";
  let memoDay = Number.NaN;
  let memoExpiry = NEVER;
  const computeExpiry = (activatesAt: number): number => {
    if (expiry.type === "rolling") {
      const t = addStep(activatesAt, step as CalendarStep, zone);
      return expiry.roundTo ? endOfPeriod(t, expiry.roundTo, zone) : t;
    }
    if (expiry.type === "fixed-date") {
      return nextFixedDate(activatesAt, expiry.month, expiry.day, expiry.yearsAfter, zone);
    }
    return NEVER;
  };
  const expiresAtOf = (activatesAt: number): number => {
    if (!byDay) return computeExpiry(activatesAt);
    const day = localDayNumber(activatesAt, zone);
    if (day !== memoDay) {
      memoExpiry = computeExpiry(activatesAt);
      memoDay = day;
    }
    return memoExpiry;
  };
  const deadlineOf = (s: MemberLedger): number | null =>
    expiry.type === "inactivity" && s.lastActivityAt !== null
      ? addStep(s.lastActivityAt, step as CalendarStep, zone)
      : null;

  // The lots hold `total + deficit` points (conservation), so this needs no pass over the lots.
  const hasPoints = (s: MemberLedger) => s.total + s.deficit > 0;

  const recomputeCheck = (d: MemberLedger) => {
    if (expiry.type === "inactivity") {
      d.checkAt = hasPoints(d) ? deadlineOf(d) : null;
      return;
    }
    let next = NEVER;
    const lots = d.lots;
    for (let b = 0; b < lots.length; b += LOT) {
      if ((lots[b + REMAINING] as number) > 0 && (lots[b + EXPIRES] as number) < next)
        next = lots[b + EXPIRES] as number;
    }
    d.checkAt = next === NEVER ? null : next;
  };

  const lowerCheck = (d: MemberLedger, expiresAt: number) => {
    if (expiresAt !== NEVER && (d.checkAt === null || expiresAt < d.checkAt)) d.checkAt = expiresAt;
  };

  const sweep = (d: MemberLedger, at: number, entries: LedgerEntry[], floorAt: number) => {
    if (d.checkAt === null || at < d.checkAt) return;
    const lots = writableLots(d);
    const due: number[] = [];
    let deadline = 0;
    if (expiry.type === "inactivity") {
      deadline = deadlineOf(d) as number;
      if (at >= deadline)
        for (let b = 0; b < lots.length; b += LOT)
          if ((lots[b + REMAINING] as number) > 0) due.push(b);
    } else {
      for (let b = 0; b < lots.length; b += LOT) {
        if ((lots[b + REMAINING] as number) > 0 && (lots[b + EXPIRES] as number) <= at) due.push(b);
      }
      if (due.length > 1)
        due.sort((x, y) => (lots[x + EXPIRES] as number) - (lots[y + EXPIRES] as number) || x - y);
    }
    for (const b of due) {
      const remaining = lots[b + REMAINING] as number;
      const when = expiry.type === "inactivity" ? deadline : (lots[b + EXPIRES] as number);
      sweepLog?.push(b, remaining);
      lots[b + REMAINING] = 0;
      d.total -= remaining;
      d.seq += 1;
      entries.push({
        id: d.seq,
        memberId: d.memberId,
        type: "expire",
        at: Math.max(when, floorAt),
        amount: -remaining,
        lots: [{ lot: lots[b + ID] as number, amount: -remaining }],
      });
    }
    recomputeCheck(d);
  };

  const expiryOrdered = (lots: number[], order: number[]): boolean => {
    let previous = Number.NEGATIVE_INFINITY;
    for (const b of order) {
      const e = lots[b + EXPIRES] as number;
      if (e < previous) return false;
      previous = e;
    }
    return true;
  };

  /** Offsets of the lots spendable at `at`, in burn order. */
  const spendable = (lots: number[], at: number, skip = -1): number[] => {
    const out: number[] = [];
    for (let b = 0; b < lots.length; b += LOT) {
      if (
        b !== skip &&
        (lots[b + REMAINING] as number) > 0 &&
        (lots[b + ACTIVATES] as number) <= at &&
        (lots[b + EXPIRES] as number) > at
      ) {
        out.push(b);
      }
    }
    if (p.burnOrder === "latest-earned") out.reverse();
    else if (p.burnOrder === "earliest-expiry" && out.length > 1 && !expiryOrdered(lots, out)) {
      out.sort((x, y) => (lots[x + EXPIRES] as number) - (lots[y + EXPIRES] as number) || x - y);
    }
    return out;
  };

  /** Takes up to `wanted` points from the lots at `order`; returns how many it took. */
  const take = (
    lots: number[],
    order: number[],
    wanted: number,
    taken: { lot: number; amount: number }[],
    pairs?: number[],
  ): number => {
    let left = wanted;
    for (const b of order) {
      if (left === 0) break;
      const remaining = lots[b + REMAINING] as number;
      const n = Math.min(remaining, left);
      if (n === 0) continue;
      lots[b + REMAINING] = remaining - n;
      taken.push({ lot: lots[b + ID] as number, amount: -n });
      pairs?.push(lots[b + ID] as number, n);
      left -= n;
    }
    return wanted - left;
  };

  const credit = (
    d: MemberLedger,
    c: Command,
    type: "earn" | "adjust",
    amount: number,
    entries: LedgerEntry[],
  ) => {
    const activatesAt = type === "earn" && pending ? addStep(c.at, pending, zone) : c.at;
    const expiresAt = expiresAtOf(activatesAt);
    d.seq += 1;
    const cover = Math.min(d.deficit, amount);
    d.deficit -= cover;
    if (lotsCopied) d.lots.push(d.seq, c.at, activatesAt, expiresAt, amount, amount - cover, 0);
    else {
      // concat allocates the exact length once, with no growth slack kept alive in the state.
      d.lots = d.lots.concat(d.seq, c.at, activatesAt, expiresAt, amount, amount - cover, 0);
      lotsCopied = true;
    }
    d.total += amount;
    d.lifetimeEarned += amount;
    if (type === "earn") d.lastActivityAt = c.at;
    if (expiry.type === "inactivity") {
      if (type === "earn" || d.checkAt === null) d.checkAt = deadlineOf(d);
    } else lowerCheck(d, expiresAt);
    const entry: LedgerEntry = {
      id: d.seq,
      memberId: d.memberId,
      type,
      at: c.at,
      amount,
      lots: [{ lot: d.seq, amount }],
      activatesAt,
      expiresAt: expiresAt === NEVER ? null : expiresAt,
    };
    if (c.reference !== undefined) entry.reference = c.reference;
    entries.push(entry);
  };

  const copyBurns = (d: MemberLedger) => {
    if (!burnsCopied) {
      d.burns = d.burns.slice();
      burnsCopied = true;
    }
  };

  const debit = (
    d: MemberLedger,
    c: Command,
    type: "burn" | "adjust",
    amount: number,
    entries: LedgerEntry[],
  ) => {
    const lots = writableLots(d);
    const order = spendable(lots, c.at);
    let available = -d.deficit;
    // The sweep left no lot expired at `c.at`, and without pending points every lot is active from
    // the command that made it, which came no later: all the points of the lots are spendable.
    if (pending === undefined) available = d.total;
    else for (const b of order) available += lots[b + REMAINING] as number;
    if (type === "burn" && !p.allowNegative && amount > available) {
      fail(
        "out_of_range",
        ["amount"],
        `a burn of ${amount} exceeds the available balance of ${Math.max(available, 0)}`,
      );
    }
    const taken: { lot: number; amount: number }[] = [];
    const pairs: number[] = [];
    d.seq += 1;
    const got = take(lots, order, amount, taken, pairs);
    const shortfall = amount - got;
    // Records and lists of exact length: an array grown by push keeps its spare capacity alive in
    // every state that holds it.
    const record = [d.seq, amount, shortfall, 0].concat(pairs);
    d.deficit += shortfall;
    d.total -= amount;
    if (burnsCopied) d.burns.push(record);
    else {
      d.burns = d.burns.concat([record]);
      burnsCopied = true;
    }
    if (type === "burn") {
      d.lastActivityAt = c.at;
      if (expiry.type === "inactivity") d.checkAt = hasPoints(d) ? deadlineOf(d) : null;
    }
    const entry: LedgerEntry = {
      id: d.seq,
      memberId: d.memberId,
      type,
      at: c.at,
      amount: -amount,
      lots: taken,
    };
    if (c.reference !== undefined) entry.reference = c.reference;
    if (shortfall > 0) entry.negative = true;
    entries.push(entry);
  };

  const findLot = (lots: number[], id: number): number => {
    for (let b = 0; b < lots.length; b += LOT) if (lots[b + ID] === id) return b;
    return -1;
  };

  const reverseEarn = (d: MemberLedger, c: Command, b: number, entries: LedgerEntry[]) => {
    const lots = writableLots(d);
    const reversible = (lots[b + AMOUNT] as number) - (lots[b + REVERSED] as number);
    const requested = checkReversible(c, reversible);
    const taken: { lot: number; amount: number }[] = [];
    let amount = 0;
    let negative = false;
    if (p.returnPolicy === "only-pending") {
      if ((lots[b + ACTIVATES] as number) > c.at) amount = take(lots, [b], requested, taken);
    } else {
      amount = take(lots, [b], requested, taken);
      if (amount < requested)
        amount += take(lots, spendable(lots, c.at, b), requested - amount, taken);
      if (amount < requested && p.returnPolicy === "unlimited") {
        d.deficit += requested - amount;
        amount = requested;
        negative = true;
      }
    }
    lots[b + REVERSED] = (lots[b + REVERSED] as number) + amount;
    d.total -= amount;
    d.seq += 1;
    const entry: LedgerEntry = {
      id: d.seq,
      memberId: d.memberId,
      type: "reverse",
      at: c.at,
      amount: 0 - amount,
      lots: taken,
      reverses: c.entry,
      requested,
    };
    if (c.reference !== undefined) entry.reference = c.reference;
    if (negative) entry.negative = true;
    entries.push(entry);
  };

  const reverseBurn = (d: MemberLedger, c: Command, index: number, entries: LedgerEntry[]) => {
    const lots = writableLots(d);
    const record = (d.burns[index] as number[]).slice();
    const requested = checkReversible(c, (record[1] as number) - (record[3] as number));
    const given: { lot: number; amount: number }[] = [];
    let left = requested;
    const fromShortfall = Math.min(left, record[2] as number);
    record[2] = (record[2] as number) - fromShortfall;
    left -= fromShortfall;
    const settle = Math.min(fromShortfall, d.deficit);
    d.deficit -= settle;
    const spare = fromShortfall - settle;
    for (let k = record.length - 2; k >= 4 && left > 0; k -= 2) {
      const n = Math.min(record[k + 1] as number, left);
      if (n === 0) continue;
      const b = findLot(lots, record[k] as number);
      lots[b + REMAINING] = (lots[b + REMAINING] as number) + n;
      lowerCheck(d, lots[b + EXPIRES] as number);
      given.push({ lot: record[k] as number, amount: n });
      record[k + 1] = (record[k + 1] as number) - n;
      left -= n;
    }
    const amount = requested - left;
    record[3] = (record[3] as number) + amount;
    copyBurns(d);
    d.burns[index] = record;
    d.total += amount;
    d.seq += 1;
    if (spare > 0) {
      // Overdrawn points whose debt later earns already settled come back as a new lot.
      const expiresAt = expiresAtOf(c.at);
      lots.push(d.seq, c.at, c.at, expiresAt, spare, spare, spare);
      given.push({ lot: d.seq, amount: spare });
      lowerCheck(d, expiresAt);
    }
    if (expiry.type === "inactivity") d.checkAt = hasPoints(d) ? deadlineOf(d) : null;
    const entry: LedgerEntry = {
      id: d.seq,
      memberId: d.memberId,
      type: "reverse",
      at: c.at,
      amount,
      lots: given,
      reverses: c.entry,
      requested,
    };
    if (c.reference !== undefined) entry.reference = c.reference;
    entries.push(entry);
    // Points given back to a lot that has expired since expire again now.
    sweep(d, c.at, entries, c.at);
  };

  const checkReversible = (c: Command, reversible: number): number => {
    if (reversible === 0) fail("conflict", ["entry"], `entry ${c.entry} is already fully reversed`);
    const requested = c.amount === 0 ? reversible : c.amount;
    if (requested > reversible) {
      fail(
        "out_of_range",
        ["amount"],
        `${requested} exceeds the ${reversible} points of entry ${c.entry} still reversible`,
      );
    }
    return requested;
  };

  const reverse = (d: MemberLedger, c: Command, entries: LedgerEntry[]) => {
    const b = findLot(d.lots, c.entry);
    if (b >= 0) return reverseEarn(d, c, b, entries);
    const index = d.burns.findIndex((burn) => burn[0] === c.entry);
    if (index < 0)
      fail(
        "not_found",
        ["entry"],
        `no earn, adjust or burn entry ${c.entry} for member ${d.memberId}`,
      );
    reverseBurn(d, c, index, entries);
  };

  /** The entries of an earlier command under the same key, or `undefined`; throws on a conflict. */
  const replayOf = (state: MemberLedger, c: Command, print: string): LedgerEntry[] | undefined => {
    const key = c.key as string;
    const seen = Object.hasOwn(state.keys, key) ? state.keys[key] : undefined;
    if (seen === undefined) return undefined;
    if (seen.fingerprint === print) return seen.entries;
    fail("conflict", ["key"], `idempotency key "${key}" was used for a different command`);
  };

  const checkOrder = (state: MemberLedger, c: Command) => {
    if (state.updatedAt !== null && c.at < state.updatedAt) {
      fail(
        "out_of_range",
        ["at"],
        `commands of a member apply in time order; ${new Date(c.at).toISOString()} is before ${new Date(state.updatedAt).toISOString()}`,
      );
    }
  };

  /** A new state object sharing the lists of `state` (copied on first write). */
  const shallowCopy = (state: MemberLedger): MemberLedger => ({
    memberId: state.memberId,
    seq: state.seq,
    updatedAt: state.updatedAt,
    total: state.total,
    deficit: state.deficit,
    lifetimeEarned: state.lifetimeEarned,
    lastActivityAt: state.lastActivityAt,
    checkAt: state.checkAt,
    lots: state.lots,
    burns: state.burns,
    keys: state.keys,
  });

  /** Runs a checked command on `d`, a state this command (or batch) may write to. */
  const execute = (d: MemberLedger, c: Command, entries: LedgerEntry[]) => {
    sweep(d, c.at, entries, Number.NEGATIVE_INFINITY);
    if (c.type === "earn") credit(d, c, "earn", c.amount, entries);
    else if (c.type === "burn") debit(d, c, "burn", c.amount, entries);
    else if (c.type === "adjust") {
      if (c.amount > 0) credit(d, c, "adjust", c.amount, entries);
      else debit(d, c, "adjust", -c.amount, entries);
    } else if (c.type === "reverse") reverse(d, c, entries);
    d.updatedAt = c.at;
  };

  const apply = (state: MemberLedger, command: LedgerCommand): LedgerResult => {
    const c = readCommand(command, scratch);
    let print = "";
    if (c.key !== undefined) {
      print = payloadOf(c);
      const replay = replayOf(state, c, print);
      if (replay !== undefined) return { state, entries: replay };
    }
    checkOrder(state, c);
    lotsCopied = false;
    burnsCopied = false;
    sweepLog = null;
    const d = shallowCopy(state);
    const entries: LedgerEntry[] = [];
    execute(d, c, entries);
    if (c.key !== undefined) {
      for (const entry of entries) entry.key = c.key;
      d.keys = withKey(state.keys, c.key, { fingerprint: print, entries: entries.slice() });
    }
    return { state: d, entries };
  };

  const applyBatch = (
    states: ReadonlyMap<string, MemberLedger>,
    commands: readonly LedgerBatchCommand[],
    options: LedgerBatchOptions = {},
  ): LedgerBatchResult => {
    if (states === null || typeof states !== "object" || typeof states.get !== "function") {
      throw new OpsbookError("invalid_input", "states: expected a Map of member states", [
        "states",
      ]);
    }
    if (!Array.isArray(commands)) {
      throw new OpsbookError("invalid_input", "commands: expected an array", ["commands"]);
    }
    const onError = options?.onError ?? "throw";
    if (onError !== "throw" && onError !== "skip") {
      throw new OpsbookError(
        "invalid_input",
        `options.onError: expected "throw" or "skip", received ${JSON.stringify(onError)}`,
        ["options", "onError"],
      );
    }
    // The members this batch owns a copy of, with which of their lists the copy owns.
    const owned = new Map<string, BatchMember>();
    const entries: LedgerEntry[] = [];
    const offsets: number[] = [0];
    const rejected: LedgerRejection[] = [];
    const log: number[] | null = onError === "skip" ? [] : null;
    // The counters and lists of the member's copy before the current command (reused).
    const saved = shallowCopy(open("saved"));
    failQuietly = onError === "skip";
    try {
      for (let k = 0; k < commands.length; k++) {
        const raw = commands[k] as LedgerBatchCommand;
        let member: BatchMember | undefined;
        let fresh = false;
        // Whether the command reached the member's copy (to undo it if it fails under "skip").
        let started = false;
        const start = entries.length;
        try {
          const c = readCommand(raw, scratch, true);
          const memberId = raw.memberId;
          if (typeof memberId !== "string" || memberId === "")
            fail("invalid_input", ["memberId"], "expected a non-empty string");
          member = owned.get(memberId);
          const state = member?.state ?? stateOf(states, memberId);
          let print = "";
          if (c.key !== undefined) {
            print = payloadOf(c);
            const replay = replayOf(state, c, print);
            if (replay !== undefined) {
              for (const entry of replay) entries.push(entry);
              offsets.push(entries.length);
              continue;
            }
          }
          checkOrder(state, c);
          if (member === undefined) {
            member = { state: shallowCopy(state), lots: false, burns: false, keys: false };
            owned.set(memberId, member);
            fresh = true;
          }
          const d = member.state;
          if (log !== null) {
            saveCounters(saved, d);
            log.length = 0;
            started = true;
          }
          lotsCopied = member.lots;
          burnsCopied = member.burns;
          sweepLog = log;
          execute(d, c, entries);
          member.lots = lotsCopied;
          member.burns = burnsCopied;
          if (c.key !== undefined) {
            for (let i = start; i < entries.length; i++) (entries[i] as LedgerEntry).key = c.key;
            const record = { fingerprint: print, entries: entries.slice(start) };
            if (member.keys) d.keys[c.key] = record;
            else {
              d.keys = withKey(d.keys, c.key, record);
              member.keys = true;
            }
          }
          offsets.push(entries.length);
        } catch (error) {
          sweepLog = null;
          if (!(error instanceof OpsbookError || error instanceof CommandFailure)) throw error;
          if (error instanceof OpsbookError && onError === "throw") throw inBatch(error, k);
          entries.length = start;
          if (member !== undefined && started) restore(member, saved, log as number[]);
          if (fresh && member !== undefined) owned.delete(member.state.memberId);
          // A plain record, not a second error: building an Error (its stack) is the costly part.
          rejected.push({
            index: k,
            code: error.code,
            path: rebasePath(error.path, k),
            message: rebaseMessage(error.message, k),
          });
          offsets.push(entries.length);
        }
      }
    } finally {
      failQuietly = false;
      sweepLog = null;
    }
    const out = new Map<string, MemberLedger>();
    for (const [memberId, member] of owned) out.set(memberId, member.state);
    return { states: out, entries, offsets, rejected };
  };

  /** The state of a member at the start of a batch: the one given, or a new member's. */
  const stateOf = (states: ReadonlyMap<string, MemberLedger>, memberId: string): MemberLedger => {
    const state = states.get(memberId);
    if (state === undefined) return open(memberId);
    if (state.memberId !== memberId) {
      fail(
        "invalid_input",
        ["memberId"],
        `the state given for member "${memberId}" is member "${String(state.memberId)}"'s`,
      );
    }
    return state;
  };

  /**
   * Undoes a failed command on a member's batch copy. A command writes nothing before its last
   * check but its sweep, so restoring the counters, the lists it had before (or their length, for
   * lists the batch already owned) and the lots the sweep emptied gives the state before it.
   */
  const restore = (member: BatchMember, before: MemberLedger, log: number[]) => {
    const d = member.state;
    // Lists the batch already owned were written in place: put back what the sweep emptied.
    if (d.lots === before.lots) {
      for (let i = log.length - 2; i >= 0; i -= 2)
        d.lots[(log[i] as number) + REMAINING] = log[i + 1] as number;
    }
    d.seq = before.seq;
    d.updatedAt = before.updatedAt;
    d.total = before.total;
    d.deficit = before.deficit;
    d.lifetimeEarned = before.lifetimeEarned;
    d.lastActivityAt = before.lastActivityAt;
    d.checkAt = before.checkAt;
    if (d.lots !== before.lots) {
      d.lots = before.lots;
      member.lots = false;
    }
    d.burns = before.burns;
    d.keys = before.keys;
  };

  const saveCounters = (into: MemberLedger, from: MemberLedger) => {
    into.seq = from.seq;
    into.updatedAt = from.updatedAt;
    into.total = from.total;
    into.deficit = from.deficit;
    into.lifetimeEarned = from.lifetimeEarned;
    into.lastActivityAt = from.lastActivityAt;
    into.checkAt = from.checkAt;
    into.lots = from.lots;
    into.burns = from.burns;
    into.keys = from.keys;
  };

  const instant = (value: TimestampInput) =>
    typeof value === "number" ? value : toEpochMs(value, ["at"]);

  const balance = (state: MemberLedger, atInput: TimestampInput): LedgerBalance => {
    const at = instant(atInput);
    const deadline = deadlineOf(state);
    let available = 0;
    let pendingPoints = 0;
    if (deadline === null || at < deadline) {
      if (
        pending === undefined &&
        state.updatedAt !== null &&
        at >= state.updatedAt &&
        (state.checkAt === null || at < state.checkAt)
      ) {
        // Nothing expires before `checkAt`, and without pending points every lot is active from
        // the command that made it: all `total + deficit` points of the lots are available.
        return { available: state.total, pending: 0, deficit: state.deficit };
      }
      const lots = state.lots;
      for (let b = 0; b < lots.length; b += LOT) {
        const remaining = lots[b + REMAINING] as number;
        if (remaining === 0 || (lots[b + EXPIRES] as number) <= at) continue;
        if ((lots[b + ACTIVATES] as number) > at) pendingPoints += remaining;
        else available += remaining;
      }
    }
    return { available: available - state.deficit, pending: pendingPoints, deficit: state.deficit };
  };

  const lotsOf = (state: MemberLedger): LedgerLot[] => {
    const out: LedgerLot[] = [];
    const lots = state.lots;
    for (let b = 0; b < lots.length; b += LOT) {
      const expiresAt = lots[b + EXPIRES] as number;
      out.push({
        id: lots[b + ID] as number,
        earnedAt: lots[b + EARNED] as number,
        activatesAt: lots[b + ACTIVATES] as number,
        expiresAt: expiresAt === NEVER ? null : expiresAt,
        amount: lots[b + AMOUNT] as number,
        remaining: lots[b + REMAINING] as number,
        reversed: lots[b + REVERSED] as number,
      });
    }
    return out;
  };

  const expiringSoon = (
    state: MemberLedger,
    atInput: TimestampInput,
    within: string | number,
  ): ExpiringPoints[] => {
    const at = instant(atInput);
    const end = typeof within === "number" ? at + within : addStep(at, calendarStep(within), zone);
    const byInstant = new Map<number, number>();
    const deadline = deadlineOf(state);
    const lots = state.lots;
    for (let b = 0; b < lots.length; b += LOT) {
      const remaining = lots[b + REMAINING] as number;
      if (remaining === 0) continue;
      const when = expiry.type === "inactivity" ? deadline : (lots[b + EXPIRES] as number);
      if (when === null || when === NEVER || when <= at || when > end) continue;
      byInstant.set(when, (byInstant.get(when) ?? 0) + remaining);
    }
    return [...byInstant]
      .sort((x, y) => x[0] - y[0])
      .map(([expiresAt, points]) => ({ expiresAt, points }));
  };

  const open = (memberId: string): MemberLedger => {
    if (typeof memberId !== "string" || memberId === "") {
      throw new OpsbookError("invalid_input", "memberId: expected a non-empty string", [
        "memberId",
      ]);
    }
    return {
      memberId,
      seq: 0,
      updatedAt: null,
      total: 0,
      deficit: 0,
      lifetimeEarned: 0,
      lastActivityAt: null,
      checkAt: null,
      lots: [],
      burns: [],
      keys: {},
    };
  };

  return { policy: p, open, apply, applyBatch, balance, lots: lotsOf, expiringSoon };
}
