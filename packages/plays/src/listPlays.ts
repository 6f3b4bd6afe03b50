import { validate } from "@opsbook/core";
import { type PlayEntry, plays } from "./plays.ts";
import { type PlayFilter, playFilterSchema } from "./schemas.ts";

/**
 * Lists the plays that match a filter: a category, a product lifecycle stage the play fits, a
 * language, a package the play uses. Fields left out match every play; with no filter, every play in
 * both languages. The order is that of {@link plays}.
 *
 * @param filter - `category`, `lifecycleStage`, `language` and `package`, all optional.
 * @returns A new array of the matching plays.
 * @throws {@link OpsbookError} `invalid_input` for an unknown category, stage, language or package.
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { listPlays, plays } from "@opsbook/plays";
 *
 * listPlays().length === plays.length //=> true
 * listPlays({ lifecycleStage: "decline", language: "en" }).every(
 *   (play) => play.lifecycleStages.includes("decline") && play.language === "en",
 * ) //=> true
 * listPlays({ category: "sales" as never }) //=> throws OpsbookError
 * ```
 */
export function listPlays(filter: PlayFilter = {}): PlayEntry[] {
  const {
    category,
    lifecycleStage,
    language,
    package: packageName,
  } = validate(playFilterSchema, filter, { label: "filter" });
  return plays.filter(
    (play) =>
      (category === undefined || play.category === category) &&
      (lifecycleStage === undefined || play.lifecycleStages.includes(lifecycleStage)) &&
      (language === undefined || play.language === language) &&
      (packageName === undefined || play.packages.includes(packageName)),
  );
}
