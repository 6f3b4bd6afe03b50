/**
 * Referral programmes: (1) fraud rules and rewards for 1,000,000 referral events — 50,000 referrers
 * issuing codes, 600,000 signups with e-mail, device and IP (1 % from fraud rings: plus-addressed
 * copies of the referrer's e-mail on one device), 300,000 purchases and 50,000 refunds — through
 * `createReferralProgramme` with every anti-fraud rule on, first deciding only (`postToLedger:
 * false`), then paying through the points ledger with a 30-day pending period. Beside them, in the
 * same process, a naive baseline: a `Map` lookup of the code and a per-referrer counter over the
 * same events (no rules, no caps, no ledger), which gives a machine-independent ratio.
 * (2) `simulateProgramme`: 100 runs over a 100,000-user sample product from `@opsbook/sample-data`.
 * Wall and CPU time are both printed, since a shared machine stretches wall time. (3) The same 100
 * runs split over threads (one per core: this thread and worker threads): each simulates a
 * consecutive range of runs (`firstRun`) and `mergeSimulations` joins the parts, which must equal
 * the one-thread result.
 *
 * Targets (issue "@opsbook/growth II"): ≥ 500,000 events/s; 100 runs of a 100,000-user simulation
 * in under 30 s on 2 cores.
 *
 * Run with `pnpm bench` (builds the packages) or `node bench/run.ts referrals` after a build;
 * `node bench/referrals.bench.ts --simulation-only` runs part (2) alone.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

const growthEntry = new URL("../dist/index.js", import.meta.url);
const coreEntry = new URL("../../core/dist/index.js", import.meta.url);
const sampleEntry = new URL("../../sample-data/dist/index.js", import.meta.url);
if (![growthEntry, coreEntry, sampleEntry].every((u) => existsSync(u))) {
  console.error("Build the packages first: pnpm bench (or pnpm build).");
  process.exit(1);
}
const growth = (await import(growthEntry.href)) as typeof import("../src/index.ts");
const { createRng } = (await import(coreEntry.href)) as typeof import("../../core/src/index.ts");
const { generateProduct } = (await import(
  sampleEntry.href
)) as typeof import("../../sample-data/src/index.ts");
type ReferralEvent = import("../src/index.ts").ReferralEvent;

const EVENTS = 1_000_000;
const REFERRERS = 50_000;
const SIGNUPS = 600_000;
const PURCHASES = 300_000;
const REFUNDS = EVENTS - REFERRERS - SIGNUPS - PURCHASES;
const START = Date.parse("2026-01-01T00:00:00Z");
const YEAR = 365 * 86_400_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const gc = (globalThis as { gc?: () => void }).gc;

// The events, in time order, built before any timing.
const rng = createRng("growth-referrals-bench");
const codes = growth.generateReferralCodes({ count: REFERRERS, seed: "bench-codes" });
const events: ReferralEvent[] = [];
for (let r = 0; r < REFERRERS; r++) {
  events.push({
    type: "code",
    at: START,
    referrerId: `r${r}`,
    code: codes[r] as string,
    identity: {
      email: `r${r}@example.com`,
      deviceId: `rd${r}`,
      ipAddress: `10.1.${r >> 8}.${r & 255}`,
    },
  });
}
const orders: string[] = [];
let purchases = 0;
let refunds = 0;
for (let i = 0; i < SIGNUPS; i++) {
  const at = START + Math.floor((i / SIGNUPS) * YEAR);
  const referrer = rng.integer(0, REFERRERS - 1);
  const fraud = rng.next() < 0.01;
  events.push({
    type: "signup",
    at,
    refereeId: `f${i}`,
    code: codes[referrer] as string,
    identity: fraud
      ? { email: `r${referrer}+${i}@example.com`, deviceId: `rd${referrer}`, ipAddress: `10.1.0.1` }
      : {
          email: `f${i}@example.com`,
          deviceId: `fd${i}`,
          ipAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
  });
  // Half the referees buy, some twice; a few refund.
  while (purchases < PURCHASES && purchases < ((i + 1) * PURCHASES) / SIGNUPS) {
    const orderId = `o${purchases}`;
    events.push({
      type: "purchase",
      at: at + 1000,
      refereeId: `f${i - (purchases % 2)}`,
      orderId,
      amount: 2900,
    });
    orders.push(orderId);
    purchases++;
  }
  while (refunds < REFUNDS && refunds < ((i + 1) * REFUNDS) / SIGNUPS && orders.length > 10) {
    events.push({ type: "refund", at: at + 2000, orderId: orders[orders.length - 10] as string });
    refunds++;
  }
}
while (events.length < EVENTS)
  events.push({ type: "refund", at: START + YEAR, orderId: `o${events.length}` });

const config = {
  id: "bench",
  rewards: [
    { id: "join", action: "signup" as const, referrer: 200, referee: 200 },
    { id: "buy", action: "every-purchase" as const, referrer: 500, referee: 100 },
  ],
  milestones: [{ referrals: 10, points: 1000 }],
  caps: { perReferrer: { referrals: 32, points: 50_000 }, budget: { points: 200_000_000 } },
  pendingFor: "P30D",
};

function baseline(): number {
  const owner = new Map<string, string>();
  const paid = new Map<string, number>();
  const referee = new Map<string, string>();
  let n = 0;
  for (const e of events) {
    if (e.type === "code") owner.set(e.code as string, e.referrerId);
    else if (e.type === "signup") {
      const referrer = owner.get(e.code as string);
      if (referrer === undefined) continue;
      referee.set(e.refereeId, referrer);
      paid.set(referrer, (paid.get(referrer) ?? 0) + 200);
      n++;
    } else if (e.type === "purchase") {
      const referrer = referee.get(e.refereeId);
      if (referrer !== undefined) paid.set(referrer, (paid.get(referrer) ?? 0) + 500);
    }
  }
  return n;
}

function engine(post: boolean) {
  const programme = growth.createReferralProgramme(config, { postToLedger: post });
  const outcomes = { accepted: 0, held: 0, rejected: 0 };
  for (const e of events) outcomes[programme.process(e).status]++;
  return { outcomes, summary: programme.summary() };
}

function measure<T>(
  name: string,
  count: number,
  unit: string,
  run: () => T,
): { seconds: number; cpu: number; result: T } {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  const usage = process.cpuUsage(cpuStarted);
  const cpu = (usage.user + usage.system) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - before) / 1048576;
  console.log(
    `${name.padEnd(34)} ${fmt(count / seconds).padStart(10)} ${unit}/s  ${fmt(count / cpu).padStart(10)} per CPU-second  ${seconds.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU  heap +${heapMb.toFixed(0)} MB`,
  );
  return { seconds, cpu, result };
}

const simulationOnly = process.argv.includes("--simulation-only");
if (!simulationOnly) eventBench();

function eventBench() {
  console.log(
    `${fmt(EVENTS)} referral events (${fmt(REFERRERS)} codes, ${fmt(SIGNUPS)} signups, ${fmt(purchases)} purchases, ${fmt(events.length - REFERRERS - SIGNUPS - purchases)} refunds), Node ${process.version}`,
  );
  const base = measure("baseline Map lookups", EVENTS, "events", baseline);
  const decide = measure("rules + rewards (decide)", EVENTS, "events", () => engine(false));
  const pay = measure("rules + rewards + ledger (pay)", EVENTS, "events", () => engine(true));
  console.log(
    `outcomes: ${JSON.stringify(pay.result.outcomes)}; net points ${fmt(pay.result.summary.points.net)}, clawed back ${fmt(pay.result.summary.points.clawedBack)}`,
  );
  console.log(
    `ratio to baseline (CPU): decide ${(decide.cpu / base.cpu).toFixed(1)}×, pay ${(pay.cpu / base.cpu).toFixed(1)}×`,
  );
  const rate = EVENTS / decide.seconds;
  const cpuRate = EVENTS / decide.cpu;
  console.log(
    `target ≥ 500,000 events/s (decide): ${rate >= 500_000 ? "met" : "NOT met"} wall (${fmt(rate)}), ${cpuRate >= 500_000 ? "met" : "NOT met"} per CPU-second (${fmt(cpuRate)})`,
  );
}

// (2) Simulation over a 100,000-user sample product.
const generated = measure("generate 100,000-user product", 100_000, "users", () =>
  generateProduct({ seed: 42, users: 100_000, days: 180 }),
);
const population = growth.referralPopulation(generated.result);
console.log(
  `population: ${fmt(population.users.length)} users, ${fmt(population.referrals.length)} referrals (${population.referrals.filter((r) => r.fraud).length} fraud), ${fmt(population.orders?.length ?? 0)} orders of referees`,
);
const RUNS = 100;
const programme = {
  id: "double-sided-launch",
  rewards: [
    { id: "join", action: "signup" as const, referrer: 200, referee: 200 },
    { id: "first", action: "first-purchase" as const, referrer: 1000, referee: 1000 },
  ],
  caps: { perReferrer: { referrals: 20 }, budget: { points: 5_000_000 } },
  pendingFor: "P30D",
  ledger: { expiry: { type: "rolling" as const, duration: "P12M" } },
};
const sim = measure(
  `simulateProgramme ${RUNS} runs`,
  RUNS * population.referrals.length,
  "referrals",
  () => growth.simulateProgramme(programme, population, { runs: RUNS, seed: 1 }),
);
const m = sim.result.metrics;
console.log(
  `${(sim.seconds / RUNS).toFixed(2)} s wall and ${(sim.cpu / RUNS).toFixed(2)} s CPU per run; cost p5/p50/p95: ${fmt(m.cost.p5)} / ${fmt(m.cost.p50)} / ${fmt(m.cost.p95)}; fraud exposure with rules max ${fmt(m.fraudExposure.max)}, without rules p50 ${fmt(m.fraudExposureWithoutRules.p50)}`,
);
console.log(
  `target < 30 s for ${RUNS} runs: ${sim.seconds < 30 ? "met" : "NOT met"} wall (${sim.seconds.toFixed(1)} s), ${sim.cpu < 30 ? "met" : "NOT met"} in CPU time (${sim.cpu.toFixed(1)} s)`,
);

// (3) The same runs over worker threads: consecutive ranges of runs, joined by mergeSimulations.
const workers = Math.max(1, Math.min(availableParallelism(), RUNS));
/** Runs in a worker: imports the built package and simulates its range of runs. */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.growth).then((growth) => {
  const { config, population, options } = workerData;
  parentPort.postMessage(growth.simulateProgramme(config, population, options));
});
`;
// This thread makes the first range while worker threads make the others (as the CLI does).
const ranges = Array.from({ length: workers }, (_, w) => {
  const firstRun = Math.floor((w * RUNS) / workers);
  return { firstRun, runs: Math.floor(((w + 1) * RUNS) / workers) - firstRun };
});
gc?.(); // as measure() does before each timed part
const startedAll = performance.now();
const threads = ranges.slice(1).map(
  ({ firstRun, runs }) =>
    new Promise<import("../src/index.ts").ProgrammeSimulation>((resolve, reject) => {
      const worker = new Worker(workerSource, {
        eval: true,
        workerData: {
          growth: growthEntry.href,
          config: programme,
          population,
          options: { runs, seed: 1, firstRun },
        },
      });
      worker.once("message", (part) => {
        resolve(part);
        void worker.terminate();
      });
      worker.once("error", reject);
    }),
);
const parts = [
  growth.simulateProgramme(programme, population, { seed: 1, ...ranges[0]! }),
  ...(await Promise.all(threads)),
];
const merged = growth.mergeSimulations(parts);
const parallelSeconds = (performance.now() - startedAll) / 1000;
const same = JSON.stringify(merged) === JSON.stringify(sim.result);
console.log(
  `${`simulateProgramme ${RUNS} runs, ${workers} threads`.padEnd(34)} ${fmt((RUNS * population.referrals.length) / parallelSeconds).padStart(10)} referrals/s  ${parallelSeconds.toFixed(2)} s wall (population copied to each worker included); ${(sim.seconds / parallelSeconds).toFixed(2)}× the one-thread run; merged result identical to it: ${same ? "yes" : "NO"}`,
);
console.log(
  `target < 30 s for ${RUNS} runs on 2 cores: ${parallelSeconds < 30 ? "met" : "NOT met"} with ${workers} threads (${parallelSeconds.toFixed(1)} s wall)`,
);
if (!same) process.exit(1);
