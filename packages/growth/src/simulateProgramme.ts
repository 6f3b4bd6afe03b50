import { createRng, OpsbookError, type TimestampInput, toEpochMs, validate } from "@opsbook/core";
import { z } from "zod";
import {
  createReferralProgramme,
  type ReferralEvent,
  type ReferralIdentity,
} from "./createReferralProgramme.ts";
import { generateReferralCodes } from "./referralCodes.ts";
import type { ReferralPopulation, ReferralPopulationUser } from "./referralPopulation.ts";
import {
  type ReferralProgrammeConfig,
  type ReferralProgrammeConfigInput,
  referralProgrammeSchema,
} from "./referralSchemas.ts";

/**
 * Options of {@link simulateProgramme}.
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface SimulationOptions {
  /** Monte Carlo runs (default 100). */
  runs?: number;
  /** Seed of core's `createRng` (default `"simulate-programme"`); run r uses `fork(r)`. */
  seed?: number | string;
  /**
   * Number of the first run (default 0): this call makes runs `firstRun` to `firstRun + runs − 1`
   * of the seed's sequence. Calls over consecutive ranges — in worker threads, say — give exactly
   * the runs of one call, and {@link mergeSimulations} joins them.
   */
  firstRun?: number;
  /**
   * Expected referrals under the programme per observed referral (default 1): each observed
   * referral happens a Poisson(`participation`) number of times in a run (a Poisson bootstrap; 1.5
   * models a 50 % lift from the incentive). Copies are new people with fresh e-mails, devices, IPs
   * and cards — except copies of fraudulent referrals, which keep the ring's shared signals.
   */
  participation?: number;
  /** Probability that a member redeems the points they hold at the horizon (default 0.7). */
  redemptionRate?: number;
  /** Value of one point in minor units of `currency` (default 1). */
  pointValue?: number;
  /** Currency of `cost` and `liability` (default `"USD"`). */
  currency?: string;
  /** When the simulation stops (default: one day after the last population event). */
  horizon?: TimestampInput;
}

/**
 * Percentiles of one metric over the runs (linear interpolation between order statistics, as
 * NumPy's default and R's type 7).
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface SimulationPercentiles {
  mean: number;
  min: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
}

/**
 * The figures of one run. Points are integers; `cost`, `liability` and the fraud exposures are in
 * minor units of the currency (points × `pointValue`).
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface SimulationRun {
  /** Referral signups simulated in the run (observed referrals times their Poisson copies). */
  referrals: number;
  /** Referrals approved, held for review (never reviewed in the run, so unpaid) and rejected. */
  approved: number;
  held: number;
  rejected: number;
  /** Fraudulent referrals simulated, those the rules approved, and honest ones they held or rejected. */
  fraudReferrals: number;
  fraudApproved: number;
  falsePositives: number;
  /** Points granted (after caps), clawed back on refunds, and net (granted − clawed back). */
  pointsGranted: number;
  clawedBack: number;
  pointsNet: number;
  /** Net points by side. */
  referrerPoints: number;
  refereePoints: number;
  milestonePoints: number;
  /** Points members hold at the horizon (available + pending), expired before it, and redeemed. */
  outstandingPoints: number;
  expiredPoints: number;
  redeemedPoints: number;
  /** Points never redeemed (expired or kept), and their share of net points. */
  breakagePoints: number;
  breakageRate: number;
  /** Redeemed points × point value: what the programme costs. */
  cost: number;
  /** Outstanding points × point value: the liability on the books at the horizon. */
  liability: number;
  /** Net payout to rewards of fraudulent referrals with the rules, and without any rule. */
  fraudExposure: number;
  fraudExposureWithoutRules: number;
  /** Net payout of the same run with every fraud rule off. */
  payoutWithoutRules: number;
}

/**
 * The result of {@link simulateProgramme}: the `runs`, the `currency` and `pointValue` of the money
 * figures, the `population` size, `metrics` (percentiles of every {@link SimulationRun} field over
 * the runs, e.g. `metrics.cost.p95`) and `perRun` (each run's figures, for charts).
 *
 * @category Referral simulation
 * @since 0.1.0
 */
export interface ProgrammeSimulation {
  programme: string;
  runs: number;
  /** Number of the first run in the seed's sequence (see {@link SimulationOptions.firstRun}). */
  firstRun: number;
  seed: number | string;
  currency: string;
  pointValue: number;
  horizon: number;
  population: { users: number; referrals: number; fraudReferrals: number };
  metrics: Record<keyof SimulationRun, SimulationPercentiles>;
  perRun: SimulationRun[];
}

const METRICS: (keyof SimulationRun)[] = [
  "referrals",
  "approved",
  "held",
  "rejected",
  "fraudReferrals",
  "fraudApproved",
  "falsePositives",
  "pointsGranted",
  "clawedBack",
  "pointsNet",
  "referrerPoints",
  "refereePoints",
  "milestonePoints",
  "outstandingPoints",
  "expiredPoints",
  "redeemedPoints",
  "breakagePoints",
  "breakageRate",
  "cost",
  "liability",
  "fraudExposure",
  "fraudExposureWithoutRules",
  "payoutWithoutRules",
];

/** Percentile with linear interpolation (R type 7) of sorted values. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

function summarise(values: number[]): SimulationPercentiles {
  const sorted = [...values].sort((x, y) => x - y);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sorted.length ? sum / sorted.length : 0,
    min: sorted[0] ?? 0,
    p5: quantile(sorted, 0.05),
    p25: quantile(sorted, 0.25),
    p50: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

interface Script {
  /** Observed referrals in signup order, with what each referee does afterwards. */
  referrals: {
    referrerId: string;
    refereeId: string;
    at: number;
    fraud: boolean;
    actions: { at: number; kind: 0 | 1 | 2; value: string; amount: number }[];
  }[];
  codeAt: Map<string, number>;
  users: Map<string, ReferralPopulationUser>;
  horizon: number;
}

const identityOf = (
  u: ReferralPopulationUser | undefined,
  copy: number,
  fraud: boolean,
): ReferralIdentity => {
  const out: ReferralIdentity = {};
  if (u === undefined) return out;
  // A copy is a new person with their own signals, unless it repeats a fraud ring's pattern.
  const tag = copy === 0 || fraud ? "" : `~${copy}`;
  if (u.email) {
    const at = u.email.lastIndexOf("@");
    out.email =
      copy === 0
        ? u.email
        : fraud
          ? `${u.email.slice(0, at)}+c${copy}${u.email.slice(at)}`
          : `${u.email.slice(0, at)}-c${copy}${u.email.slice(at)}`;
  }
  if (u.deviceId) out.deviceId = u.deviceId + tag;
  if (u.ipAddress) out.ipAddress = u.ipAddress + tag;
  if (u.paymentFingerprint) out.paymentFingerprint = u.paymentFingerprint + tag;
  return out;
};

function buildScript(
  config: ReferralProgrammeConfig,
  population: ReferralPopulation,
  horizonInput?: TimestampInput,
): Script {
  const users = new Map<string, ReferralPopulationUser>();
  for (const u of population.users) users.set(u.id, u);
  const byReferee = new Map<string, Script["referrals"][number]>();
  const codeAt = new Map<string, number>();
  let last = Number.NEGATIVE_INFINITY;
  const sorted = [...population.referrals].sort((a, b) => a.signedUpAt - b.signedUpAt);
  const referrals: Script["referrals"] = [];
  for (const r of sorted) {
    if (byReferee.has(r.refereeId)) continue;
    const entry = {
      referrerId: r.referrerId,
      refereeId: r.refereeId,
      at: r.signedUpAt,
      fraud: r.fraud === true,
      actions: [],
    };
    byReferee.set(r.refereeId, entry);
    referrals.push(entry);
    const start = Math.min(
      r.invitedAt ?? r.signedUpAt,
      r.signedUpAt,
      users.get(r.referrerId)?.createdAt ?? r.signedUpAt,
    );
    const known = codeAt.get(r.referrerId);
    if (known === undefined || start < known) codeAt.set(r.referrerId, start);
    if (r.signedUpAt > last) last = r.signedUpAt;
  }
  const wanted = new Set<string>([config.qualifyingAction]);
  for (const reward of config.rewards)
    if (reward.action === "event") wanted.add(reward.event as string);
  for (const e of population.events ?? []) {
    if (!wanted.has(e.event)) continue;
    const entry = byReferee.get(e.userId);
    if (entry === undefined) continue;
    entry.actions.push({ at: e.timestamp, kind: 2, value: e.event, amount: 0 });
    if (e.timestamp > last) last = e.timestamp;
  }
  let n = 0;
  for (const o of population.orders ?? []) {
    const entry = byReferee.get(o.userId);
    if (entry === undefined) continue;
    const id = o.id ?? `order-${n++}`;
    entry.actions.push({ at: o.createdAt, kind: 0, value: id, amount: o.amount });
    if (o.refundedAt !== null)
      entry.actions.push({ at: o.refundedAt, kind: 1, value: id, amount: 0 });
    if (Math.max(o.createdAt, o.refundedAt ?? 0) > last)
      last = Math.max(o.createdAt, o.refundedAt ?? 0);
  }
  for (const entry of referrals) entry.actions.sort((a, b) => a.at - b.at || a.kind - b.kind);
  const horizon =
    horizonInput !== undefined
      ? toEpochMs(horizonInput, ["options", "horizon"])
      : (Number.isFinite(last) ? last : 0) + 86_400_000;
  return { referrals, codeAt, users, horizon };
}

interface Timed {
  at: number;
  /** Creation order: breaks ties between equal times deterministically. */
  order: number;
  event: ReferralEvent;
  /** Index of the referral whose copy this event belongs to (−1 for a code event), and the copy. */
  referral: number;
  copy: number;
}

const byTime = (a: Timed, b: Timed) => a.at - b.at || a.order - b.order;

/**
 * The events of the runs, built once and shared by every run and both replays (the programme never
 * changes an event): code events for every referrer, and for each referral the events of as many
 * copies as the runs need.
 */
function eventCache(script: Script, config: ReferralProgrammeConfig) {
  let order = 0;
  const referrerIds = [...script.codeAt.keys()];
  const codes = generateReferralCodes({
    count: referrerIds.length,
    length: config.codes.length,
    prefix: config.codes.prefix,
    seed: config.codes.seed ?? config.id,
  });
  const codeOf = new Map<string, string>();
  const codeEvents: Timed[] = referrerIds.map((referrerId, i) => {
    const at = script.codeAt.get(referrerId) as number;
    const code = codes[i] as string;
    codeOf.set(referrerId, code);
    const identity = identityOf(script.users.get(referrerId), 0, false);
    return {
      at,
      order: order++,
      event: { type: "code", at, referrerId, code, identity },
      referral: -1,
      copy: 0,
    };
  });
  const copies: Timed[][][] = script.referrals.map(() => []);
  /** Referee ids of fraudulent referrals and of their copies. */
  const fraudIds = new Set<string>();
  const copy = (i: number, c: number): Timed[] => {
    const cached = copies[i]?.[c];
    if (cached) return cached;
    const r = script.referrals[i] as Script["referrals"][number];
    const refereeId = c === 0 ? r.refereeId : `${r.refereeId}~${c}`;
    if (r.fraud) fraudIds.add(refereeId);
    const shift = c; // a copy signs up a millisecond later, so time order stays total
    const out: Timed[] = [
      {
        at: r.at + shift,
        order: order++,
        referral: i,
        copy: c,
        event: {
          type: "signup",
          at: r.at + shift,
          refereeId,
          code: codeOf.get(r.referrerId) as string,
          identity: identityOf(script.users.get(r.refereeId), c, r.fraud),
        },
      },
    ];
    for (const a of r.actions) {
      const at = a.at + shift;
      const event: ReferralEvent =
        a.kind === 0
          ? { type: "purchase", at, refereeId, orderId: `${a.value}~${c}`, amount: a.amount }
          : a.kind === 1
            ? { type: "refund", at, orderId: `${a.value}~${c}` }
            : { type: "event", at, refereeId, name: a.value };
      out.push({ at, order: order++, event, referral: i, copy: c });
    }
    (copies[i] as Timed[][])[c] = out;
    return out;
  };
  /**
   * Every event the runs need, in time order, with the referral and copy of each in typed arrays:
   * made and sorted once by `prepare` (given the most copies of each referral any run needs), so
   * that a run's events are one pass over two typed arrays rather than a sort.
   */
  let all: Timed[] = [];
  let allReferral = new Int32Array(0);
  let allCopy = new Int32Array(0);
  const prepare = (most: Uint32Array): void => {
    const timed = codeEvents.slice();
    for (let i = 0; i < most.length; i++)
      for (let c = 0; c < (most[i] as number); c++) for (const t of copy(i, c)) timed.push(t);
    all = timed.sort(byTime);
    allReferral = new Int32Array(all.length);
    allCopy = new Int32Array(all.length);
    for (let m = 0; m < all.length; m++) {
      allReferral[m] = (all[m] as Timed).referral;
      allCopy[m] = (all[m] as Timed).copy;
    }
  };
  /** Events of one run in time order: the codes, and each referral's first `counts[i]` copies. */
  const eventsOf = (counts: Uint32Array): ReferralEvent[] => {
    const events: ReferralEvent[] = [];
    for (let m = 0; m < all.length; m++) {
      const referral = allReferral[m] as number;
      if (referral < 0 || (allCopy[m] as number) < (counts[referral] as number))
        events.push((all[m] as Timed).event);
    }
    return events;
  };
  return { prepare, eventsOf, fraudIds };
}

/**
 * Simulates a referral programme before launch: a seeded Monte Carlo over a population passed in
 * (from `@opsbook/sample-data` through {@link referralPopulation}, or a team's own users). Each run
 * resamples the observed referrals (each happens Poisson(`participation`) times), replays them with
 * their referees' purchases, refunds and events through {@link createReferralProgramme} — codes,
 * caps, budget, pending rewards, fraud rules and clawbacks as configured — then lets each member
 * redeem what they hold at the horizon with probability `redemptionRate`. The same run is replayed
 * with every fraud rule off to measure what the rules save. Held referrals are never reviewed
 * within a run, so they cost nothing.
 *
 * Result shape ({@link ProgrammeSimulation}): `metrics.<name>` holds `mean`, `min`, `p5`, `p25`,
 * `p50`, `p75`, `p95` and `max` over the runs of every {@link SimulationRun} field — `cost` and
 * `liability` (minor units: points × `pointValue`), `pointsNet`, `referrerPoints`,
 * `refereePoints`, `milestonePoints`, `breakageRate`, `fraudExposure` vs
 * `fraudExposureWithoutRules`, `falsePositives`… — and `perRun` lists each run's figures. The same
 * seed gives the same result on every platform.
 *
 * @param config - The referral programme (validated; see {@link referralProgrammeSchema}).
 * @param population - Users, observed referrals (with `fraud` ground truth), orders and events.
 * @param options - Runs, seed, participation, redemption rate, point value, currency, horizon.
 * @returns The simulation.
 * @category Referral simulation
 * @since 0.1.0
 * @example
 * ```ts
 * import { referralPopulation, simulateProgramme } from "@opsbook/growth";
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const population = referralPopulation(generateProduct({ seed: 1, users: 400, days: 60 }));
 * const sim = simulateProgramme(
 *   { id: "give-get", rewards: [{ id: "join", action: "signup", referrer: 500, referee: 500 }] },
 *   population,
 *   { runs: 20, seed: 7, pointValue: 1 },
 * );
 * sim.runs //=> 20
 * sim.metrics.fraudExposure.max //=> 0
 * sim.metrics.fraudExposureWithoutRules.p50 > 0 //=> true
 * sim.metrics.cost.p5 <= sim.metrics.cost.p95 //=> true
 * simulateProgramme({ id: "x", rewards: [] }, population) //=> throws OpsbookError
 * ```
 */
export function simulateProgramme(
  config: ReferralProgrammeConfigInput,
  population: ReferralPopulation,
  options: SimulationOptions = {},
): ProgrammeSimulation {
  const parsed = validate(referralProgrammeSchema, config, { label: "referral programme" });
  const runs = options.runs ?? 100;
  const seed = options.seed ?? "simulate-programme";
  const participation = options.participation ?? 1;
  const redemptionRate = options.redemptionRate ?? 0.7;
  const pointValue = options.pointValue ?? 1;
  const currency = options.currency ?? "USD";
  const bad = (path: string, message: string) =>
    new OpsbookError("out_of_range", `options.${path}: ${message}`, ["options", path]);
  const firstRun = options.firstRun ?? 0;
  if (!Number.isInteger(runs) || runs < 1 || runs > 100_000)
    throw bad("runs", "expected an integer from 1 to 100,000");
  if (!Number.isInteger(firstRun) || firstRun < 0 || firstRun > 1_000_000_000)
    throw bad("firstRun", "expected an integer from 0 to 1,000,000,000");
  if (!(participation >= 0 && participation <= 100))
    throw bad("participation", "expected a number from 0 to 100");
  if (!(redemptionRate >= 0 && redemptionRate <= 1))
    throw bad("redemptionRate", "expected a number from 0 to 1");
  if (!(pointValue >= 0 && Number.isFinite(pointValue)))
    throw bad("pointValue", "expected a non-negative number");
  if (
    population === null ||
    typeof population !== "object" ||
    !Array.isArray(population.users) ||
    !Array.isArray(population.referrals)
  )
    throw new OpsbookError(
      "invalid_input",
      "population: expected { users, referrals, orders?, events? }",
      ["population"],
    );

  const script = buildScript(parsed, population, options.horizon);
  const { prepare, eventsOf, fraudIds } = eventCache(script, parsed);
  const noRules = {
    ...config,
    fraud: {
      selfReferral: false as const,
      sharedFingerprint: false as const,
      velocity: false as const,
      disposableEmail: false as const,
      existingCustomer: false as const,
      refundRate: false as const,
    },
  };
  const root = createRng(seed);
  const perRun: SimulationRun[] = [];
  /** Run `run`'s generator, and how many times each observed referral happens in the run. */
  const draw = (run: number) => {
    const rng = root.fork(run);
    const copies = new Uint32Array(script.referrals.length);
    for (let i = 0; i < copies.length; i++)
      copies[i] = participation === 0 ? 0 : rng.poisson(participation);
    return { rng, copies };
  };
  // The draws are cheap and repeatable: a first pass finds the most copies any run needs, so that
  // the events are made and sorted once.
  const most = new Uint32Array(script.referrals.length);
  for (let run = firstRun; run < firstRun + runs; run++) {
    const { copies } = draw(run);
    for (let i = 0; i < copies.length; i++)
      if ((copies[i] as number) > (most[i] as number)) most[i] = copies[i] as number;
  }
  prepare(most);
  for (let run = firstRun; run < firstRun + runs; run++) {
    const { rng, copies } = draw(run);
    const events = eventsOf(copies);

    const withRules = createReferralProgramme(parsed);
    for (const e of events) withRules.process(e);
    const without = createReferralProgramme(noRules, { postToLedger: false });
    for (const e of events) without.process(e);

    const isFraud = (refereeId: string) => fraudIds.has(refereeId);
    let fraudExposure = 0;
    for (const r of withRules.rewards())
      if (r.points > 0 && isFraud(r.refereeId)) fraudExposure += r.points - r.clawedBack;
    let fraudExposureWithoutRules = 0;
    for (const r of without.rewards())
      if (r.points > 0 && isFraud(r.refereeId))
        fraudExposureWithoutRules += r.points - r.clawedBack;
    let approved = 0;
    let held = 0;
    let fraudApproved = 0;
    let falsePositives = 0;
    let fraudReferrals = 0;
    let referrals = 0;
    for (let i = 0; i < copies.length; i++) {
      const k = copies[i] as number;
      referrals += k;
      if (script.referrals[i]?.fraud) fraudReferrals += k;
    }
    let recorded = 0;
    let honestRecorded = 0;
    for (const r of withRules.referrals()) {
      const fraud = isFraud(r.refereeId);
      recorded++;
      if (!fraud) honestRecorded++;
      if (r.status === "approved") {
        approved++;
        if (fraud) fraudApproved++;
      } else if (r.status === "held") held++;
      if (!fraud && r.status !== "approved") falsePositives++;
    }
    // Honest referrals rejected outright never enter state.referrals: count them from the gap.
    falsePositives += referrals - fraudReferrals - honestRecorded;

    let outstanding = 0;
    let redeemed = 0;
    for (const member of withRules.members()) {
      const b = withRules.balance(member, script.horizon);
      const holds = Math.max(0, b.available) + b.pending;
      outstanding += holds;
      if (rng.next() < redemptionRate) redeemed += holds;
    }
    const s = withRules.summary();
    const net = s.points.net;
    const expired = Math.max(0, net - outstanding);
    const breakage = net - redeemed;
    perRun.push({
      referrals,
      approved,
      held,
      rejected: referrals - recorded + s.referrals.rejected,
      fraudReferrals,
      fraudApproved,
      falsePositives,
      pointsGranted: s.points.granted,
      clawedBack: s.points.clawedBack,
      pointsNet: net,
      referrerPoints: s.points.referrer,
      refereePoints: s.points.referee,
      milestonePoints: s.points.milestone,
      outstandingPoints: outstanding,
      expiredPoints: expired,
      redeemedPoints: redeemed,
      breakagePoints: breakage,
      breakageRate: net > 0 ? breakage / net : 0,
      cost: redeemed * pointValue,
      liability: outstanding * pointValue,
      fraudExposure: fraudExposure * pointValue,
      fraudExposureWithoutRules: fraudExposureWithoutRules * pointValue,
      payoutWithoutRules: without.summary().points.net * pointValue,
    });
  }
  return {
    programme: parsed.id,
    runs,
    firstRun,
    seed,
    currency,
    pointValue,
    horizon: script.horizon,
    population: {
      users: population.users.length,
      referrals: script.referrals.length,
      fraudReferrals: script.referrals.filter((r) => r.fraud).length,
    },
    metrics: metricsOf(perRun),
    perRun,
  };
}

/** Percentiles of every figure over the runs. */
function metricsOf(perRun: SimulationRun[]): Record<keyof SimulationRun, SimulationPercentiles> {
  const metrics = {} as Record<keyof SimulationRun, SimulationPercentiles>;
  for (const m of METRICS) metrics[m] = summarise(perRun.map((r) => r[m]));
  return metrics;
}

const simulationPartSchema = z.object({
  programme: z.string(),
  runs: z.int().min(1),
  firstRun: z.int().min(0),
  seed: z.union([z.number(), z.string()]),
  currency: z.string(),
  pointValue: z.number(),
  horizon: z.number(),
  population: z.object({ users: z.int(), referrals: z.int(), fraudReferrals: z.int() }),
  // Every figure of a run, all numbers (an enum-keyed record requires each key).
  perRun: z.array(z.record(z.enum(METRICS), z.number())),
});

/**
 * Joins simulations of consecutive run ranges into one, as if a single call had made every run:
 * the parts of a simulation split with {@link SimulationOptions.firstRun} (over worker threads or
 * Web Workers) give back exactly what `simulateProgramme` with all the runs gives. The parts may
 * come in any order; they must share the programme, seed, currency, point value, horizon and
 * population, and their ranges must follow one another without a gap or an overlap. Percentiles
 * are recomputed over all the runs (a percentile of percentiles would be wrong).
 *
 * @param parts - Results of {@link simulateProgramme} over consecutive ranges of runs.
 * @returns One simulation over all their runs.
 * @throws {OpsbookError} `out_of_range` when no part is given, `invalid_input` when a part is
 *   malformed (its path names the part and field, e.g. `[1, "perRun"]`), `conflict` when parts
 *   disagree or their ranges leave a gap or overlap.
 * @category Referral simulation
 * @since 0.1.0
 * @example
 * ```ts
 * import { mergeSimulations, referralPopulation, simulateProgramme } from "@opsbook/growth";
 * import { generateProduct } from "@opsbook/sample-data";
 *
 * const population = referralPopulation(generateProduct({ seed: 1, users: 300, days: 45 }));
 * const config = { id: "give-get", rewards: [{ id: "join", action: "signup", referrer: 500, referee: 500 }] };
 * const whole = simulateProgramme(config, population, { runs: 6, seed: 7 });
 * const first = simulateProgramme(config, population, { runs: 4, seed: 7 });
 * const rest = simulateProgramme(config, population, { runs: 2, seed: 7, firstRun: 4 });
 * mergeSimulations([rest, first]) //=> whole
 * mergeSimulations([first, first]) //=> throws OpsbookError
 * ```
 */
export function mergeSimulations(parts: readonly ProgrammeSimulation[]): ProgrammeSimulation {
  const checked = validate(z.array(simulationPartSchema).min(1), parts, {
    label: "simulation parts",
  });
  const order = checked
    .map((_, i) => i)
    .sort((a, b) => checked[a]!.firstRun - checked[b]!.firstRun);
  const first = checked[order[0]!]!;
  const same = (i: number, field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      throw new OpsbookError(
        "conflict",
        `parts[${i}].${field}: expected ${JSON.stringify(b)} like the first part, got ${JSON.stringify(a)}`,
        [i, field],
      );
  };
  const perRun: SimulationRun[] = [];
  let next = first.firstRun;
  for (const i of order) {
    const part = checked[i]!;
    for (const field of [
      "programme",
      "seed",
      "currency",
      "pointValue",
      "horizon",
      "population",
    ] as const)
      same(i, field, part[field], first[field]);
    if (part.perRun.length !== part.runs)
      throw new OpsbookError(
        "invalid_input",
        `parts[${i}].perRun: expected ${part.runs} runs, got ${part.perRun.length}`,
        [i, "perRun"],
      );
    if (part.firstRun !== next)
      throw new OpsbookError(
        "conflict",
        `parts[${i}].firstRun: expected ${next} (runs ${first.firstRun}–${next - 1} are covered), got ${part.firstRun}: the parts leave a gap or overlap`,
        [i, "firstRun"],
      );
    for (const run of part.perRun) perRun.push(run);
    next += part.runs;
  }
  return {
    programme: first.programme,
    runs: perRun.length,
    firstRun: first.firstRun,
    seed: first.seed,
    currency: first.currency,
    pointValue: first.pointValue,
    horizon: first.horizon,
    population: first.population,
    metrics: metricsOf(perRun),
    perRun,
  };
}
