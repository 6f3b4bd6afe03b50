import { describe, expect, it, vi } from "vitest";
import { caught } from "../test/fixtures.ts";
import { getPlay } from "./getPlay.ts";
import { listPlays } from "./listPlays.ts";
import { plays } from "./plays.ts";

// The package's data comes from playbooks/ at build time; these tests run on a fixed playbook.
vi.mock("./generated/plays.ts", async () => {
  const { collectPlays } = await import("../scripts/build-plays.ts");
  const { fixturePlaybook } = await import("../test/fixtures.ts");
  return { generatedPlays: collectPlays(fixturePlaybook()) };
});

describe("plays", () => {
  it("lists every play in both languages, by category order, then slug, English first", () => {
    expect(plays.map((p) => p.path)).toEqual([
      "activation/activation-threshold.md",
      "zh-cn/activation/activation-threshold.md",
      "retention/win-back.md",
      "zh-cn/retention/win-back.md",
    ]);
  });

  it("carries the validated frontmatter, the slug, the language and the Markdown file", () => {
    const play = plays[1]!;
    expect(play).toMatchObject({
      slug: "activation-threshold",
      language: "zh-cn",
      category: "activation",
      title: "找到激活阈值",
      lifecycleStages: ["growth", "maturity"],
      effort: { prep: "P2D", run: "P1W", people: "2-3" },
      lastReviewed: "2026-11-01",
    });
    expect(play.markdown.startsWith("---\ntitle: 找到激活阈值\n")).toBe(true);
    expect(play.config).toBeUndefined();
    expect(JSON.parse(JSON.stringify(plays))).toEqual(plays);
  });

  it("is frozen all the way down", () => {
    expect(Object.isFrozen(plays)).toBe(true);
    expect(Object.isFrozen(plays[0]!.metrics.inputs)).toBe(true);
    expect(() => (plays[0]!.roles as string[]).push("intern")).toThrow(TypeError);
  });
});

describe("getPlay", () => {
  it("finds a play by slug, in English by default", () => {
    expect(getPlay("win-back").path).toBe("retention/win-back.md");
    expect(getPlay("win-back", "zh-cn").path).toBe("zh-cn/retention/win-back.md");
  });

  it("throws not_found for an unknown slug, invalid_input for a malformed one", () => {
    const missing = caught(() => getPlay("referral-launch"));
    expect(missing.code).toBe("not_found");
    expect(missing.message).toBe(
      'slug: no play "referral-launch" in en (the package has 2 en plays; listPlays() lists them)',
    );
    expect(caught(() => getPlay("../etc/passwd")).code).toBe("invalid_input");
    expect(caught(() => getPlay("win-back", "fr" as "en")).code).toBe("invalid_input");
  });
});

describe("listPlays", () => {
  it("returns every play without a filter, as a new array", () => {
    expect(listPlays()).toEqual(plays);
    expect(listPlays()).not.toBe(plays);
  });

  it("keeps the plays that match every given field", () => {
    const paths = (filter: Parameters<typeof listPlays>[0]) => listPlays(filter).map((p) => p.path);
    expect(paths({ language: "en" })).toEqual([
      "activation/activation-threshold.md",
      "retention/win-back.md",
    ]);
    expect(paths({ category: "retention", language: "zh-cn" })).toEqual([
      "zh-cn/retention/win-back.md",
    ]);
    expect(paths({ lifecycleStage: "growth", language: "en" })).toEqual([
      "activation/activation-threshold.md",
    ]);
    expect(paths({ lifecycleStage: "decline" })).toHaveLength(2);
    expect(paths({ package: "@opsbook/metrics", language: "en" })).toEqual([
      "activation/activation-threshold.md",
    ]);
    expect(paths({ category: "brand" })).toEqual([]);
  });

  it("rejects unknown filter values and fields", () => {
    expect(caught(() => listPlays({ category: "sales" as "brand" })).code).toBe("invalid_input");
    expect(caught(() => listPlays({ stage: "growth" } as never)).code).toBe("invalid_input");
  });
});
