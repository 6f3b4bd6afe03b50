import type { CommandSpec } from "../internal/command.ts";

export const playsCommand: CommandSpec = {
  name: "plays",
  summary: "List the plays: slug, category, lifecycle stages and summary.",
  usage: "plays [--category <category>] [--stage <stage>] [--lang en|zh-cn] [--json]",
  description: [
    "Lists the plays that ship with Opsbook, in handbook order, as a table or as JSON.",
    // Written out so that help needs no plays data; a test checks them against @opsbook/plays.
    "Categories: market, acquisition, activation, retention, monetization, ecosystem, data,",
    "collaboration, lifecycle, risk, brand, innovation.",
    "Lifecycle stages: introduction, growth, maturity, decline.",
  ].join("\n"),
  positionals: [0, 0],
  options: {
    category: { type: "string", value: "<category>", description: "Only plays of this category." },
    stage: {
      type: "string",
      value: "<stage>",
      description: "Only plays that fit this product lifecycle stage.",
    },
    lang: {
      type: "string",
      value: "<en|zh-cn>",
      description: "Language of the plays (default en).",
    },
    json: {
      type: "boolean",
      description: "Print a JSON array (slug, title, summary, category, stages, effort, config…).",
    },
  },
  examples: [
    ["plays", "Every play, in English"],
    ["plays --stage maturity --lang zh-cn", "Plays for a mature product, in Simplified Chinese"],
    ["plays --category retention --json", "Retention plays as JSON, for scripts"],
  ],
  // Loaded on use, so that --help and --version start fast.
  run: async (context) => (await import("./playsRun.ts")).runPlays(context),
};
