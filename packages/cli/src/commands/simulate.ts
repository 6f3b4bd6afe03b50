import type { CommandSpec } from "../internal/command.ts";

export const simulateCommand: CommandSpec = {
  name: "simulate",
  summary:
    "Run a price book, points programme or referral programme config on a synthetic population.",
  usage:
    "simulate <config> [--runs <n>] [--seed <s>] [--users <n>] [--days <d>] [--workers <n>] [--json]",
  description: [
    "Runs a play config (YAML, checked as `opsbook validate` checks it) many times against the",
    "synthetic product of @opsbook/sample-data and prints percentiles (p5 to p95) of its cost and",
    "outcomes. Run r uses the sample product with seed <seed>/<r>; the same seed gives the same result.",
    "",
    "  price-book          every user active in the last 30 days pays the cheapest plan that fits",
    "                      one seat and their events (× --usage-scale): monthly revenue, customers,",
    "                      revenue per customer, plan mix (@opsbook/pricing cheapestPlan)",
    "  growth-programme    every sample event goes through the earning rules into the points",
    "                      ledger; at the end expiry runs and members redeem with --redemption-rate:",
    "                      points issued, redeemed, expired, breakage, cost and liability",
    "                      (@opsbook/growth createProgramme)",
    "  referral-programme  simulateProgramme of @opsbook/growth on the sample product's referrals:",
    "                      approvals, fraud, points, cost, liability and breakage",
    "",
    "Other config kinds cannot be simulated (exit 2). A config that does not validate is reported",
    "with file:line:column for every problem (exit 1).",
  ].join("\n"),
  positionals: [1, 1],
  options: {
    runs: {
      type: "string",
      value: "<n>",
      description: "Monte Carlo runs, 1 to 10,000 (default 100).",
    },
    seed: { type: "string", value: "<s>", description: "Seed, a number or a word (default 42)." },
    users: {
      type: "string",
      value: "<n>",
      description: "Users in each sample product, 10 to 100,000 (default 2000).",
    },
    days: { type: "string", value: "<d>", description: "Days observed, 7 to 1096 (default 90)." },
    "redemption-rate": {
      type: "string",
      value: "<p>",
      description: "Points: chance a member redeems at the end, 0 to 1 (default 0.7).",
    },
    "point-value": {
      type: "string",
      value: "<v>",
      description: "Points: value of a point in minor units, e.g. cents (default 1).",
    },
    "usage-scale": {
      type: "string",
      value: "<k>",
      description: "Price book: metered events per sample event (default 1).",
    },
    workers: {
      type: "string",
      value: "<n>",
      description:
        "Referral programmes: threads that share the runs, 1 to 64 (default: one per CPU core); the result is the same for any number.",
    },
    json: { type: "boolean", description: "Print JSON: the settings and every percentile." },
  },
  examples: [
    ["simulate price-book.yaml --runs 50", "Projected monthly revenue of a price book"],
    [
      "simulate referral-programme.yaml --seed 7 --json",
      "Cost and fraud exposure of a referral programme",
    ],
    [
      "simulate points.yaml --users 5000 --redemption-rate 0.5",
      "Liability and breakage of a points programme",
    ],
  ],
  run: async (context) => (await import("./simulateRun.ts")).runSimulate(context),
};
