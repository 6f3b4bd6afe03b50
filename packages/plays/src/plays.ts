import { generatedPlays } from "./generated/plays.ts";
import type { PlayFrontmatter, PlayLanguage } from "./schemas.ts";

/**
 * A play's config file, shipped beside it.
 *
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { plays, type PlayConfigFile } from "@opsbook/plays";
 *
 * const configs: PlayConfigFile[] = plays.flatMap((play) => (play.config ? [play.config] : []));
 * configs.every((config) => config.fileName.endsWith(".yaml")) //=> true
 * ```
 */
export interface PlayConfigFile {
  /** The file name, as in the play's `config` field (`referral-programme.yaml`). */
  fileName: string;
  /** The path inside `playbooks/` (`acquisition/referral-programme.yaml`). */
  path: string;
  /** The file's text. */
  text: string;
}

/**
 * One play as the package ships it: its validated frontmatter, where it lives, its Markdown file and
 * its config file. Plain, JSON-serialisable data.
 *
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { plays, type PlayEntry } from "@opsbook/plays";
 *
 * const chinese: PlayEntry[] = plays.filter((play) => play.language === "zh-cn");
 * chinese.every((play) => play.path.startsWith("zh-cn/")) //=> true
 * ```
 */
export interface PlayEntry extends Omit<PlayFrontmatter, "config"> {
  /** The file name without `.md`; the English play and its Chinese twin share it. */
  slug: string;
  language: PlayLanguage;
  /** The path inside `playbooks/` (`acquisition/referral-launch.md`, `zh-cn/acquisition/referral-launch.md`). */
  path: string;
  /** The config file named by the play's `config` field, when it has one. */
  config?: PlayConfigFile;
  /** The play's Markdown file, frontmatter included, exactly as in `playbooks/`. */
  markdown: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * Every play in `playbooks/`, in English and Simplified Chinese, validated and copied into the
 * package when it was built. Ordered by category (handbook order), then slug, English before
 * Chinese. The list and its entries are frozen.
 *
 * @category Plays
 * @since 0.1.0
 * @example
 * ```ts
 * import { plays } from "@opsbook/plays";
 *
 * plays.every((play) => play.markdown.startsWith("---\n")) //=> true
 * plays.filter((p) => p.language === "en").length === plays.filter((p) => p.language === "zh-cn").length
 * //=> true
 * Object.isFrozen(plays) //=> true
 * ```
 */
// Pure: a bundle that never reads `plays` (a browser island that only parses) drops the data.
export const plays: readonly PlayEntry[] = /* @__PURE__ */ deepFreeze(generatedPlays);
