/**
 * Browser test of the tools page in both editions: every calculator driven by typing into it and
 * checked against values computed here by calling the packages directly (@opsbook/experiments,
 * @opsbook/pricing, @opsbook/lifecycle, @opsbook/persona); typed errors shown inline; each
 * calculator's prefixed URL parameters written on every change and restored from a shared link;
 * no console errors; and the page's JavaScript budget with every island loaded.
 */

import {
  bayesianTest,
  experimentDuration,
  proportionsZTest,
  sampleSize,
} from "@opsbook/experiments";
import {
  bassCurve,
  bassPeakTime,
  classifyProductStage,
  fitBass,
  type ProductStage,
} from "@opsbook/lifecycle";
import { defaultRfmGrid, type RfmTransaction, rfmSegments } from "@opsbook/persona";
import { priceUsage, vanWestendorp } from "@opsbook/pricing";
import { cdnowSample } from "@opsbook/sample-data";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatCount as formatExperimentCount,
  formatInterval,
  formatLift,
  formatPercent,
  formatPValue,
} from "../src/lib/experimentsFormat.ts";
import { slug } from "../src/lib/personaFormat.ts";
import { calculatorTiers } from "../src/lib/pricingCalculator.ts";
import { formatMoney, formatPrice } from "../src/lib/pricingFormat.ts";
import {
  formatAmount,
  formatCount,
  formatDate,
  formatFixed,
  formatShare,
} from "../src/lib/toolsFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  expectShown,
  fillFields,
  gzippedScripts,
  jsBudgetBytes,
  openBrowserSession,
  openRecordingScripts,
  type PageProblems,
} from "./browserHarness.ts";

assertBuilt();

/** What each edition writes around the numbers (the page's own words). */
const editions = [
  {
    path: "/tools/",
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
    path: "/zh-cn/tools/",
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

// --- Experiments -------------------------------------------------------------------------------

function expectedSampleSize(inputs: Record<string, string>): Record<string, string> {
  const size = sampleSize({
    metric: { type: "proportion", baseline: Number(inputs.baseline) / 100 },
    effect: Number(inputs.mde) / 100,
    relative: inputs.mdeType === "relative",
    power: Number(inputs.power) / 100,
    alpha: Number(inputs.alpha) / 100,
    variations: Number(inputs.variations),
  });
  const { days } = experimentDuration({
    perVariation: size.perVariation,
    variations: size.variations,
    dailyUnits: Number(inputs.daily),
  });
  return {
    "calc-ss-per-variation": formatExperimentCount(size.perVariation),
    "calc-ss-total": formatExperimentCount(size.total),
    "calc-ss-days": formatExperimentCount(days),
  };
}

function expectedSignificance(inputs: Record<string, string>): Record<string, string> {
  const [cn, cc, tn, tc] = [
    inputs.controlVisitors,
    inputs.controlConversions,
    inputs.treatmentVisitors,
    inputs.treatmentConversions,
  ].map(Number) as [number, number, number, number];
  const alpha = 1 - Number(inputs.confidence) / 100;
  const bayesian = bayesianTest(
    { type: "proportion", n: cn, conversions: cc },
    { type: "proportion", n: tn, conversions: tc },
    { alpha },
  );
  const z = proportionsZTest([
    { count: tc, nobs: tn },
    { count: cc, nobs: cn },
  ]);
  return {
    "calc-sig-control-rate": formatPercent(cc / cn, 2),
    "calc-sig-treatment-rate": formatPercent(tc / tn, 2),
    "calc-sig-lift": formatLift(bayesian.estimate),
    "calc-sig-ci": formatInterval(bayesian.ci),
    "calc-sig-p": formatPValue(z.pValue),
    "calc-sig-chance": formatPercent(bayesian.chanceToWin),
  };
}

// --- Pricing -----------------------------------------------------------------------------------

function expectedTiers(seats: number): Record<string, string> {
  const tiers = [...calculatorTiers];
  const graduated = priceUsage({ model: "graduated", tiers }, seats, { currency: "USD" });
  const volume = priceUsage({ model: "volume", tiers }, seats, { currency: "USD" });
  const perSeat = (exact: string) =>
    formatPrice(seats === 0 ? 0 : Math.round((Number(exact) / seats) * 100) / 100);
  return {
    "calc-pricing-graduated": formatMoney(graduated.amount),
    "calc-pricing-volume": formatMoney(volume.amount),
    "calc-pricing-graduated-per-seat": perSeat(graduated.exact),
    "calc-pricing-volume-per-seat": perSeat(volume.exact),
  };
}

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

// --- The page ----------------------------------------------------------------------------------

async function fieldValues(root: Locator, names: string[]): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of names) values[name] = await root.locator(`[name="${name}"]`).inputValue();
  return values;
}

async function expectError(root: Locator, code: string, message: RegExp): Promise<void> {
  await expect.poll(() => root.getAttribute("data-state")).toBe("error");
  await expect(root.getAttribute("data-error-code")).resolves.toBe(code);
  const status = root.locator("[data-calculator-status]");
  await expect(status.textContent()).resolves.toMatch(message);
  await expect(status.isVisible()).resolves.toBe(true);
}

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  session = await openBrowserSession();
  page = session.page;
  // A phone-sized screen: every calculator must work at 375 px.
  await page.setViewportSize({ width: 375, height: 800 });
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe.each(editions)("the tools page at $path", (edition) => {
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(
      page,
      `${session?.origin}${edition.path}`,
    ));
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS with every island on screen, the first three showing their defaults`, async () => {
    // Scroll through the page: the Van Westendorp, Bass and RFM tools load their code and calculate.
    for (const testId of ["calc-sample-size", "calc-pricing", "tool-vw", "tool-bass", "tool-rfm"]) {
      await page.getByTestId(testId).scrollIntoViewIfNeeded();
    }
    for (const testId of ["tool-vw", "tool-bass", "tool-rfm"]) {
      await expect.poll(() => page.getByTestId(testId).getAttribute("data-state")).toBe("ready");
    }
    await page.waitForLoadState("networkidle");
    // The sample-size, significance and tier calculators load their code on first touch; until
    // then they show the results of their default inputs, rendered when the site was built.
    await expectShown(
      page.getByTestId("calc-sample-size"),
      expectedSampleSize({
        baseline: "20",
        mde: "10",
        mdeType: "relative",
        power: "80",
        alpha: "5",
        variations: "2",
        daily: "800",
      }),
    );
    await expectShown(
      page.getByTestId("calc-significance"),
      expectedSignificance({
        controlVisitors: "6000",
        controlConversions: "1200",
        treatmentVisitors: "6000",
        treatmentConversions: "1320",
        confidence: "95",
      }),
    );
    await expectShown(page.getByTestId("calc-pricing"), expectedTiers(60));
    const onScreen = gzippedScripts(scripts);
    const loaded = onScreen.map((s) => s.pathname);
    for (const chunk of [/sampleSizeCalculator/, /significanceCalculator/, /pricingCalculator/]) {
      expect(
        loaded.some((p) => chunk.test(p)),
        String(chunk),
      ).toBe(false);
    }
    for (const chunk of [/toolsVanWestendorp/, /toolsBassStage/, /toolsRfm\./]) {
      expect(
        loaded.some((p) => chunk.test(p)),
        String(chunk),
      ).toBe(true);
    }
    const total = onScreen.reduce((sum, s) => sum + s.bytes, 0);
    console.info(
      `${edition.path}: ${onScreen.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped with every island on screen`,
    );
    expect(total).toBeLessThanOrEqual(jsBudgetBytes);
  });

  it("sizes a test in the sample-size calculator as sampleSize does", async () => {
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
    await expectShown(calculator, expectedSampleSize(inputs));
  });

  it("reads significance from counts as proportionsZTest and bayesianTest do", async () => {
    const calculator = page.getByTestId("calc-significance");
    const counts = {
      controlVisitors: "1000",
      controlConversions: "100",
      treatmentVisitors: "1000",
      treatmentConversions: "135",
      confidence: "99",
    };
    await fillFields(calculator, counts);
    await expectShown(calculator, expectedSignificance(counts));
  });

  it("prices seats as graduated and volume tiers as priceUsage does", async () => {
    const calculator = page.getByTestId("calc-pricing");
    for (const seats of [50, 51]) {
      await calculator.getByTestId("calc-pricing-seats").fill(String(seats));
      await expectShown(calculator, expectedTiers(seats));
    }
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

  it("finds the Van Westendorp price points of typed answers as vanWestendorp does", async () => {
    const tool = page.getByTestId("tool-vw");
    await fillFields(tool, { answers: answersText(answers) });
    const psm = { convention: "pricesensitivitymeter", intersection: "min" } as const;
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

    const blog = { convention: "blog", intersection: "linear" } as const;
    await fillFields(tool, blog);
    await expectShown(tool, expectedVanWestendorp(answers, blog));
  });

  it("shows the Van Westendorp tool's typed errors inline, naming the line", async () => {
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
    await expectShown(
      tool,
      expectedVanWestendorp(answers, { convention: "blog", intersection: "linear" }),
    );
  });

  const cumulative = [120, 310, 640, 1150, 1900, 2950, 4300, 5800, 7300, 8600, 9600, 10300, 10750];

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

  it("shows the Bass tool's typed errors inline", async () => {
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
    await expectShown(tool, shownRfm(rfmSegments(purchasesOf(customers), { asOf: "2026-12-31" })));
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

  it("shows the RFM tool's typed errors inline, naming the line", async () => {
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

  it("keeps every calculator's inputs in the URL under its own prefix", async () => {
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      "ss.baseline": "4.5",
      "ss.variations": "3",
      "sig.treatmentConversions": "135",
      "price.seats": "51",
      "vw.convention": "blog",
      "vw.intersection": "linear",
      "vw.answers": answersText(answers),
      "bass.mode": "data",
      "bass.series": cumulative.join(", "),
      "bass.p": "0.005",
      "rfm.rows": rowsText,
      "rfm.asOf": "",
    });
    // No unprefixed parameter: the calculators cannot overwrite each other.
    expect([...params.keys()].filter((key) => !/^(ss|sig|price|vw|bass|rfm)\./.test(key))).toEqual(
      [],
    );
  });

  it("opens a shared link with every calculator's inputs and results restored", async () => {
    const shared = new URL(`${session?.origin}${edition.path}`);
    const vwAnswers = answers.slice(0, 5);
    const model = { p: 0.03, q: 0.38, m: 5000 };
    const link = {
      "ss.baseline": "12",
      "ss.mde": "2",
      "ss.mdeType": "absolute",
      "sig.controlVisitors": "2400",
      "sig.controlConversions": "240",
      "price.seats": "275",
      "vw.answers": answersText(vwAnswers),
      "vw.convention": "pricesensitivitymeter",
      "bass.mode": "model",
      "bass.p": String(model.p),
      "bass.q": String(model.q),
      "bass.m": String(model.m),
      "bass.periods": "12",
      "rfm.rows": rowsText,
      "rfm.asOf": "2026-11-30",
    };
    for (const [key, value] of Object.entries(link)) shared.searchParams.set(key, value);
    await page.goto(shared.href, { waitUntil: "load" });

    const sampleSizeCalculator = page.getByTestId("calc-sample-size");
    const ss = await fieldValues(sampleSizeCalculator, [
      "baseline",
      "mde",
      "mdeType",
      "power",
      "alpha",
      "variations",
      "daily",
    ]);
    expect(ss).toMatchObject({ baseline: "12", mde: "2", mdeType: "absolute", power: "80" });
    await expectShown(sampleSizeCalculator, expectedSampleSize(ss));

    const significance = page.getByTestId("calc-significance");
    const sig = await fieldValues(significance, [
      "controlVisitors",
      "controlConversions",
      "treatmentVisitors",
      "treatmentConversions",
      "confidence",
    ]);
    expect(sig).toMatchObject({ controlVisitors: "2400", controlConversions: "240" });
    await expectShown(significance, expectedSignificance(sig));

    const pricing = page.getByTestId("calc-pricing");
    await expect(pricing.getByTestId("calc-pricing-seats").inputValue()).resolves.toBe("275");
    await expectShown(pricing, expectedTiers(275));

    const vw = page.getByTestId("tool-vw");
    await expect(fieldValues(vw, ["answers", "convention", "intersection"])).resolves.toEqual({
      answers: answersText(vwAnswers),
      convention: "pricesensitivitymeter",
      intersection: "min",
    });
    await expectShown(
      vw,
      expectedVanWestendorp(vwAnswers, {
        convention: "pricesensitivitymeter",
        intersection: "min",
      }),
    );

    const bass = page.getByTestId("tool-bass");
    await expect(bass.locator('[name="periods"]').isVisible()).resolves.toBe(true);
    await expect(bass.locator('[name="mode"]').inputValue()).resolves.toBe("model");
    await expectShown(bass, expectedBassFromModel(edition, model, 12));

    const rfm = page.getByTestId("tool-rfm");
    await expect(fieldValues(rfm, ["rows", "asOf"])).resolves.toEqual({
      rows: rowsText,
      asOf: "2026-11-30",
    });
    await expectShown(rfm, shownRfm(rfmSegments(purchasesOf(customers), { asOf: "2026-11-30" })));

    // Changing an input rewrites its parameter and leaves the others as they were.
    await fillFields(bass, { periods: "20" });
    await expectShown(bass, expectedBassFromModel(edition, model, 20));
    const params = new URL(page.url()).searchParams;
    expect(params.get("bass.periods")).toBe("20");
    expect(params.get("rfm.asOf")).toBe("2026-11-30");
    expect(params.get("ss.baseline")).toBe("12");
  });

  it("loads every calculator's code once its fields are touched, without console errors", async () => {
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const gzipped = gzippedScripts(scripts);
    for (const chunk of [
      /sampleSizeCalculator/,
      /significanceCalculator/,
      /pricingCalculator/,
      /toolsVanWestendorp/,
      /toolsBassStage/,
      /toolsRfm\./,
    ]) {
      expect(
        gzipped.map((s) => s.pathname).some((p) => chunk.test(p)),
        String(chunk),
      ).toBe(true);
    }
    // Beyond the budget of a page's first view: the code of all six calculators together.
    const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
    console.info(
      `${edition.path}: ${gzipped.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped once every calculator has been used`,
    );
  });
});
