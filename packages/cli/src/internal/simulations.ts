import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createRng, type OpsEvent } from "@opsbook/core";
import {
  type CapUsage,
  createProgramme,
  type MemberLedger,
  mergeSimulations,
  type ProgrammeConfigInput,
  type ProgrammeSimulation,
  type ReferralPopulation,
  type ReferralProgrammeConfigInput,
  referralPopulation,
  type SimulationOptions,
  simulateProgramme,
} from "@opsbook/growth";
import { cheapestPlan, parsePriceBook } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";

/** The config kinds `opsbook simulate` runs. */
export const simulatedKinds = ["price-book", "growth-programme", "referral-programme"] as const;
export type SimulatedKind = (typeof simulatedKinds)[number];

/** Percentiles of one figure over the runs. */
export interface Percentiles {
  mean: number;
  min: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  max: number;
}

/** Settings of a simulation, from the command line. */
export interface SimulationSettings {
  runs: number;
  seed: number | string;
  users: number;
  days: number;
  redemptionRate: number;
  pointValue: number;
  usageScale: number;
}

/** A simulation's result: percentiles of each figure, with a label and unit for the table. */
export interface SimulationReport {
  kind: SimulatedKind;
  runs: number;
  seed: number | string;
  population: { users: number; days: number };
  currency: string;
  /** Figures in table order: name, what it is, whether it is money (minor units) or a share. */
  figures: { name: string; label: string; unit: "count" | "money" | "share" | "points" }[];
  metrics: Record<string, Percentiles>;
  /** Extra result of the library, when it made the whole simulation (referral programmes). */
  details?: unknown;
}

/** Percentile with linear interpolation between order statistics (R type 7, NumPy's default). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((x, y) => x - y);
  const sum = sorted.reduce((total, v) => total + v, 0);
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

/** The sample product of run `run`: `@opsbook/sample-data` with the seed `<seed>/<run>`. */
export function productOfRun(settings: SimulationSettings, run: number) {
  return generateProduct({
    seed: `${settings.seed}/${run}`,
    users: settings.users,
    days: settings.days,
  });
}

/** Each user's events in the last 30 days of the product's window. */
function lastMonthUsage(events: readonly OpsEvent[], end: number): Map<string, number> {
  const from = end - 30 * 86_400_000;
  const usage = new Map<string, number>();
  for (const event of events) {
    if (event.timestamp >= from && event.timestamp < end) {
      usage.set(event.userId, (usage.get(event.userId) ?? 0) + 1);
    }
  }
  return usage;
}

/**
 * A price book over sampled usage: in each run, every user active in the last 30 days of a fresh
 * sample product is billed the cheapest eligible plan (`cheapestPlan` of `@opsbook/pricing`) for
 * one seat and `events` = their events in those 30 days × `usageScale`. Figures: monthly revenue,
 * paying customers, revenue per customer, and the share on each plan.
 */
export function simulatePriceBook(config: unknown, settings: SimulationSettings): SimulationReport {
  const book = parsePriceBook(config);
  const series: Record<string, number[]> = { revenue: [], customers: [], arpu: [], unplaced: [] };
  for (const plan of book.plans) series[`plan:${plan.id}`] = [];
  for (let run = 0; run < settings.runs; run++) {
    const product = productOfRun(settings, run);
    const usage = lastMonthUsage(product.events, product.window.end);
    let revenue = 0;
    let customers = 0;
    let unplaced = 0;
    const mix = new Map<string, number>();
    for (const count of usage.values()) {
      const choice = cheapestPlan(book, { events: count * settings.usageScale, seats: 1 });
      const best = choice.candidates.find((c) => c.planId === choice.planId);
      if (!best) {
        unplaced += 1;
        continue;
      }
      customers += 1;
      revenue += best.total.amount;
      mix.set(best.planId, (mix.get(best.planId) ?? 0) + 1);
    }
    series.revenue!.push(revenue);
    series.customers!.push(customers);
    series.arpu!.push(customers ? revenue / customers : 0);
    series.unplaced!.push(unplaced);
    for (const plan of book.plans) {
      series[`plan:${plan.id}`]!.push(customers ? (mix.get(plan.id) ?? 0) / customers : 0);
    }
  }
  return {
    kind: "price-book",
    runs: settings.runs,
    seed: settings.seed,
    population: { users: settings.users, days: settings.days },
    currency: book.currency,
    figures: [
      { name: "revenue", label: "monthly revenue", unit: "money" },
      { name: "customers", label: "paying customers", unit: "count" },
      { name: "arpu", label: "revenue per customer", unit: "money" },
      { name: "unplaced", label: "users no plan fits", unit: "count" },
      ...book.plans.map((plan) => ({
        name: `plan:${plan.id}`,
        label: `share on ${plan.name}`,
        unit: "share" as const,
      })),
    ],
    metrics: Object.fromEntries(
      Object.entries(series).map(([name, values]) => [name, percentiles(values)]),
    ),
  };
}

/**
 * A points programme over sample events: in each run, every event of a fresh sample product goes
 * through the programme's earning rules (`createProgramme` of `@opsbook/growth`, caps carried per
 * member) and its points into the member's ledger. At the end of the window, expiry runs; then
 * each member redeems all available points with probability `redemptionRate` (an `rng` fork per
 * run). Figures: points issued, redeemed, expired and outstanding; the cost (redeemed × point
 * value), the liability (outstanding × point value) and breakage (points never redeemed: expired,
 * or kept by members who did not redeem, as a share of points issued).
 */
export function simulatePointsProgramme(
  config: unknown,
  settings: SimulationSettings,
): SimulationReport {
  const programme = createProgramme(config as ProgrammeConfigInput);
  const names = [
    "members",
    "issued",
    "redeemed",
    "expired",
    "outstanding",
    "breakagePoints",
    "breakageRate",
    "cost",
    "liability",
  ] as const;
  const series = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    (typeof names)[number],
    number[]
  >;
  const rng = createRng(settings.seed);
  for (let run = 0; run < settings.runs; run++) {
    const product = productOfRun(settings, run);
    const redeemRng = rng.fork(run);
    const members = new Map<string, { state: MemberLedger; caps: CapUsage }>();
    let issued = 0;
    for (const event of product.events) {
      let member = members.get(event.userId);
      const earned = programme.earn(event, { caps: member?.caps ?? {} });
      if (member) member.caps = earned.caps;
      if (earned.points <= 0) continue;
      if (!member) {
        member = { state: programme.ledger.open(event.userId), caps: earned.caps };
        members.set(event.userId, member);
      }
      member.state = programme.ledger.apply(member.state, {
        type: "earn",
        at: event.timestamp,
        amount: earned.points,
      }).state;
      issued += earned.points;
    }
    const horizon = product.window.end;
    let redeemed = 0;
    let expired = 0;
    let outstanding = 0;
    let kept = 0;
    for (const member of members.values()) {
      const expiry = programme.ledger.apply(member.state, { type: "expire", at: horizon });
      member.state = expiry.state;
      for (const entry of expiry.entries) expired -= entry.amount;
      const balance = programme.ledger.balance(member.state, horizon);
      if (redeemRng.next() < settings.redemptionRate && balance.available > 0) {
        member.state = programme.ledger.apply(member.state, {
          type: "burn",
          at: horizon,
          amount: balance.available,
        }).state;
        redeemed += balance.available;
      } else if (balance.available > 0) {
        kept += balance.available;
      }
      const after = programme.ledger.balance(member.state, horizon);
      outstanding += after.available + after.pending;
    }
    series.members.push(members.size);
    series.issued.push(issued);
    series.redeemed.push(redeemed);
    series.expired.push(expired);
    series.outstanding.push(outstanding);
    series.breakagePoints.push(expired + kept);
    series.breakageRate.push(issued ? (expired + kept) / issued : 0);
    series.cost.push(redeemed * settings.pointValue);
    series.liability.push(outstanding * settings.pointValue);
  }
  return {
    kind: "growth-programme",
    runs: settings.runs,
    seed: settings.seed,
    population: { users: settings.users, days: settings.days },
    currency: "USD",
    figures: [
      { name: "members", label: "members who earned", unit: "count" },
      { name: "issued", label: "points issued", unit: "points" },
      { name: "redeemed", label: "points redeemed", unit: "points" },
      { name: "expired", label: "points expired", unit: "points" },
      { name: "outstanding", label: "points outstanding", unit: "points" },
      { name: "breakagePoints", label: "breakage (points)", unit: "points" },
      { name: "breakageRate", label: "breakage rate", unit: "share" },
      { name: "cost", label: "cost of redemptions", unit: "money" },
      { name: "liability", label: "liability at the end", unit: "money" },
    ],
    metrics: Object.fromEntries(names.map((name) => [name, percentiles(series[name])])),
  };
}

/** Runs in a worker thread: imports `@opsbook/growth` and simulates its range of runs. */
const referralWorkerSource = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.growth).then((growth) => {
  const { config, population, options } = workerData;
  parentPort.postMessage(growth.simulateProgramme(config, population, options));
});
`;

/**
 * `simulateProgramme` with its runs shared by `workers` threads: this thread makes the first
 * range of runs while worker threads make the others (`firstRun`), and `mergeSimulations` joins
 * them — the same result as one call, in a fraction of the time on a machine with several cores.
 */
async function simulateInThreads(
  config: ReferralProgrammeConfigInput,
  population: ReferralPopulation,
  options: SimulationOptions & { runs: number },
  workers: number,
): Promise<ProgrammeSimulation> {
  const count = Math.max(1, Math.min(workers, options.runs));
  if (count === 1) return simulateProgramme(config, population, options);
  const ranges = Array.from({ length: count }, (_, w) => {
    const firstRun = Math.floor((w * options.runs) / count);
    return { firstRun, runs: Math.floor(((w + 1) * options.runs) / count) - firstRun };
  });
  const growth = pathToFileURL(createRequire(import.meta.url).resolve("@opsbook/growth")).href;
  const threads = ranges.slice(1).map((range) => {
    const worker = new Worker(referralWorkerSource, {
      eval: true,
      workerData: { growth, config, population, options: { ...options, ...range } },
    });
    const part = new Promise<ProgrammeSimulation>((resolvePart, rejectPart) => {
      worker.once("message", resolvePart);
      worker.once("error", rejectPart);
      worker.once("exit", (code) =>
        rejectPart(new Error(`a simulation worker stopped (exit code ${code})`)),
      );
    });
    // Awaited below; marked handled now so that a worker failing while this thread works is not
    // reported as an unhandled rejection.
    part.catch(() => undefined);
    return { worker, part };
  });
  try {
    const first = simulateProgramme(config, population, { ...options, ...ranges[0]! });
    return mergeSimulations([first, ...(await Promise.all(threads.map((t) => t.part)))]);
  } finally {
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}

/**
 * A referral programme: `simulateProgramme` of `@opsbook/growth` on the referral population of one
 * sample product (`referralPopulation`), which bootstraps the observed referrals run by run; the
 * runs are shared by `workers` threads (the result does not depend on how many).
 */
export async function simulateReferralProgramme(
  config: unknown,
  settings: SimulationSettings,
  workers = 1,
): Promise<SimulationReport> {
  const population = referralPopulation(productOfRun(settings, 0));
  const result = await simulateInThreads(
    config as ReferralProgrammeConfigInput,
    population,
    {
      runs: settings.runs,
      seed: settings.seed,
      redemptionRate: settings.redemptionRate,
      pointValue: settings.pointValue,
    },
    workers,
  );
  const shown = [
    ["referrals", "referral signups", "count"],
    ["approved", "approved", "count"],
    ["held", "held for review", "count"],
    ["rejected", "rejected", "count"],
    ["fraudApproved", "fraudulent, approved", "count"],
    ["pointsGranted", "points granted", "points"],
    ["pointsNet", "points net of clawbacks", "points"],
    ["redeemedPoints", "points redeemed", "points"],
    ["breakageRate", "breakage rate", "share"],
    ["cost", "cost of redemptions", "money"],
    ["liability", "liability at the end", "money"],
    ["fraudExposure", "fraud payout", "money"],
    ["fraudExposureWithoutRules", "fraud payout without rules", "money"],
  ] as const;
  const { perRun: _perRun, metrics, ...details } = result;
  return {
    kind: "referral-programme",
    runs: result.runs,
    seed: result.seed,
    population: { users: settings.users, days: settings.days },
    currency: result.currency,
    figures: shown.map(([name, label, unit]) => ({ name, label, unit })),
    metrics: metrics as unknown as Record<string, Percentiles>,
    details,
  };
}
