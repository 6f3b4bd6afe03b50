/**
 * Browser test of the Tools section in both editions: the hub links to the seven tool pages and
 * every page carries the tool navigation; on each tool page the calculator is driven by typing into
 * it and checked against values computed here by calling the packages directly
 * (@opsbook/experiments, @opsbook/pricing, @opsbook/growth, @opsbook/lifecycle, @opsbook/persona);
 * typed errors are shown inline; the calculator's prefixed URL parameters are restored from a
 * shared link and rewritten on every change; no console errors; and each page stays within the
 * JavaScript budget with its island loaded.
 */

import {
  bassCurve,
  bassPeakTime,
  classifyProductStage,
  fitBass,
  type ProductStage,
} from "@opsbook/lifecycle";
import { defaultRfmGrid, type RfmTransaction, rfmSegments } from "@opsbook/persona";
import { vanWestendorp } from "@opsbook/pricing";
import { cdnowSample } from "@opsbook/sample-data";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xpDefaults } from "../src/lib/growthXpDesigner.ts";
import { slug } from "../src/lib/personaFormat.ts";
import {
  formatAmount,
  formatCount,
  formatDate,
  formatFixed,
  formatShare,
} from "../src/lib/toolsFormat.ts";
import { toolPages } from "../src/lib/toolsPages.ts";
import {
  assertBuilt,
  type BrowserSession,
  expectShown,
  fieldValues,
  fillFields,
  gzippedScripts,
  jsBudgetBytes,
  openBrowserSession,
  openRecordingScripts,
  type PageProblems,
  phoneViewport,
} from "./browserHarness.ts";
import {
  designXpCurves,
  expectedSampleSize,
  expectedSignificance,
  expectedTierPricing,
  expectedXp,
} from "./calculatorExpectations.ts";

assertBuilt();

/** What each edition writes around the numbers (the page's own words). */
const editions = [
  {
    hub: "/tools/",
    stages: {
      introduction: "introduction",
      growth: "growth",
      maturity: "maturity",
      decline: "decline",
    },
    levels: { high: "high", medium: "medium", low: "low" },
    ago: "{n} periods past the peak",
    ahead: "{n} periods to the peak",
    segments: {} as Record<string, string>,
  },
  {
    hub: "/zh-cn/tools/",
    stages: { introduction: "导入期", growth: "成长期", maturity: "成熟期", decline: "衰退期" },
    levels: { high: "高", medium: "中", low: "低" },
    ago: "高峰已过 {n} 个周期",
    ahead: "离高峰还有 {n} 个周期",
    segments: {
      champions: "冠军客户",
      "loyal customers": "忠诚客户",
      "potential loyalists": "潜在忠诚客户",
      "new customers": "新客户",
      promising: "有潜力的新客",
      "need attention": "需要关注",
      "about to sleep": "即将沉睡",
      "at risk": "有流失风险",
      "can't lose": "不能失去",
      hibernating: "冬眠客户",
    } as Record<string, string>,
  },
];
type Edition = (typeof editions)[number];

// --- Van Westendorp (the other calculators' expectations are in calculatorExpectations.ts) -------

type Answer = { tooCheap: number; cheap: number; expensive: number; tooExpensive: number };

/** Van Westendorp answers typed one respondent per line, in a mix of separators. */
function answersText(answers: Answer[]): string {
  const separators = [", ", "\t", " ", "; "];
  return answers
    .map((a, i) =>
      [a.tooCheap, a.cheap, a.expensive, a.tooExpensive].join(separators[i % separators.length]),
    )
    .join("\n");
}

function expectedVanWestendorp(
  answers: Answer[],
  options: { convention: "pricesensitivitymeter" | "blog"; intersection: "min" | "linear" },
): Record<string, string> {
  const result = vanWestendorp(answers, options);
  return {
    "tool-vw-respondents": `${formatCount(result.respondents)} (${formatCount(result.invalid)})`,
    "tool-vw-pmc": formatAmount(result.pmc),
    "tool-vw-opp": formatAmount(result.opp),
    "tool-vw-idp": formatAmount(result.idp),
    "tool-vw-pme": formatAmount(result.pme),
  };
}

// --- Lifecycle ---------------------------------------------------------------------------------

function shownStage(
  edition: Edition,
  stage: { stage: ProductStage; confidence: number; confidenceLevel: "high" | "medium" | "low" },
  peak: number,
  periods: number,
) {
  const distance = periods - peak;
  return {
    "tool-bass-stage": edition.stages[stage.stage],
    "tool-bass-confidence": `${formatFixed(stage.confidence, 2)} (${edition.levels[stage.confidenceLevel]})`,
    "tool-bass-peak": formatFixed(peak, 1),
    "tool-bass-peak-from-now": (distance >= 0 ? edition.ago : edition.ahead).replace(
      "{n}",
      formatFixed(Math.abs(distance), 1),
    ),
  };
}

/** The stage of a launch from its cumulative adopters: fitBass and classifyProductStage. */
function expectedBassFromData(edition: Edition, cumulative: number[]): Record<string, string> {
  const fit = fitBass(cumulative, { kind: "cumulative" });
  const adoptions = cumulative.map((v, i) => v - (cumulative[i - 1] ?? 0));
  return {
    ...shownStage(edition, classifyProductStage(adoptions), fit.peakTime, cumulative.length),
    "tool-bass-p": formatFixed(fit.p, 4),
    "tool-bass-q": formatFixed(fit.q, 3),
    "tool-bass-m": formatCount(fit.m),
    "tool-bass-r2": formatFixed(fit.rSquared, 3),
  };
}

/** The stage a Bass model reaches after some periods: bassCurve, classifyProductStage, bassPeakTime. */
function expectedBassFromModel(
  edition: Edition,
  model: { p: number; q: number; m: number },
  periods: number,
): Record<string, string> {
  const adoptions = bassCurve(model, periods).map((point) => point.adoptions);
  return {
    ...shownStage(edition, classifyProductStage(adoptions), bassPeakTime(model), periods),
    "tool-bass-p": formatFixed(model.p, 4),
    "tool-bass-q": formatFixed(model.q, 3),
    "tool-bass-m": formatCount(model.m),
    "tool-bass-r2": "—",
  };
}

// --- RFM ---------------------------------------------------------------------------------------

const segments = [...new Set(defaultRfmGrid.map((cell) => cell.segment))];

/** What the RFM tool shows for a report of `rfmSegments`. */
function shownRfm(report: ReturnType<typeof rfmSegments>): Record<string, string> {
  const count = (name: string) => report.segments.find((s) => s.segment === name)?.customers ?? 0;
  const shown: Record<string, string> = {
    "tool-rfm-customers": formatCount(report.customers.length),
    "tool-rfm-as-of": formatDate(report.asOf),
    "tool-rfm-champions": formatCount(count("champions")),
    "tool-rfm-at-risk": formatCount(count("at risk") + count("can't lose")),
  };
  for (const name of segments) {
    const s = report.segments.find((summary) => summary.segment === name);
    shown[`tool-rfm-${slug(name)}-customers`] = formatCount(s?.customers ?? 0);
    shown[`tool-rfm-${slug(name)}-share`] = formatShare(s?.share ?? 0);
    shown[`tool-rfm-${slug(name)}-value-share`] = formatShare(s?.valueShare ?? 0);
  }
  return shown;
}

interface Customer {
  id: string;
  last: string;
  frequency: number;
  monetary: number;
}

/**
 * Purchases that add up to each customer's row, built differently from the tool: the purchases
 * spread over the days before the last one and the spend split evenly between them.
 */
function purchasesOf(customers: Customer[]): RfmTransaction[] {
  return customers.flatMap((c) =>
    Array.from({ length: c.frequency }, (_, k) => ({
      customerId: c.id,
      date: new Date(Date.parse(`${c.last}T00:00:00Z`) - k * 86_400_000).toISOString(),
      amount: c.monetary / c.frequency,
    })),
  );
}

// --- The pages ---------------------------------------------------------------------------------

async function expectError(root: Locator, code: string, message: RegExp): Promise<void> {
  await expect.poll(() => root.getAttribute("data-state")).toBe("error");
  await expect(root.getAttribute("data-error-code")).resolves.toBe(code);
  const status = root.locator("[data-calculator-status]");
  await expect(status.textContent()).resolves.toMatch(message);
  await expect(status.isVisible()).resolves.toBe(true);
}

/** Every parameter in the address bar carries the prefix, and these ones have these values. */
function expectParams(page: Page, prefix: string, values: Record<string, string>): void {
  const params = new URL(page.url()).searchParams;
  expect([...params.keys()].filter((key) => !key.startsWith(prefix))).toEqual([]);
  expect(Object.fromEntries(params)).toMatchObject(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v])),
  );
}

/** Opens a tool page's address with these (already prefixed) parameters. */
async function openWith(page: Page, url: string, params: Record<string, string>): Promise<void> {
  const shared = new URL(url);
  for (const [key, value] of Object.entries(params)) shared.searchParams.set(key, value);
  await page.goto(shared.href, { waitUntil: "load" });
}

/** The links of the tool navigation: href and aria-current of each. */
async function navLinks(page: Page): Promise<Array<[string | null, string | null]>> {
  return page
    .getByTestId("tools-nav")
    .locator("a")
    .evaluateAll((links) =>
      links.map((a) => [a.getAttribute("href"), a.getAttribute("aria-current")]),
    );
}

function expectedNav(edition: Edition, current: string): Array<[string, string | null]> {
  return [
    [edition.hub, current === edition.hub ? "page" : null],
    ...toolPages.map((tool): [string, string | null] => {
      const href = `${edition.hub}${tool.slug}/`;
      return [href, href === current ? "page" : null];
    }),
  ];
}

const measured: string[] = [];

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  // A phone-sized screen: every calculator must work at 375 px.
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
  console.info(`JavaScript per Tools page (gzipped):\n${measured.join("\n")}`);
});

/**
 * One tool page: opened while its scripts are recorded, its tool navigation checked, the `body`
 * tests run, and last no console errors and the page's scripts — the island's chunk among them —
 * within the budget.
 */
function describeToolPage(
  edition: Edition,
  tool: (typeof toolPages)[number]["slug"],
  chunk: RegExp,
  body: (url: () => string) => void,
): void {
  const path = `${edition.hub}${tool}/`;
  describe(path, () => {
    let scripts = new Set<string>();
    let stopWatching: () => PageProblems;
    const url = () => `${session?.origin}${path}`;

    beforeAll(async () => {
      ({ scripts, stopWatching } = await openRecordingScripts(page, url()));
    });

    it("shows the tool navigation with this page marked current", async () => {
      await expect(navLinks(page)).resolves.toEqual(expectedNav(edition, path));
    });

    body(url);

    it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS with its island loaded, without console errors`, async () => {
      await page.waitForLoadState("networkidle");
      expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
      const gzipped = gzippedScripts(scripts);
      expect(
        gzipped.some((s) => chunk.test(s.pathname)),
        String(chunk),
      ).toBe(true);
      const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
      measured.push(`${path}: ${(total / 1024).toFixed(1)} KB in ${gzipped.length} scripts`);
      expect(total, JSON.stringify(gzipped)).toBeLessThanOrEqual(jsBudgetBytes);
    });
  });
}

describe.each(editions)("the Tools section at $hub", (edition) => {
  describe("the hub", () => {
    let scripts = new Set<string>();
    let stopWatching: () => PageProblems;

    beforeAll(async () => {
      ({ scripts, stopWatching } = await openRecordingScripts(
        page,
        `${session?.origin}${edition.hub}`,
      ));
    });

    it("links to all seven tool pages from its text, the sidebar and the tool navigation", async () => {
      for (const tool of toolPages) {
        const href = `${edition.hub}${tool.slug}/`;
        // A link in the text, beside the one in the tool navigation.
        const inContent = await page.locator(`.sl-markdown-content a[href="${href}"]`).count();
        const inNav = await page.getByTestId("tools-nav").locator(`a[href="${href}"]`).count();
        expect(inContent - inNav, href).toBeGreaterThanOrEqual(1);
        await expect(page.locator(`#starlight__sidebar a[href="${href}"]`).count()).resolves.toBe(
          1,
        );
      }
      await expect(navLinks(page)).resolves.toEqual(expectedNav(edition, edition.hub));
      // Each tool's prefix is named, since links carry the inputs.
      const text = (await page.locator(".sl-markdown-content").textContent()) ?? "";
      for (const tool of toolPages) expect(text).toContain(`${tool.prefix}`);
    });

    it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS and no calculator, without console errors`, async () => {
      await page.waitForLoadState("networkidle");
      expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
      const gzipped = gzippedScripts(scripts);
      expect(gzipped.filter((s) => /Calculator|tools[A-Z]|growthXp/.test(s.pathname))).toEqual([]);
      const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
      measured.push(`${edition.hub}: ${(total / 1024).toFixed(1)} KB in ${gzipped.length} scripts`);
      expect(total).toBeLessThanOrEqual(jsBudgetBytes);
    });
  });

  describeToolPage(edition, "sample-size", /sampleSizeCalculator/, (url) => {
    const defaults = {
      baseline: "20",
      mde: "10",
      mdeType: "relative",
      power: "80",
      alpha: "5",
      variations: "2",
      daily: "800",
    };

    it("loads its code when visible and shows the results of the default inputs", async () => {
      const calculator = page.getByTestId("calc-sample-size");
      await expect.poll(() => calculator.getAttribute("data-state")).toBe("ready");
      await expectShown(calculator, expectedSampleSize(defaults).shown);
    });

    it("sizes a test as sampleSize and experimentDuration do, keeping the inputs under ss.", async () => {
      const calculator = page.getByTestId("calc-sample-size");
      const inputs = {
        baseline: "4.5",
        mde: "10",
        mdeType: "relative",
        power: "90",
        alpha: "1",
        variations: "3",
        daily: "2500",
      };
      await fillFields(calculator, inputs);
      await expectShown(calculator, expectedSampleSize(inputs).shown);
      expectParams(page, "ss.", inputs);
    });

    it("opens a shared link with its inputs and results restored, and rewrites it on a change", async () => {
      await openWith(page, url(), { "ss.baseline": "12", "ss.mde": "2", "ss.mdeType": "absolute" });
      const calculator = page.getByTestId("calc-sample-size");
      const shown = await fieldValues(calculator, Object.keys(defaults));
      expect(shown).toEqual({ ...defaults, baseline: "12", mde: "2", mdeType: "absolute" });
      await expectShown(calculator, expectedSampleSize(shown).shown);
      await fillFields(calculator, { daily: "1200" });
      await expectShown(calculator, expectedSampleSize({ ...shown, daily: "1200" }).shown);
      expectParams(page, "ss.", { baseline: "12", mde: "2", daily: "1200" });
    });
  });

  describeToolPage(edition, "significance", /significanceCalculator/, (url) => {
    const defaults = {
      controlVisitors: "6000",
      controlConversions: "1200",
      treatmentVisitors: "6000",
      treatmentConversions: "1320",
      confidence: "95",
    };

    it("loads its code when visible and shows the results of the default counts", async () => {
      const calculator = page.getByTestId("calc-significance");
      await expect.poll(() => calculator.getAttribute("data-state")).toBe("ready");
      await expectShown(calculator, expectedSignificance(defaults).shown);
    });

    it("reads significance from counts as proportionsZTest and bayesianTest do, keeping them under sig.", async () => {
      const calculator = page.getByTestId("calc-significance");
      const counts = {
        controlVisitors: "1000",
        controlConversions: "100",
        treatmentVisitors: "1000",
        treatmentConversions: "135",
        confidence: "99",
      };
      await fillFields(calculator, counts);
      await expectShown(calculator, expectedSignificance(counts).shown);
      expectParams(page, "sig.", counts);
    });

    it("opens a shared link with its counts and results restored, and rewrites it on a change", async () => {
      await openWith(page, url(), {
        "sig.controlVisitors": "2400",
        "sig.controlConversions": "240",
      });
      const calculator = page.getByTestId("calc-significance");
      const shown = await fieldValues(calculator, Object.keys(defaults));
      expect(shown).toEqual({ ...defaults, controlVisitors: "2400", controlConversions: "240" });
      await expectShown(calculator, expectedSignificance(shown).shown);
      await fillFields(calculator, { treatmentConversions: "1250" });
      await expectShown(
        calculator,
        expectedSignificance({ ...shown, treatmentConversions: "1250" }).shown,
      );
      expectParams(page, "sig.", { controlVisitors: "2400", treatmentConversions: "1250" });
    });
  });

  describeToolPage(edition, "tier-pricing", /pricingCalculator/, (url) => {
    it("loads its code when visible and shows the price of the default 60 seats", async () => {
      const calculator = page.getByTestId("calc-pricing");
      await expect.poll(() => calculator.getAttribute("data-state")).toBe("ready");
      await expectShown(calculator, expectedTierPricing(60));
    });

    it("prices seats as graduated and volume tiers as priceUsage does, keeping them under price.", async () => {
      const calculator = page.getByTestId("calc-pricing");
      for (const seats of [50, 51]) {
        await calculator.getByTestId("calc-pricing-seats").fill(String(seats));
        await expectShown(calculator, expectedTierPricing(seats));
      }
      expectParams(page, "price.", { seats: "51" });
    });

    it("opens a shared link with its seats and prices restored, and rewrites it on a change", async () => {
      await openWith(page, url(), { "price.seats": "275" });
      const calculator = page.getByTestId("calc-pricing");
      await expect(calculator.getByTestId("calc-pricing-seats").inputValue()).resolves.toBe("275");
      await expectShown(calculator, expectedTierPricing(275));
      await calculator.getByTestId("calc-pricing-seats").fill("120");
      await expectShown(calculator, expectedTierPricing(120));
      expectParams(page, "price.", { seats: "120" });
    });
  });

  describeToolPage(edition, "xp-curve", /growthXpDesigner/, (url) => {
    it("designs XP curves as levelThresholds and levelForXp do: relative, linear, polynomial", async () => {
      const designer = page.getByTestId("growth-xp-designer");
      await expect.poll(() => designer.getAttribute("data-state")).toBe("ready");
      await designXpCurves(designer);
      // Every field is in the address bar under xp. (the field names carry the prefix).
      expectParams(page, "xp.", {
        kind: "polynomial",
        levels: "20",
        scale: "50",
        exponent: "2",
        xp: "450",
      });
    });

    it("shows the designer's errors inline and recovers", async () => {
      const designer = page.getByTestId("growth-xp-designer");
      const polynomial = await fieldValues(designer, Object.keys(xpDefaults));
      await fillFields(designer, { "xp.levels": "0" });
      await expect.poll(() => designer.getAttribute("data-state")).toBe("error");
      await expect(designer.getByTestId("growth-xp-level").textContent()).resolves.toBe("—");
      await fillFields(designer, { "xp.levels": "20" });
      await expectShown(designer, expectedXp(polynomial));
    });

    it("opens a shared link with its curve and results restored, and rewrites it on a change", async () => {
      const flat = {
        ...xpDefaults,
        "xp.kind": "flat",
        "xp.levels": "12",
        "xp.base": "250",
        "xp.xp": "2750",
      };
      await openWith(page, url(), flat);
      const designer = page.getByTestId("growth-xp-designer");
      await expect(fieldValues(designer, Object.keys(flat))).resolves.toEqual(flat);
      await expectShown(designer, expectedXp(flat));
      await fillFields(designer, { "xp.xp": "100" });
      await expectShown(designer, expectedXp({ ...flat, "xp.xp": "100" }));
      expectParams(page, "xp.", { kind: "flat", base: "250", xp: "100" });
    });
  });

  const answers: Answer[] = [
    { tooCheap: 4, cheap: 9, expensive: 16, tooExpensive: 25 },
    { tooCheap: 6, cheap: 10, expensive: 20, tooExpensive: 30 },
    { tooCheap: 5, cheap: 12, expensive: 18, tooExpensive: 24 },
    { tooCheap: 8, cheap: 14, expensive: 22, tooExpensive: 35 },
    { tooCheap: 3, cheap: 8, expensive: 15, tooExpensive: 20 },
    { tooCheap: 7, cheap: 11, expensive: 19, tooExpensive: 28 },
    { tooCheap: 10, cheap: 15, expensive: 25, tooExpensive: 40 },
    // Inconsistent (cheap above expensive): dropped by the package's validation.
    { tooCheap: 5, cheap: 20, expensive: 12, tooExpensive: 30 },
  ];
  const psm = { convention: "pricesensitivitymeter", intersection: "min" } as const;
  const blog = { convention: "blog", intersection: "linear" } as const;

  describeToolPage(edition, "van-westendorp", /toolsVanWestendorp/, (url) => {
    it("loads its code when visible and calculates", async () => {
      const tool = page.getByTestId("tool-vw");
      await expect.poll(() => tool.getAttribute("data-state")).toBe("ready");
    });

    it("finds the Van Westendorp price points of typed answers as vanWestendorp does", async () => {
      const tool = page.getByTestId("tool-vw");
      await fillFields(tool, { answers: answersText(answers) });
      const expected = expectedVanWestendorp(answers, psm);
      expect(expected["tool-vw-respondents"]).toBe("7 (1)");
      await expectShown(tool, expected);
      // The four curves are drawn as SVG paths, and the acceptable range as a band.
      const paths = await tool
        .locator("svg.tools__chart path[data-curve]")
        .evaluateAll((elements) => elements.map((e) => e.getAttribute("d") ?? ""));
      expect(paths).toHaveLength(4);
      for (const d of paths) expect(d).toMatch(/^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+)+$/);
      const band = Number(
        await tool.locator("svg.tools__chart .tools-vw__range").getAttribute("width"),
      );
      expect(band).toBeGreaterThan(0);

      await fillFields(tool, blog);
      await expectShown(tool, expectedVanWestendorp(answers, blog));
      expectParams(page, "vw.", { answers: answersText(answers), ...blog });
    });

    it("shows the typed errors inline, naming the line", async () => {
      const tool = page.getByTestId("tool-vw");
      await fillFields(tool, { answers: "5, 8, 12, 15\n6, 9, 13" });
      await expectError(tool, "invalid_input", /line 2: expected four prices/);
      await expect(tool.getByTestId("tool-vw-opp").textContent()).resolves.toBe("—");
      // Every respondent inconsistent: the package's own error.
      await fillFields(tool, { answers: "10, 8, 12, 15" });
      await expectError(tool, "invalid_input", /inconsistent answers/);
      await fillFields(tool, { answers: "5, 8, 12, -15" });
      await expectError(
        tool,
        "out_of_range",
        /line 1: responses\[0\]\.tooExpensive: expected number ≥ 0/,
      );
      await fillFields(tool, { answers: answersText(answers) });
      await expectShown(tool, expectedVanWestendorp(answers, blog));
    });

    it("opens a shared link with its answers and price points restored, and rewrites it on a change", async () => {
      const vwAnswers = answers.slice(0, 5);
      await openWith(page, url(), {
        "vw.answers": answersText(vwAnswers),
        "vw.convention": "pricesensitivitymeter",
      });
      const tool = page.getByTestId("tool-vw");
      await expect(fieldValues(tool, ["answers", "convention", "intersection"])).resolves.toEqual({
        answers: answersText(vwAnswers),
        ...psm,
      });
      await expectShown(tool, expectedVanWestendorp(vwAnswers, psm));
      await fillFields(tool, { intersection: "linear" });
      await expectShown(tool, expectedVanWestendorp(vwAnswers, { ...psm, intersection: "linear" }));
      expectParams(page, "vw.", {
        answers: answersText(vwAnswers),
        convention: "pricesensitivitymeter",
        intersection: "linear",
      });
    });
  });

  const cumulative = [120, 310, 640, 1150, 1900, 2950, 4300, 5800, 7300, 8600, 9600, 10300, 10750];

  describeToolPage(edition, "bass-stage", /toolsBassStage/, (url) => {
    it("loads its code when visible and calculates", async () => {
      const tool = page.getByTestId("tool-bass");
      await expect.poll(() => tool.getAttribute("data-state")).toBe("ready");
    });

    it("fits the Bass model to cumulative adopters and reads the stage as the package does", async () => {
      const tool = page.getByTestId("tool-bass");
      await fillFields(tool, { mode: "data", kind: "cumulative", series: cumulative.join(", ") });
      await expectShown(tool, expectedBassFromData(edition, cumulative));
      // Bars for each period and the model's curve are drawn.
      await expect(tool.locator(".tools-bass__bars rect").count()).resolves.toBe(cumulative.length);
      await expect(
        tool.locator("svg.tools__chart .tools-bass__curve").getAttribute("d"),
      ).resolves.toMatch(/^M/);
      // Fewer periods: the launch is earlier in its life.
      const early = cumulative.slice(0, 7);
      await fillFields(tool, { series: early.join("\n") });
      await expectShown(tool, expectedBassFromData(edition, early));
    });

    it("classifies a Bass model given by p, q and m after some periods", async () => {
      const tool = page.getByTestId("tool-bass");
      await fillFields(tool, { mode: "model" });
      await expect(tool.locator('[name="series"]').isVisible()).resolves.toBe(false);
      const model = { p: 0.005, q: 0.3, m: 10000 };
      for (const periods of [8, 16, 40]) {
        await fillFields(tool, { p: "0.005", q: "0.3", m: "10000", periods: String(periods) });
        await expectShown(tool, expectedBassFromModel(edition, model, periods));
      }
      // As in the package's doctest (Bass p 0.005, q 0.3): introduction after 8 periods.
      await fillFields(tool, { periods: "8" });
      await expectShown(tool, { "tool-bass-stage": edition.stages.introduction });
    });

    it("shows the typed errors inline", async () => {
      const tool = page.getByTestId("tool-bass");
      await fillFields(tool, { p: "0" });
      await expectError(tool, "out_of_range", /p: expected number > 0/);
      await fillFields(tool, { p: "0.005", periods: "3" });
      await expectError(tool, "out_of_range", /at least 5 periods/);
      await fillFields(tool, { mode: "data", series: "100, 250, 240, 400, 600" });
      await expectError(tool, "invalid_input", /period 3: .*cumulative/);
      await fillFields(tool, { series: "100, 250, abc" });
      await expectError(tool, "invalid_input", /expected a number/);
      await fillFields(tool, { series: cumulative.join(", ") });
      await expectShown(tool, expectedBassFromData(edition, cumulative));
      expectParams(page, "bass.", { mode: "data", series: cumulative.join(", "), p: "0.005" });
    });

    it("opens a shared link with its model and stage restored, and rewrites it on a change", async () => {
      const model = { p: 0.03, q: 0.38, m: 5000 };
      await openWith(page, url(), {
        "bass.mode": "model",
        "bass.p": String(model.p),
        "bass.q": String(model.q),
        "bass.m": String(model.m),
        "bass.periods": "12",
      });
      const tool = page.getByTestId("tool-bass");
      await expect(tool.locator('[name="periods"]').isVisible()).resolves.toBe(true);
      await expect(tool.locator('[name="mode"]').inputValue()).resolves.toBe("model");
      await expectShown(tool, expectedBassFromModel(edition, model, 12));
      await fillFields(tool, { periods: "20" });
      await expectShown(tool, expectedBassFromModel(edition, model, 20));
      expectParams(page, "bass.", { mode: "model", p: "0.03", periods: "20" });
    });
  });

  const customers: Customer[] = [
    { id: "A1", last: "2026-10-30", frequency: 12, monetary: 900 },
    { id: "A2", last: "2026-10-29", frequency: 1, monetary: 30 },
    { id: "A3", last: "2026-08-01", frequency: 6, monetary: 480 },
    { id: "A4", last: "2026-05-12", frequency: 2, monetary: 60 },
    { id: "A5", last: "2026-10-20", frequency: 4, monetary: 200 },
    { id: "A6", last: "2026-03-03", frequency: 9, monetary: 1200 },
    { id: "A7", last: "2026-09-15", frequency: 3, monetary: 95.5 },
    { id: "A8", last: "2026-10-01", frequency: 1, monetary: 15 },
    { id: "A9", last: "2026-07-07", frequency: 1, monetary: 20 },
    { id: "A10", last: "2026-10-25", frequency: 7, monetary: 640 },
  ];
  const rowsText = [
    "customer\tlast purchase\tfrequency\tmonetary",
    ...customers.map((c) => [c.id, c.last, c.frequency, c.monetary].join("\t")),
  ].join("\n");

  describeToolPage(edition, "rfm", /toolsRfm\./, (url) => {
    it("loads its code when visible and calculates", async () => {
      const tool = page.getByTestId("tool-rfm");
      await expect.poll(() => tool.getAttribute("data-state")).toBe("ready");
    });

    it("scores and segments typed customer rows as rfmSegments does", async () => {
      const tool = page.getByTestId("tool-rfm");
      await fillFields(tool, { rows: rowsText, asOf: "" });
      const report = rfmSegments(purchasesOf(customers));
      await expectShown(tool, shownRfm(report));
      // Each customer's row: id, recency, frequency, score and segment in the page's language.
      const rows = await tool
        .getByTestId("tool-rfm-customer-rows")
        .locator("tr")
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
        );
      expect(rows).toEqual(
        report.customers.map((c) => [
          c.customerId,
          formatFixed(c.recencyDays, 0),
          formatCount(c.frequency),
          formatAmount(c.monetary as number),
          c.score,
          edition.segments[c.segment] ?? c.segment,
        ]),
      );
      // An analysis date moves recency.
      await fillFields(tool, { asOf: "2026-12-31" });
      await expectShown(
        tool,
        shownRfm(rfmSegments(purchasesOf(customers), { asOf: "2026-12-31" })),
      );
      expectParams(page, "rfm.", { rows: rowsText, asOf: "2026-12-31" });
    });

    it("segments the CDNOW preset as rfmSegments does on those customers' purchases", async () => {
      const tool = page.getByTestId("tool-rfm");
      await tool.getByTestId("tool-rfm-preset-cdnow").click();
      await expect(tool.locator('[name="asOf"]').inputValue()).resolves.toBe("1998-06-30");
      // The first 40 customers of the sample, with their real purchases (amounts in cents).
      const first = new Set<string>();
      const purchases = cdnowSample().filter((row) => {
        if (!first.has(row.customerId) && first.size < 40) first.add(row.customerId);
        return first.has(row.customerId);
      });
      await expectShown(tool, shownRfm(rfmSegments(purchases, { asOf: "1998-06-30" })));
    });

    it("shows the typed errors inline, naming the line", async () => {
      const tool = page.getByTestId("tool-rfm");
      await fillFields(tool, { rows: "a, 2026-01-05, 2, 40\nb, 2026-01-07, 0, 10" });
      await expectError(tool, "out_of_range", /line 2: expected a whole number of purchases/);
      await fillFields(tool, { rows: "a, 2026-01-05, 2, 40\na, 2026-01-07, 1, 10" });
      await expectError(tool, "conflict", /line 2: customer "a" is already on line 1/);
      await fillFields(tool, { rows: "a, 2026-01-05, 2, 40\nb, someday, 1, 10" });
      await expectError(tool, "invalid_input", /line 2: transactions\[2\]\.date: expected/);
      await expect(tool.getByTestId("tool-rfm-customers").textContent()).resolves.toBe("—");
      await fillFields(tool, { rows: rowsText, asOf: "" });
      await expectShown(tool, shownRfm(rfmSegments(purchasesOf(customers))));
    });

    it("opens a shared link with its rows and segments restored, and rewrites it on a change", async () => {
      await openWith(page, url(), { "rfm.rows": rowsText, "rfm.asOf": "2026-11-30" });
      const tool = page.getByTestId("tool-rfm");
      await expect(fieldValues(tool, ["rows", "asOf"])).resolves.toEqual({
        rows: rowsText,
        asOf: "2026-11-30",
      });
      await expectShown(
        tool,
        shownRfm(rfmSegments(purchasesOf(customers), { asOf: "2026-11-30" })),
      );
      await fillFields(tool, { asOf: "2027-01-15" });
      await expectShown(
        tool,
        shownRfm(rfmSegments(purchasesOf(customers), { asOf: "2027-01-15" })),
      );
      expectParams(page, "rfm.", { rows: rowsText, asOf: "2027-01-15" });
    });
  });
});
