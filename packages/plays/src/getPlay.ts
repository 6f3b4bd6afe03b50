import { OpsbookError, validate } from "@opsbook/core";
import { z } from "zod";
import { type PlayEntry, plays } from "./plays.ts";
import { type PlayLanguage, playLanguageSchema, slugPattern } from "./schemas.ts";

const argumentsSchema = z.tuple([
  z.string().regex(slugPattern, { error: "expected a play slug in kebab-case" }),
  playLanguageSchema,
]);

/**
 * Finds a play by its slug (its file name without `.md`) in one language.
 *
 * @param slug - The play's slug, e.g. `"referral-launch"`.
 * @param language - `"en"` (default) or `"zh-cn"`.
 * @returns The play.
 * @throws {@link OpsbookError} `not_found` when no play has that slug in that language,
 *   `invalid_input` when the slug is not kebab-case or the language unknown.
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { getPlay, plays } from "@opsbook/plays";
 *
 * plays.every((play) => getPlay(play.slug, play.language) === play) //=> true
 * getPlay("no-such-play") //=> throws OpsbookError
 * getPlay("Not a slug") //=> throws OpsbookError
 * ```
 */
export function getPlay(slug: string, language: PlayLanguage = "en"): PlayEntry {
  const [checkedSlug, checkedLanguage] = validate(argumentsSchema, [slug, language], {
    label: "arguments",
  });
  const play = plays.find((p) => p.slug === checkedSlug && p.language === checkedLanguage);
  if (play) return play;
  const count = plays.filter((p) => p.language === checkedLanguage).length;
  throw new OpsbookError(
    "not_found",
    `slug: no play "${checkedSlug}" in ${checkedLanguage} (the package has ${count} ${checkedLanguage} plays; listPlays() lists them)`,
    ["slug"],
  );
}
