/**
 * Generation throughput of `streamEvents`: events per second and the heap it needs, one user at a
 * time (the default) and in blocks of 10,000 users sorted by time, beside materialising the same
 * events into an array with `generateProduct`-sized work (`Array.from`) in the same process.
 *
 * Run with `pnpm bench` or `node bench/run.ts streamEvents` (needs `@opsbook/core` built).
 */
import process from "node:process";
import { streamEvents } from "../src/index.ts";

const USERS = 100_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

function measure(label: string, blockSize: number): void {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let count = 0;
  const started = performance.now();
  for (const event of streamEvents({ seed: 42, users: USERS, blockSize })) {
    if (event.timestamp > 0) count++;
    if ((count & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(28)} ${fmt(count, 0).padStart(11)} events  ${fmt(count / ms / 1000).padStart(6)} M events/s  ` +
      `peak heap +${fmt((peak - before) / 2 ** 20, 1)} MB`,
  );
}

function materialise(): void {
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const all = Array.from(streamEvents({ seed: 42, users: USERS }));
  const ms = performance.now() - started;
  const held = process.memoryUsage().heapUsed - before;
  console.log(
    `${"Array.from (held in memory)".padEnd(28)} ${fmt(all.length, 0).padStart(11)} events  ` +
      `${fmt(all.length / ms / 1000).padStart(6)} M events/s  heap +${fmt(held / 2 ** 20, 1)} MB ` +
      `(${fmt(held / all.length, 1)} bytes/event)`,
  );
}

console.log(`streamEvents, ${fmt(USERS, 0)} users over 120 days`);
measure("per user (blockSize 1)", 1);
measure("blocks of 10,000 users", 10_000);
materialise();
