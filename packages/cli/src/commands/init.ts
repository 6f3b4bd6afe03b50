import type { CommandSpec } from "../internal/command.ts";

export const initCommand: CommandSpec = {
  name: "init",
  summary: "Copy a play's Markdown and its config into a folder.",
  usage: "init <play> [dir] [--lang en|zh-cn] [--force]",
  description: [
    'Copies the play <play> (its slug, as "opsbook plays" lists it) into the folder [dir]',
    "(default: the current folder), creating the folder if needed: <play>.md and, when the play sets",
    "up a mechanism, its config file. Existing files are never overwritten without --force, and",
    "nothing is written outside [dir].",
  ].join("\n"),
  positionals: [1, 2],
  options: {
    lang: {
      type: "string",
      value: "<en|zh-cn>",
      description: "Language of the play (default en).",
    },
    force: { type: "boolean", short: "f", description: "Overwrite files that already exist." },
  },
  examples: [
    ["init ab-test-hypothesis-to-decision ops/plays", "Copy a play and its config into ops/plays"],
    ["init ab-test-hypothesis-to-decision --lang zh-cn", "The Chinese edition, into this folder"],
    [
      "init ab-test-hypothesis-to-decision ops/plays --force",
      "Replace your copy with the shipped one",
    ],
  ],
  // Loaded on use, so that --help and --version start fast.
  run: async (context) => (await import("./initRun.ts")).runInit(context),
};
