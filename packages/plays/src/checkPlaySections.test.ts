import { describe, expect, it } from "vitest";
import { caught, chineseBody, englishBody, lineOf } from "../test/fixtures.ts";
import { checkPlaySections } from "./checkPlaySections.ts";
import { playSections } from "./playSections.ts";

const messages = (body: string, language: "en" | "zh-cn" = "en") =>
  caught(() => checkPlaySections(body, language)).issues.map((issue) => issue.message);

describe("checkPlaySections", () => {
  it("accepts the sections of PLAYS.md in order, in English and in Chinese", () => {
    expect(checkPlaySections(englishBody, "en").sections.map((s) => s.id)).toEqual(
      playSections.map((s) => s.id),
    );
    expect(checkPlaySections(chineseBody, "zh-cn").sections.map((s) => s.id)).toEqual(
      playSections.map((s) => s.id),
    );
  });

  it("counts lines from the first line of the body and keeps each section's content", () => {
    const { sections, steps } = checkPlaySections(englishBody, "en");
    expect(sections[1]).toEqual({
      id: "when-to-use",
      heading: "When to use / when not",
      line: lineOf(englishBody, "## When to use"),
      content: "Use it once the product has a few thousand sign-ups.",
    });
    expect(sections[3]!.content).toContain("### 1. Pick candidate actions (1 h)");
    expect(steps[0]!.line).toBe(lineOf(englishBody, "### 1."));
  });

  it("reports a missing section with where it belongs", () => {
    const body = englishBody.replace("## Variations\n\nBy channel.\n\n", "");
    // Located at the section that should follow it.
    expect(messages(body)).toEqual([
      `body: missing section "## Variations" (it comes between "Risks & guardrails" and "Follow-up") (line ${lineOf(body, "## Follow-up")}, column 1)`,
    ]);
  });

  it("reports sections out of order, twice, unknown or empty", () => {
    const swapped = englishBody
      .replace("## Goal", "## TMP")
      .replace("## Inputs", "## Goal")
      .replace("## TMP", "## Inputs");
    // Inputs, When to use, Goal: the two that come before Inputs are out of order.
    expect(messages(swapped)).toEqual([
      'body: section "When to use / when not" is out of order; it comes before "Inputs" (line 5, column 1)',
      'body: section "Goal" is out of order; it comes before "Inputs" (line 9, column 1)',
    ]);
    expect(messages(`${englishBody}\n## Goal\n\nAgain.\n`)).toEqual([
      expect.stringMatching(/^body: section "Goal" appears twice/),
    ]);
    expect(messages(englishBody.replace("## Inputs", "## Inputs\n\n## Background"))).toEqual([
      'body: section "Inputs" is empty (line 9, column 1)',
      expect.stringMatching(/^body: unknown section "Background"; expected the sections "Goal", /),
    ]);
  });

  it("points a Chinese heading in an English play (and the reverse) to the right heading", () => {
    expect(messages(englishBody.replace("## Goal", "## 目标"))[0]).toMatch(
      /unknown section "目标"; this is the Chinese heading, an English play uses "Goal"/,
    );
    expect(messages(chineseBody.replace("## 变体", "## Variations"), "zh-cn")[0]).toMatch(
      /unknown section "Variations"; this is the English heading, a Chinese play uses "变体"/,
    );
  });

  it("requires numbered steps, each with its time (Atlassian Team Playbook style)", () => {
    expect(messages(englishBody.replace(/### \d\. .*\n/g, "")).join("\n")).toMatch(
      /body\.steps: expected numbered steps, each a heading with its time, such as "### 1\. Agree the goal \(30 min\)"/,
    );
    expect(
      messages(
        englishBody.replace("### 2. Compare retention (2 days)", "### 2. Compare retention"),
      ),
    ).toEqual([expect.stringMatching(/^body\.steps\[1\]: expected a numbered step with its time/)]);
    expect(messages(englishBody.replace("### 2.", "### 4."))).toEqual([
      expect.stringMatching(/^body\.steps\[1\]: expected step number 2, received 4/),
    ]);
    const late = englishBody.replace("(2 days)", "(later)");
    expect(caught(() => checkPlaySections(late, "en")).issues[0]).toMatchObject({
      line: lineOf(late, "(later)"),
      column: "### 2. Compare retention (".length + 1,
    });
  });

  it("accepts the step times operators write, in each language", () => {
    const withTime = (time: string, body = englishBody) => body.replace("(2 days)", `(${time})`);
    for (const time of [
      "30 min",
      "45 minutes",
      "2 h",
      "1.5 hours",
      "1–2 days",
      "3-5 days",
      "2 weeks",
      "about 2 h",
      "1 h 30 min",
      "ongoing",
      "3 months",
    ])
      expect(checkPlaySections(withTime(time), "en").steps[1]!.time, time).toBe(time);
    for (const time of ["soon", "2", "two days", "2 дня", "P2D"])
      expect(() => checkPlaySections(withTime(time), "en"), time).toThrow();
    const zh = (time: string) => chineseBody.replace("（2 天）", `（${time}）`);
    for (const time of [
      "30 分钟",
      "2 小时",
      "1–2 天",
      "3 个工作日",
      "2 周",
      "约 1 个月",
      "持续",
      "1~2 周",
    ])
      expect(checkPlaySections(zh(time), "zh-cn").steps[1]!.time, time).toBe(time);
    expect(() => checkPlaySections(zh("两天"), "zh-cn")).toThrow();
    // Half-width parentheses in Chinese and full-width in English are both fine.
    expect(
      checkPlaySections(chineseBody.replace("（2 天）", " (2 天)"), "zh-cn").steps[1]!.time,
    ).toBe("2 天");
  });

  it("ignores headings inside fenced code blocks", () => {
    const body = englishBody.replace(
      "List the actions.",
      "```markdown\n## Not a section\n### 9. Nor a step\n```",
    );
    expect(checkPlaySections(body, "en").steps).toHaveLength(2);
  });

  it("validates its arguments", () => {
    expect(caught(() => checkPlaySections(englishBody, "de" as "en")).name).toBe("OpsbookError");
    expect(caught(() => checkPlaySections(null as unknown as string, "en")).name).toBe(
      "OpsbookError",
    );
  });
});
