import {
  categorySlugs,
  listPlays,
  type PlayLanguage,
  playLanguageValues,
  productLifecycleStageValues,
} from "@opsbook/plays";
import { exitCodes } from "../exitCodes.ts";
import type { CommandContext } from "../internal/command.ts";
import { oneOf } from "../internal/oneOf.ts";
import { displayWidth, truncate } from "../internal/terminal.ts";

/** `opsbook plays`: see its help in `plays.ts`. */
export async function runPlays({
  options,
  stdout,
  stderr,
  quiet,
}: CommandContext): Promise<number> {
  const category = oneOf("plays", "category", options.category, categorySlugs);
  const lifecycleStage = oneOf("plays", "stage", options.stage, productLifecycleStageValues);
  const language: PlayLanguage = oneOf("plays", "lang", options.lang, playLanguageValues) ?? "en";
  const found = listPlays({ category, lifecycleStage, language });

  if (options.json === true) {
    const rows = found.map((play) => ({
      slug: play.slug,
      language: play.language,
      title: play.title,
      summary: play.summary,
      category: play.category,
      lifecycleStages: play.lifecycleStages,
      effort: play.effort,
      packages: play.packages,
      config: play.config?.fileName ?? null,
      path: play.path,
    }));
    stdout.line(JSON.stringify(rows, null, 2));
    return exitCodes.ok;
  }
  if (found.length === 0) {
    if (!quiet) stderr.line("No plays match.");
    return exitCodes.ok;
  }
  const header = ["SLUG", "CATEGORY", "STAGES", "SUMMARY"] as const;
  const rows = found.map((play) => [
    play.slug,
    play.category,
    play.lifecycleStages.join(","),
    play.summary,
  ]);
  const widths = [0, 1, 2].map((column) =>
    Math.max(displayWidth(header[column]!), ...rows.map((row) => displayWidth(row[column]!))),
  );
  const pad = (text: string, width: number) => text + " ".repeat(width - displayWidth(text));
  // On a terminal, the summary is cut to the window's width; in a pipe it is printed whole.
  const summaryWidth =
    stdout.columns === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(20, stdout.columns - widths.reduce((sum, w) => sum + w + 2, 0));
  const format = (cells: readonly string[]) =>
    [
      ...widths.map((width, column) => pad(cells[column]!, width)),
      truncate(cells[3]!, summaryWidth),
    ].join("  ");
  stdout.line(stdout.styles.bold(format(header)));
  for (const row of rows) stdout.line(format(row));
  if (!quiet) {
    stderr.line(
      stderr.styles.dim(
        `${found.length} play${found.length === 1 ? "" : "s"}. Copy one with "opsbook init <slug>".`,
      ),
    );
  }
  return exitCodes.ok;
}
