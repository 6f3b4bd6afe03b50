/**
 * End-to-end throughput of `opsbook analyze funnel` on a 10-million-row CSV export (target ≥ 1
 * million rows/s) and its peak memory, beside a baseline in the same process: the same file read
 * the usual Node way (`node:readline`, `String.split`, `Date.parse`), which parses but analyses
 * nothing. The analysis goes through `run`, the code path of the `opsbook` binary: streaming
 * decode, the CSV splitter (lines without quotes read in place), column detection, timestamp
 * parsing, the compact event store (a funnel keeps only its steps' rows), `EventTable.from` and
 * `@opsbook/metrics`' `funnel`, and the table printer. CPU time is printed beside wall-clock time,
 * since the machine may be shared.
 *
 * Run with `pnpm bench` or `node bench/run.ts analyze`; `OPSBOOK_BENCH_ROWS` changes the row count.
 */
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { createInterface } from "node:readline";
import { run } from "../src/run.ts";

const ROWS = Number(process.env.OPSBOOK_BENCH_ROWS ?? 10_000_000);
const USERS = Math.max(1, Math.round(ROWS / 20));
const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * A product export in time order (users interleaved, as exports are): 20 events per user on
 * average, a funnel of view → add_to_cart → checkout → purchase among other events, ISO 8601 times
 * in UTC with milliseconds, and a properties column as JSON text on some rows.
 */
function writeExport(path: string): void {
  const fd = openSync(path, "w");
  const start = Date.UTC(2026, 0, 1);
  const events = [
    "page_view",
    "page_view",
    "page_view",
    "search",
    "view_item",
    "view_item",
    "add_to_cart",
    "checkout",
    "purchase",
    "session_start",
  ];
  // A fixed xorshift32 stream: the same file on every run.
  let state = 2_463_534_242;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  let chunk = "userId,event,timestamp,properties\n";
  const step = (90 * 86_400_000) / ROWS;
  for (let i = 0; i < ROWS; i++) {
    const user = `user-${Math.floor(next() * USERS)}`;
    const event = events[Math.floor(next() * events.length)]!;
    const time = new Date(start + Math.floor(i * step)).toISOString();
    chunk +=
      event === "purchase"
        ? `${user},${event},${time},"{""amount"":1900,""currency"":""USD""}"\n`
        : `${user},${event},${time},\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

async function baseline(path: string): Promise<{ rows: number; ms: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  let header = true;
  let checksum = 0;
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const fields = line.split(",");
    checksum += Date.parse(fields[2]!) > 0 ? fields[0]!.length : 0;
    rows += 1;
  }
  if (checksum === 0) throw new Error("baseline read nothing");
  return { rows, ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
}

/** CPU time (user + system) of this process since `start`, in milliseconds. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function cli(
  path: string,
): Promise<{ ms: number; cpuMs: number; output: string; status: number }> {
  let output = "";
  let errors = "";
  const started = performance.now();
  const cpu = process.cpuUsage();
  const status = await run(
    [
      "analyze",
      "funnel",
      "--events",
      path,
      "--steps",
      "view_item,add_to_cart,checkout,purchase",
      "--window",
      "P7D",
    ],
    {
      stdout: { write: (text: string) => (output += text) },
      stderr: { write: (text: string) => (errors += text) },
      env: { NO_COLOR: "1" },
    },
  );
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  if (status !== 0) throw new Error(`opsbook analyze failed (${status}): ${errors}`);
  return { ms, cpuMs, output, status };
}

const dir = mkdtempSync(join(tmpdir(), "opsbook-bench-analyze-"));
try {
  const file = join(dir, "events.csv");
  let started = performance.now();
  writeExport(file);
  const size = statSync(file).size;
  console.log(
    `analyze funnel, ${fmt(ROWS, 0)} rows of ${fmt(USERS, 0)} users, CSV ${fmt(size / 2 ** 20, 0)} MB (written in ${fmt((performance.now() - started) / 1000, 1)} s)`,
  );
  gc();
  const rssBefore = process.memoryUsage().rss;
  const base = await baseline(file);
  gc();
  started = performance.now();
  const result = await cli(file);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const cliRate = ROWS / (result.ms / 1000);
  const baseRate = base.rows / (base.ms / 1000);
  const cpuRate = ROWS / (result.cpuMs / 1000);
  console.log(
    `${"readline + split + Date.parse (baseline)".padEnd(44)} ${fmt(base.ms / 1000).padStart(6)} s  ${fmt(baseRate / 1e6).padStart(5)} M rows/s  (CPU ${fmt(base.cpuMs / 1000)} s)`,
  );
  console.log(
    `${"opsbook analyze funnel (end to end)".padEnd(44)} ${fmt(result.ms / 1000).padStart(6)} s  ${fmt(cliRate / 1e6).padStart(5)} M rows/s  (CPU ${fmt(result.cpuMs / 1000)} s: ${fmt(cpuRate / 1e6)} M rows per CPU second)  ${fmt(cliRate / baseRate)}× baseline  ${cliRate >= 1e6 ? "meets" : "misses"} the 1 M rows/s target`,
  );
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => fmt(l, 1))
      .join(
        ", ",
      )} on ${os.availableParallelism()} cores (wall-clock rates fall when other processes share them; CPU time less so)`,
  );
  console.log(
    `peak RSS ${fmt(peakRss / 2 ** 20, 0)} MB (process, ${fmt(rssBefore / 2 ** 20, 0)} MB before reading; the file is ${fmt(size / 2 ** 20, 0)} MB)`,
  );
  const entered = /Entered\s+([\d,]+)/.exec(result.output)?.[1];
  console.log(`funnel: ${entered} users entered`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
