/**
 * Browser test of the experiments guide in both editions: its live numbers, recomputed here by
 * calling @opsbook/experiments directly; its two calculator islands, driven by typing into them and
 * checked against the package; their URL parameters; and the page's JavaScript budget.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRng } from "@opsbook/core";
import {
  adjustPValues,
  assignVariation,
  bayesianTest,
  decide,
  experimentPlanSchema,
  frequentistTest,
  meanFromValues,
  minimumDetectableEffect,
  sampleSize,
  sequentialTest,
  srmCheck,
} from "@opsbook/experiments";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatCount,
  formatInterval,
  formatLift,
  formatPercent,
  formatPValue,
} from "../src/lib/experimentsFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  docsRoot,
  expectShown,
  fieldValues,
  fillFields,
  gzippedScripts,
  jsBudgetBytes,
  openBrowserSession,
  openRecordingScripts,
  type PageProblems,
  phoneViewport,
  shownCode,
  shownTexts,
} from "./browserHarness.ts";
import { expectedSampleSize, expectedSignificance } from "./calculatorExpectations.ts";

assertBuilt();

const guides = [
  { path: "/guides/experiments/", yes: "yes" },
  { path: "/zh-cn/guides/experiments/", yes: "是" },
];

const proportion = (n: number, conversions: number) =>
  ({ type: "proportion", n, conversions }) as const;

/** The numbers the guide's live examples must show, computed here from the same inputs. */
function expectedLiveNumbers(yes: string): Record<string, string> {
  const metric = { type: "proportion", baseline: 0.2 } as const;
  const evanMiller = sampleSize({ metric, effect: 0.05, relative: false });
  const plan = sampleSize({ metric, effect: 0.1 });
  const days = Math.ceil(plan.total / 800);
  const mde = minimumDetectableEffect({ metric, usersPerVariation: 5000 });
  const sequentialPlan = sampleSize({ metric, effect: 0.1, sequential: { tuning: plan.total } });

  const arms = [0, 0];
  for (let i = 1; i <= 10_000; i++) {
    const { variation } = assignVariation(`u${String(i).padStart(5, "0")}`, {
      key: "signup-form",
      variations: 2,
    });
    if (variation !== null) arms[variation] = (arms[variation] ?? 0) + 1;
  }
  const [control = 0, treatment = 0] = arms;

  const a = proportion(6000, 1200);
  const b = proportion(6000, 1320);
  const frequentist = frequentistTest(a, b);
  const bayesian = bayesianTest(a, b);
  const sequential = sequentialTest(a, b, { tuning: 12_000 });
  // The CUPED example's data, drawn the same way from the same seed.
  const rng = createRng("cuped-example");
  const minutes = (lift: number) => {
    const before: number[] = [];
    const during: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const habit = rng.exponential(1 / 60);
      before.push(Math.max(0, habit + rng.normal(0, 15)));
      during.push(Math.max(0, habit * (1 + lift) + rng.normal(0, 15)));
    }
    return meanFromValues(during, before);
  };
  const controlMinutes = minutes(0);
  const treatmentMinutes = minutes(0.05);
  const raw = frequentistTest(controlMinutes, treatmentMinutes, { cuped: false });
  const cuped = frequentistTest(controlMinutes, treatmentMinutes, { cuped: true });

  const play = getPlay("ab-test-hypothesis-to-decision", "en");
  const planConfig = experimentPlanSchema.parse(
    validatePlayConfig(play.config?.text ?? "", { path: "experiment-plan.yaml" }).config,
  );
  const guardrails = {
    activated_within_7_days: frequentistTest(proportion(1200, 540), proportion(1320, 590)),
    support_tickets_per_signup: frequentistTest(
      { type: "mean", n: 1200, sum: 96, sumSquares: 120 },
      { type: "mean", n: 1320, sum: 104, sumSquares: 131 },
    ),
  };
  const primary = frequentist;
  const pValues = [0.012, 0.03, 0.2, 0.04];
  const list = (values: number[]) => values.map(formatPValue).join(", ");

  return {
    "exp-plan-evan-miller": formatCount(evanMiller.perVariation),
    "exp-plan-per-variation": formatCount(plan.perVariation),
    "exp-plan-total": formatCount(plan.total),
    "exp-plan-days": formatCount(days),
    "exp-plan-mde": mde === null ? "—" : formatLift(mde),
    "exp-plan-sequential": formatCount(sequentialPlan.perVariation),
    "exp-assign-first": String(
      assignVariation("u00001", { key: "signup-form", variations: 2 }).variation,
    ),
    "exp-assign-control": formatCount(control),
    "exp-assign-treatment": formatCount(treatment),
    "exp-assign-healthy-p": formatPValue(srmCheck([control, treatment], [0.5, 0.5]).pValue),
    "exp-assign-broken-p": formatPValue(srmCheck([50_000, 48_500], [0.5, 0.5]).pValue),
    "exp-assign-broken-mismatch": yes,
    "exp-results-lift": formatLift(frequentist.estimate),
    "exp-results-ci": formatInterval(frequentist.ci),
    "exp-results-p": formatPValue(frequentist.pValue),
    "exp-results-chance": formatPercent(bayesian.chanceToWin),
    "exp-results-risk": formatPercent(bayesian.risk.treatment, 3),
    "exp-results-seq-ci": formatInterval(sequential.ci),
    "exp-results-seq-p": formatPValue(sequential.pValue),
    "exp-results-raw-ci": formatInterval(raw.ci),
    "exp-results-cuped-ci": formatInterval(cuped.ci),
    "exp-results-cuped-variance": formatPercent(1 - (cuped.standardError / raw.standardError) ** 2),
    "exp-decision-day7": decide({ daysRunning: 7, primary, guardrails }, planConfig).decision,
    "exp-decision-day14": decide({ daysRunning: 14, primary, guardrails, srmPValue: 1 }, planConfig)
      .decision,
    "exp-decision-raw": list(pValues),
    "exp-decision-holm": list(adjustPValues(pValues, "holm")),
    "exp-decision-bh": list(adjustPValues(pValues, "benjamini-hochberg")),
  };
}

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  // A phone-sized screen: the calculators must work at 375 px.
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe.each(guides)("the experiments guide at $path", ({ path, yes }) => {
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(page, `${session?.origin}${path}`));
  });

  it("shows the live numbers computed by @opsbook/experiments", async () => {
    const expected = expectedLiveNumbers(yes);
    const shown = await shownTexts(page, Object.keys(expected));
    expect(shown).toEqual(expected);
    // Evan Miller's calculator shows 1,030 for these inputs (the unrounded 1,030.2, rounded up here).
    expect(shown["exp-plan-evan-miller"]).toBe("1,031");
  });

  it("shows the source that computed each example, line for line, and ships no script for it", async () => {
    for (const name of ["planning", "assignment", "results", "decision"]) {
      const file = `experiment${name[0]?.toUpperCase()}${name.slice(1)}.ts`;
      const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
      expect(await shownCode(page, `live-example-${name}`)).toBe(source.trimEnd());
      await expect(
        page.getByTestId(`live-example-${name}-result`).locator("script, astro-island").count(),
      ).resolves.toBe(0);
    }
  });

  it("sizes Evan Miller's example and a three-arm relative test in the sample-size calculator", async () => {
    const calculator = page.getByTestId("calc-sample-size");
    const evanMiller = {
      baseline: "20",
      mde: "5",
      mdeType: "absolute",
      power: "80",
      alpha: "5",
      variations: "2",
      daily: "100",
    };
    await fillFields(calculator, evanMiller);
    const first = expectedSampleSize(evanMiller);
    expect(first.size.perVariation).toBe(1031); // Evan Miller's 1,030, rounded up
    await expectShown(calculator, first.shown);

    const threeArms = { ...evanMiller, baseline: "4.5", mde: "10", mdeType: "relative" };
    Object.assign(threeArms, { power: "90", alpha: "1", variations: "3", daily: "2500" });
    await fillFields(calculator, threeArms);
    await expectShown(calculator, expectedSampleSize(threeArms).shown);
    await expect(calculator.getAttribute("data-state")).resolves.toBe("ready");
  });

  it("reads significance from counts in the significance calculator, and reports bad input", async () => {
    const calculator = page.getByTestId("calc-significance");
    const counts = {
      controlVisitors: "1000",
      controlConversions: "100",
      treatmentVisitors: "1000",
      treatmentConversions: "130",
      confidence: "95",
    };
    await fillFields(calculator, counts);
    const expected = expectedSignificance(counts);
    await expectShown(calculator, expected.shown);
    const verdict = (await calculator.getByTestId("calc-sig-verdict").textContent()) ?? "";
    expect(verdict.length).toBeGreaterThan(0);

    const stricter = { ...counts, treatmentConversions: "135", confidence: "99" };
    await fillFields(calculator, stricter);
    await expectShown(calculator, expectedSignificance(stricter).shown);
    // The interval is drawn as SVG: a bar that spans the interval.
    const width = Number(await calculator.locator(".calculator__bar").getAttribute("width"));
    expect(width).toBeGreaterThan(0);

    await fillFields(calculator, { treatmentConversions: "1200" });
    await expect.poll(() => calculator.getAttribute("data-state")).toBe("error");
    await expect(calculator.getByTestId("calc-sig-status").textContent()).resolves.toMatch(
      /conversions/,
    );
    await expect(calculator.getByTestId("calc-sig-p").textContent()).resolves.toBe("—");
    await fillFields(calculator, stricter);
    await expectShown(calculator, expectedSignificance(stricter).shown);
  });

  it("keeps both calculators' inputs in the URL and restores them from it", async () => {
    const url = new URL(page.url());
    // Each calculator's parameters carry its prefix (ss., sig.), as on the tools page.
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      "ss.baseline": "4.5",
      "ss.mde": "10",
      "ss.mdeType": "relative",
      "ss.variations": "3",
      "sig.controlVisitors": "1000",
      "sig.treatmentConversions": "135",
      "sig.confidence": "99",
    });
    expect(url.searchParams.has("baseline")).toBe(false);
    // A shared link opens with the same inputs and the same results; a link made before the
    // prefixes (unprefixed `mde`) still works.
    url.searchParams.set("ss.baseline", "12");
    url.searchParams.set("ss.mdeType", "absolute");
    url.searchParams.delete("ss.mde");
    url.searchParams.set("mde", "2");
    await page.goto(url.href, { waitUntil: "load" });
    const sampleSizeCalculator = page.getByTestId("calc-sample-size");
    const sampleSizeInputs = await fieldValues(sampleSizeCalculator, [
      "baseline",
      "mde",
      "mdeType",
      "power",
      "alpha",
      "variations",
      "daily",
    ]);
    expect(sampleSizeInputs).toEqual({
      baseline: "12",
      mde: "2",
      mdeType: "absolute",
      power: "90",
      alpha: "1",
      variations: "3",
      daily: "2500",
    });
    await expectShown(sampleSizeCalculator, expectedSampleSize(sampleSizeInputs).shown);
    const significanceCalculator = page.getByTestId("calc-significance");
    const significanceInputs = await fieldValues(significanceCalculator, [
      "controlVisitors",
      "controlConversions",
      "treatmentVisitors",
      "treatmentConversions",
      "confidence",
    ]);
    expect(significanceInputs.treatmentConversions).toBe("135");
    await expectShown(significanceCalculator, expectedSignificance(significanceInputs).shown);
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS with both calculators loaded, without errors`, async () => {
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const gzipped = gzippedScripts(scripts);
    // Both calculators' statistics chunks were loaded, and the total stays within the budget.
    expect(gzipped.some((s) => /sampleSizeCalculator/.test(s.pathname))).toBe(true);
    expect(gzipped.some((s) => /significanceCalculator/.test(s.pathname))).toBe(true);
    const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
    console.info(`${path}: ${gzipped.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeLessThanOrEqual(jsBudgetBytes);
  });
});
