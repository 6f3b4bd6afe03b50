import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { validate } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  collectPlays,
  generatedFile,
  isPlayFile,
  type PlaybookFile,
  playbooksDir,
  readPlaybook,
  renderPlaysModule,
} from "../scripts/build-plays.ts";
import { categories } from "../src/categories.ts";
import type { PlayConfigValidator } from "../src/configValidators.ts";
import { parsePlay } from "../src/parsePlay.ts";
import { playSections } from "../src/playSections.ts";
import { playFrontmatterSchema } from "../src/schemas.ts";
import { validatePlayConfig } from "../src/validatePlayConfig.ts";
import { caught, chinesePlay, englishPlay, fixturePlaybook, lineOf } from "./fixtures.ts";

const files = readPlaybook(playbooksDir);
const read = (path: string) => readFileSync(join(playbooksDir, path), "utf8");

describe("the plays in playbooks/", () => {
  const entries = collectPlays(files);

  it("all validate: frontmatter, sections, configs, and each English play has its Chinese twin", () => {
    // collectPlays throws one error listing every problem; reaching here means there is none.
    expect(entries.length).toBe(files.filter((file) => isPlayFile(file.path)).length);
  });

  it("pair each English play with a zh-cn twin of the same slug, category and lifecycle stages", () => {
    const english = entries.filter((e) => e.language === "en");
    const chinese = entries.filter((e) => e.language === "zh-cn");
    expect(chinese.length).toBe(english.length);
    for (const play of english) {
      const twin = chinese.find((c) => c.slug === play.slug);
      expect(twin, play.path).toBeDefined();
      expect(twin!.path).toBe(`zh-cn/${play.path}`);
      expect(twin!.category).toBe(play.category);
      expect([...twin!.lifecycleStages].sort()).toEqual([...play.lifecycleStages].sort());
    }
  });

  it("reference configs that exist beside them and validate with their package's schema", () => {
    for (const play of entries.filter((e) => e.config)) {
      const path = play.path.replace(/[^/]+$/, play.config!.fileName);
      expect(play.config!.text).toBe(read(path).replace(/\r\n?/g, "\n"));
      expect(() =>
        validatePlayConfig(play.config!.text, { path: `playbooks/${path}` }),
      ).not.toThrow();
    }
  });

  it("are what the package ships: src/generated/plays.ts is up to date (run the build if not)", () => {
    expect(readFileSync(generatedFile, "utf8")).toBe(renderPlaysModule(entries));
  });
});

describe("the experiment-plan config of the A/B test play", () => {
  const configPath = "data/experiment-plan.yaml";
  const text = read(configPath);
  // The real playbook with one config replaced, validated with the package's own registry.
  const withConfig = (path: string, replacement: string) =>
    caught(() =>
      collectPlays(files.map((file) => (file.path === path ? { path, text: replacement } : file))),
    ).issues.map((issue) => issue.message);

  it("validates in both languages with experimentPlanSchema of @opsbook/experiments", () => {
    for (const path of [configPath, `zh-cn/${configPath}`]) {
      const result = validatePlayConfig(read(path), { path: `playbooks/${path}` });
      expect(result.kind).toBe("experiment-plan");
      expect(result.package).toBe("@opsbook/experiments");
      expect(result.config).toMatchObject({
        primaryMetric: { name: "signup_completed", direction: "increase" },
        minimumDetectableEffect: 0.1,
        split: [1, 1],
        duration: { minDays: 14, maxDays: 28 },
        decisionRule: { engine: "frequentist", alpha: 0.05, srmThreshold: 0.001 },
      });
    }
  });

  it("fails the build when the plan is broken: maxDays below minDays, with its line and column", () => {
    const broken = text.replace("maxDays: 28", "maxDays: 7");
    expect(withConfig(configPath, broken)).toEqual([
      `duration.maxDays: expected maxDays ≥ minDays (14), received number 7 (playbooks/${configPath}:${lineOf(broken, "maxDays: 7")}:12)`,
    ]);
  });

  it("fails the build on an unknown engine, a missing hypothesis or a misspelt field", () => {
    const broken = text
      .replace("engine: frequentist", "engine: bayes")
      .replace(/^hypothesis: >-\n(?: {2}.*\n)+/m, "")
      .replace("minimumDetectableEffect:", "minimumDetectableEfect:");
    const messages = withConfig(`zh-cn/${configPath}`, broken);
    expect(messages.map((m) => m.split(":")[0])).toEqual(
      expect.arrayContaining(["decisionRule.engine", "hypothesis", "minimumDetectableEffect"]),
    );
    expect(messages.some((m) => /minimumDetectableEfect/.test(m))).toBe(true);
    for (const message of messages)
      expect(message).toMatch(/playbooks\/zh-cn\/data\/experiment-plan\.yaml/);
  });
});

describe("the templates", () => {
  const templates = [
    { path: "_template.md", as: "template.md", language: "en" as const },
    { path: "zh-cn/_template.md", as: "zh-cn/template.md", language: "zh-cn" as const },
  ];

  for (const template of templates) {
    it(`${template.path} is a valid play with every section and numbered, timed steps`, () => {
      const parsed = parsePlay(read(template.path), { path: template.as });
      expect(parsed.language).toBe(template.language);
      expect(parsed.sections.map((s) => s.heading)).toEqual(
        playSections.map((s) => s.heading[template.language]),
      );
      expect(parsed.steps.length).toBeGreaterThanOrEqual(3);
    });

    it(`${template.path} shows every frontmatter field, config as a commented example`, () => {
      const text = read(template.path);
      for (const key of Object.keys(playFrontmatterSchema.shape)) {
        const pattern =
          key === "config" ? /^# config: [a-z-]+\.yaml$/m : new RegExp(`^${key}:`, "m");
        expect(text, key).toMatch(pattern);
      }
    });
  }

  it("are twins: the same category, stages, effort and number of steps in both languages", () => {
    const en = parsePlay(read("_template.md"), { path: "template.md" });
    const zh = parsePlay(read("zh-cn/_template.md"), { path: "zh-cn/template.md" });
    expect(zh.frontmatter.category).toBe(en.frontmatter.category);
    expect(zh.frontmatter.lifecycleStages).toEqual(en.frontmatter.lifecycleStages);
    expect(zh.frontmatter.effort).toEqual(en.frontmatter.effort);
    expect(zh.steps.length).toBe(en.steps.length);
  });

  it("are not shipped as plays", () => {
    expect(isPlayFile("_template.md")).toBe(false);
    expect(isPlayFile("zh-cn/_template.md")).toBe(false);
    expect(isPlayFile("README.md")).toBe(false);
    expect(isPlayFile("zh-cn/README.md")).toBe(false);
    expect(isPlayFile("retention/win-back.md")).toBe(true);
  });
});

describe("the playbook README", () => {
  it("documents every category slug with both names and every section heading in both languages", () => {
    const readme = read("README.md");
    for (const category of categories) {
      expect(readme, category.slug).toContain(`\`${category.slug}\``);
      expect(readme, category.slug).toContain(category.name["zh-cn"]);
    }
    for (const section of playSections) {
      expect(readme).toContain(`\`## ${section.heading.en}\``);
      expect(readme).toContain(`\`## ${section.heading["zh-cn"]}\``);
    }
  });

  it("holds only Markdown and YAML files (and the Biome settings for its frontmatter)", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [name],
      );
    const others = walk(playbooksDir).filter((name) => !/\.(md|yaml)$/.test(name));
    expect(others.filter((name) => name !== "biome.json")).toEqual([]);
  });
});

describe("collectPlays", () => {
  const base = fixturePlaybook();
  const replace = (path: string, text: string | undefined): PlaybookFile[] =>
    text === undefined
      ? base.filter((f) => f.path !== path)
      : [...base.filter((f) => f.path !== path), { path, text }];
  const problems = (
    playbook: readonly PlaybookFile[],
    validators?: Record<string, PlayConfigValidator>,
  ) =>
    caught(() => collectPlays(playbook, validators ? { validators } : {})).issues.map(
      (i) => i.message,
    );

  it("skips READMEs and _-prefixed files and returns the plays in handbook order", () => {
    expect(collectPlays(base).map((e) => `${e.language}:${e.slug}`)).toEqual([
      "en:activation-threshold",
      "zh-cn:activation-threshold",
      "en:win-back",
      "zh-cn:win-back",
    ]);
  });

  it("reports a play without its twin, in either direction", () => {
    expect(problems(replace("zh-cn/retention/win-back.md", undefined))).toEqual([
      "twin: every play exists in English and Simplified Chinese; missing playbooks/zh-cn/retention/win-back.md (playbooks/retention/win-back.md)",
    ]);
    expect(problems(replace("activation/activation-threshold.md", undefined))).toEqual([
      "twin: every play exists in English and Simplified Chinese; missing playbooks/activation/activation-threshold.md (playbooks/zh-cn/activation/activation-threshold.md)",
    ]);
  });

  it("reports twins whose lifecycle stages or category differ", () => {
    const stages = chinesePlay.replace(
      "lifecycleStages: [growth, maturity]",
      "lifecycleStages: [growth]",
    );
    expect(problems(replace("zh-cn/activation/activation-threshold.md", stages))).toEqual([
      "lifecycleStages: expected [growth, maturity] as in playbooks/activation/activation-threshold.md, received [growth] (playbooks/zh-cn/activation/activation-threshold.md)",
    ]);
    const moved = [
      ...replace("zh-cn/activation/activation-threshold.md", undefined),
      {
        path: "zh-cn/data/activation-threshold.md",
        text: chinesePlay.replace("category: activation", "category: data"),
      },
    ];
    expect(problems(moved)).toEqual([
      'category: expected "activation" as in playbooks/activation/activation-threshold.md, received "data" (playbooks/zh-cn/data/activation-threshold.md)',
    ]);
  });

  it("reports a Markdown file outside <category>/<slug>.md and a slug used twice", () => {
    expect(problems([...base, { path: "notes.md", text: "# Notes\n" }])[0]).toMatch(
      /^a play lives in <category>\/<slug>\.md .* \(playbooks\/notes\.md\)$/,
    );
    expect(problems([...base, { path: "sales/x.md", text: englishPlay }])[0]).toMatch(
      /sales\/x\.md/,
    );
    const twice = [
      ...base,
      {
        path: "data/win-back.md",
        text: englishPlay
          .replace("category: activation", "category: data")
          .replace("lifecycleStages: [growth, maturity]", "lifecycleStages: [maturity, decline]"),
      },
    ];
    expect(problems(twice)).toEqual([
      'slug: "win-back" is also the slug of playbooks/retention/win-back.md; slugs are unique in each language (playbooks/data/win-back.md)',
    ]);
  });

  it("reports every invalid play with its file, line and column", () => {
    const bad = englishPlay.replace("run: P1W", "run: a week");
    expect(problems(replace("activation/activation-threshold.md", bad))).toEqual([
      expect.stringMatching(
        /^effort\.run: .* \(playbooks\/activation\/activation-threshold\.md:6:27\)$/,
      ),
    ]);
  });

  describe("configs", () => {
    const kind: PlayConfigValidator = {
      kind: "seat-plan",
      package: "@opsbook/pricing",
      parse: (config) => validate(z.strictObject({ seats: z.number().int().min(1) }), config),
    };
    const withConfig = (config: string | undefined, fileName = "seat-plan.yaml") => {
      const en = englishPlay.replace("lastReviewed:", `config: ${fileName}\nlastReviewed:`);
      const zh = chinesePlay.replace("lastReviewed:", `config: ${fileName}\nlastReviewed:`);
      const playbook = [
        ...replace("activation/activation-threshold.md", en).filter(
          (f) => f.path !== "zh-cn/activation/activation-threshold.md",
        ),
        { path: "zh-cn/activation/activation-threshold.md", text: zh },
      ];
      if (config === undefined) return playbook;
      return [
        ...playbook,
        { path: "activation/seat-plan.yaml", text: config },
        { path: "zh-cn/activation/seat-plan.yaml", text: config },
      ];
    };

    it("ship the config text beside a play when it validates", () => {
      const entries = collectPlays(withConfig("kind: seat-plan\nseats: 3\n"), {
        validators: { "seat-plan": kind },
      });
      expect(entries[0]!.config).toEqual({
        fileName: "seat-plan.yaml",
        path: "activation/seat-plan.yaml",
        text: "kind: seat-plan\nseats: 3\n",
      });
      expect(Object.keys(entries[0]!).at(-1)).toBe("markdown");
    });

    it("fail when the config does not validate, with its line and column", () => {
      expect(problems(withConfig("kind: seat-plan\nseats: 0\n"), { "seat-plan": kind })).toEqual([
        expect.stringMatching(/^seats: .* \(playbooks\/activation\/seat-plan\.yaml:2:8\)$/),
        expect.stringMatching(/^seats: .* \(playbooks\/zh-cn\/activation\/seat-plan\.yaml:2:8\)$/),
      ]);
    });

    it("fail when no package validates that kind of config (seat-plan is not registered)", () => {
      expect(problems(withConfig("kind: seat-plan\nseats: 3\n"))[0]).toMatch(
        /^kind: no validator for config kind "seat-plan"/,
      );
    });

    it("fail when the named config is missing, or when a config is named by no play", () => {
      expect(problems(withConfig(undefined), { "seat-plan": kind })).toEqual([
        'config: the play names "seat-plan.yaml", but there is no playbooks/activation/seat-plan.yaml beside it (playbooks/activation/activation-threshold.md)',
        'config: the play names "seat-plan.yaml", but there is no playbooks/zh-cn/activation/seat-plan.yaml beside it (playbooks/zh-cn/activation/activation-threshold.md)',
      ]);
      expect(
        problems([...base, { path: "retention/points.yaml", text: "kind: points\n" }]),
      ).toEqual([
        "config: no play names this file in its config field (a config lives beside its play and ends in .yaml) (playbooks/retention/points.yaml)",
      ]);
    });
  });
});
