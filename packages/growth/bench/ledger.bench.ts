/**
 * Points ledger: 1,000,000 earn and burn commands across 100,000 members over one simulated year,
 * with rolling 12-month expiry rounded to the end of the month in Asia/Shanghai; then the same
 * commands again with 7-day pending points and idempotency keys on every tenth command; then the
 * expiry run in replay order (grouped by member, as when rebuilding state from a journal). Beside
 * them, in the same process, a naive baseline: a `Map<member, number>` balance update loop over the
 * same commands (no lots, no expiry, no journal), which gives a machine-independent ratio. Then the
 * expiry run again through `ledger.applyBatch`, live order: the whole million in one batch, and in
 * batches of 100,000 and 10,000 commands, then replay order in batches of 10,000 (a burn over the balance is a rejected command there,
 * `onError: "skip"`, instead of a balance check first); the entries and rejections must match the
 * per-command run. Wall and CPU time are both printed, since a shared machine stretches wall time.
 *
 * Target (issue "@opsbook/growth I"): ≥ 500,000 commands/s.
 *
 * Run with `pnpm bench` (builds the packages) or `node bench/run.ts ledger` after a build.
 */
import { existsSync } from "node:fs";

const growthEntry = new URL("../dist/index.js", import.meta.url);
const coreEntry = new URL("../../core/dist/index.js", import.meta.url);
if (![growthEntry, coreEntry].every((u) => existsSync(u))) {
  console.error("Build the packages first: pnpm bench (or pnpm build).");
  process.exit(1);
}
const { createLedger } = (await import(growthEntry.href)) as typeof import("../src/index.ts");
const { createRng } = (await import(coreEntry.href)) as typeof import("../../core/src/index.ts");

const MEMBERS = 100_000;
const COMMANDS = 1_000_000;
const START = Date.parse("2026-01-01T00:00:00Z");
const YEAR = 365 * 86_400_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const gc = (globalThis as { gc?: () => void }).gc;

// Commands in time order: member, instant, signed amount (earns positive, burns negative).
const rng = createRng("growth-ledger-bench");
const members = new Uint32Array(COMMANDS);
const times = new Float64Array(COMMANDS);
const amounts = new Int32Array(COMMANDS);
for (let i = 0; i < COMMANDS; i++) {
  members[i] = rng.integer(0, MEMBERS - 1);
  times[i] = START + Math.floor((i / COMMANDS) * YEAR);
  amounts[i] = rng.next() < 0.7 ? rng.integer(10, 500) : -rng.integer(10, 300);
}
const ids = Array.from({ length: MEMBERS }, (_, i) => `m${i}`);

let peakHeap = 0;
let peakRss = 0;
/** Samples memory every 50,000 commands (a timer would never fire inside the synchronous loop). */
function sample(i: number) {
  if (i % 50_000 !== 0) return;
  const usage = process.memoryUsage();
  if (usage.heapUsed > peakHeap) peakHeap = usage.heapUsed;
  if (usage.rss > peakRss) peakRss = usage.rss;
}

function baseline(): number {
  const balances = new Map<string, number>();
  for (let i = 0; i < COMMANDS; i++) {
    sample(i);
    const id = ids[members[i] as number] as string;
    const current = balances.get(id) ?? 0;
    const amount = amounts[i] as number;
    if (amount > 0 || current + amount >= 0) balances.set(id, current + amount);
  }
  return balances.size;
}

// Replay order: the same commands grouped by member, each member's in time order (as when state is
// rebuilt from a stored journal), so each superseded state dies young.
const replayOrder = new Uint32Array(COMMANDS);
{
  const starts = new Uint32Array(MEMBERS + 1);
  for (let i = 0; i < COMMANDS; i++) (starts[(members[i] as number) + 1] as number)++;
  for (let m = 0; m < MEMBERS; m++)
    starts[m + 1] = (starts[m + 1] as number) + (starts[m] as number);
  for (let i = 0; i < COMMANDS; i++) replayOrder[(starts[members[i] as number] as number)++] = i;
}
const liveOrder = Uint32Array.from({ length: COMMANDS }, (_, i) => i);

function ledgerRun(
  full: boolean,
  order: Uint32Array = liveOrder,
): { burnsRejected: number; entries: number } {
  const ledger = createLedger({
    timeZone: "Asia/Shanghai",
    expiry: { type: "rolling", duration: "P12M", roundTo: "month" },
    ...(full ? { pendingFor: "P7D" } : {}),
  });
  const states = new Map<string, ReturnType<typeof ledger.open>>();
  let burnsRejected = 0;
  let entries = 0;
  for (let n = 0; n < COMMANDS; n++) {
    sample(n);
    const i = order[n] as number;
    const id = ids[members[i] as number] as string;
    const state = states.get(id) ?? ledger.open(id);
    const amount = amounts[i] as number;
    const at = times[i] as number;
    const key = full && i % 10 === 0 ? `c${i}` : undefined;
    if (amount > 0) {
      const result = ledger.apply(
        state,
        key ? { type: "earn", at, amount, key } : { type: "earn", at, amount },
      );
      states.set(id, result.state);
      entries += result.entries.length;
    } else {
      // A burn beyond the available balance is a typed error; a real caller checks first.
      const available = ledger.balance(state, at).available;
      if (available < -amount) {
        burnsRejected++;
        continue;
      }
      const result = ledger.apply(
        state,
        key ? { type: "burn", at, amount: -amount, key } : { type: "burn", at, amount: -amount },
      );
      states.set(id, result.state);
      entries += result.entries.length;
    }
  }
  return { burnsRejected, entries };
}

/** The expiry run through `applyBatch`, `size` commands a batch. */
function batchRun(
  size: number,
  order: Uint32Array = liveOrder,
): { burnsRejected: number; entries: number } {
  const ledger = createLedger({
    timeZone: "Asia/Shanghai",
    expiry: { type: "rolling", duration: "P12M", roundTo: "month" },
  });
  const states = new Map<string, ReturnType<typeof ledger.open>>();
  let burnsRejected = 0;
  let entries = 0;
  for (let from = 0; from < COMMANDS; from += size) {
    const to = Math.min(from + size, COMMANDS);
    const commands: Parameters<typeof ledger.applyBatch>[1][number][] = [];
    for (let n = from; n < to; n++) {
      sample(n);
      const i = order[n] as number;
      const memberId = ids[members[i] as number] as string;
      const amount = amounts[i] as number;
      const at = times[i] as number;
      commands.push(
        amount > 0
          ? { memberId, type: "earn", at, amount }
          : { memberId, type: "burn", at, amount: -amount },
      );
    }
    const result = ledger.applyBatch(states, commands, { onError: "skip" });
    sample(0);
    for (const [id, state] of result.states) states.set(id, state);
    entries += result.entries.length;
    burnsRejected += result.rejected.length;
  }
  return { burnsRejected, entries };
}

function measure<T>(
  name: string,
  run: () => T,
): { seconds: number; cpuSeconds: number; result: T } {
  gc?.();
  const before = process.memoryUsage();
  peakHeap = before.heapUsed;
  peakRss = before.rss;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sample(0);
  const heapMb = (peakHeap - before.heapUsed) / 1048576;
  const rssMb = peakRss / 1048576;
  console.log(
    `${name.padEnd(30)} ${fmt(COMMANDS / seconds).padStart(10)} commands/s  ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (all threads)  peak heap +${heapMb.toFixed(0)} MB  peak RSS ${rssMb.toFixed(0)} MB`,
  );
  return { seconds, cpuSeconds, result };
}

console.log(
  `${fmt(COMMANDS)} earn/burn commands, ${fmt(MEMBERS)} members, one year, Node ${process.version}`,
);
const base = measure("baseline Map<member, number>", baseline);
const run = measure("ledger, expiry", () => ledgerRun(false));
const full = measure("ledger, expiry+pending+keys", () => ledgerRun(true));
const replay = measure("ledger, expiry, replay order", () => ledgerRun(false, replayOrder));
const batches = [
  ["applyBatch, 1 batch of 1M", measure("applyBatch, 1 batch of 1M", () => batchRun(COMMANDS))],
  ["applyBatch, batches of 100k", measure("applyBatch, batches of 100k", () => batchRun(100_000))],
  ["applyBatch, batches of 10k", measure("applyBatch, batches of 10k", () => batchRun(10_000))],
  [
    "applyBatch, replay, 10k",
    measure("applyBatch, replay, 10k", () => batchRun(10_000, replayOrder)),
  ],
] as const;
for (const [name, m] of batches) {
  if (
    m.result.entries !== run.result.entries ||
    m.result.burnsRejected !== run.result.burnsRejected
  ) {
    console.error(`${name}: entries or rejections differ from the per-command run`);
    process.exit(1);
  }
}
// Time relative to the baseline run in this process, wall and CPU (a busy machine stretches wall time).
for (const [name, m] of [
  ["ledger, expiry", run],
  ["ledger, expiry+pending+keys", full],
  ["ledger, expiry, replay order", replay],
  ...batches,
] as const) {
  console.log(
    `${name.padEnd(30)} ${(m.seconds / base.seconds).toFixed(1).padStart(6)}× the baseline's wall time, ${(m.cpuSeconds / base.cpuSeconds).toFixed(1)}× its CPU time; ${fmt(COMMANDS / m.cpuSeconds)} commands per CPU-second`,
  );
}
console.log(
  `ledger: ${fmt(run.result.entries)} entries (earn, burn, expiry), ${fmt(run.result.burnsRejected)} burns over the balance skipped; with pending points and keys: ${fmt(full.result.entries)} entries`,
);
for (const [name, m] of batches) {
  const per = name.includes("replay") ? replay : run;
  console.log(
    `${name.padEnd(30)} ${(per.seconds / m.seconds).toFixed(1).padStart(6)}× the speed of apply per command in the same order (wall), ${(per.cpuSeconds / m.cpuSeconds).toFixed(1)}× per CPU-second`,
  );
}
const rate = COMMANDS / run.seconds;
const batchRate = COMMANDS / batches[0][1].seconds;
console.log(
  `target ≥ 500,000 commands/s (expiry): per command ${rate >= 500_000 ? "met" : "NOT met"} (${fmt(rate)}), one batch ${batchRate >= 500_000 ? "met" : "NOT met"} (${fmt(batchRate)}); per CPU-second ${fmt(COMMANDS / run.cpuSeconds)} and ${fmt(COMMANDS / batches[0][1].cpuSeconds)}`,
);
