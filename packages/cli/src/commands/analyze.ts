import type { CommandSpec } from "../internal/command.ts";

export const analyzeCommand: CommandSpec = {
  name: "analyze",
  summary:
    "Run a funnel, retention, lifecycle, growth, stickiness, RFM or activation analysis on an event export.",
  usage:
    "analyze funnel|retention|lifecycle|growth|stickiness|rfm|activation --events <file> [options]",
  description: [
    "Reads an event export — CSV, TSV, NDJSON or a JSON array — streaming it with little memory,",
    "and runs one analysis of @opsbook/metrics (or RFM of @opsbook/persona) on it. The format comes",
    "from the content (a leading [ or {) and the extension (.csv, .tsv); --format overrides it.",
    "",
    "Columns are found by name: Segment/RudderStack tracks (userId or anonymousId, event,",
    "timestamp, properties), Amplitude exports (user_id, event_type, event_time), Mixpanel exports",
    "(event, properties.distinct_id, properties.time in seconds), PostHog (distinct_id, event,",
    "timestamp), or common names (user_id, event_name, time…); --user-column, --event-column and",
    "--time-column override them. Times: ISO 8601 (without an offset: read as UTC), or epoch",
    "seconds (numbers below 100,000,000,000) or milliseconds.",
    "",
    "Analyses and their options (defaults in brackets):",
    "  funnel      --steps a,b,c (required) --window <duration> [P14D] --order ordered|strict|unordered",
    "  retention   --unit day|week|month [week] --periods <n> --cohort recurring|first-time [recurring]",
    "              --start-event <e> --return-event <e> (default: any event)",
    "  lifecycle   --unit day|week|month [week] --event <e> (default: any event)",
    "  growth      --unit day|week|month|quarter|year [month] --event <e>",
    "  stickiness  --unit day|week|month [day] --event <e>",
    "  rfm         --purchase-event [purchase] --amount-property [amount] --currency-property [currency]",
    "              --as-of <date> [the last purchase]",
    "  activation  --actions a,b (required) --windows [1,3,7] --thresholds [1,2,3,5,10]",
    "              --signup-event [first event] --retention-days [28,35] --min-support [30]",
    "",
    "Output: a table (default), --json (the library's result, with the options used), --csv (the",
    "main table), or --html <file>: a self-contained report with charts (no script, no network).",
    "A progress bar is shown on a terminal. Bad input — invalid UTF-8 or UTF-16, malformed rows,",
    "missing columns, bad times — stops with the line and row, exit code 1, and no output file.",
  ].join("\n"),
  positionals: [1, 1],
  options: {
    events: {
      type: "string",
      short: "e",
      value: "<file>",
      description: "The event export to read (required).",
    },
    format: {
      type: "string",
      value: "<csv|tsv|ndjson|json>",
      description: "The file's format (default: detected).",
    },
    "user-column": {
      type: "string",
      value: "<name>",
      description: "Column (or dotted JSON path) of the user id.",
    },
    "event-column": {
      type: "string",
      value: "<name>",
      description: "Column (or path) of the event name.",
    },
    "time-column": {
      type: "string",
      value: "<name>",
      description: "Column (or path) of the time.",
    },
    steps: {
      type: "string",
      value: "<a,b,c>",
      description: "funnel: the steps' event names, in order.",
    },
    window: {
      type: "string",
      value: "<duration>",
      description: "funnel: conversion window, ISO 8601 (P7D, PT1H) or ms.",
    },
    order: {
      type: "string",
      value: "<mode>",
      description: "funnel: ordered, strict or unordered.",
    },
    unit: {
      type: "string",
      value: "<unit>",
      description: "Period: day, week, month (growth: quarter, year too).",
    },
    periods: {
      type: "string",
      value: "<n>",
      description: "retention: periods analysed from the first event (default: all).",
    },
    cohort: { type: "string", value: "<kind>", description: "retention: recurring or first-time." },
    "start-event": {
      type: "string",
      value: "<event>",
      description: "retention: the event that puts a user in a cohort.",
    },
    "return-event": {
      type: "string",
      value: "<event>",
      description: "retention: the event that counts as a return.",
    },
    event: {
      type: "string",
      value: "<event>",
      description: "lifecycle, growth, stickiness: the event that counts as active.",
    },
    "time-zone": {
      type: "string",
      value: "<zone>",
      description: "IANA time zone of calendar periods (default UTC).",
    },
    "purchase-event": { type: "string", value: "<event>", description: "rfm: the purchase event." },
    "amount-property": {
      type: "string",
      value: "<key>",
      description: "rfm: the property holding the amount.",
    },
    "currency-property": {
      type: "string",
      value: "<key>",
      description: "rfm: the property holding the currency.",
    },
    "as-of": {
      type: "string",
      value: "<date>",
      description: "rfm: the date recency is measured from.",
    },
    actions: { type: "string", value: "<a,b>", description: "activation: candidate actions." },
    windows: {
      type: "string",
      value: "<days,…>",
      description: "activation: windows after signup, in days.",
    },
    thresholds: { type: "string", value: "<n,…>", description: "activation: counts to try." },
    "signup-event": {
      type: "string",
      value: "<event>",
      description: "activation: the event that starts a user's clock.",
    },
    "retention-days": {
      type: "string",
      value: "<from,to>",
      description: "activation: the retention window in days.",
    },
    "min-support": {
      type: "string",
      value: "<n>",
      description: "activation: fewest users a rule must split off.",
    },
    json: { type: "boolean", description: "Print JSON: the options and the library's result." },
    csv: { type: "boolean", description: "Print the main table as CSV." },
    html: {
      type: "string",
      value: "<file>",
      description: "Write a self-contained HTML report with charts.",
    },
  },
  examples: [
    [
      "analyze funnel --events events.csv --steps signup,onboarding_complete,purchase",
      "A funnel with a 14-day window",
    ],
    [
      "analyze retention --events export.ndjson --unit week --periods 8",
      "Weekly retention cohorts",
    ],
    [
      "analyze growth --events amplitude.json --html growth.html",
      "Growth accounting as an HTML report",
    ],
    ["analyze rfm --events orders.csv --json", "RFM segments as JSON"],
    [
      "analyze activation --events events.ndjson --actions core_action --signup-event signup",
      "Find the activation threshold",
    ],
    [
      "analyze lifecycle --events data.tsv --user-column uid --event-column action --time-column at",
      "Name the columns of your own export",
    ],
  ],
  // Loaded on use, so that --help and --version start fast.
  run: async (context) => (await import("./analyzeRun.ts")).runAnalyze(context),
};
