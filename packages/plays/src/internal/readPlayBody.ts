import type { OpsbookIssue } from "@opsbook/core";
import type { PlaySection, PlayStep } from "../checkPlaySections.ts";
import { type PlaySectionDefinition, type PlaySectionId, playSections } from "../playSections.ts";
import type { PlayLanguage } from "../schemas.ts";
import { type LocatedIssue, locate } from "./locatedIssue.ts";

const number = String.raw`\d+(?:\.\d+)?`;
const range = (separators: string) => String.raw`${number}(?:\s?(?:${separators})\s?${number})?`;

/** Times written as operators write them; PLAYS.md asks that every step says how long it takes. */
export const stepTimePatterns: Readonly<Record<PlayLanguage, RegExp>> = {
  en: new RegExp(
    `^(?:ongoing|(?:about |up to |~)?${range("–|-|to")} ?(?:min|mins|minutes?|h|hours?|days?|weeks?|months?)(?: ${number} ?(?:min|mins|minutes?))?)$`,
  ),
  "zh-cn": new RegExp(
    String.raw`^(?:持续|(?:约|最多)?\s?${range("–|-|~|至|到")}\s?(?:分钟|个?小时|天|个?工作日|周|个月)(?:\s?${number}\s?分钟)?)$`,
  ),
};

const languageName: Record<PlayLanguage, string> = { en: "English", "zh-cn": "Chinese" };

const stepHeading = /^(\d+)\.\s+(.+?)\s*[(（]([^()（）]+)[)）]$/;
const fence = /^\s{0,3}(`{3,}|~{3,})/;

const stepExample: Record<PlayLanguage, string> = {
  en: "### 1. Agree the goal (30 min)",
  "zh-cn": "### 1. 对齐目标（30 分钟）",
};

interface Heading {
  level: 2 | 3;
  text: string;
  /** 0-based line index in the body. */
  index: number;
}

function headings(lines: readonly string[]): Heading[] {
  const found: Heading[] = [];
  let open: string | undefined;
  for (const [index, line] of lines.entries()) {
    const marker = fence.exec(line)?.[1];
    if (marker) {
      if (open === undefined) open = marker[0]!.repeat(marker.length);
      else if (marker[0] === open[0] && marker.length >= open.length) open = undefined;
      continue;
    }
    if (open !== undefined) continue;
    const match = /^(#{2,3})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (match) found.push({ level: match[1]!.length as 2 | 3, text: match[2]!, index });
  }
  return found;
}

/**
 * Reads the sections and steps of a play body and reports every departure from the format, located
 * in the file (`firstLine` is the file line of the body's first line).
 */
export function readPlayBody(
  body: string,
  language: PlayLanguage,
  where: { file?: string; firstLine: number },
): { sections: PlaySection[]; steps: PlayStep[]; issues: LocatedIssue[] } {
  const lines = body.split("\n");
  const issues: LocatedIssue[] = [];
  const report = (path: (string | number)[], message: string, index: number, column = 1) => {
    const issue: OpsbookIssue = { code: "invalid_input", path, message };
    issues.push(locate(issue, where.file, { line: where.firstLine + index, column }));
  };
  const other: PlayLanguage = language === "en" ? "zh-cn" : "en";
  const expectedList = playSections.map((s) => `"${s.heading[language]}"`).join(", ");
  const all = headings(lines);
  const level2 = all.filter((h) => h.level === 2);

  const sections: PlaySection[] = [];
  const seen = new Map<PlaySectionId, Heading>();
  let lastOrder = -1;
  for (const [position, heading] of level2.entries()) {
    const order = playSections.findIndex((s) => s.heading[language] === heading.text);
    const definition: PlaySectionDefinition | undefined = playSections[order];
    if (!definition) {
      const twin = playSections.find((s) => s.heading[other] === heading.text);
      const hint = twin
        ? `; this is the ${languageName[other]} heading, ${language === "en" ? "an" : "a"} ${languageName[language]} play uses "${twin.heading[language]}"`
        : "";
      report(
        ["body"],
        `body: unknown section "${heading.text}"${hint}; expected the sections ${expectedList}, in this order`,
        heading.index,
      );
      continue;
    }
    if (seen.has(definition.id)) {
      report(
        ["body", definition.id],
        `body: section "${heading.text}" appears twice`,
        heading.index,
      );
      continue;
    }
    if (order < lastOrder) {
      const before = playSections[lastOrder]!.heading[language];
      report(
        ["body", definition.id],
        `body: section "${heading.text}" is out of order; it comes before "${before}"`,
        heading.index,
      );
    }
    lastOrder = Math.max(lastOrder, order);
    seen.set(definition.id, heading);
    const end = level2[position + 1]?.index ?? lines.length;
    const content = lines
      .slice(heading.index + 1, end)
      .join("\n")
      .trim();
    if (content === "") {
      report(["body", definition.id], `body: section "${heading.text}" is empty`, heading.index);
    }
    sections.push({
      id: definition.id,
      heading: heading.text,
      line: where.firstLine + heading.index,
      content,
    });
  }

  for (const [order, definition] of playSections.entries()) {
    if (seen.has(definition.id)) continue;
    // Point at the section that should follow the missing one, or at the end of the body.
    const next = playSections.slice(order + 1).find((s) => seen.has(s.id));
    const index = next ? seen.get(next.id)!.index : Math.max(0, lines.length - 1);
    const previous = playSections[order - 1]?.heading[language];
    const following = playSections[order + 1]?.heading[language];
    const place =
      previous === undefined
        ? `first, before "${following}"`
        : following === undefined
          ? `last, after "${previous}"`
          : `between "${previous}" and "${following}"`;
    report(
      ["body", definition.id],
      `body: missing section "## ${definition.heading[language]}" (it comes ${place})`,
      index,
    );
  }

  const steps: PlayStep[] = [];
  const stepsHeading = seen.get("steps");
  if (stepsHeading) {
    const end = level2.find((h) => h.index > stepsHeading.index)?.index ?? lines.length;
    const level3 = all.filter(
      (h) => h.level === 3 && h.index > stepsHeading.index && h.index < end,
    );
    for (const heading of level3) {
      const position = steps.length;
      const match = stepHeading.exec(heading.text);
      if (!match) {
        report(
          ["body", "steps", position],
          `body.steps[${position}]: expected a numbered step with its time, such as "${stepExample[language]}", received "### ${heading.text}"`,
          heading.index,
        );
        continue;
      }
      const stepNumber = Number(match[1]);
      const time = match[3]!.trim();
      if (stepNumber !== position + 1) {
        report(
          ["body", "steps", position],
          `body.steps[${position}]: expected step number ${position + 1}, received ${stepNumber}`,
          heading.index,
        );
      }
      if (!stepTimePatterns[language].test(time)) {
        const examples =
          language === "en"
            ? '"30 min", "2 h", "1–2 days", "3 weeks" or "ongoing"'
            : "“30 分钟”“2 小时”“1–2 天”“3 周”或“持续”";
        report(
          ["body", "steps", position],
          `body.steps[${position}]: expected the step's time, such as ${examples}, received "${time}"`,
          heading.index,
          5 + heading.text.lastIndexOf(time),
        );
      }
      steps.push({
        number: stepNumber,
        title: match[2]!,
        time,
        line: where.firstLine + heading.index,
      });
    }
    if (level3.length === 0) {
      report(
        ["body", "steps"],
        `body.steps: expected numbered steps, each a heading with its time, such as "${stepExample[language]}"`,
        stepsHeading.index,
      );
    }
  }
  return { sections, steps, issues };
}
