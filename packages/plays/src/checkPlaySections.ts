import { validate } from "@opsbook/core";
import { locatedError } from "./internal/locatedIssue.ts";
import { readPlayBody } from "./internal/readPlayBody.ts";
import type { PlaySectionId } from "./playSections.ts";
import { markdownSchema, type PlayLanguage, playLanguageSchema } from "./schemas.ts";

/**
 * A body section found in a play.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { checkPlaySections, type PlaySection } from "@opsbook/plays";
 *
 * const body = [
 *   "## Goal", "Decide X.", "## When to use / when not", "Use when Y.", "## Inputs", "Data.",
 *   "## Steps", "### 1. Do it (1 h)", "## Metrics & targets", "M.", "## Risks & guardrails", "R.",
 *   "## Variations", "V.", "## Follow-up", "F.",
 * ].join("\n");
 * const goal: PlaySection | undefined = checkPlaySections(body, "en").sections[0];
 * goal //=> { id: "goal", heading: "Goal", line: 1, content: "Decide X." }
 * ```
 */
export interface PlaySection {
  id: PlaySectionId;
  /** The heading as written (after `## `). */
  heading: string;
  /** 1-based line of the `## ` heading: in the file for `parsePlay`, in the body for `checkPlaySections`. */
  line: number;
  /** The Markdown between this heading and the next level-2 heading, trimmed. */
  content: string;
}

/**
 * A numbered step of a play's Steps section, written as a level-3 heading with the step's time in
 * parentheses: `### 1. Agree the goal (30 min)` or `### 1. 对齐目标（30 分钟）`.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { checkPlaySections, type PlayStep } from "@opsbook/plays";
 *
 * const body = [
 *   "## 目标", "定下目标。", "## 适用与不适用", "适用。", "## 所需输入", "数据。", "## 步骤",
 *   "### 1. 对齐目标（30 分钟）", "### 2. 上线试点（1–2 周）", "## 指标与目标值", "指标。",
 *   "## 风险与护栏", "风险。", "## 变体", "变体。", "## 后续跟进", "复盘。",
 * ].join("\n");
 * const steps: PlayStep[] = checkPlaySections(body, "zh-cn").steps;
 * steps.map((step) => step.time) //=> ["30 分钟", "1–2 周"]
 * ```
 */
export interface PlayStep {
  /** The step's number, from 1. */
  number: number;
  title: string;
  /** The time as written: `"30 min"`, `"1–2 weeks"`, `"ongoing"`, `"2 小时"`, `"持续"`. */
  time: string;
  /** 1-based line of the `### ` heading: in the file for `parsePlay`, in the body for `checkPlaySections`. */
  line: number;
}

/**
 * The sections and steps of a play body.
 *
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import type { PlayBody } from "@opsbook/plays";
 *
 * const stepTimes = (body: PlayBody) => body.steps.map((step) => step.time);
 * stepTimes({ sections: [], steps: [{ number: 1, title: "Kick-off", time: "1 h", line: 9 }] }) //=> ["1 h"]
 * ```
 */
export interface PlayBody {
  /** The eight sections, in order. */
  sections: PlaySection[];
  /** The numbered steps of the Steps section. */
  steps: PlayStep[];
}

/**
 * Checks that a play body (the Markdown after the frontmatter) has the sections of the play format
 * in order, each with content, and that the Steps section lists numbered steps, each with its time.
 * The headings are those of {@link playSections} in the given language.
 *
 * The steps are level-3 headings `### <n>. <title> (<time>)`, numbered from 1. A time is a number or
 * range with a unit — English `min`, `h`, `hours`, `days`, `weeks`, `months` (`"30 min"`,
 * `"1–2 weeks"`, `"about 2 h"`), Chinese `分钟`, `小时`, `天`, `工作日`, `周`, `个月` (`"30 分钟"`,
 * `"1–2 周"`) — or `"ongoing"` / `"持续"`. Full-width parentheses `（）` are accepted.
 *
 * @param body - The Markdown body of a play.
 * @param language - `"en"` or `"zh-cn"`: which headings to expect.
 * @returns The sections and steps, with lines counted from the first line of `body`.
 * @throws {@link OpsbookError} `invalid_input` listing every missing, unknown, duplicated, misplaced
 *   or empty section and every malformed step, each with its line and column.
 * @category Format
 * @since 0.1.0
 * @example
 * ```ts
 * import { checkPlaySections } from "@opsbook/plays";
 *
 * const body = [
 *   "## Goal", "Find the activation threshold.",
 *   "## When to use / when not", "Use it once the product has a few thousand sign-ups.",
 *   "## Inputs", "Sign-up and event data.",
 *   "## Steps", "### 1. Pick candidate actions (1 h)", "### 2. Compare retention (2 days)",
 *   "## Metrics & targets", "Week-4 retention.",
 *   "## Risks & guardrails", "Correlation is not causation.",
 *   "## Variations", "Use a holdout.",
 *   "## Follow-up", "Run an experiment on the onboarding.",
 * ].join("\n");
 * checkPlaySections(body, "en").steps.map((step) => `${step.number}. ${step.title} — ${step.time}`)
 * //=> ["1. Pick candidate actions — 1 h", "2. Compare retention — 2 days"]
 * checkPlaySections("## Goal\nOnly a goal.", "en") //=> throws OpsbookError
 * ```
 */
export function checkPlaySections(body: string, language: PlayLanguage): PlayBody {
  const checkedLanguage = validate(playLanguageSchema, language, { label: "language" });
  const text = validate(markdownSchema, body, { label: "body" }).replace(/\r\n?/g, "\n");
  const { sections, steps, issues } = readPlayBody(text, checkedLanguage, { firstLine: 1 });
  if (issues.length > 0) throw locatedError(issues, "play body");
  return { sections, steps };
}
