import type { CommandSpec } from "../internal/command.ts";

export const validateCommand: CommandSpec = {
  name: "validate",
  summary: "Check plays (.md) and configs (.yaml) against the Opsbook schemas.",
  usage: "validate <files...> [--lang en|zh-cn] [--json]",
  description: [
    "Checks each play (Markdown with YAML frontmatter, .md) and config (YAML with a `kind` field,",
    ".yaml or .yml) and prints every problem as file:line:column with what was expected. Exits",
    "with 1 when any file has a problem, 2 when a file cannot be read.",
    "A play's language comes from --lang, else from a zh-cn folder in its path, else from its",
    "section headings.",
  ].join("\n"),
  positionals: [1, Number.POSITIVE_INFINITY],
  options: {
    lang: {
      type: "string",
      value: "<en|zh-cn>",
      description: "Language of the plays (default: from the path or the headings).",
    },
    json: { type: "boolean", description: "Print the results as JSON." },
  },
  examples: [
    ["validate ops/plays/*.md ops/plays/*.yaml", "Check your copies of plays and their configs"],
    ["validate --lang zh-cn ops/win-back.md", "Check a Chinese play kept outside a zh-cn folder"],
    ["validate --json ops/experiment-plan.yaml", "Problems as JSON, for an editor or a CI step"],
  ],
  // Loaded on use, so that --help and --version start fast.
  run: async (context) => (await import("./validateRun.ts")).runValidate(context),
};
