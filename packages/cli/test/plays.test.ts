import { listPlays } from "@opsbook/plays";
import { describe, expect, it } from "vitest";
import { opsbook } from "./binary.ts";

// The shipped plays change as plays are added: expectations are computed from @opsbook/plays itself.
const english = listPlays({ language: "en" });

describe("opsbook plays", () => {
  it("prints a table of every English play: slug, category, stages, summary", () => {
    const result = opsbook(["plays"]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^SLUG +CATEGORY +STAGES +SUMMARY$/);
    expect(lines).toHaveLength(english.length + 1);
    english.forEach((play, i) => {
      const cells = lines[i + 1]!.split(/ {2,}/);
      expect(cells).toEqual([
        play.slug,
        play.category,
        play.lifecycleStages.join(","),
        play.summary,
      ]);
    });
    expect(result.stderr).toContain(`${english.length} play`);
  });

  it("prints JSON with --json, filtered by --category, --stage and --lang", () => {
    for (const filter of [
      { language: "en" as const },
      { language: "zh-cn" as const, lifecycleStage: "growth" as const },
      { language: "en" as const, category: "retention" as const },
    ]) {
      const args = ["plays", "--json", "--lang", filter.language];
      if (filter.lifecycleStage) args.push("--stage", filter.lifecycleStage);
      if (filter.category) args.push("--category", filter.category);
      const result = opsbook(args);
      expect(result.status, result.stderr).toBe(0);
      const rows = JSON.parse(result.stdout) as {
        slug: string;
        language: string;
        config: unknown;
      }[];
      const expected = listPlays(filter);
      expect(rows.map((row) => row.slug)).toEqual(expected.map((play) => play.slug));
      expect(rows.every((row) => row.language === filter.language)).toBe(true);
      expect(rows.map((row) => row.config)).toEqual(
        expected.map((play) => play.config?.fileName ?? null),
      );
    }
  });

  it("keeps stdout clean with --quiet: the table only, no count on stderr", () => {
    const result = opsbook(["plays", "--quiet"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(opsbook(["plays"]).stdout);
  });

  it("rejects an unknown category, stage or language with exit 2 and the allowed values", () => {
    const category = opsbook(["plays", "--category", "sales"]);
    expect(category.status, category.stderr).toBe(2);
    expect(category.stderr).toContain(
      'unknown category "sales"; expected one of market, acquisition',
    );
    const stage = opsbook(["plays", "--stage", "boom"]);
    expect(stage.status, stage.stderr).toBe(2);
    expect(stage.stderr).toContain(
      'unknown stage "boom"; expected one of introduction, growth, maturity, decline',
    );
    const language = opsbook(["plays", "--lang", "fr"]);
    expect(language.status, language.stderr).toBe(2);
    expect(language.stderr).toContain('unknown language "fr"; expected one of en, zh-cn');
  });
});

describe("opsbook plays --help", () => {
  it("names every category and lifecycle stage of @opsbook/plays", async () => {
    const { categorySlugs, productLifecycleStageValues } = await import("@opsbook/plays");
    const help = opsbook(["plays", "--help"]).stdout.replace(/\s+/g, " ");
    expect(help).toContain(`Categories: ${categorySlugs.join(", ")}.`);
    expect(help).toContain(`Lifecycle stages: ${productLifecycleStageValues.join(", ")}.`);
  });
});
