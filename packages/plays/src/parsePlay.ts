import { validate } from "@opsbook/core";
import { categorySlugs } from "./categories.ts";
import type { PlayBody } from "./checkPlaySections.ts";
import { type LocatedIssue, locate, locatedError } from "./internal/locatedIssue.ts";
import { readPlayBody } from "./internal/readPlayBody.ts";
import { lineStarts, positionAt } from "./internal/textPosition.ts";
import { checkYamlValue, offsetOfPath, parseYamlSource } from "./internal/yamlSource.ts";
import {
  markdownSchema,
  type PlayFrontmatter,
  type PlayLanguage,
  parsePlayOptionsSchema,
  playFrontmatterSchema,
  slugPattern,
} from "./schemas.ts";

/**
 * Options of {@link parsePlay}.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import type { ParsePlayOptions } from "@opsbook/plays";
 *
 * const options: ParsePlayOptions = { path: "playbooks/zh-cn/retention/win-back.md" };
 * options.path.split("/").at(-1) //=> "win-back.md"
 * ```
 */
export interface ParsePlayOptions {
  /**
   * Where the play lives, e.g. `playbooks/acquisition/referral-launch.md`. The file name gives the
   * slug; a `zh-cn` folder in the path makes the play Chinese; a parent folder named like a category
   * must match the `category` field. Errors name this path.
   */
  path: string;
  /** The play's language when the path does not tell (a copy outside `playbooks/`); default from the path. */
  language?: PlayLanguage;
}

/**
 * A play read from its Markdown file: frontmatter validated, body sections and steps checked.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { type ParsedPlay, parsePlay, plays } from "@opsbook/plays";
 *
 * // Every play the package ships parses again from its own Markdown.
 * const parsed: ParsedPlay[] = plays.map((play) => parsePlay(play.markdown, { path: play.path }));
 * parsed.every((play, i) => play.slug === plays[i]?.slug && play.steps.length > 0) //=> true
 * ```
 */
export interface ParsedPlay extends PlayBody {
  /** The file name without `.md`. */
  slug: string;
  language: PlayLanguage;
  /** The path given in the options. */
  path: string;
  frontmatter: PlayFrontmatter;
  /** The Markdown after the frontmatter. */
  body: string;
}

const closing = /^---[ \t]*$/;

/**
 * Parses a play: splits the YAML frontmatter from the Markdown body, validates the frontmatter with
 * {@link playFrontmatterSchema} and the body with {@link checkPlaySections}, and derives the slug and
 * language from the path.
 *
 * Every problem is reported at once, in one {@link OpsbookError} whose issues name the field (its
 * dotted path, such as `effort.prep` or `metrics.inputs[2]`) and the line and column of the
 * offending value in the file; each issue carries `file`, `line` and `column`, and its message ends
 * with `(file:line:column)`.
 *
 * @param markdown - The play's file text.
 * @param options - The play's `path` (and `language` when the path does not tell).
 * @returns The slug, language, validated frontmatter, body, sections and steps.
 * @throws {@link OpsbookError} `invalid_input` (or `conflict` when the folder and the `category` field
 *   disagree) listing every problem with its line and column.
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { parsePlay } from "@opsbook/plays";
 *
 * const play = [
 *   "---",
 *   "title: Find the activation threshold",
 *   "summary: Names the early action that predicts retention, with its threshold.",
 *   "category: activation",
 *   "lifecycleStages: [growth]",
 *   'effort: { prep: P2D, run: P1W, people: "2-3" }',
 *   "roles: [product operator, data analyst]",
 *   "whenToUse: [A few thousand sign-ups with events]",
 *   "whenNotToUse: [Fewer than a few hundred retained users]",
 *   "inputs: [Sign-ups and events]",
 *   "packages: ['@opsbook/metrics']",
 *   "metrics:",
 *   "  primary: Week-4 retention",
 *   "  inputs: [Activation rate, Time to first core action, Core actions in week 1]",
 *   "  guardrails: [Sign-up conversion]",
 *   "risks: [Correlation read as causation]",
 *   "lastReviewed: 2026-11-01",
 *   "---",
 *   "## Goal", "Name the threshold.", "## When to use / when not", "See above.", "## Inputs", "Events.",
 *   "## Steps", "### 1. Pick candidate actions (1 h)", "### 2. Compare cohorts (2 days)",
 *   "## Metrics & targets", "Week-4 retention.", "## Risks & guardrails", "Holdout.",
 *   "## Variations", "By channel.", "## Follow-up", "Test it.",
 * ].join("\n");
 * const parsed = parsePlay(play, { path: "playbooks/activation/activation-threshold.md" });
 * parsed.slug //=> "activation-threshold"
 * parsed.language //=> "en"
 * parsed.frontmatter.effort //=> { prep: "P2D", run: "P1W", people: "2-3" }
 * parsed.steps.map((step) => step.line) //=> [26, 27]
 *
 * let issue: unknown;
 * try {
 *   parsePlay(play.replace("run: P1W", "run: 1 week"), { path: "activation/activation-threshold.md" });
 * } catch (error) {
 *   issue = (error as { issues: unknown[] }).issues[0];
 * }
 * issue //=> {
 * //   code: "invalid_input",
 * //   path: ["effort", "run"],
 * //   message: 'effort.run: expected an ISO-8601 duration such as PT2H, P3D, P2W or P1M, received string "1 week" (activation/activation-threshold.md:6:27)',
 * //   expected: "duration string",
 * //   received: 'string "1 week"',
 * //   file: "activation/activation-threshold.md",
 * //   line: 6,
 * //   column: 27,
 * // }
 * ```
 */
export function parsePlay(markdown: string, options: ParsePlayOptions): ParsedPlay {
  const { path, language: givenLanguage } = validate(parsePlayOptionsSchema, options, {
    label: "options",
  });
  const text = validate(markdownSchema, markdown, { label: "markdown" })
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  const starts = lineStarts(text);
  const issues: LocatedIssue[] = [];
  const at = (line: number, column = 1) => ({ line, column });

  const segments = path.replace(/\\/g, "/").split("/").filter(Boolean);
  const fileName = segments.at(-1) ?? "";
  const slug = fileName.replace(/\.md$/, "");
  const language: PlayLanguage = givenLanguage ?? (segments.includes("zh-cn") ? "zh-cn" : "en");
  if (!fileName.endsWith(".md") || !slugPattern.test(slug)) {
    issues.push(
      locate(
        {
          code: "invalid_input",
          path: ["slug"],
          message: `slug: expected a file name in kebab-case ending in .md, such as "referral-launch.md", received "${fileName}"`,
        },
        path,
        at(1),
      ),
    );
  }

  // The frontmatter sits between a first line "---" and the next line "---".
  const lines = text.split("\n");
  const end = lines[0] === "---" ? lines.findIndex((line, i) => i > 0 && closing.test(line)) : -1;
  if (end === -1) {
    const message =
      lines[0] === "---"
        ? "frontmatter: missing the closing --- line after the frontmatter"
        : "frontmatter: a play starts with YAML frontmatter between two --- lines";
    issues.push(locate({ code: "invalid_input", path: [], message }, path, at(1)));
    throw locatedError(issues, `play ${path}`);
  }
  const yamlOffset = starts[1]!;
  const placement = { file: path, starts, offset: yamlOffset };
  const yaml = parseYamlSource(text.slice(yamlOffset, starts[end]), placement, "frontmatter");
  issues.push(...yaml.issues);
  let frontmatter: PlayFrontmatter | undefined;
  if (yaml.issues.length === 0) {
    const checked = checkYamlValue(playFrontmatterSchema, yaml, placement, "frontmatter");
    issues.push(...checked.issues);
    frontmatter = checked.data;
  }

  // A folder named like a category must agree with the category field.
  const folder = segments.at(-2);
  const folderCategory = categorySlugs.find((slug) => slug === folder);
  if (frontmatter && folderCategory && frontmatter.category !== folderCategory) {
    const offset = offsetOfPath(yaml.document, ["category"]);
    issues.push(
      locate(
        {
          code: "conflict",
          path: ["category"],
          message: `category: expected "${folderCategory}" (the play's folder), received "${frontmatter.category}"`,
          expected: `"${folderCategory}"`,
          received: `"${frontmatter.category}"`,
        },
        path,
        positionAt(starts, yamlOffset + offset),
      ),
    );
  }

  const bodyStart = starts[end + 1] ?? text.length;
  const body = text.slice(bodyStart);
  const read = readPlayBody(body, language, { file: path, firstLine: end + 2 });
  issues.push(...read.issues);

  if (issues.length > 0 || !frontmatter) throw locatedError(issues, `play ${path}`);
  return { slug, language, path, frontmatter, body, sections: read.sections, steps: read.steps };
}
