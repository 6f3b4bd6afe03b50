import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { exitCodes } from "../exitCodes.ts";
import {
  type AnalysisName,
  analysisDefinition,
  analysisNames,
  analysisOptions,
  formatCount,
  propertiesNeeded,
  runAnalysis,
} from "../internal/analyses.ts";
import { writeFileAtomically } from "../internal/atomicFile.ts";
import type { CommandContext } from "../internal/command.ts";
import { oneOf } from "../internal/oneOf.ts";
import { progressBar } from "../internal/progressBar.ts";
import {
  type InputFormat,
  inputFormats,
  type ReadEventsOptions,
  type ReadSummary,
  readEvents,
  readEventsInto,
} from "../internal/readEvents.ts";
import { reportHtml } from "../internal/reportHtml.ts";
import { reportCsv, reportText } from "../internal/reportText.ts";
import { CommandError, describeFileError, UsageError } from "../internal/usageError.ts";

// Options every analysis takes; the others belong to one or more analyses (analysisOptions).
const sharedOptions = new Set([
  "events",
  "format",
  "user-column",
  "event-column",
  "time-column",
  "json",
  "csv",
  "html",
  "help",
  "quiet",
  "no-color",
]);

/** `opsbook analyze`: see its help in `analyze.ts`. */
export async function runAnalyze({
  options,
  positionals,
  cwd,
  stdout,
  stderr,
  quiet,
}: CommandContext): Promise<number> {
  const name = oneOf("analyze", "analysis", positionals[0], analysisNames) as AnalysisName;
  for (const [option, value] of Object.entries(options)) {
    if (value === undefined || sharedOptions.has(option)) continue;
    if (!analysisOptions[name].includes(option)) {
      throw new UsageError(`--${option} does not apply to ${name}`, "analyze");
    }
  }
  if (typeof options.events !== "string" || options.events === "") {
    throw new UsageError("missing --events <file>: the event export to read", "analyze");
  }
  const outputs = ["json", "csv", "html"].filter((o) => options[o] !== undefined);
  if (outputs.length > 1) {
    throw new UsageError(`--${outputs.join(" and --")}: choose one output`, "analyze");
  }
  const format = oneOf("analyze", "format", options.format, inputFormats) as
    | InputFormat
    | undefined;
  const definition = analysisDefinition(name, options);
  const label = options.events;
  const path = resolve(cwd, label);
  const info = await stat(path).catch((error: unknown) => {
    throw new UsageError(`cannot read "${label}": ${describeRead(error)}`, "analyze");
  });
  if (info.isDirectory()) throw new UsageError(`"${label}" is a folder`, "analyze");
  const htmlPath = typeof options.html === "string" ? resolve(cwd, options.html) : undefined;
  if (htmlPath !== undefined) {
    const existing = await stat(htmlPath).catch(() => undefined);
    if (existing?.isDirectory()) throw new UsageError(`"${options.html}" is a folder`, "analyze");
  }

  const summary: ReadSummary = { format: undefined, columns: undefined, rows: 0 };
  const progress = progressBar(stderr, quiet ? "" : `reading ${label}`);
  let outcome: ReturnType<typeof runAnalysis>;
  try {
    const readOptions: ReadEventsOptions = {
      path,
      label,
      format,
      columns: {
        user: text(options["user-column"]),
        event: text(options["event-column"]),
        time: text(options["time-column"]),
      },
      properties: propertiesNeeded(name, options),
      onProgress: quiet ? undefined : progress.update,
    };
    outcome = runAnalysis(name, definition, {
      events: () => readEvents(readOptions, summary),
      into: (sink) => readEventsInto(readOptions, summary, sink),
    });
  } catch (error) {
    if ((error as Error)?.name === "OpsbookError") {
      const { message, path: where } = error as Error & { path: unknown[] };
      // A bad analysis option is a usage error; anything else is a problem with the data.
      if (where?.[0] === "options") throw new UsageError(message, "analyze");
      throw new CommandError(`${label}: ${message}`, "analyze");
    }
    if (typeof (error as { syscall?: unknown }).syscall === "string") {
      throw new UsageError(`cannot read "${label}": ${describeRead(error)}`, "analyze");
    }
    throw error;
  } finally {
    progress.clear();
  }

  const { report, users } = outcome;
  const columns = summary.columns!;
  const header = `${label}: ${formatCount(summary.rows)} events of ${formatCount(users)} users (${summary.format}, ${columns.preset}: user ${columns.user.join(" or ")}, event ${columns.event}, time ${columns.time})`;
  if (options.json === true) {
    const input = {
      file: label,
      format: summary.format,
      preset: columns.preset,
      columns: { user: columns.user, event: columns.event, time: columns.time },
      events: summary.rows,
      users,
    };
    stdout.line(
      JSON.stringify(
        { analysis: name, input, options: report.options, result: report.result },
        null,
        2,
      ),
    );
  } else if (options.csv === true) {
    stdout.stream.write(reportCsv(report));
  } else if (htmlPath !== undefined) {
    const html = reportHtml(
      report,
      header,
      `Generated by opsbook ${packageJson.version} (@opsbook/cli) — https://opsbook.dev`,
    );
    try {
      await writeFileAtomically(htmlPath, html);
    } catch (error) {
      throw new CommandError(
        `cannot write "${options.html}": ${describeFileError(error)}`,
        "analyze",
      );
    }
    if (!quiet) stdout.line(`${stdout.styles.green("wrote")} ${options.html}: ${report.title}`);
  } else {
    stdout.stream.write(reportText(report, header, stdout.styles));
  }
  return exitCodes.ok;
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function describeRead(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  return describeFileError(error);
}
