import { type Money, type OpsEvent, toDecimal, validate } from "@opsbook/core";
import {
  activationThreshold,
  activationThresholdOptionsSchema,
  funnel,
  funnelDefinitionSchema,
  growthAccounting,
  growthAccountingOptionsSchema,
  lifecycle,
  lifecycleOptionsSchema,
  retention,
  retentionOptionsSchema,
  stickiness,
  stickinessOptionsSchema,
} from "@opsbook/metrics";
import { rfmSegments, rfmTransactionsFromEvents } from "@opsbook/persona";
import { CompactEvents } from "./compactEvents.ts";
import type { EventSink } from "./readEvents.ts";
import { UsageError } from "./usageError.ts";

/** The analyses of `opsbook analyze`. */
export const analysisNames = [
  "funnel",
  "retention",
  "lifecycle",
  "growth",
  "stickiness",
  "rfm",
  "activation",
] as const;
export type AnalysisName = (typeof analysisNames)[number];

/** A cell of a report table. */
export type Cell = string | number | null;

/** A table of a report; `percent` columns hold ratios shown as percentages. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: Cell[][];
  percent?: number[];
}

/** A chart of a report: one value per label per series. */
export interface ReportChart {
  kind: "bars" | "stacked" | "lines";
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  percent?: boolean;
}

/** What an analysis gives the printers: the library's result and how to show it. */
export interface Report {
  analysis: AnalysisName;
  title: string;
  /** The options passed to the library function. */
  options: Record<string, unknown>;
  /** The library function's result, as it returned it. */
  result: unknown;
  summary: [label: string, value: string][];
  tables: ReportTable[];
  charts: ReportChart[];
}

/** The analysis options of the command line, by option name. */
export type AnalysisOptions = Record<string, string | boolean | undefined>;

/** Which command-line options each analysis takes (beyond the shared ones). */
export const analysisOptions: Record<AnalysisName, readonly string[]> = {
  funnel: ["steps", "window", "order"],
  retention: ["unit", "periods", "cohort", "start-event", "return-event", "time-zone"],
  lifecycle: ["unit", "event", "time-zone"],
  growth: ["unit", "event", "time-zone"],
  stickiness: ["unit", "event", "time-zone"],
  rfm: ["purchase-event", "amount-property", "currency-property", "as-of"],
  activation: ["actions", "windows", "thresholds", "signup-event", "retention-days", "min-support"],
};

/** Property keys an analysis needs read from the events. */
export function propertiesNeeded(name: AnalysisName, options: AnalysisOptions): string[] {
  if (name !== "rfm") return [];
  return [
    text(options["amount-property"]) ?? "amount",
    text(options["currency-property"]) ?? "currency",
  ];
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function list(name: string, value: string | boolean | undefined): string[] | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  const items = raw.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) {
    throw new UsageError(`--${name}: expected a comma-separated list such as a,b,c`, "analyze");
  }
  return items;
}

function numbers(name: string, value: string | boolean | undefined): number[] | undefined {
  const items = list(name, value);
  if (items === undefined) return undefined;
  return items.map((item) => wholeNumber(name, item));
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new UsageError(`--${name}: expected whole numbers, received "${value}"`, "analyze");
  }
  return Number(value);
}

function unit<T extends string>(
  value: string | boolean | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = text(value);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(
      `--unit: expected one of ${allowed.join(", ")}, received "${raw}"`,
      "analyze",
    );
  }
  return raw as T;
}

/** Drops undefined values, so that the library's defaults apply. */
function defined(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

const percentFormat = new Intl.NumberFormat("en-US", {
  style: "percent",
  maximumFractionDigits: 1,
});
const countFormat = new Intl.NumberFormat("en-US");

export function formatPercent(value: number): string {
  return percentFormat.format(value);
}

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** A duration in the largest fitting unit: "3.2 h", "1.5 d". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ];
  for (const [size, name] of units) {
    if (ms >= size) return `${(ms / size).toFixed(1)} ${name}`;
  }
  return `${Math.round(ms)} ms`;
}

// The library's option names, as command-line options, for messages.
const flags: Record<string, string> = {
  steps: "--steps",
  conversionWindow: "--window",
  order: "--order",
  unit: "--unit",
  periods: "--periods",
  cohort: "--cohort",
  startEvent: "--start-event",
  returnEvent: "--return-event",
  event: "--event",
  timeZone: "--time-zone",
  actions: "--actions",
  windowsDays: "--windows",
  thresholds: "--thresholds",
  signupEvent: "--signup-event",
  retentionDays: "--retention-days",
  minSupport: "--min-support",
};

const schemas = {
  funnel: funnelDefinitionSchema,
  retention: retentionOptionsSchema,
  lifecycle: lifecycleOptionsSchema,
  growth: growthAccountingOptionsSchema,
  stickiness: stickinessOptionsSchema,
  activation: activationThresholdOptionsSchema,
} as const;

/**
 * The options each analysis passes to its library function, from the command line, checked
 * against the library's schema before any event is read: a bad value is a usage error naming the
 * command-line option (`--window: expected positive milliseconds or ISO-8601 duration…`).
 */
export function analysisDefinition(
  name: AnalysisName,
  options: AnalysisOptions,
): Record<string, unknown> {
  const definition = cliDefinition(name, options);
  if (name === "rfm") return definition;
  try {
    validate(schemas[name], definition, { path: ["options"] });
  } catch (error) {
    const issues = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    if (!issues) throw error;
    throw new UsageError(
      issues
        .map((issue) => {
          const key = String(issue.path[1] ?? "");
          const message = issue.message.replace(/^[^:]*: /, "");
          return `${flags[key] ?? key}: ${message}`;
        })
        .join("\n"),
      "analyze",
    );
  }
  return definition;
}

function cliDefinition(name: AnalysisName, options: AnalysisOptions): Record<string, unknown> {
  const timeZone = text(options["time-zone"]);
  const event = text(options.event);
  switch (name) {
    case "funnel": {
      const steps = list("steps", options.steps);
      if (steps === undefined || steps.length < 2) {
        throw new UsageError(
          "funnel: --steps takes two or more event names in order, such as --steps signup,activate,purchase",
          "analyze",
        );
      }
      const window = text(options.window);
      return defined({
        steps: steps.map((step) => ({ event: step })),
        conversionWindow:
          window === undefined ? "P14D" : /^\d+$/.test(window) ? Number(window) : window,
        order: text(options.order),
      });
    }
    case "retention": {
      const periods = text(options.periods);
      const start = text(options["start-event"]);
      const back = text(options["return-event"]);
      return defined({
        unit: unit(options.unit, ["day", "week", "month"], "week"),
        periods: periods === undefined ? undefined : wholeNumber("periods", periods),
        cohort: text(options.cohort),
        startEvent: start === undefined ? undefined : { event: start },
        returnEvent: back === undefined ? undefined : { event: back },
        timeZone,
      });
    }
    case "lifecycle":
      return defined({
        unit: unit(options.unit, ["day", "week", "month"], "week"),
        event: event === undefined ? undefined : { event },
        timeZone,
      });
    case "growth":
      return defined({
        unit: unit(options.unit, ["day", "week", "month", "quarter", "year"], "month"),
        event: event === undefined ? undefined : { event },
        timeZone,
      });
    case "stickiness":
      return defined({
        unit: unit(options.unit, ["day", "week", "month"], "day"),
        event: event === undefined ? undefined : { event },
        timeZone,
      });
    case "rfm":
      return defined({
        purchaseEvent: text(options["purchase-event"]) ?? "purchase",
        amountProperty: text(options["amount-property"]) ?? "amount",
        currencyProperty: text(options["currency-property"]) ?? "currency",
        asOf: text(options["as-of"]),
      });
    case "activation": {
      const actions = list("actions", options.actions);
      if (actions === undefined) {
        throw new UsageError(
          "activation: --actions takes the candidate actions, such as --actions core_action,invite",
          "analyze",
        );
      }
      const retentionDays = numbers("retention-days", options["retention-days"]);
      if (retentionDays !== undefined && retentionDays.length !== 2) {
        throw new UsageError(
          "--retention-days: expected two numbers, from,to, such as 28,35",
          "analyze",
        );
      }
      const minSupport = text(options["min-support"]);
      return defined({
        actions,
        windowsDays: numbers("windows", options.windows),
        thresholds: numbers("thresholds", options.thresholds),
        signupEvent: text(options["signup-event"]),
        retentionDays,
        minSupport: minSupport === undefined ? undefined : wholeNumber("min-support", minSupport),
      });
    }
  }
}

/** Where an analysis reads its events from. */
export interface EventSource {
  /** Streams every event, with the properties the analysis needs (`propertiesNeeded`). */
  events(): Iterable<OpsEvent>;
  /** Reads every event, without properties, into `sink`. */
  into(sink: EventSink): void;
}

/**
 * The event names whose rows an analysis reads, when it ignores the others: a funnel's steps,
 * unless the order is strict (any other event between two steps breaks the chain there).
 */
function eventsRead(
  name: AnalysisName,
  definition: Record<string, unknown>,
): Set<string> | undefined {
  if (name !== "funnel" || definition.order === "strict") return undefined;
  return new Set((definition.steps as { event: string }[]).map((step) => step.event));
}

/**
 * Runs an analysis on streamed events: the event analyses read them compactly (a funnel keeps
 * only its steps' rows, counting every user), build an `EventTable` (14 bytes per event) and call
 * `@opsbook/metrics`; RFM keeps only the purchase events and calls `@opsbook/persona`.
 */
export function runAnalysis(
  name: AnalysisName,
  definition: Record<string, unknown>,
  source: EventSource,
): { report: Report; users: number } {
  if (name === "rfm") {
    const purchaseEvent = definition.purchaseEvent as string;
    const purchases: OpsEvent[] = [];
    const users = new Set<string>();
    for (const event of source.events()) {
      users.add(event.userId);
      if (event.event === purchaseEvent) purchases.push({ ...event });
    }
    const { asOf, ...fromEvents } = definition;
    const transactions = rfmTransactionsFromEvents(purchases, fromEvents);
    const result = rfmSegments(transactions, defined({ asOf }));
    return { report: rfmReport(definition, result), users: users.size };
  }
  const compact = new CompactEvents(eventsRead(name, definition));
  source.into(compact);
  const users = compact.userIds.length;
  const table = compact.toTable();
  switch (name) {
    case "funnel":
      return { report: funnelReport(definition, funnel(table, definition as never)), users };
    case "retention":
      return { report: retentionReport(definition, retention(table, definition)), users };
    case "lifecycle":
      return { report: lifecycleReport(definition, lifecycle(table, definition)), users };
    case "growth":
      return { report: growthReport(definition, growthAccounting(table, definition)), users };
    case "stickiness":
      return { report: stickinessReport(definition, stickiness(table, definition)), users };
    case "activation":
      return {
        report: activationReport(definition, activationThreshold(table, definition as never)),
        users,
      };
  }
}

function funnelReport(options: Record<string, unknown>, result: ReturnType<typeof funnel>): Report {
  const last = result.steps[result.steps.length - 1];
  return {
    analysis: "funnel",
    title: `Funnel: ${result.steps.map((s) => s.event).join(" → ")}`,
    options,
    result,
    summary: [
      ["Entered", formatCount(result.entered)],
      ["Converted", formatCount(result.converted)],
      ["Conversion", formatPercent(last?.conversionFromStart ?? 0)],
      ["Median time to convert", formatDuration(result.timeToConvert.median)],
    ],
    tables: [
      {
        title: "Steps",
        columns: [
          "step",
          "event",
          "users",
          "from start",
          "from previous",
          "drop-off",
          "median time",
        ],
        rows: result.steps.map((s) => [
          s.index + 1,
          s.event,
          s.users,
          s.conversionFromStart,
          s.conversionFromPrevious,
          s.dropOff,
          s.index === 0 ? "–" : formatDuration(s.timeToConvert.median),
        ]),
        percent: [3, 4],
      },
    ],
    charts: [
      {
        kind: "bars",
        title: "Users reaching each step",
        labels: result.steps.map((s) => `${s.index + 1}. ${s.event}`),
        series: [{ name: "users", values: result.steps.map((s) => s.users) }],
      },
    ],
  };
}

function retentionReport(
  options: Record<string, unknown>,
  result: ReturnType<typeof retention>,
): Report {
  const users = result.cohorts.reduce((sum, c) => sum + c.size, 0);
  return {
    analysis: "retention",
    title: `Retention by ${options.unit as string}`,
    options,
    result,
    summary: [
      ["Cohorts", formatCount(result.cohorts.length)],
      ["Users in cohorts", formatCount(users)],
      ...result.columns
        .slice(1, 4)
        .map(
          (column, i) =>
            [`Mean retention, ${column}`, formatPercent(result.mean.weighted[i + 1] ?? 0)] as [
              string,
              string,
            ],
        ),
    ],
    tables: [
      {
        title: "Cohorts (share of the cohort active in each period)",
        columns: ["cohort", "size", ...result.columns],
        rows: result.cohorts.map((c) => [
          c.key,
          c.size,
          ...result.columns.map((_, i) => (i < c.rates.length ? (c.rates[i] ?? null) : null)),
        ]),
        percent: result.columns.map((_, i) => i + 2),
      },
    ],
    charts: [
      {
        kind: "lines",
        title: "Mean retention curve (weighted by cohort size)",
        labels: result.columns,
        series: [{ name: "retention", values: result.mean.weighted }],
        percent: true,
      },
    ],
  };
}

function lifecycleReport(
  options: Record<string, unknown>,
  result: ReturnType<typeof lifecycle>,
): Report {
  const last = result[result.length - 1];
  return {
    analysis: "lifecycle",
    title: `Lifecycle by ${options.unit as string}`,
    options,
    result,
    summary: [
      ["Periods", formatCount(result.length)],
      ["Last period", last?.key ?? "–"],
      ["New in the last period", formatCount(last?.new ?? 0)],
      ["Dormant in the last period", formatCount(last?.dormant ?? 0)],
    ],
    tables: [
      {
        title: "Users by lifecycle state",
        columns: ["period", "new", "returning", "resurrecting", "dormant"],
        rows: result.map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant]),
      },
    ],
    charts: [
      {
        kind: "stacked",
        title: "New, returning, resurrecting and dormant users",
        labels: result.map((p) => p.key),
        series: [
          { name: "new", values: result.map((p) => p.new) },
          { name: "returning", values: result.map((p) => p.returning) },
          { name: "resurrecting", values: result.map((p) => p.resurrecting) },
          { name: "dormant", values: result.map((p) => p.dormant) },
        ],
      },
    ],
  };
}

function growthReport(
  options: Record<string, unknown>,
  result: ReturnType<typeof growthAccounting>,
): Report {
  const last = result[result.length - 1];
  return {
    analysis: "growth",
    title: `Growth accounting by ${options.unit as string}`,
    options,
    result,
    summary: [
      ["Periods", formatCount(result.length)],
      ["Active in the last period", formatCount(last?.active ?? 0)],
      ["Quick ratio, last period", last?.quickRatio == null ? "–" : last.quickRatio.toFixed(2)],
    ],
    tables: [
      {
        title: "Active users: new, retained, resurrected, churned",
        columns: ["period", "active", "new", "retained", "resurrected", "churned", "quick ratio"],
        rows: result.map((p) => [
          p.key,
          p.active,
          p.new,
          p.retained,
          p.resurrected,
          p.churned,
          p.quickRatio === null ? "–" : p.quickRatio.toFixed(2),
        ]),
      },
    ],
    charts: [
      {
        kind: "stacked",
        title: "Gained and lost users per period",
        labels: result.map((p) => p.key),
        series: [
          { name: "new", values: result.map((p) => p.new) },
          { name: "resurrected", values: result.map((p) => p.resurrected) },
          { name: "churned", values: result.map((p) => -Math.abs(p.churned)) },
        ],
      },
    ],
  };
}

function stickinessReport(
  options: Record<string, unknown>,
  result: ReturnType<typeof stickiness>,
): Report {
  const a = result.actives;
  return {
    analysis: "stickiness",
    title: `Stickiness by ${options.unit as string}`,
    options,
    result,
    summary: [
      ["DAU", formatCount(a.dau)],
      ["WAU", formatCount(a.wau)],
      ["MAU", formatCount(a.mau)],
      ["DAU/MAU", formatPercent(a.dauOverMau)],
    ],
    tables: [
      {
        title: `Users by number of active ${options.unit as string}s (of ${result.intervals})`,
        columns: ["active intervals", "users (exactly)", "users (at least)"],
        rows: result.exact.map((value, i) => [i + 1, value, result.cumulative[i] ?? 0]),
      },
    ],
    charts: [
      {
        kind: "bars",
        title: `Users by number of active ${options.unit as string}s`,
        labels: result.exact.map((_, i) => String(i + 1)),
        series: [{ name: "users", values: result.exact }],
      },
    ],
  };
}

function money(value: Money | number): string {
  return typeof value === "number" ? formatCount(value) : `${toDecimal(value)} ${value.currency}`;
}

function rfmReport(
  options: Record<string, unknown>,
  result: ReturnType<typeof rfmSegments>,
): Report {
  return {
    analysis: "rfm",
    title: "RFM segments",
    options,
    result,
    summary: [
      ["Customers", formatCount(result.customers.length)],
      ["As of", new Date(result.asOf).toISOString().slice(0, 10)],
    ],
    tables: [
      {
        title: "Segments",
        columns: [
          "segment",
          "customers",
          "share",
          "value",
          "value share",
          "mean recency (days)",
          "mean frequency",
        ],
        rows: result.segments.map((s) => [
          s.segment,
          s.customers,
          s.share,
          money(s.value),
          s.valueShare,
          s.meanRecencyDays.toFixed(1),
          s.meanFrequency.toFixed(2),
        ]),
        percent: [2, 4],
      },
    ],
    charts: [
      {
        kind: "bars",
        title: "Customers by segment",
        labels: result.segments.map((s) => s.segment),
        series: [{ name: "customers", values: result.segments.map((s) => s.customers) }],
      },
    ],
  };
}

function activationReport(
  options: Record<string, unknown>,
  result: ReturnType<typeof activationThreshold>,
): Report {
  const top = result.ranked.slice(0, 20);
  const best = result.ranked[0];
  return {
    analysis: "activation",
    title: "Activation threshold",
    options,
    result,
    summary: [
      ["Eligible users", formatCount(result.eligibleUsers)],
      ["Base retention", formatPercent(result.baseRetention)],
      [
        "Best rule",
        best
          ? `${best.action} ≥ ${best.threshold} in ${best.windowDays} d (phi ${best.phi.toFixed(3)})`
          : "–",
      ],
    ],
    tables: [
      {
        title: "Candidate rules, by phi (top 20)",
        columns: [
          "action",
          "window (days)",
          "at least",
          "coverage",
          "retained if hit",
          "retained if missed",
          "lift",
          "phi",
        ],
        rows: top.map((c) => [
          c.action,
          c.windowDays,
          c.threshold,
          c.coverage,
          c.retainedIfHit,
          c.retainedIfMiss,
          c.lift === null ? "–" : c.lift.toFixed(2),
          c.phi.toFixed(3),
        ]),
        percent: [3, 4, 5],
      },
    ],
    charts: [
      {
        kind: "bars",
        title: "Phi of the top rules",
        labels: top.slice(0, 10).map((c) => `${c.action} ≥${c.threshold} ${c.windowDays}d`),
        series: [{ name: "phi", values: top.slice(0, 10).map((c) => c.phi) }],
      },
    ],
  };
}
