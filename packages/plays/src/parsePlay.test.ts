import { describe, expect, it } from "vitest";
import {
  caught,
  chinesePlay,
  columnOf,
  englishBody,
  englishFrontmatter,
  englishPlay,
  lineOf,
  play,
} from "../test/fixtures.ts";
import { parsePlay } from "./parsePlay.ts";

const path = "playbooks/activation/activation-threshold.md";

describe("parsePlay", () => {
  it("returns the slug and language from the path, the frontmatter, the body, sections and steps", () => {
    const parsed = parsePlay(englishPlay, { path });
    expect(parsed.slug).toBe("activation-threshold");
    expect(parsed.language).toBe("en");
    expect(parsed.path).toBe(path);
    expect(parsed.frontmatter.category).toBe("activation");
    expect(parsed.frontmatter.metrics.inputs).toHaveLength(3);
    expect(parsed.body).toBe(`\n${englishBody}`);
    expect(parsed.sections.map((s) => s.id)).toEqual([
      "goal",
      "when-to-use",
      "inputs",
      "steps",
      "metrics",
      "risks",
      "variations",
      "follow-up",
    ]);
    // Lines are lines of the file, frontmatter included.
    expect(parsed.sections[0]!.line).toBe(lineOf(englishPlay, "## Goal"));
    expect(parsed.steps).toEqual([
      {
        number: 1,
        title: "Pick candidate actions",
        time: "1 h",
        line: lineOf(englishPlay, "### 1."),
      },
      {
        number: 2,
        title: "Compare retention",
        time: "2 days",
        line: lineOf(englishPlay, "### 2."),
      },
    ]);
  });

  it("reads a play under zh-cn/ as Chinese and checks the Chinese headings", () => {
    const parsed = parsePlay(chinesePlay, {
      path: "playbooks/zh-cn/activation/activation-threshold.md",
    });
    expect(parsed.language).toBe("zh-cn");
    expect(parsed.sections.map((s) => s.heading)).toEqual([
      "目标",
      "适用与不适用",
      "所需输入",
      "步骤",
      "指标与目标值",
      "风险与护栏",
      "变体",
      "后续跟进",
    ]);
    expect(parsed.steps.map((s) => s.time)).toEqual(["1 小时", "2 天"]);
    expect(() => parsePlay(chinesePlay, { path })).toThrow(/this is the Chinese heading/);
  });

  it("takes the language from the options when the path does not tell (a copy outside playbooks/)", () => {
    expect(parsePlay(chinesePlay, { path: "ops/threshold.md", language: "zh-cn" }).language).toBe(
      "zh-cn",
    );
  });

  it("names the field and the line and column of the bad value in the file", () => {
    const text = englishPlay.replace("run: P1W", "run: 1 week");
    const error = caught(() => parsePlay(text, { path }));
    expect(error.name).toBe("OpsbookError");
    expect(error.code).toBe("invalid_input");
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: ["effort", "run"],
        file: path,
        line: lineOf(text, "effort:"),
        column: columnOf(text, "1 week"),
      }),
    ]);
    expect(error.message).toBe(
      `effort.run: expected an ISO-8601 duration such as PT2H, P3D, P2W or P1M, received string "1 week" (${path}:6:27)`,
    );
  });

  it("locates values in block lists and nested mappings", () => {
    const text = englishPlay.replace(
      "  inputs: [Activation rate, Time to first core action, Core actions in week 1]",
      "  inputs:\n    - Activation rate\n    - 42\n    - Core actions in week 1",
    );
    const [issue] = caught(() => parsePlay(text, { path })).issues;
    expect(issue).toMatchObject({
      path: ["metrics", "inputs", 1],
      line: lineOf(text, "- 42"),
      column: columnOf(text, "42"),
    });
    expect(issue!.message).toMatch(/^metrics\.inputs\[1\]: expected string, received number 42/);
  });

  it("points at the key of an unknown field and at the enclosing mapping of a missing one", () => {
    const text = englishFrontmatter
      .replace("lastReviewed: 2026-11-01", "lastReviewd: 2026-11-01")
      .replace('effort: { prep: P2D, run: P1W, people: "2-3" }', "effort: { prep: P2D, run: P1W }");
    const error = caught(() => parsePlay(play(text, englishBody), { path }));
    const file = play(text, englishBody);
    // A missing top-level field points at the start of the frontmatter (line 2).
    expect(error.issues.map((i) => [i.path.join("."), i.line, i.column])).toEqual([
      ["lastReviewed", 2, 1],
      ["effort.people", lineOf(file, "effort:"), columnOf(file, "{ prep")],
      ["lastReviewd", lineOf(file, "lastReviewd"), 1],
    ]);
    expect(error.issues[1]!.message).toMatch(/^effort\.people: missing \(expected string\)/);
    expect(error.issues[2]!.message).toMatch(/^lastReviewd: unknown field/);
  });

  it("reports every problem of the frontmatter and the body at once, in file order", () => {
    const text = englishPlay
      .replace("category: activation", "category: sales")
      .replace("lifecycleStages: [growth, maturity]", "lifecycleStages: []")
      .replace("## Variations", "## Variants")
      .replace("### 2. Compare retention (2 days)", "### 3. Compare retention (soon)");
    const error = caught(() => parsePlay(text, { path }));
    expect(error.issues.map((i) => i.path.join("."))).toEqual([
      "category",
      "lifecycleStages",
      "body.steps.1",
      "body.steps.1",
      "body",
      "body.variations",
    ]);
    const lines = error.issues.map((i) => i.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(error.message).toMatch(
      /^Invalid play playbooks\/activation\/activation-threshold\.md \(6 problems\):\n- /,
    );
  });

  it("reports YAML syntax errors and duplicate keys with their file line", () => {
    const duplicate = englishPlay.replace("summary:", "title: Again\nsummary:");
    const [issue] = caught(() => parsePlay(duplicate, { path })).issues;
    expect(issue).toMatchObject({ line: 3, column: 1 });
    expect(issue!.message).toMatch(/^frontmatter: Map keys must be unique/);

    const unclosed = englishPlay.replace("roles: [product operator, data analyst]", "roles: [a, b");
    expect(caught(() => parsePlay(unclosed, { path })).issues[0]!.message).toMatch(
      /^frontmatter: /,
    );
  });

  it("requires the frontmatter between two --- lines at the top", () => {
    expect(caught(() => parsePlay(englishBody, { path })).issues[0]).toMatchObject({
      line: 1,
      column: 1,
      message: expect.stringMatching(/a play starts with YAML frontmatter/),
    });
    const unclosed = `---\n${englishFrontmatter}\n${englishBody}`;
    expect(caught(() => parsePlay(unclosed, { path })).message).toMatch(/missing the closing ---/);
  });

  it("requires the category field to match a category folder (conflict)", () => {
    const error = caught(() =>
      parsePlay(englishPlay, { path: "playbooks/retention/activation-threshold.md" }),
    );
    expect(error.code).toBe("conflict");
    expect(error.issues[0]).toMatchObject({ path: ["category"], line: 4, column: 11 });
  });

  it("requires a kebab-case .md file name, the slug", () => {
    for (const bad of [
      "playbooks/activation/Threshold.md",
      "activation/threshold.txt",
      "x/_template.md",
    ]) {
      expect(caught(() => parsePlay(englishPlay, { path: bad })).issues[0]!.path, bad).toEqual([
        "slug",
      ]);
    }
    expect(parsePlay(englishPlay, { path: "activation-threshold.md" }).slug).toBe(
      "activation-threshold",
    );
  });

  it("reads Windows line endings and a byte order mark like plain LF files", () => {
    const windows = `\uFEFF${englishPlay.replace(/\n/g, "\r\n")}`;
    const parsed = parsePlay(windows, { path });
    expect(parsed.frontmatter).toEqual(parsePlay(englishPlay, { path }).frontmatter);
    expect(parsed.steps[1]!.line).toBe(lineOf(englishPlay, "### 2."));
    const bad = windows.replace("run: P1W", "run: soon");
    expect(caught(() => parsePlay(bad, { path })).issues[0]).toMatchObject({ line: 6, column: 27 });
  });

  it("validates its options", () => {
    expect(caught(() => parsePlay(englishPlay, { path: "" })).name).toBe("OpsbookError");
    expect(caught(() => parsePlay(42 as unknown as string, { path })).name).toBe("OpsbookError");
    expect(caught(() => parsePlay(englishPlay, { path, language: "fr" as "en" })).name).toBe(
      "OpsbookError",
    );
  });
});
