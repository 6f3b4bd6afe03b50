/**
 * BG/NBD fit: the full CDNOW master data (23,570 customers, calibration period to 1997-09-30 as in
 * Fader, Hardie & Lee 2005) and a synthetic base of 1,000,000 customers simulated from the BG/NBD
 * process with the CDNOW parameters, purchases on whole days. Beside each fit, the time of one
 * plain log-likelihood pass over all customers (no merging of identical customers), measured in
 * the same process, gives a machine-independent ratio.
 *
 * Target (issue "@opsbook/lifecycle"): CDNOW master in under 2 s.
 *
 * Run with `pnpm bench` (builds the packages) or `node bench/run.ts bgnbd` after a build.
 */
import { existsSync, readFileSync } from "node:fs";

const lifecycleEntry = new URL("../dist/index.js", import.meta.url);
const coreEntry = new URL("../../core/dist/index.js", import.meta.url);
const sampleEntry = new URL("../../sample-data/dist/index.js", import.meta.url);
if (![lifecycleEntry, coreEntry, sampleEntry].every((u) => existsSync(u))) {
  console.error("Build the packages first: pnpm bench (or pnpm build).");
  process.exit(1);
}
const { fitBgNbd, rfmSummary } = (await import(
  lifecycleEntry.href
)) as typeof import("../src/index.ts");
const { createRng } = (await import(coreEntry.href)) as typeof import("../../core/src/index.ts");
const { parseCdnow } = (await import(
  sampleEntry.href
)) as typeof import("../../sample-data/src/index.ts");

type Summary = { frequency: number; recency: number; T: number };
const RUNS = 3;
const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

// Lanczos log-gamma (g = 7), the same approximation the package uses.
const L = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
function lgamma(x: number): number {
  const z = x - 1;
  let s = L[0] as number;
  for (let i = 1; i < 9; i++) s += (L[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** One direct BG/NBD log-likelihood pass (FHL 2005, eq. 6) over every customer. */
function likelihoodPass(customers: Summary[], r: number, alpha: number, a: number, b: number) {
  let total = 0;
  for (const { frequency: x, recency: tx, T } of customers) {
    const head =
      lgamma(r + x) -
      lgamma(r) +
      r * Math.log(alpha) +
      lgamma(a + b) +
      lgamma(b + x) -
      lgamma(b) -
      lgamma(a + b + x);
    const t1 = -(r + x) * Math.log(alpha + T);
    let ll = t1;
    if (x > 0) {
      const t2 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
      const m = Math.max(t1, t2);
      ll = m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m));
    }
    total += head + ll;
  }
  return total;
}

function measure(label: string, customers: Summary[]) {
  const passMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    likelihoodPass(customers, 0.5, 5, 0.8, 2.5);
    passMs.push(performance.now() - started);
  }
  const fitMs: number[] = [];
  let fit: ReturnType<typeof fitBgNbd> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    fit = fitBgNbd(customers);
    fitMs.push(performance.now() - started);
  }
  const f = fit!;
  const pass = median(passMs);
  const time = median(fitMs);
  console.log(
    `${label}: ${fmt(customers.length, 0)} customers (${fmt(f.distinctRows, 0)} distinct rows), ` +
      `fit ${fmt(time / 1000, 3)} s (median of ${RUNS}), ${f.evaluations} likelihood evaluations, ` +
      `one plain likelihood pass ${fmt(pass, 1)} ms, fit = ${fmt(time / pass, 1)} passes; ` +
      `r ${fmt(f.r, 4)}, α ${fmt(f.alpha, 4)}, a ${fmt(f.a, 4)}, b ${fmt(f.b, 4)}, LL ${fmt(f.logLikelihood, 1)}`,
  );
  return time;
}

// 1. CDNOW master.
const text = readFileSync(
  new URL("../../sample-data/datasets/cdnow/CDNOW_master.txt", import.meta.url),
  "utf8",
);
let started = performance.now();
const rows = parseCdnow(text, { format: "master" });
const summary = rfmSummary(rows, { observationEnd: "1997-09-30" });
console.log(
  `CDNOW master: parsed ${fmt(rows.length, 0)} rows and built the RFM summary in ${fmt(performance.now() - started, 0)} ms`,
);
const cdnowMs = measure("CDNOW master", summary.customers);
console.log(`target CDNOW < 2 s: ${cdnowMs < 2000 ? "met" : "MISSED"}`);

// 2. Synthetic base: BG/NBD process, λ ~ Gamma(r, α), p ~ Beta(a, b), 39 weeks, whole days.
const rng = createRng("bgnbd-bench");
function gamma(shape: number): number {
  // Marsaglia & Tsang (2000), with the boost U^(1/shape) for shape < 1.
  if (shape < 1) return gamma(shape + 1) * rng.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
const CUSTOMERS = 1_000_000;
started = performance.now();
const synthetic: Summary[] = new Array(CUSTOMERS);
for (let i = 0; i < CUSTOMERS; i++) {
  const lambda = gamma(0.243) / 4.414; // purchases per week
  const ga = gamma(0.793);
  const p = ga / (ga + gamma(2.426));
  const days = 1 + rng.integer(0, 272); // T from 1 day to 39 weeks
  let t = 0;
  let lastDay = 0;
  let x = 0;
  for (;;) {
    t += rng.exponential(lambda) * 7; // in days
    if (t > days) break;
    const day = Math.floor(t);
    if (day > lastDay) {
      x++;
      lastDay = day;
    }
    if (rng.next() < p) break;
  }
  synthetic[i] = { frequency: x, recency: x > 0 ? lastDay / 7 : 0, T: days / 7 };
}
console.log(
  `synthetic: simulated ${fmt(CUSTOMERS, 0)} customers in ${fmt((performance.now() - started) / 1000)} s`,
);
measure("synthetic 1M", synthetic);
