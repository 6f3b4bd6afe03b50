/**
 * EventTable build: 10 million sample events (streamed from @opsbook/sample-data, ~320,000 users
 * over 120 days) are turned into core's columnar EventTable, beside a plain
 * `Array.prototype.sort` of the same objects by user then time, in the same process. Two input
 * orders are measured: the stream's default order (each user's events together, as an export by
 * user arrives) and an interleaved order (blocks of 10,000 users merged by time, as an ingestion
 * log arrives), where nearly every row looks its user up in the dictionary.
 *
 * Targets (issue "Monorepo foundation"): ≥ 5 million events/s to build, ≤ 24 bytes per event plus
 * the user and event-name dictionaries.
 *
 * Run with `pnpm bench` (builds the packages) or `node bench/run.ts eventTable` after a build.
 */
import { existsSync } from "node:fs";

const coreEntry = new URL("../packages/core/dist/index.js", import.meta.url);
const sampleEntry = new URL("../packages/sample-data/dist/index.js", import.meta.url);
if (!existsSync(coreEntry) || !existsSync(sampleEntry)) {
  console.error("Build the packages first: pnpm bench (or pnpm build).");
  process.exit(1);
}
const { EventTable } = (await import(
  coreEntry.href
)) as typeof import("../packages/core/src/index.ts");
const { streamEvents } = (await import(
  sampleEntry.href
)) as typeof import("../packages/sample-data/src/index.ts");

type Event = { userId: string; event: string; timestamp: number };

const TARGET_EVENTS = 10_000_000;
const RUNS = 3;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mark = (ok: boolean) => (ok ? "✓" : "✗");

function generate(blockSize: number): Event[] {
  const events: Event[] = [];
  for (const event of streamEvents({
    seed: 42,
    users: Math.ceil(TARGET_EVENTS / 29),
    days: 120,
    blockSize,
  })) {
    events.push(event);
    if (events.length === TARGET_EVENTS) break;
  }
  // The generator builds each block's events user by user and then merges them by time, so the
  // objects would sit in memory in another order than the array. Copy them in array order, as a
  // parser reading an export allocates its rows, so that memory layout matches arrival order.
  return events.map((event) => ({ ...event }));
}

function measure(label: string, blockSize: number): void {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let started = performance.now();
  const events = generate(blockSize);
  const generationMs = performance.now() - started;
  gc();
  const objectBytes = (process.memoryUsage().heapUsed - heapBefore) / events.length;
  console.log(`\n${label}`);
  console.log(
    `generated ${fmt(events.length, 0)} events in ${fmt(generationMs / 1000)} s, ` +
      `${fmt(objectBytes, 1)} bytes per event as objects in an array`,
  );

  const buildMs: number[] = [];
  let table: InstanceType<typeof EventTable> | undefined;
  for (let run = 0; run < RUNS; run++) {
    table = undefined;
    gc();
    started = performance.now();
    table = EventTable.from(events);
    buildMs.push(performance.now() - started);
  }
  const built = table as InstanceType<typeof EventTable>;
  const columnBytes =
    (built.users.BYTES_PER_ELEMENT +
      built.events.BYTES_PER_ELEMENT +
      built.timestamps.BYTES_PER_ELEMENT) *
      built.length +
    built.userOffsets.byteLength;
  const perEventColumns = columnBytes / built.length;
  // Dictionaries: one string per user and per event name (V8 one-byte strings: ~16-byte header).
  const dictionaryBytes = [...built.userIds, ...built.eventNames].reduce(
    (sum, text) => sum + 16 + text.length,
    0,
  );

  const sortMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    gc();
    const copy = events.slice();
    started = performance.now();
    copy.sort((a, b) =>
      a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.timestamp - b.timestamp,
    );
    sortMs.push(performance.now() - started);
  }

  const build = median(buildMs);
  const sort = median(sortMs);
  const buildRate = events.length / build / 1000;
  const sortRate = events.length / sort / 1000;
  console.log(
    `rows ${fmt(built.length, 0)}, users ${fmt(built.userCount, 0)}, event names ` +
      `${built.eventNames.length}, dictionaries ≈ ${fmt(dictionaryBytes / 2 ** 20, 1)} MB ` +
      `(${fmt(dictionaryBytes / built.length, 2)} bytes per event)`,
  );
  console.log("                              time (median of 3)   M events/s   bytes/event");
  console.log(
    `EventTable.from              ${fmt(build / 1000, 3).padStart(9)} s       ${fmt(buildRate).padStart(8)}     ` +
      `${fmt(perEventColumns, 1)} in typed arrays`,
  );
  console.log(
    `Array.prototype.sort         ${fmt(sort / 1000, 3).padStart(9)} s       ${fmt(sortRate).padStart(8)}     ` +
      `${fmt(objectBytes, 1)} (objects)`,
  );
  console.log(`ratio: EventTable.from is ${fmt(sort / build)} × the speed of sorting the objects`);
  console.log(`${mark(buildRate >= 5)} build ≥ 5 M events/s (${fmt(buildRate)})`);
  console.log(
    `${mark(perEventColumns <= 24)} ≤ 24 bytes per event plus dictionaries (${fmt(perEventColumns, 1)})`,
  );
}

measure("Input grouped by user (streamEvents default order)", 1);
measure("Input interleaved (blocks of 10,000 users merged by time)", 10_000);
