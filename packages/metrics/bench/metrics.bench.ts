/**
 * Funnel and retention on 10 million sample events of about 0.92 million users (streamed from
 * @opsbook/sample-data: 14 days of a product with a million signups, the first 10 M events), built
 * once into core's EventTable and loaded once into an in-memory DuckDB table (`@duckdb/node-api`)
 * holding the same dictionary codes. Both answer, in the same process:
 *
 * 1. a 5-step ordered funnel with a 7-day window from the first step (signup → onboarding profile →
 *    project → tutorial → core action), first entry per user (Mixpanel's rule), which SQL writes as
 *    a chain of joins; our engine also runs its default, PostHog's any-start furthest chain;
 * 2. a 30-day daily retention matrix (recurring cohorts, any event, UTC days).
 *
 * Targets (issue "@opsbook/metrics"): funnel ≥ 150 M events/s, retention ≥ 50 M events/s on a
 * prebuilt EventTable.
 *
 * Run with `pnpm bench` (builds the packages) or `node bench/run.ts metrics` after a build.
 */
import { existsSync } from "node:fs";

const entry = (path: string) => new URL(`../../${path}/dist/index.js`, import.meta.url);
for (const path of ["core", "sample-data", "metrics"]) {
  if (!existsSync(entry(path))) {
    console.error("Build the packages first: pnpm bench (or pnpm build).");
    process.exit(1);
  }
}
const { EventTable } = (await import(
  entry("core").href
)) as typeof import("../../core/src/index.ts");
const { streamEvents } = (await import(
  entry("sample-data").href
)) as typeof import("../../sample-data/src/index.ts");
const { funnel, retention } = (await import(
  entry("metrics").href
)) as typeof import("../src/index.ts");
const { DuckDBInstance } = await import("@duckdb/node-api");

// METRICS_BENCH_EVENTS runs a smaller sample (users scale with it), for a quick check.
const TARGET_EVENTS = Number(process.env.METRICS_BENCH_EVENTS ?? 10_000_000);
const RUNS = 3;
const DAY = 86_400_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 0)} MB`;
const jsBytes = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function* firstEvents() {
  let n = 0;
  for (const event of streamEvents({ seed: 42, users: TARGET_EVENTS / 10, days: 14 })) {
    yield event;
    if (++n === TARGET_EVENTS) return;
  }
}

let started = performance.now();
const table = EventTable.from(firstEvents());
console.log(
  `built EventTable: ${fmt(table.length, 0)} events, ${fmt(table.userCount, 0)} users in ` +
    `${fmt((performance.now() - started) / 1000)} s (${mb(table.byteLength)} of typed arrays)`,
);

/** Times `run` RUNS times; returns the median and the JS memory it allocated (heap + buffers). */
function measure<T>(run: () => T): { ms: number; bytes: number; result: T } {
  const times: number[] = [];
  let bytes = 0;
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const before = jsBytes();
    const t = performance.now();
    result = run();
    times.push(performance.now() - t);
    bytes = Math.max(bytes, jsBytes() - before);
  }
  return { ms: median(times), bytes, result: result as T };
}

const stepNames = [
  "signup",
  "onboarding_profile",
  "onboarding_project",
  "onboarding_tutorial",
  "core_action",
];
const steps = stepNames.map((event) => ({ event }));
const ours = {
  funnelFirst: measure(() => funnel(table, { steps, conversionWindow: "P7D", entry: "first" })),
  funnelAny: measure(() => funnel(table, { steps, conversionWindow: "P7D" })),
  retention: (() => {
    let min = Number.POSITIVE_INFINITY;
    for (const t of table.timestamps) if (t < min) min = t;
    const origin = Math.floor(min / DAY) * DAY;
    return {
      origin,
      ...measure(() => retention(table, { unit: "day", from: origin, periods: 30 })),
    };
  })(),
};
const ourPeakRss = process.resourceUsage().maxRSS * 1024;

// DuckDB: the same rows, dictionary codes and timestamps, in an in-memory table.
const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
const db = await instance.connect();
await db.run("CREATE TABLE events (user_id INTEGER, event SMALLINT, ts DOUBLE)");
started = performance.now();
const appender = await db.createAppender("events");
for (let i = 0; i < table.length; i++) {
  appender.appendInteger(table.users[i]!);
  appender.appendSmallInt(table.events[i]!);
  appender.appendDouble(table.timestamps[i]!);
  appender.endRow();
}
appender.closeSync();
console.log(`loaded DuckDB in ${fmt((performance.now() - started) / 1000)} s`);

const codes = stepNames.map((name) => table.eventCode(name));
const W = 7 * DAY;
const funnelSql = `
WITH s1 AS (SELECT user_id, min(ts) AS t1 FROM events WHERE event = ${codes[0]} GROUP BY user_id),
${[2, 3, 4, 5]
  .map(
    (k) => `s${k} AS (SELECT p.user_id, p.t1, min(e.ts) AS t${k} FROM s${k - 1} p JOIN events e
  ON e.user_id = p.user_id AND e.event = ${codes[k - 1]} AND e.ts >= p.t${k - 1} AND e.ts <= p.t1 + ${W}
  GROUP BY p.user_id, p.t1)`,
  )
  .join(",\n")}
SELECT (SELECT count(*) FROM s1), (SELECT count(*) FROM s2), (SELECT count(*) FROM s3),
       (SELECT count(*) FROM s4), (SELECT count(*) FROM s5)`;
const origin = ours.retention.origin;
const retentionSql = `
WITH a AS (SELECT DISTINCT user_id, CAST(floor((ts - ${origin}) / ${DAY}) AS INTEGER) AS d FROM events
  WHERE ts >= ${origin} AND ts < ${origin + 30 * DAY})
SELECT c.d AS cohort, r.d - c.d AS k, count(*) AS users FROM a c JOIN a r
  ON r.user_id = c.user_id AND r.d >= c.d GROUP BY ALL`;

async function measureSql(sql: string) {
  const times: number[] = [];
  let rows: unknown[][] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const reader = await db.runAndReadAll(sql);
    times.push(performance.now() - t);
    rows = reader.getRows() as unknown[][];
  }
  const memory = await db.runAndReadAll("SELECT sum(memory_usage_bytes) FROM duckdb_memory()");
  return { ms: median(times), rows, bytes: Number(memory.getRows()[0]![0]) };
}
const duck = { funnel: await measureSql(funnelSql), retention: await measureSql(retentionSql) };
const peakRss = process.resourceUsage().maxRSS * 1024;

// Check that both engines give the same answers.
const duckSteps = duck.funnel.rows[0]!.map(Number);
const ourSteps = ours.funnelFirst.result.steps.map((s) => s.users);
const duckCells = new Map(duck.retention.rows.map((r) => [`${r[0]},${r[1]}`, Number(r[2])]));
let retentionAgree = true;
ours.retention.result.cohorts.forEach((cohort, c) => {
  cohort.values.forEach((value, k) => {
    if ((duckCells.get(`${c},${k}`) ?? 0) !== value) retentionAgree = false;
  });
});

const rate = (ms: number) => table.length / ms / 1000;
const line = (name: string, ms: number, memory: string) =>
  console.log(
    `${name.padEnd(44)}${fmt(ms / 1000, 3).padStart(8)} s ${fmt(rate(ms)).padStart(10)}   ${memory}`,
  );
console.log("");
console.log(`${"".padEnd(44)}  median of ${RUNS}   M events/s   memory`);
line(
  "funnel, first entry — @opsbook/metrics",
  ours.funnelFirst.ms,
  `${mb(ours.funnelFirst.bytes)} allocated`,
);
line(
  "funnel, any start (default) — @opsbook/metrics",
  ours.funnelAny.ms,
  `${mb(ours.funnelAny.bytes)} allocated`,
);
line(
  "funnel, first entry — DuckDB SQL joins",
  duck.funnel.ms,
  `${mb(duck.funnel.bytes)} DuckDB memory`,
);
line(
  "retention 30 × 30 days — @opsbook/metrics",
  ours.retention.ms,
  `${mb(ours.retention.bytes)} allocated`,
);
line(
  "retention 30 × 30 days — DuckDB SQL",
  duck.retention.ms,
  `${mb(duck.retention.bytes)} DuckDB memory`,
);
console.log(`peak RSS: ${mb(ourPeakRss)} before DuckDB, ${mb(peakRss)} with it`);
console.log("");
console.log(`funnel steps: ours ${JSON.stringify(ourSteps)}, DuckDB ${JSON.stringify(duckSteps)}`);
console.log(`retention matrices agree: ${retentionAgree}`);
console.log(
  `ratio: funnel ${fmt(duck.funnel.ms / ours.funnelFirst.ms)} × DuckDB, retention ${fmt(duck.retention.ms / ours.retention.ms)} × DuckDB`,
);
const mark = (ok: boolean) => (ok ? "✓" : "✗");
console.log(
  `${mark(rate(ours.funnelFirst.ms) >= 150)} funnel ≥ 150 M events/s (${fmt(rate(ours.funnelFirst.ms))})`,
);
console.log(
  `${mark(rate(ours.retention.ms) >= 50)} retention ≥ 50 M events/s (${fmt(rate(ours.retention.ms))})`,
);
db.closeSync();
instance.closeSync();
