import type { CommandSpec } from "../internal/command.ts";

export const sampleCommand: CommandSpec = {
  name: "sample",
  summary: "Write the sample product's events to an NDJSON or CSV file.",
  usage: "sample --out <file> [--users <n>] [--days <d>] [--seed <s>] [--format ndjson|csv]",
  description: [
    "Writes the events of Opsbook's synthetic sample product (signups following a Bass curve,",
    "onboarding, core actions, upgrades, purchases, a planted aha moment and a fraud ring), one user",
    "at a time so that millions of events take little memory. The same seed gives the same file.",
    "Each event has userId, event, timestamp (ISO 8601, UTC) and properties.",
    "CSV columns: userId,event,timestamp,properties (the properties as JSON).",
    "The file is written under a temporary name and renamed when complete: on an error or Ctrl-C",
    "no partial file is left, and an existing file is replaced only by a complete one.",
  ].join("\n"),
  positionals: [0, 0],
  options: {
    out: {
      type: "string",
      short: "o",
      value: "<file>",
      description: "The file to write (required).",
    },
    users: {
      type: "string",
      value: "<n>",
      description: "Users who sign up, 1 to 10,000,000 (default 2000).",
    },
    days: { type: "string", value: "<d>", description: "Days observed, 7 to 1096 (default 120)." },
    seed: { type: "string", value: "<s>", description: "Seed, a number or a word (default 42)." },
    format: {
      type: "string",
      value: "<ndjson|csv>",
      description: "File format (default: from the file's extension, else ndjson).",
    },
  },
  examples: [
    ["sample --users 500 --days 60 --seed 7 --out events.ndjson", "500 users over 60 days"],
    [
      "sample --users 100000 --out events.csv",
      "A larger product as CSV (format from the extension)",
    ],
  ],
  // Loaded on use, so that --help and --version start fast.
  run: async (context) => (await import("./sampleRun.ts")).runSample(context),
};
