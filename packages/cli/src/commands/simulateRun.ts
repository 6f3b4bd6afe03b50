import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { currencyExponent, formatPath, validate } from "@opsbook/core";
import { programmeConfigSchema, referralProgrammeSchema } from "@opsbook/growth";
import { configValidators, type PlayConfigValidator, validatePlayConfig } from "@opsbook/plays";
import { parsePriceBook } from "@opsbook/pricing";
import { z } from "zod";
import { exitCodes } from "../exitCodes.ts";
import { formatCount, formatPercent } from "../internal/analyses.ts";
import type { CommandContext } from "../internal/command.ts";
import {
  type SimulatedKind,
  type SimulationReport,
  type SimulationSettings,
  simulatedKinds,
  simulatePointsProgramme,
  simulatePriceBook,
  simulateReferralProgramme,
} from "../internal/simulations.ts";
import { CommandError, describeFileError, UsageError } from "../internal/usageError.ts";
import { countArgument, seedArgument } from "../schemas.ts";

// The registry's validators for the kinds simulate runs, returning the config as written (the
// simulations parse it themselves), and the points programme's, which plays does not list.
const rawAfter =
  (check: (config: unknown) => unknown) =>
  (config: unknown): unknown => {
    check(config);
    return config;
  };
const validators: Record<string, PlayConfigValidator> = {
  ...configValidators,
  "price-book": {
    kind: "price-book",
    package: "@opsbook/pricing",
    parse: rawAfter((config) => parsePriceBook(config)),
  },
  "referral-programme": {
    kind: "referral-programme",
    package: "@opsbook/growth",
    parse: rawAfter((config) =>
      validate(referralProgrammeSchema, config, { label: "referral programme" }),
    ),
  },
  "growth-programme": {
    kind: "growth-programme",
    package: "@opsbook/growth",
    parse: rawAfter((config) =>
      validate(programmeConfigSchema, config, { label: "growth programme" }),
    ),
  },
};

const share = z
  .string()
  .regex(/^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/, {
    error: "expected a number from 0 to 1 such as 0.7",
  })
  .transform(Number);
const positive = z
  .string()
  .regex(/^\d+(?:\.\d+)?$/, { error: "expected a positive number such as 1 or 0.5" })
  .transform(Number)
  .refine((v) => v > 0, { error: "expected a positive number" });

function option<S extends z.ZodType>(
  name: string,
  schema: S,
  value: string | boolean | undefined,
): z.output<S> | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? "invalid value";
    throw new UsageError(message.startsWith("--") ? message : `--${name}: ${message}`, "simulate");
  }
  return result.data;
}

function range(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (value < min || value > max) {
    throw new UsageError(
      `--${name}: expected a whole number from ${min} to ${max}, received ${value}`,
      "simulate",
    );
  }
  return value;
}

/** `opsbook simulate`: see its help in `simulate.ts`. */
export async function runSimulate({
  options,
  positionals,
  cwd,
  stdout,
}: CommandContext): Promise<number> {
  const settings: SimulationSettings = {
    runs: range("runs", option("runs", countArgument("runs"), options.runs), 1, 10_000, 100),
    seed: option("seed", seedArgument, options.seed) ?? 42,
    users: range(
      "users",
      option("users", countArgument("users"), options.users),
      10,
      100_000,
      2000,
    ),
    days: range("days", option("days", countArgument("days"), options.days), 7, 1096, 90),
    redemptionRate: option("redemption-rate", share, options["redemption-rate"]) ?? 0.7,
    pointValue: option("point-value", positive, options["point-value"]) ?? 1,
    usageScale: option("usage-scale", positive, options["usage-scale"]) ?? 1,
  };
  const file = positionals[0]!;
  const bytes = await readFile(resolve(cwd, file)).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      `cannot read "${file}": ${code === "ENOENT" ? "no such file" : describeFileError(error)}`,
      "simulate",
    );
  });
  const text = decode(bytes, file);

  let kind: string;
  let config: unknown;
  try {
    ({ kind, config } = validatePlayConfig(text, { path: file, validators }));
  } catch (error) {
    if ((error as Error)?.name !== "OpsbookError") throw error;
    const issues = (
      error as {
        issues: { line?: number; column?: number; path: (string | number)[]; message: string }[];
      }
    ).issues;
    throw new CommandError(
      issues
        .map((issue) => {
          // The message ends with the place, "(file:line:column)", which leads the line here.
          const message = issue.message.replace(/ \([^()]*:\d+:\d+\)$/, "");
          const where = formatPath(issue.path);
          const text = where && !message.startsWith(where) ? `${where}: ${message}` : message;
          return `${file}:${issue.line ?? 1}:${issue.column ?? 1}: ${text}`;
        })
        .join("\n"),
      "simulate",
    );
  }
  if (!(simulatedKinds as readonly string[]).includes(kind)) {
    throw new UsageError(
      `${file}: a config of kind ${kind} cannot be simulated; simulate runs ${simulatedKinds.join(", ")} configs`,
      "simulate",
    );
  }
  const workers = range(
    "workers",
    option("workers", countArgument("workers"), options.workers),
    1,
    64,
    Math.min(availableParallelism(), settings.runs),
  );
  let report: SimulationReport;
  try {
    report = await run(kind as SimulatedKind, config, settings, workers);
  } catch (error) {
    if ((error as Error)?.name === "OpsbookError") {
      throw new CommandError(`${file}: ${(error as Error).message}`, "simulate");
    }
    throw error;
  }
  if (options.json === true) {
    stdout.line(JSON.stringify({ config: file, settings, ...report }, null, 2));
  } else {
    stdout.stream.write(simulationText(report, file, settings, stdout.styles.bold));
  }
  return exitCodes.ok;
}

async function run(
  kind: SimulatedKind,
  config: unknown,
  settings: SimulationSettings,
  workers: number,
): Promise<SimulationReport> {
  switch (kind) {
    case "price-book":
      return simulatePriceBook(config, settings);
    case "growth-programme":
      return simulatePointsProgramme(config, settings);
    case "referral-programme":
      return simulateReferralProgramme(config, settings, workers);
  }
}

/** The config's text: UTF-8 (a byte-order mark is skipped); UTF-16 and invalid UTF-8 are refused. */
function decode(bytes: Buffer, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CommandError(`${file}: the file is UTF-16; save it as UTF-8`, "simulate");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, lenient.indexOf("\uFFFD")).split("\n").length;
    throw new CommandError(
      `${file}:${line}: the file is not valid UTF-8; save it as UTF-8`,
      "simulate",
    );
  }
}

function simulationText(
  report: SimulationReport,
  file: string,
  settings: SimulationSettings,
  bold: (text: string) => string,
): string {
  const exponent = currencyExponent(report.currency);
  const show = (value: number, unit: SimulationReport["figures"][number]["unit"]) => {
    if (unit === "share") return formatPercent(value);
    if (unit === "money") {
      return `${(value / 10 ** exponent).toLocaleString("en-US", { minimumFractionDigits: exponent, maximumFractionDigits: exponent })}`;
    }
    return Number.isInteger(value)
      ? formatCount(value)
      : value.toLocaleString("en-US", { maximumFractionDigits: 1 });
  };
  const columns = ["mean", "p5", "p25", "p50", "p75", "p95"] as const;
  const rows = report.figures.map((figure) => {
    const m = report.metrics[figure.name]!;
    const label = figure.unit === "money" ? `${figure.label} (${report.currency})` : figure.label;
    return [label, ...columns.map((c) => show(m[c], figure.unit))];
  });
  const header = ["", ...columns];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    `  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")}`;
  return `${[
    bold(`Simulation of ${file} (${report.kind})`),
    `${settings.runs} runs, seed ${settings.seed}, sample product of ${formatCount(settings.users)} users over ${settings.days} days`,
    "",
    line(header),
    ...rows.map(line),
  ].join("\n")}\n`;
}
