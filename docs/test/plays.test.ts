/**
 * Browser test of the plays gallery and the play pages, in both editions: the gallery lists every
 * play of @opsbook/plays in the page's language, its category and stage filters change the cards
 * shown and the URL, a filtered URL restores them, and without scripts every play shows; every
 * play page shows the play's metadata, steps and body, its live metric recomputed here with the
 * packages, a copy button that puts exactly the play's Markdown on the clipboard, and downloads
 * that serve the exact files; no console errors, and the JavaScript budget.
 */
import { startOfPeriod } from "@opsbook/core";
import { activationThreshold, funnel, growthAccounting } from "@opsbook/metrics";
import {
  listPlays,
  type PlayEntry,
  type PlayLanguage,
  parsePlay,
  playSections,
  plays,
} from "@opsbook/plays";
import { vanWestendorp } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownToMdx } from "../src/lib/markdownToMdx.ts";
import { durationInWords, effortInWords, peopleInWords } from "../src/lib/playEffort.ts";
import {
  categoryName,
  playFilePaths,
  playLabels,
  playPagePath,
  stageName,
} from "../src/lib/playLabels.ts";
import {
  formatPlayPercent,
  formatPlayPriceRange,
  formatPlayRatio,
} from "../src/lib/playMetrics.ts";
import {
  assertBuilt,
  type BrowserSession,
  gzippedScripts,
  jsBudgetBytes,
  openBrowserSession,
  openRecordingScripts,
  type PageProblems,
  phoneViewport,
  visit,
} from "./browserHarness.ts";

assertBuilt();

const editions = [
  { language: "en", gallery: "/plays/" },
  { language: "zh-cn", gallery: "/zh-cn/plays/" },
] as const satisfies readonly { language: PlayLanguage; gallery: string }[];

/**
 * The live metrics the play pages must show, recomputed here by calling the packages on the sample
 * product of the guides (seed 42, 2,000 users, 120 days).
 */
function expectedLiveMetrics(): Record<string, string> {
  const product = generateProduct({ seed: 42, users: 2000, days: 120 });
  const scan = activationThreshold(product.events, {
    actions: ["core_action"],
    signupEvent: "signup",
    windowsDays: [7],
    thresholds: [3],
    retentionDays: [28, 35],
    minSupport: 1,
  });
  const signupToCore = funnel(product.events, {
    steps: [{ event: "signup" }, { event: "core_action" }],
    conversionWindow: "P7D",
  });
  const weeks = growthAccounting(product.events, {
    unit: "week",
    to: startOfPeriod(product.window.end, "week") - 1,
  });
  const lastWeek = weeks.at(-1);
  // Jonathan Hsu's quick ratio, (new + resurrected) ÷ churned, from the week's own counts.
  const quickRatio = lastWeek ? (lastWeek.new + lastWeek.resurrected) / lastWeek.churned : null;
  expect(quickRatio).toBeCloseTo(lastWeek?.quickRatio ?? Number.NaN, 12);
  const answers = product.survey.map((r) => ({
    tooCheap: r.tooCheap.amount / 100,
    cheap: r.cheap.amount / 100,
    expensive: r.expensive.amount / 100,
    tooExpensive: r.tooExpensive.amount / 100,
  }));
  const research = vanWestendorp(answers);
  return {
    "find-activation-threshold": formatPlayPercent(scan.baseRetention),
    "diagnose-funnel-drop-off": formatPlayPercent(signupToCore.converted / signupToCore.entered),
    "weekly-growth-accounting-review": formatPlayRatio(quickRatio),
    "van-westendorp-price-research": formatPlayPriceRange([research.pmc, research.pme]),
  };
}

let session: BrowserSession | undefined;
let origin: string;
let page: Page;
let clipboardContext: BrowserContext | undefined;

beforeAll(async () => {
  session = await openBrowserSession();
  origin = session.origin;
  // The copy button writes to the clipboard: a context that may read and write it, phone-sized.
  clipboardContext = await session.browser.newContext({
    permissions: ["clipboard-read", "clipboard-write"],
    viewport: phoneViewport,
  });
  page = await clipboardContext.newPage();
}, 60_000);

afterAll(async () => {
  await clipboardContext?.close();
  await session?.close();
});

/** Slugs of the cards shown (not hidden), in page order. */
async function shownSlugs(): Promise<string[]> {
  return page
    .locator("[data-testid=play-card]:not([hidden])")
    .evaluateAll((cards) => cards.map((card) => card.id));
}

describe.each(editions)("the plays gallery at $gallery", ({ language, gallery }) => {
  const expected = listPlays({ language });
  const labels = playLabels[language];
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(page, `${origin}${gallery}`));
  });

  it("lists every play of @opsbook/plays in the page's language, each card with its slug as id", async () => {
    expect(expected.length).toBeGreaterThanOrEqual(20);
    const cards = page.getByTestId("play-card");
    await expect(cards.count()).resolves.toBe(expected.length);
    await expect(shownSlugs()).resolves.toEqual(expected.map((play) => play.slug));
    await expect(cards.locator("h2").allTextContents()).resolves.toEqual(
      expected.map((play) => play.title),
    );
    await expect(
      cards.locator("h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    ).resolves.toEqual(expected.map((play) => playPagePath(play.slug, language)));
    await expect(page.getByTestId("play-count").textContent()).resolves.toBe(
      labels.count(expected.length, expected.length),
    );
  });

  it("shows each card's summary, category, lifecycle stages and effort in words", async () => {
    const shown = await page.getByTestId("play-card").evaluateAll((cards) =>
      cards.map((card) => ({
        summary: card.querySelector("p")?.textContent?.trim(),
        details: [...card.querySelectorAll("dd")].map((dd) => dd.textContent?.trim()),
      })),
    );
    expect(shown).toEqual(
      expected.map((play) => ({
        summary: play.summary,
        details: [
          categoryName(play.category, language),
          labels.list(play.lifecycleStages.map((stage) => stageName(stage, language))),
          effortInWords(play.effort, language),
        ],
      })),
    );
  });

  it("filters by category, then by stage as well, announcing the count and writing the URL", async () => {
    const category = expected[Math.floor(expected.length / 2)]?.category ?? "retention";
    await page.getByTestId("play-filter-category").selectOption(category);
    const byCategory = listPlays({ language, category });
    await expect.poll(shownSlugs).toEqual(byCategory.map((play) => play.slug));
    await expect(page.getByTestId("play-count").textContent()).resolves.toBe(
      labels.count(byCategory.length, expected.length),
    );
    await expect(page.getByTestId("play-count").getAttribute("aria-live")).resolves.toBe("polite");
    expect(new URL(page.url()).searchParams.get("category")).toBe(category);

    // Stage alone, then both together.
    await page.getByTestId("play-filter-category").selectOption("");
    await page.getByTestId("play-filter-stage").selectOption("introduction");
    const byStage = listPlays({ language, lifecycleStage: "introduction" });
    expect(byStage.length).toBeLessThan(expected.length);
    await expect.poll(shownSlugs).toEqual(byStage.map((play) => play.slug));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ stage: "introduction" });

    await page.getByTestId("play-filter-category").selectOption(category);
    const both = listPlays({ language, category, lifecycleStage: "introduction" });
    await expect.poll(shownSlugs).toEqual(both.map((play) => play.slug));
    await expect(page.getByTestId("play-none").isVisible()).resolves.toBe(both.length === 0);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      category,
      stage: "introduction",
    });
  });

  it("restores the filters from a shared URL and ignores unknown values", async () => {
    await page.goto(`${origin}${gallery}?category=retention&stage=maturity`, { waitUntil: "load" });
    await expect
      .poll(() => page.getByTestId("play-filter-category").inputValue())
      .toBe("retention");
    await expect(page.getByTestId("play-filter-stage").inputValue()).resolves.toBe("maturity");
    const restored = listPlays({ language, category: "retention", lifecycleStage: "maturity" });
    expect(restored.length).toBeGreaterThan(0);
    await expect.poll(shownSlugs).toEqual(restored.map((play) => play.slug));

    // "Show all plays" clears both filters and the URL.
    await page.getByRole("button", { name: labels.clear }).click();
    await expect.poll(shownSlugs).toEqual(expected.map((play) => play.slug));
    expect(new URL(page.url()).search).toBe("");

    await page.goto(`${origin}${gallery}?category=sales&stage=dusk`, { waitUntil: "load" });
    await expect.poll(shownSlugs).toEqual(expected.map((play) => play.slug));
  });

  it("keeps /plays/#<slug> anchors: the linked card is the URL's target", async () => {
    const slug = expected.at(-1)?.slug ?? "";
    await page.goto(`${origin}${gallery}#${slug}`, { waitUntil: "load" });
    await expect(page.locator(":target").getAttribute("id")).resolves.toBe(slug);
    await expect(page.locator(`#${slug}`).isVisible()).resolves.toBe(true);
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS, without errors`, async () => {
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const total = gzippedScripts(scripts).reduce((sum, s) => sum + s.bytes, 0);
    console.info(`${gallery}: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeLessThanOrEqual(jsBudgetBytes);
  });

  it("shows every play, and no filters, when scripts do not run", async () => {
    const context = await session?.browser.newContext({ javaScriptEnabled: false });
    const plain = await context?.newPage();
    if (!context || !plain) throw new Error("no browser context");
    try {
      await plain.goto(`${origin}${gallery}?category=retention`, { waitUntil: "load" });
      await expect(plain.locator("[data-testid=play-card]:visible").count()).resolves.toBe(
        expected.length,
      );
      await expect(plain.getByTestId("play-filters").isVisible()).resolves.toBe(false);
    } finally {
      await context.close();
    }
  });
});

/** What a play page's metadata card must say. */
function expectedMeta(play: PlayEntry): Record<string, string> {
  const labels = playLabels[play.language];
  return {
    "play-meta-category": categoryName(play.category, play.language),
    "play-meta-stages": labels.list(play.lifecycleStages.map((s) => stageName(s, play.language))),
    "play-meta-effort": effortInWords(play.effort, play.language),
    "play-meta-roles": labels.list(play.roles),
    "play-meta-packages": play.packages.length === 0 ? labels.noPackages : play.packages.join(""),
    "play-meta-reviewed": labels.date(play.lastReviewed),
    "play-meta-primary": play.metrics.primary,
    "play-meta-guardrails": play.metrics.guardrails.join(""),
  };
}

describe.each(editions)("the play pages of $gallery", ({ language }) => {
  const livePlays = expectedLiveMetrics();
  const editionPlays = plays.filter((play) => play.language === language);

  it.each(editionPlays.map((play) => [play.slug, play] as const))(
    "%s: metadata, steps, body, live metric and downloads",
    async (_, play) => {
      const path = playPagePath(play.slug, language);
      const problems = await visit(page, `${origin}${path}`);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
      await expect(page.locator("h1").textContent()).resolves.toBe(play.title);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe(
        language === "zh-cn" ? "zh-CN" : "en",
      );
      // Starlight's layout: the language switcher and this page in the sidebar.
      await expect(page.locator("starlight-lang-select select").first().count()).resolves.toBe(1);
      await expect(
        page.locator(`nav.sidebar a[aria-current="page"][href="${path}"]`).count(),
      ).resolves.toBe(1);

      const meta: Record<string, string> = {};
      for (const testId of Object.keys(expectedMeta(play))) {
        meta[testId] = (await page.getByTestId(testId).textContent())?.trim() ?? "";
      }
      expect(meta).toEqual(expectedMeta(play));

      const { steps } = parsePlay(play.markdown, { path: `playbooks/${play.path}` });
      await expect(page.getByTestId("play-steps").locator("li").allTextContents()).resolves.toEqual(
        steps.map((step) => `${step.title} (${step.time})`),
      );
      // The body, rendered from the play's Markdown: the eight sections, every step, no escapes.
      const content = page.locator(".sl-markdown-content");
      await expect(
        content.locator("h2").evaluateAll((hs) => hs.map((h) => h.textContent?.trim())),
      ).resolves.toEqual(playSections.map((section) => section.heading[language]));
      await expect(content.locator("h3").count()).resolves.toBe(steps.length);
      const text = (await content.textContent()) ?? "";
      expect(text).not.toMatch(/\\[<{}]|&#\d+;/);

      const metric = livePlays[play.slug];
      if (metric === undefined) {
        await expect(page.getByTestId("play-live-metric").count()).resolves.toBe(0);
      } else {
        await expect(page.getByTestId("play-live-metric-value").textContent()).resolves.toBe(
          metric,
        );
      }

      const files = playFilePaths(play);
      const downloads = [{ href: files.markdown, text: play.markdown, type: /^text\/markdown/ }];
      if (play.config && files.config) {
        downloads.push({ href: files.config, text: play.config.text, type: /yaml/ });
      }
      await expect(page.getByTestId("play-download-config").count()).resolves.toBe(
        play.config ? 1 : 0,
      );
      for (const download of downloads) {
        const link = page.locator(`a[href="${download.href}"][download]`);
        await expect(link.count()).resolves.toBe(1);
        const response = await fetch(`${origin}${download.href}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type") ?? "").toMatch(download.type);
        expect(new TextDecoder().decode(await response.arrayBuffer())).toBe(download.text);
      }
    },
  );

  it("has a live metric on every page that the test recomputes, and on no other", () => {
    const withMetric = Object.keys(livePlays).filter((slug) =>
      editionPlays.some((play) => play.slug === slug),
    );
    expect(withMetric.length).toBe(Object.keys(livePlays).length);
  });

  it("copies exactly the play's Markdown to the clipboard, and says so", async () => {
    const play = editionPlays.find((p) => p.config) ?? editionPlays[0];
    if (!play) throw new Error("no plays");
    const { scripts, stopWatching } = await openRecordingScripts(
      page,
      `${origin}${playPagePath(play.slug, language)}`,
    );
    await page.evaluate(() => navigator.clipboard.writeText("before"));
    const button = page.getByTestId("play-copy");
    await expect(button.textContent()).resolves.toBe(playLabels[language].copy);
    await button.click();
    await expect
      .poll(() => page.getByTestId("play-copy-status").textContent())
      .toBe(playLabels[language].copied);
    await expect(button.textContent()).resolves.toBe(playLabels[language].copied);
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(play.markdown);

    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const total = gzippedScripts(scripts).reduce((sum, s) => sum + s.bytes, 0);
    console.info(`${play.slug} (${language}): ${(total / 1024).toFixed(1)} KB of gzipped JS`);
    expect(total).toBeLessThanOrEqual(jsBudgetBytes);
  });
});

describe("the helpers the play pages are built with", () => {
  it("escapes for MDX what plain Markdown means as text, and leaves code alone", () => {
    const markdown = [
      "Keep answers where too cheap < cheap; a {placeholder} stays text.",
      "export the table, then import it again.",
      "`a < b` and ``{x}`` are code.",
      "```yaml",
      "rules: { min: 1 } # <kept>",
      "```",
      "| a < b | {c} |",
    ].join("\n");
    expect(markdownToMdx(markdown)).toBe(
      [
        "Keep answers where too cheap \\< cheap; a \\{placeholder\\} stays text.",
        "&#101;xport the table, then import it again.",
        "`a < b` and ``{x}`` are code.",
        "```yaml",
        "rules: { min: 1 } # <kept>",
        "```",
        "| a \\< b | \\{c\\} |",
      ].join("\n"),
    );
  });

  it("writes effort in words in both languages (ISO-8601 durations)", () => {
    expect(durationInWords("P1W", "en")).toBe("1 week");
    expect(durationInWords("P2M", "en")).toBe("2 months");
    expect(durationInWords("P1W3D", "en")).toBe("1 week 3 days");
    expect(durationInWords("PT2H", "zh-cn")).toBe("2 小时");
    expect(durationInWords("P2M", "zh-cn")).toBe("2 个月");
    expect(peopleInWords("2-4", "en")).toBe("2–4 people");
    expect(peopleInWords("1", "en")).toBe("1 person");
    expect(peopleInWords("5+", "zh-cn")).toBe("5 人以上");
    expect(effortInWords({ prep: "P3D", run: "P6W", people: "2-4" }, "zh-cn")).toBe(
      "准备 3 天 · 执行 6 周 · 2–4 人",
    );
  });
});
