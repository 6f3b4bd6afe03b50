import { stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { OpsEvent } from "@opsbook/core";
import { streamEvents } from "@opsbook/sample-data";
import type { z } from "zod";
import { exitCodes } from "../exitCodes.ts";
import { writeAtomically } from "../internal/atomicFile.ts";
import type { CommandContext } from "../internal/command.ts";
import { CommandError, describeFileError, UsageError } from "../internal/usageError.ts";
import {
  countArgument,
  sampleFormatArgument,
  type sampleFormatValues,
  seedArgument,
} from "../schemas.ts";

type SampleFormat = (typeof sampleFormatValues)[number];

/** Bytes gathered before each write: large enough to be fast, small enough to stay bounded. */
const chunkSize = 1 << 20;

/** `opsbook sample`: see its help in `sample.ts`. */
export async function runSample({
  options,
  cwd,
  stdout,
  stderr,
  quiet,
}: CommandContext): Promise<number> {
  if (typeof options.out !== "string" || options.out === "") {
    throw new UsageError("missing --out <file>: the file to write", "sample");
  }
  const out = options.out;
  const users = argument(countArgument("users"), options.users);
  const days = argument(countArgument("days"), options.days);
  const seed = argument(seedArgument, options.seed);
  const format: SampleFormat =
    argument(sampleFormatArgument, options.format) ?? formatFromExtension(out);

  let events: Iterable<OpsEvent>;
  try {
    events = streamEvents({ users, days, seed });
  } catch (error) {
    if ((error as Error)?.name !== "OpsbookError") throw error;
    // "days: expected number ≥ 7…" → "--days: expected number ≥ 7…"
    const message = (error as Error).message.replace(/^(?:options\.)?(\w+):/gm, "--$1:");
    throw new UsageError(message, "sample");
  }

  const path = resolve(cwd, out);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`"${out}" is a folder`, "sample");

  // Ctrl-C or SIGTERM stops the writing loop at its next chunk, which removes the temporary file.
  let stoppedBy: string | undefined;
  const stop = (signal: string) => {
    stoppedBy = signal;
  };
  process.on("SIGINT", stop).on("SIGTERM", stop);
  let count = 0;
  try {
    await writeAtomically(path, async (file) => {
      let chunk = format === "csv" ? "userId,event,timestamp,properties\n" : "";
      for (const event of events) {
        chunk += format === "csv" ? csvLine(event) : ndjsonLine(event);
        count += 1;
        if (chunk.length >= chunkSize) {
          await file.write(chunk);
          chunk = "";
          if (stoppedBy) throw new Interrupted(stoppedBy);
        }
      }
      await file.write(chunk);
      if (stoppedBy) throw new Interrupted(stoppedBy);
    });
  } catch (error) {
    if (error instanceof Interrupted) {
      stderr.line(`opsbook sample: stopped by ${error.message}; "${out}" was not written`);
      return exitCodes.interrupted;
    }
    if (typeof (error as { syscall?: unknown }).syscall === "string") {
      throw new CommandError(`cannot write "${out}": ${describeFileError(error)}`, "sample");
    }
    throw error;
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
  }
  if (!quiet) {
    stdout.line(
      `${stdout.styles.green("wrote")} ${out}: ${count.toLocaleString("en-US")} events of ${(users ?? 2000).toLocaleString("en-US")} users over ${days ?? 120} days (seed ${seed ?? 42}, ${format})`,
    );
  }
  return exitCodes.ok;
}

class Interrupted extends Error {}

function argument<S extends z.ZodType>(
  schema: S,
  value: string | boolean | undefined,
): z.output<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new UsageError(result.error.issues[0]?.message ?? "invalid value", "sample");
  }
  return result.data;
}

function formatFromExtension(file: string): SampleFormat {
  return extname(file).toLowerCase() === ".csv" ? "csv" : "ndjson";
}

function ndjsonLine(event: OpsEvent): string {
  const row: Record<string, unknown> = {
    userId: event.userId,
    event: event.event,
    timestamp: new Date(event.timestamp).toISOString(),
  };
  if (event.properties) row.properties = event.properties;
  return `${JSON.stringify(row)}\n`;
}

/** A CSV field, quoted as RFC 4180 says when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(event: OpsEvent): string {
  const properties = event.properties ? JSON.stringify(event.properties) : "";
  return `${csvField(event.userId)},${csvField(event.event)},${new Date(event.timestamp).toISOString()},${csvField(properties)}\n`;
}
