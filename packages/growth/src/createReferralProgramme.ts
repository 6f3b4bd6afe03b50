import { createRng, durationToMs, type TimestampInput, toEpochMs, validate } from "@opsbook/core";
import {
  assessRisk,
  compileFraudRules,
  type ReferralRiskInput,
  type RiskAssessment,
} from "./assessReferralRisk.ts";
import { attributeReferral, type ReferralTouch } from "./attributeReferral.ts";
import {
  createLedger,
  type Ledger,
  type LedgerBalance,
  type LedgerEntry,
  type MemberLedger,
} from "./ledger.ts";
import { normalizeEmail } from "./normalizeEmail.ts";
import { drawReferralCode, normalizeReferralCode } from "./referralCodes.ts";
import {
  type ReferralProgrammeConfig,
  type ReferralProgrammeConfigInput,
  type ReferralReward,
  referralProgrammeSchema,
} from "./referralSchemas.ts";

/**
 * Identity signals of a participant, used by the anti-fraud checks.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralIdentity {
  email?: string;
  deviceId?: string;
  ipAddress?: string;
  paymentFingerprint?: string;
}

/**
 * An event of a referral programme. `code` issues a referral code to a referrer (generated when
 * `code` is absent); `signup` is a referee's conversion, carrying the typed `code` or the
 * `touches` to attribute; `purchase` and `event` are the referee's qualifying actions; `refund`
 * refunds an order (clawback); `review` approves or rejects a referral held for review.
 * `programme`, when present, must be the programme's `id`.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export type ReferralEvent =
  | {
      type: "code";
      at: TimestampInput;
      referrerId: string;
      code?: string;
      identity?: ReferralIdentity;
      startsAt?: TimestampInput;
      expiresAt?: TimestampInput;
      maxUses?: number;
      programme?: string;
    }
  | {
      type: "signup";
      at: TimestampInput;
      refereeId: string;
      code?: string;
      touches?: ReferralTouch[];
      identity?: ReferralIdentity;
      existingCustomer?: boolean;
      programme?: string;
    }
  | {
      type: "purchase";
      at: TimestampInput;
      refereeId: string;
      orderId: string;
      amount?: number;
      programme?: string;
    }
  | { type: "event"; at: TimestampInput; refereeId: string; name: string; programme?: string }
  | { type: "refund"; at: TimestampInput; orderId: string; programme?: string }
  | {
      type: "review";
      at: TimestampInput;
      refereeId: string;
      decision: "approve" | "reject";
      programme?: string;
    };

/**
 * Why an event was rejected. Each has its Talon.One equivalent where one exists
 * ({@link referralRejectionReasons}).
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export type ReferralRejectionReason =
  | "invalid_event"
  | "unknown_programme"
  | "programme_not_running"
  | "malformed_code"
  | "unknown_code"
  | "code_not_started"
  | "code_expired"
  | "code_usage_limit"
  | "duplicate_code"
  | "no_touch"
  | "outside_window"
  | "self_referral"
  | "already_referred"
  | "fraud_rejected"
  | "not_referred"
  | "referral_rejected"
  | "duplicate_order"
  | "unknown_order"
  | "not_held";

/**
 * Every rejection reason with its Talon.One referral rejection reason (`null` where Talon.One has
 * none) and a description.
 *
 * @category Referral programmes
 * @since 0.1.0
 * @example
 * ```ts
 * import { referralRejectionReasons } from "@opsbook/growth";
 *
 * referralRejectionReasons.code_expired.talonOne //=> "ReferralExpired"
 * referralRejectionReasons.self_referral.talonOne //=> "ReferralRecipientIdSameAsAdvocate"
 * ```
 */
export const referralRejectionReasons: Readonly<
  Record<ReferralRejectionReason, { talonOne: string | null; description: string }>
> = Object.freeze({
  invalid_event: { talonOne: null, description: "the event is not well formed" },
  unknown_programme: { talonOne: null, description: "the event names another programme" },
  programme_not_running: {
    talonOne: "ReferralPartOfNotRunningCampaign",
    description: "the programme has not started or has ended",
  },
  malformed_code: { talonOne: "ReferralNotFound", description: "the code is malformed" },
  unknown_code: { talonOne: "ReferralNotFound", description: "no such code in the programme" },
  code_not_started: {
    talonOne: "ReferralStartDateInFuture",
    description: "the code is not valid yet",
  },
  code_expired: { talonOne: "ReferralExpired", description: "the code has expired" },
  code_usage_limit: {
    talonOne: "ReferralLimitReached",
    description: "the code's usage limit is reached",
  },
  duplicate_code: { talonOne: null, description: "the code belongs to another referrer" },
  no_touch: { talonOne: null, description: "no referral touch before the conversion" },
  outside_window: {
    talonOne: null,
    description: "every touch is older than the attribution window",
  },
  self_referral: {
    talonOne: "ReferralRecipientIdSameAsAdvocate",
    description: "the referee is the referrer",
  },
  already_referred: {
    talonOne: "ReferralCustomerAlreadyReferred",
    description: "the referee was already referred",
  },
  fraud_rejected: {
    talonOne: "ReferralRejectedByCondition",
    description: "the anti-fraud checks rejected the referral",
  },
  not_referred: { talonOne: null, description: "the user was not referred in this programme" },
  referral_rejected: { talonOne: null, description: "the user's referral was rejected" },
  duplicate_order: { talonOne: null, description: "the order was already recorded" },
  unknown_order: { talonOne: null, description: "no such order of a referred user" },
  not_held: { talonOne: null, description: "the referral is not held for review" },
});

/**
 * A reward granted (or held) by an event: the reward record `id`, the `memberId` paid, its `role`,
 * the `rule` (a reward id or `milestone:<n>`), the `points` granted and the `requested` points
 * before caps (`capped` says which cap cut it), `status` `posted` (in the ledger, as earn `entry`)
 * or `held` (waiting for review).
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface RewardGrant {
  id: number;
  memberId: string;
  role: "referrer" | "referee";
  rule: string;
  points: number;
  requested: number;
  capped?: "referrer_cap" | "budget";
  status: "posted" | "held";
  entry?: number;
}

/**
 * A clawback of one reward after a refund: `requested` is what was still granted, `points` what the
 * ledger took back and `unrecovered` what the member had already spent (never more than granted).
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface Clawback {
  id: number;
  memberId: string;
  requested: number;
  points: number;
  unrecovered: number;
}

/**
 * The outcome of one event — a value, never an exception, so no event is lost. `accepted` and
 * `held` list the `grants` and `clawbacks` it caused and the ledger `entries` it wrote; `rejected`
 * gives the `reason`, its Talon.One name and the event itself.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export type ReferralOutcome =
  | {
      status: "accepted" | "held";
      type: ReferralEvent["type"];
      referrerId?: string;
      refereeId?: string;
      code?: string;
      risk?: RiskAssessment;
      grants: RewardGrant[];
      clawbacks: Clawback[];
      entries: LedgerEntry[];
    }
  | {
      status: "rejected";
      type: string | null;
      reason: ReferralRejectionReason;
      talonOne: string | null;
      message: string;
      risk?: RiskAssessment;
      event: unknown;
    };

/**
 * A referral code as stored: owner, validity and uses.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralCodeRecord {
  code: string;
  referrerId: string;
  startsAt: number;
  expiresAt: number | null;
  maxUses: number;
  uses: number;
}

/**
 * A referral as stored.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralRecord {
  refereeId: string;
  referrerId: string;
  code: string;
  at: number;
  status: "approved" | "held" | "rejected";
  score: number;
  reasons: string[];
  qualified: boolean;
  purchases: number;
  refunded: boolean;
}

/**
 * A reward as stored: its grant and what was clawed back.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface RewardRecord {
  id: number;
  memberId: string;
  role: "referrer" | "referee";
  rule: string;
  refereeId: string;
  orderId: string | null;
  at: number;
  requested: number;
  points: number;
  status: "posted" | "held" | "cancelled";
  entry: number | null;
  clawedBack: number;
  unrecovered: number;
}

/**
 * Totals of a programme: referrals by status, and points granted, clawed back and net by role.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralSummary {
  codes: number;
  referrals: { approved: number; held: number; rejected: number };
  rejectedEvents: number;
  points: {
    granted: number;
    clawedBack: number;
    unrecovered: number;
    net: number;
    referrer: number;
    referee: number;
    milestone: number;
    held: number;
  };
  budgetUsed: number;
}

/**
 * A JSON-safe copy of a programme's state: codes, referrals, rewards, member ledgers.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralProgrammeState {
  codes: ReferralCodeRecord[];
  referrals: ReferralRecord[];
  rewards: RewardRecord[];
  ledgers: MemberLedger[];
  summary: ReferralSummary;
}

/**
 * A running referral programme (see {@link createReferralProgramme}).
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralProgramme {
  readonly config: ReferralProgrammeConfig;
  /** The points ledger that pays the rewards. */
  readonly ledger: Ledger;
  /** Processes one event; never throws for bad events (see {@link ReferralOutcome}). */
  process(event: ReferralEvent): ReferralOutcome;
  /** The referral of a referee. */
  referral(refereeId: string): ReferralRecord | undefined;
  /** A member's ledger state, if the member was ever paid. */
  memberLedger(memberId: string): MemberLedger | undefined;
  /** A member's balance at an instant (zero when never paid). */
  balance(memberId: string, at: TimestampInput): LedgerBalance;
  /** Net points granted to each member (granted minus clawed back), sorted by member id. */
  memberPoints(): Record<string, number>;
  summary(): ReferralSummary;
  /** A JSON-safe copy of the whole state. */
  state(): ReferralProgrammeState;
  /** The reward records, in grant order: a live, read-only view (copy it, or use `state()`, to keep). */
  rewards(): readonly Readonly<RewardRecord>[];
  /** The referrals, in signup order: a live, read-only view. */
  referrals(): IterableIterator<Readonly<ReferralRecord>>;
  /** The members paid through the ledger. */
  members(): string[];
}

/**
 * Options of {@link createReferralProgramme}: `postToLedger` (default `true`) pays rewards through
 * the ledger; `false` only decides and records them (grants and clawbacks still say how many
 * points), for a caller that posts to its own ledger, or for simulations.
 *
 * @category Referral programmes
 * @since 0.1.0
 */
export interface ReferralProgrammeOptions {
  postToLedger?: boolean;
}

interface ReferrerRecord {
  id: string;
  identity: ReferralIdentity;
  /** The referrer's e-mail, normalised once. */
  emailKey: string | null;
  referralTimes: number[];
  /** Referees rewarded so far, kept only under a per-referrer referral cap (made on first use). */
  rewardedReferees: Set<string> | null;
  points: number;
  qualified: number;
  customers: number;
  refundedCustomers: number;
}

interface OrderRecord {
  refereeId: string;
  at: number;
  rewards: number[];
  refunded: boolean;
}

interface Internal extends ReferralRecord {
  heldRewards: number[];
}

const str = (v: unknown): v is string => typeof v === "string" && v !== "";

/**
 * Creates a referral programme from its configuration ({@link referralProgrammeSchema}) — codes,
 * attribution, double- or single-sided rewards per qualifying action, milestones, per-referrer caps
 * and a programme budget, anti-fraud with approve / hold / reject, and clawback — paying rewards
 * through a points ledger of growth I (`createLedger`), with `pendingFor` as the ledger's pending
 * period so rewards stay pending until the qualifying transaction is final.
 *
 * Semantics:
 * - Referrer-side rewards go to a referrer's first `caps.perReferrer.referrals` rewarded referees
 *   (Dropbox: 32) and up to `caps.perReferrer.points`; the referee's side is not limited by the
 *   referrer's cap. `caps.budget.points` bounds the points of the whole programme. With
 *   `capMode: "partial"` a reward that does not fit is cut to what is left. A clawback returns its
 *   points to the cap and the budget.
 * - A referral held for review earns nothing until a `review` approves it (its rewards are then
 *   granted under the caps of that moment); rejected, its held rewards are cancelled.
 * - A refund claws back exactly the rewards linked to the order (its purchase rewards, both sides)
 *   with ledger `reverse` commands of their earn entries — never more than was granted; what the
 *   member already spent is reported as `unrecovered` (ledger `returnPolicy`).
 * - Milestones pay the referrer once when its count of approved, qualified referrals reaches
 *   `referrals` (qualification: `qualifyingAction`).
 * - The ledger applies a member's commands in time order: an event older than a member's last
 *   ledger command is posted at that last instant.
 *
 * The programme keeps its state inside (programme-wide caps, velocity windows and fingerprint
 * indexes would make a copy per event cost in proportion to the programme); `state()` returns a
 * JSON-safe copy, and replaying the stored events rebuilds it.
 *
 * @param config - The programme (validated; an invalid config throws `OpsbookError` naming the field).
 * @param options - See {@link ReferralProgrammeOptions}.
 * @returns The programme.
 * @category Referral programmes
 * @since 0.1.0
 * @example
 * ```ts
 * import { createReferralProgramme } from "@opsbook/growth";
 *
 * const programme = createReferralProgramme({
 *   id: "space-race",
 *   rewards: [{ id: "space", action: "signup", referrer: 500, referee: 500 }],
 *   caps: { perReferrer: { referrals: 32 } },
 * });
 * programme.process({ type: "code", at: "2026-01-05T09:00:00Z", referrerId: "ada", code: "ADA00001", identity: { email: "ada@example.com" } }).status //=> "accepted"
 * const signup = programme.process({ type: "signup", at: "2026-01-06T09:00:00Z", refereeId: "bob", code: "ada-00001", identity: { email: "bob@example.com" } });
 * signup.status === "accepted" && signup.grants.map((g) => [g.memberId, g.points]) //=> [["ada", 500], ["bob", 500]]
 * programme.balance("ada", "2026-01-06T09:00:00Z").available //=> 500
 * const late = programme.process({ type: "signup", at: "2026-01-07T09:00:00Z", refereeId: "cy", code: "NOPE0000" });
 * late.status === "rejected" && late.reason //=> "unknown_code"
 * createReferralProgramme({ id: "x", rewards: [{ id: "r", action: "signup", referrer: -1 }] }) //=> throws OpsbookError
 * ```
 */
export function createReferralProgramme(
  config: ReferralProgrammeConfigInput,
  options: ReferralProgrammeOptions = {},
): ReferralProgramme {
  const c = validate(referralProgrammeSchema, config, { label: "referral programme" });
  const post = options.postToLedger !== false;
  const ledger = createLedger({
    ...c.ledger,
    timeZone: c.ledger.timeZone ?? c.timeZone,
    ...(c.pendingFor !== undefined ? { pendingFor: c.pendingFor } : {}),
  });
  const fraud = compileFraudRules(c.fraud);
  const checkFingerprints = c.fraud.sharedFingerprint !== false;
  const checkSelfReferral = c.fraud.selfReferral !== false;
  const checkVelocity = c.fraud.velocity !== false;
  const refundOnly = compileFraudRules({
    ...c.fraud,
    selfReferral: false,
    sharedFingerprint: false,
    velocity: false,
    disposableEmail: false,
    existingCustomer: false,
  });
  const validForMs = c.codes.validFor !== undefined ? durationToMs(c.codes.validFor) : null;
  const rng = createRng(c.codes.seed ?? c.id);
  const referrerCap = c.caps.perReferrer?.points;
  const referralCap = c.caps.perReferrer?.referrals;
  const budget = c.caps.budget?.points;
  const partial = c.capMode === "partial";
  const milestones = [...c.milestones].sort((a, b) => a.referrals - b.referrals);
  const signupRewards = c.rewards.filter((r) => r.action === "signup");
  const eventRewards = new Map<string, ReferralReward[]>();
  for (const r of c.rewards) {
    if (r.action !== "event") continue;
    const list = eventRewards.get(r.event as string) ?? [];
    list.push(r);
    eventRewards.set(r.event as string, list);
  }
  const firstPurchase = c.rewards.filter((r) => r.action === "first-purchase");
  const everyPurchase = c.rewards.filter((r) => r.action === "every-purchase");

  const codes = new Map<string, ReferralCodeRecord>();
  const referrers = new Map<string, ReferrerRecord>();
  const referrals = new Map<string, Internal>();
  const orders = new Map<string, OrderRecord>();
  const rewards: RewardRecord[] = [];
  const ledgers = new Map<string, MemberLedger>();
  let budgetUsed = 0;
  let rejectedEvents = 0;
  const totals = {
    granted: 0,
    clawedBack: 0,
    unrecovered: 0,
    referrer: 0,
    referee: 0,
    milestone: 0,
  };

  const reject = (
    event: unknown,
    reason: ReferralRejectionReason,
    message: string,
    risk?: RiskAssessment,
  ): ReferralOutcome => {
    rejectedEvents++;
    const type =
      event !== null &&
      typeof event === "object" &&
      typeof (event as { type?: unknown }).type === "string"
        ? (event as { type: string }).type
        : null;
    const out: ReferralOutcome = {
      status: "rejected",
      type,
      reason,
      talonOne: referralRejectionReasons[reason].talonOne,
      message,
      event,
    };
    if (risk !== undefined) out.risk = risk;
    return out;
  };

  const referrerOf = (id: string): ReferrerRecord => {
    let r = referrers.get(id);
    if (r === undefined) {
      r = {
        id,
        identity: {},
        emailKey: null,
        referralTimes: [],
        rewardedReferees: null,
        points: 0,
        qualified: 0,
        customers: 0,
        refundedCustomers: 0,
      };
      referrers.set(id, r);
    }
    return r;
  };

  // First account seen with each device, IP address and card.
  const devices = new Map<string, string>();
  const ips = new Map<string, string>();
  const cards = new Map<string, string>();
  const remember = (accountId: string, identity: ReferralIdentity) => {
    const { deviceId, ipAddress, paymentFingerprint } = identity;
    if (str(deviceId) && !devices.has(deviceId)) devices.set(deviceId, accountId);
    if (str(ipAddress) && !ips.has(ipAddress)) ips.set(ipAddress, accountId);
    if (str(paymentFingerprint) && !cards.has(paymentFingerprint))
      cards.set(paymentFingerprint, accountId);
  };
  /** Whether another account was seen with `key`; remembers this account when none was. */
  const seenElsewhere = (index: Map<string, string>, accountId: string, key: unknown) => {
    if (!str(key)) return false;
    const owner = index.get(key);
    if (owner === undefined) {
      index.set(key, accountId);
      return false;
    }
    return owner !== accountId;
  };
  // Scratch input of the risk check, reused by every signup (assessRisk only reads it).
  const riskReferrer: ReferralRiskInput["referrer"] = {};
  const riskReferee: ReferralRiskInput["referee"] = {};
  const riskSeen: NonNullable<ReferralRiskInput["seenElsewhere"]> = {};
  const riskInput: ReferralRiskInput = {
    at: 0,
    referrer: riskReferrer,
    referee: riskReferee,
    seenElsewhere: riskSeen,
  };
  const emailKeys = { referrer: null as string | null, referee: null as string | null };

  const postEarn = (
    memberId: string,
    at: number,
    points: number,
    reference: string,
  ): LedgerEntry[] => {
    const state = ledgers.get(memberId) ?? ledger.open(memberId);
    const when = state.updatedAt !== null && state.updatedAt > at ? state.updatedAt : at;
    const result = ledger.apply(state, { type: "earn", at: when, amount: points, reference });
    ledgers.set(memberId, result.state);
    return result.entries;
  };

  /** Grants one side of a reward now, under the caps; returns the grant. */
  const grant = (
    memberId: string,
    role: "referrer" | "referee",
    rule: string,
    requested: number,
    referral: Internal,
    orderId: string | null,
    at: number,
    entries: LedgerEntry[],
    milestone = false,
  ): RewardGrant | null => {
    if (requested <= 0) return null;
    let points = requested;
    let capped: RewardGrant["capped"];
    const referrer = role === "referrer" ? referrerOf(memberId) : undefined;
    if (referrer !== undefined) {
      if (
        !milestone &&
        referralCap !== undefined &&
        !(referrer.rewardedReferees?.has(referral.refereeId) ?? false) &&
        (referrer.rewardedReferees?.size ?? 0) >= referralCap
      ) {
        points = 0;
        capped = "referrer_cap";
      }
      if (referrerCap !== undefined && points > referrerCap - referrer.points) {
        points = partial ? Math.max(0, referrerCap - referrer.points) : 0;
        capped = "referrer_cap";
      }
    }
    if (budget !== undefined && points > budget - budgetUsed) {
      points = partial ? Math.max(0, budget - budgetUsed) : 0;
      capped = "budget";
    }
    const id = rewards.length + 1;
    const record: RewardRecord = {
      id,
      memberId,
      role,
      rule,
      refereeId: referral.refereeId,
      orderId,
      at,
      requested,
      points,
      status: "posted",
      entry: null,
      clawedBack: 0,
      unrecovered: 0,
    };
    rewards.push(record);
    if (orderId !== null) orders.get(orderId)?.rewards.push(id);
    const out: RewardGrant = { id, memberId, role, rule, points, requested, status: "posted" };
    if (capped !== undefined) out.capped = capped;
    if (points === 0) return out;
    if (referrer !== undefined) {
      referrer.points += points;
      if (!milestone && referralCap !== undefined)
        (referrer.rewardedReferees ??= new Set()).add(referral.refereeId);
      if (milestone) totals.milestone += points;
      else totals.referrer += points;
    } else totals.referee += points;
    budgetUsed += points;
    totals.granted += points;
    if (post) {
      const written = postEarn(memberId, at, points, `referral:${c.id}:${id}`);
      for (const e of written) {
        entries.push(e);
        if (e.type === "earn") record.entry = e.id;
      }
      out.entry = record.entry as number;
    }
    return out;
  };

  /** Records a reward as held (review pending). */
  const hold = (
    memberId: string,
    role: "referrer" | "referee",
    rule: string,
    requested: number,
    referral: Internal,
    orderId: string | null,
    at: number,
  ): RewardGrant | null => {
    if (requested <= 0) return null;
    const id = rewards.length + 1;
    rewards.push({
      id,
      memberId,
      role,
      rule,
      refereeId: referral.refereeId,
      orderId,
      at,
      requested,
      points: 0,
      status: "held",
      entry: null,
      clawedBack: 0,
      unrecovered: 0,
    });
    referral.heldRewards.push(id);
    if (orderId !== null) orders.get(orderId)?.rewards.push(id);
    return { id, memberId, role, rule, points: 0, requested, status: "held" };
  };

  const payMilestones = (
    referral: Internal,
    at: number,
    grants: RewardGrant[],
    entries: LedgerEntry[],
  ) => {
    const referrer = referrerOf(referral.referrerId);
    referrer.qualified++;
    for (const m of milestones) {
      if (m.referrals === referrer.qualified) {
        const g = grant(
          referrer.id,
          "referrer",
          `milestone:${m.referrals}`,
          m.points,
          referral,
          null,
          at,
          entries,
          true,
        );
        if (g) grants.push(g);
      }
    }
  };

  /** Rewards of one qualifying action, granted or held with the referral. */
  const reward = (
    referral: Internal,
    list: readonly ReferralReward[],
    orderId: string | null,
    amount: number | undefined,
    at: number,
    grants: RewardGrant[],
    entries: LedgerEntry[],
  ) => {
    for (const r of list) {
      if (r.minAmount !== undefined && (amount === undefined || amount < r.minAmount)) continue;
      const approved = referral.status === "approved";
      const a = approved
        ? grant(referral.referrerId, "referrer", r.id, r.referrer, referral, orderId, at, entries)
        : hold(referral.referrerId, "referrer", r.id, r.referrer, referral, orderId, at);
      if (a) grants.push(a);
      const b = approved
        ? grant(referral.refereeId, "referee", r.id, r.referee, referral, orderId, at, entries)
        : hold(referral.refereeId, "referee", r.id, r.referee, referral, orderId, at);
      if (b) grants.push(b);
    }
  };

  const qualify = (
    referral: Internal,
    action: string,
    at: number,
    grants: RewardGrant[],
    entries: LedgerEntry[],
  ) => {
    if (referral.qualified || action !== c.qualifyingAction) return;
    referral.qualified = true;
    if (referral.status === "approved") payMilestones(referral, at, grants, entries);
  };

  const accepted = (
    type: ReferralEvent["type"],
    referral: Internal | null,
    grants: RewardGrant[],
    clawbacks: Clawback[],
    entries: LedgerEntry[],
    risk?: RiskAssessment,
  ): ReferralOutcome => {
    const out: ReferralOutcome = {
      status: referral?.status === "held" ? "held" : "accepted",
      type,
      grants,
      clawbacks,
      entries,
    };
    if (referral) {
      out.referrerId = referral.referrerId;
      out.refereeId = referral.refereeId;
      out.code = referral.code;
    }
    if (risk !== undefined) out.risk = risk;
    return out;
  };

  const time = (value: unknown): number | null => {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    try {
      return toEpochMs(value as TimestampInput);
    } catch {
      return null;
    }
  };

  const running = (at: number) =>
    (c.startsAt === undefined || at >= c.startsAt) && (c.endsAt === undefined || at <= c.endsAt);

  const onCode = (e: Extract<ReferralEvent, { type: "code" }>, at: number): ReferralOutcome => {
    if (!str(e.referrerId))
      return reject(e, "invalid_event", "referrerId: expected a non-empty string");
    let code: string;
    if (e.code !== undefined) {
      const n = normalizeReferralCode(e.code);
      if (!n.ok) return reject(e, "malformed_code", n.message);
      code = n.code;
      const existing = codes.get(code);
      if (existing !== undefined) {
        if (existing.referrerId !== e.referrerId)
          return reject(e, "duplicate_code", `code ${code} belongs to another referrer`);
        return {
          status: "accepted",
          type: "code",
          referrerId: e.referrerId,
          code,
          grants: [],
          clawbacks: [],
          entries: [],
        };
      }
    } else {
      code = drawReferralCode(rng, c.codes.length, c.codes.prefix, codes);
    }
    const startsAt = e.startsAt !== undefined ? time(e.startsAt) : at;
    const expiresAt =
      e.expiresAt !== undefined ? time(e.expiresAt) : validForMs !== null ? at + validForMs : null;
    if (startsAt === null || (e.expiresAt !== undefined && expiresAt === null))
      return reject(e, "invalid_event", "startsAt/expiresAt: expected valid instants");
    const maxUses = e.maxUses ?? c.codes.maxUses;
    if (!Number.isInteger(maxUses) || maxUses < 0)
      return reject(e, "invalid_event", "maxUses: expected a non-negative integer (0 = unlimited)");
    codes.set(code, { code, referrerId: e.referrerId, startsAt, expiresAt, maxUses, uses: 0 });
    const referrer = referrerOf(e.referrerId);
    if (e.identity) {
      referrer.identity = { ...referrer.identity, ...e.identity };
      referrer.emailKey =
        checkSelfReferral && str(referrer.identity.email)
          ? normalizeEmail(referrer.identity.email)
          : null;
      if (checkFingerprints) remember(e.referrerId, e.identity);
    }
    const out = accepted("code", null, [], [], []);
    if (out.status !== "rejected") {
      out.code = code;
      out.referrerId = e.referrerId;
    }
    return out;
  };

  const onSignup = (e: Extract<ReferralEvent, { type: "signup" }>, at: number): ReferralOutcome => {
    if (!str(e.refereeId))
      return reject(e, "invalid_event", "refereeId: expected a non-empty string");
    if (!running(at))
      return reject(e, "programme_not_running", "the programme is not running at this time");
    let code: string;
    if (e.code !== undefined) {
      const n = normalizeReferralCode(e.code);
      if (!n.ok) return reject(e, "malformed_code", n.message);
      code = n.code;
    } else if (Array.isArray(e.touches)) {
      const a = attributeReferral(e.touches, at, { ...c.attribution, timeZone: c.timeZone });
      if (!a.ok) return reject(e, a.reason, a.message);
      code = a.code;
    } else return reject(e, "invalid_event", "expected a code or touches");
    const record = codes.get(code);
    if (record === undefined)
      return reject(e, "unknown_code", `no code ${code} in programme ${c.id}`);
    if (at < record.startsAt) return reject(e, "code_not_started", `code ${code} is not valid yet`);
    if (record.expiresAt !== null && at > record.expiresAt)
      return reject(
        e,
        "code_expired",
        `code ${code} expired at ${new Date(record.expiresAt).toISOString()}`,
      );
    if (record.maxUses > 0 && record.uses >= record.maxUses)
      return reject(
        e,
        "code_usage_limit",
        `code ${code} was used ${record.uses} times (limit ${record.maxUses})`,
      );
    if (referrals.has(e.refereeId))
      return reject(e, "already_referred", `${e.refereeId} was already referred`);
    if (e.refereeId === record.referrerId)
      return reject(e, "self_referral", `${e.refereeId} used their own code`);
    const referrer = referrerOf(record.referrerId);
    const identity = e.identity ?? {};
    const ri = referrer.identity;
    riskInput.at = at;
    riskReferrer.id = referrer.id;
    riskReferrer.deviceId = ri.deviceId;
    riskReferrer.ipAddress = ri.ipAddress;
    riskReferrer.paymentFingerprint = ri.paymentFingerprint;
    riskReferrer.referralTimes = referrer.referralTimes;
    riskReferrer.customers = referrer.customers;
    riskReferrer.refundedCustomers = referrer.refundedCustomers;
    riskReferee.id = e.refereeId;
    riskReferee.email = identity.email;
    riskReferee.deviceId = identity.deviceId;
    riskReferee.ipAddress = identity.ipAddress;
    riskReferee.paymentFingerprint = identity.paymentFingerprint;
    riskReferee.existingCustomer = e.existingCustomer === true;
    // Checks that are off cost nothing: no fingerprint index, no e-mail normalisation.
    if (checkFingerprints) {
      riskSeen.device = seenElsewhere(devices, e.refereeId, identity.deviceId);
      riskSeen.ip = seenElsewhere(ips, e.refereeId, identity.ipAddress);
      riskSeen.payment = seenElsewhere(cards, e.refereeId, identity.paymentFingerprint);
    }
    emailKeys.referrer = referrer.emailKey;
    emailKeys.referee =
      checkSelfReferral && str(identity.email) ? normalizeEmail(identity.email) : null;
    const risk = assessRisk(riskInput, fraud, emailKeys);
    // Velocity counts every attempt through the referrer's codes, including rejected ones.
    const times = referrer.referralTimes;
    if (!checkVelocity) {
      // no velocity rule: nothing to count
    } else if (times.length === 0 || (times[times.length - 1] as number) <= at) times.push(at);
    else
      times.splice(
        times.findIndex((t) => t > at),
        0,
        at,
      );
    if (risk.outcome === "reject")
      return reject(e, "fraud_rejected", risk.reasons.map((r) => r.code).join(", "), risk);
    record.uses++;
    const referral: Internal = {
      refereeId: e.refereeId,
      referrerId: record.referrerId,
      code,
      at,
      status: risk.outcome === "hold" ? "held" : "approved",
      score: risk.score,
      reasons: risk.reasons.map((r) => r.code),
      qualified: false,
      purchases: 0,
      refunded: false,
      heldRewards: [],
    };
    referrals.set(e.refereeId, referral);
    const grants: RewardGrant[] = [];
    const entries: LedgerEntry[] = [];
    reward(referral, signupRewards, null, undefined, at, grants, entries);
    qualify(referral, "signup", at, grants, entries);
    return accepted("signup", referral, grants, [], entries, risk);
  };

  const onPurchase = (
    e: Extract<ReferralEvent, { type: "purchase" }>,
    at: number,
  ): ReferralOutcome => {
    if (!str(e.refereeId) || !str(e.orderId))
      return reject(e, "invalid_event", "refereeId and orderId: expected non-empty strings");
    if (
      e.amount !== undefined &&
      (typeof e.amount !== "number" || !Number.isFinite(e.amount) || e.amount < 0)
    )
      return reject(e, "invalid_event", "amount: expected a non-negative number of minor units");
    const referral = referrals.get(e.refereeId);
    if (referral === undefined) return reject(e, "not_referred", `${e.refereeId} was not referred`);
    if (referral.status === "rejected")
      return reject(e, "referral_rejected", `the referral of ${e.refereeId} was rejected`);
    if (orders.has(e.orderId))
      return reject(e, "duplicate_order", `order ${e.orderId} was already recorded`);
    orders.set(e.orderId, { refereeId: e.refereeId, at, rewards: [], refunded: false });
    referral.purchases++;
    const referrer = referrerOf(referral.referrerId);
    if (referral.purchases === 1) referrer.customers++;
    let risk: RiskAssessment | undefined;
    const refundRule = c.fraud.refundRate;
    if (
      referral.status === "approved" &&
      refundRule !== false &&
      referrer.customers >= refundRule.minCustomers &&
      referrer.refundedCustomers / referrer.customers >= refundRule.threshold
    ) {
      // FirstPromoter's refund-rate flag: a referrer whose customers refund too often is held for review.
      risk = assessRisk(
        {
          at,
          referrer: {
            customers: referrer.customers,
            refundedCustomers: referrer.refundedCustomers,
          },
          referee: {},
        },
        refundOnly,
      );
      if (risk.outcome !== "approve") referral.status = "held";
      else risk = undefined;
    }
    const grants: RewardGrant[] = [];
    const entries: LedgerEntry[] = [];
    if (referral.purchases === 1)
      reward(referral, firstPurchase, e.orderId, e.amount, at, grants, entries);
    reward(referral, everyPurchase, e.orderId, e.amount, at, grants, entries);
    if (referral.purchases === 1) qualify(referral, "first-purchase", at, grants, entries);
    return accepted("purchase", referral, grants, [], entries, risk);
  };

  const onEvent = (e: Extract<ReferralEvent, { type: "event" }>, at: number): ReferralOutcome => {
    if (!str(e.refereeId) || !str(e.name))
      return reject(e, "invalid_event", "refereeId and name: expected non-empty strings");
    const referral = referrals.get(e.refereeId);
    if (referral === undefined) return reject(e, "not_referred", `${e.refereeId} was not referred`);
    if (referral.status === "rejected")
      return reject(e, "referral_rejected", `the referral of ${e.refereeId} was rejected`);
    const grants: RewardGrant[] = [];
    const entries: LedgerEntry[] = [];
    const list = eventRewards.get(e.name);
    if (list) reward(referral, list, null, undefined, at, grants, entries);
    qualify(referral, e.name, at, grants, entries);
    return accepted("event", referral, grants, [], entries);
  };

  const clawBack = (record: RewardRecord, at: number, entries: LedgerEntry[]): Clawback | null => {
    if (record.status === "held") {
      record.status = "cancelled";
      return null;
    }
    const requested = record.points - record.clawedBack - record.unrecovered;
    if (record.status !== "posted" || requested <= 0) return null;
    let taken = requested;
    if (post && record.entry !== null) {
      const state = ledgers.get(record.memberId) as MemberLedger;
      const when = state.updatedAt !== null && state.updatedAt > at ? state.updatedAt : at;
      const result = ledger.apply(state, {
        type: "reverse",
        at: when,
        entry: record.entry,
        amount: requested,
        reference: `referral:${c.id}:${record.id}:clawback`,
      });
      ledgers.set(record.memberId, result.state);
      taken = 0;
      for (const e of result.entries) {
        entries.push(e);
        if (e.type === "reverse") taken += -e.amount;
      }
    }
    record.clawedBack += taken;
    record.unrecovered += requested - taken;
    totals.clawedBack += taken;
    totals.unrecovered += requested - taken;
    budgetUsed -= taken;
    if (record.role === "referrer") referrerOf(record.memberId).points -= taken;
    return {
      id: record.id,
      memberId: record.memberId,
      requested,
      points: taken,
      unrecovered: requested - taken,
    };
  };

  const onRefund = (e: Extract<ReferralEvent, { type: "refund" }>, at: number): ReferralOutcome => {
    if (!str(e.orderId)) return reject(e, "invalid_event", "orderId: expected a non-empty string");
    const order = orders.get(e.orderId);
    if (order === undefined)
      return reject(e, "unknown_order", `no order ${e.orderId} of a referred user`);
    const referral = referrals.get(order.refereeId) as Internal;
    const clawbacks: Clawback[] = [];
    const entries: LedgerEntry[] = [];
    if (!order.refunded) {
      order.refunded = true;
      if (!referral.refunded) {
        referral.refunded = true;
        referrerOf(referral.referrerId).refundedCustomers++;
      }
      for (const id of order.rewards) {
        const cb = clawBack(rewards[id - 1] as RewardRecord, at, entries);
        if (cb) clawbacks.push(cb);
      }
    }
    return accepted("refund", referral, [], clawbacks, entries);
  };

  const onReview = (e: Extract<ReferralEvent, { type: "review" }>, at: number): ReferralOutcome => {
    if (!str(e.refereeId) || (e.decision !== "approve" && e.decision !== "reject"))
      return reject(e, "invalid_event", "refereeId and decision (approve | reject) expected");
    const referral = referrals.get(e.refereeId);
    if (referral === undefined) return reject(e, "not_referred", `${e.refereeId} was not referred`);
    if (referral.status !== "held")
      return reject(e, "not_held", `the referral of ${e.refereeId} is ${referral.status}`);
    const grants: RewardGrant[] = [];
    const entries: LedgerEntry[] = [];
    const held = referral.heldRewards;
    referral.heldRewards = [];
    if (e.decision === "reject") {
      referral.status = "rejected";
      for (const id of held) (rewards[id - 1] as RewardRecord).status = "cancelled";
      return accepted("review", referral, grants, [], entries);
    }
    referral.status = "approved";
    for (const id of held) {
      const r = rewards[id - 1] as RewardRecord;
      if (r.status !== "held") continue;
      r.status = "cancelled";
      const order = r.orderId !== null ? orders.get(r.orderId) : undefined;
      if (order?.refunded) continue;
      const g = grant(r.memberId, r.role, r.rule, r.requested, referral, r.orderId, at, entries);
      if (g) grants.push(g);
    }
    if (referral.qualified) payMilestones(referral, at, grants, entries);
    return accepted("review", referral, grants, [], entries);
  };

  const process = (event: ReferralEvent): ReferralOutcome => {
    if (event === null || typeof event !== "object")
      return reject(event, "invalid_event", "expected an event object");
    if (event.programme !== undefined && event.programme !== c.id)
      return reject(
        event,
        "unknown_programme",
        `this is programme ${c.id}, not ${String(event.programme)}`,
      );
    const at = time(event.at);
    if (at === null) return reject(event, "invalid_event", "at: expected a timestamp");
    switch (event.type) {
      case "code":
        return onCode(event, at);
      case "signup":
        return onSignup(event, at);
      case "purchase":
        return onPurchase(event, at);
      case "event":
        return onEvent(event, at);
      case "refund":
        return onRefund(event, at);
      case "review":
        return onReview(event, at);
      default:
        return reject(
          event,
          "invalid_event",
          `type: unknown event type ${JSON.stringify((event as { type?: unknown }).type)}`,
        );
    }
  };

  const summary = (): ReferralSummary => {
    const counts = { approved: 0, held: 0, rejected: 0 };
    for (const r of referrals.values()) counts[r.status]++;
    let held = 0;
    for (const r of rewards) if (r.status === "held") held += r.requested;
    return {
      codes: codes.size,
      referrals: counts,
      rejectedEvents,
      points: {
        granted: totals.granted,
        clawedBack: totals.clawedBack,
        unrecovered: totals.unrecovered,
        net: totals.granted - totals.clawedBack,
        referrer: totals.referrer,
        referee: totals.referee,
        milestone: totals.milestone,
        held,
      },
      budgetUsed,
    };
  };

  const memberPoints = (): Record<string, number> => {
    const byMember = new Map<string, number>();
    for (const r of rewards) {
      if (r.points === 0) continue;
      byMember.set(r.memberId, (byMember.get(r.memberId) ?? 0) + r.points - r.clawedBack);
    }
    const out: Record<string, number> = {};
    for (const k of [...byMember.keys()].sort()) out[k] = byMember.get(k) as number;
    return out;
  };

  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  return {
    config: c,
    ledger,
    process,
    referral: (id) => {
      const r = referrals.get(id);
      if (r === undefined) return undefined;
      const { heldRewards: _, ...rest } = r;
      return { ...rest, reasons: [...rest.reasons] };
    },
    memberLedger: (id) => ledgers.get(id),
    balance: (id, at) => {
      const s = ledgers.get(id);
      return s === undefined ? { available: 0, pending: 0, deficit: 0 } : ledger.balance(s, at);
    },
    memberPoints,
    summary,
    rewards: () => rewards,
    referrals: () => referrals.values(),
    members: () => [...ledgers.keys()],
    state: () => ({
      codes: clone([...codes.values()]),
      referrals: [...referrals.values()].map(({ heldRewards: _, ...r }) => clone(r)),
      rewards: clone(rewards),
      ledgers: clone([...ledgers.values()]),
      summary: summary(),
    }),
  };
}
