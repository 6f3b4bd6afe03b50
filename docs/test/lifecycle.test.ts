/**
 * Browser test of the lifecycle guide in both editions: its live numbers, recomputed here by
 * calling @opsbook/lifecycle and @opsbook/sample-data directly (with the test's own week bucketing,
 * not the example's code), the code shown beside them, and its static charts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  classifyProductStage,
  fitBass,
  fitBgNbd,
  fitSbg,
  probabilityAlive,
  rfmSummary,
  sbgExpectedLifetime,
  sbgSurvival,
  userStages,
  userStageTransitions,
} from "@opsbook/lifecycle";
import { cdnowSample, generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatFixed, formatShare } from "../src/lib/lifecycleFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  docsRoot,
  openBrowserSession,
  phoneViewport,
  shownCode,
  visit,
} from "./browserHarness.ts";

assertBuilt();

const guides = ["/guides/lifecycle/", "/zh-cn/guides/lifecycle/"];

/** The numbers the guide must show, computed here from the same inputs. */
function expectedLiveNumbers(): Record<string, string> {
  const shown: Record<string, string> = {};

  // Product stage: weekly signups of the sample product, from each user's creation time.
  const product = generateProduct({ seed: 42, users: 2000, days: 120 });
  const weeks = Math.floor(product.window.days / 7);
  const weekly = Array.from({ length: weeks }, () => 0);
  for (const user of product.users) {
    const week = Math.floor((user.createdAt - product.window.start) / (7 * 86_400_000));
    if (week < weeks) weekly[week] = (weekly[week] ?? 0) + 1;
  }
  const fit = fitBass(weekly);
  const stage = classifyProductStage(weekly);
  const truth = product.groundTruth.lifecycle;
  Object.assign(shown, {
    "lc-bass-p-window": formatFixed((fit.p * 120) / 7, 3),
    "lc-bass-q-window": formatFixed((fit.q * 120) / 7, 3),
    "lc-planted-p": formatFixed(truth.p, 3),
    "lc-planted-q": formatFixed(truth.q, 3),
    "lc-bass-m": formatCount(fit.m),
    "lc-planted-m": formatCount(truth.marketPotential),
    "lc-bass-peak": formatFixed(fit.peakTime * 7, 1),
    "lc-planted-peak": formatFixed(truth.peakDay, 1),
    "lc-bass-p": formatFixed(fit.p, 4),
    "lc-bass-q": formatFixed(fit.q, 4),
    "lc-bass-r2": formatFixed(fit.rSquared, 3),
    "lc-stage": stage.stage,
    "lc-stage-confidence": `${formatFixed(stage.confidence, 2)} (${stage.confidenceLevel})`,
    "lc-stage-growth": formatShare(stage.evidence.growthRate),
    "lc-stage-acceleration": formatShare(stage.evidence.acceleration),
    "lc-stage-weeks": String(stage.evidence.periodsInStage),
    "lc-stage-bass": stage.evidence.bass?.stage ?? "—",
    "lc-stage-agreement": stage.evidence.agreement,
    "lc-planted-stage": truth.stage,
  });

  // User-stage flow between two dates.
  const flow = userStageTransitions(product.events, "2026-03-02", "2026-03-30", {
    activityEvents: ["session_start", "core_action"],
    dormantDays: 14,
    churnedDays: 30,
  });
  for (const from of userStages) {
    for (const to of userStages) shown[`lc-flow-${from}-${to}`] = String(flow.counts[from][to]);
    shown[`lc-flow-from-${from}`] = String(flow.fromCounts[from]);
    shown[`lc-flow-entrants-${from}`] = String(flow.entrants[from]);
    shown[`lc-flow-to-${from}`] = String(flow.toCounts[from]);
  }

  // sBG: Fader & Hardie (2007), "How to project customer retention", regular cohort, years 1–7.
  const regular = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
  const sbg = fitSbg(regular.slice(0, 8));
  const survival = sbgSurvival(sbg, 12);
  Object.assign(shown, {
    "lc-sbg-alpha": formatFixed(sbg.alpha, 3),
    "lc-sbg-beta": formatFixed(sbg.beta, 3),
    "lc-sbg-ll": formatFixed(sbg.logLikelihood, 1),
    "lc-sbg-lifetime": formatFixed(sbgExpectedLifetime(sbg, { horizon: 12 }), 2),
  });
  for (const year of [8, 9, 10, 11, 12])
    shown[`lc-sbg-year-${year}`] =
      `${formatCount((survival[year] ?? 0) * 1000)} (${regular[year]})`;

  // BG/NBD on the CDNOW sample, calibration period to 1997-09-30.
  const { customers } = rfmSummary(cdnowSample(), { observationEnd: "1997-09-30" });
  const model = fitBgNbd(customers);
  for (const name of ["r", "alpha", "a", "b"] as const)
    shown[`lc-bgnbd-${name}`] = formatFixed(model[name], 3);
  shown["lc-bgnbd-ll"] = formatFixed(model.logLikelihood, 1);
  const histories: [number, number][] = [
    [0, 0],
    [2, 30],
    [2, 10],
    [10, 38],
    [10, 20],
  ];
  histories.forEach(([frequency, recency], i) => {
    shown[`lc-palive-${i}`] = formatShare(probabilityAlive(model, { frequency, recency, T: 39 }));
  });
  return shown;
}

let session: BrowserSession | undefined;
let page: Page;
let expected: Record<string, string>;

beforeAll(async () => {
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
  expected = expectedLiveNumbers();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.each(guides)("the lifecycle guide at %s", (path) => {
  beforeAll(async () => {
    const problems = await visit(page, `${session?.origin}${path}`);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
  });

  it("shows the live numbers computed by @opsbook/lifecycle", async () => {
    const shown: Record<string, string> = {};
    for (const testId of Object.keys(expected))
      shown[testId] = (await page.getByTestId(testId).textContent())?.trim() ?? "";
    expect(shown).toEqual(expected);
    // Published values: Fader & Hardie (2007) regular α = 0.704, β = 1.182; Fader, Hardie & Lee
    // (2005) on the CDNOW sample r = 0.243, α = 4.414, a = 0.793, b = 2.426.
    expect([shown["lc-sbg-alpha"], shown["lc-sbg-beta"]]).toEqual(["0.704", "1.182"]);
    expect(["r", "alpha", "a", "b"].map((name) => shown[`lc-bgnbd-${name}`])).toEqual([
      "0.243",
      "4.414",
      "0.793",
      "2.426",
    ]);
    // The planted stage of the sample product is recovered.
    expect(shown["lc-stage"]).toBe(shown["lc-planted-stage"]);
  });

  it("shows the source that computed each example, line for line, with static charts", async () => {
    const examples = {
      "product-stage": "lifecycleProductStage.ts",
      "user-stages": "lifecycleUserStages.ts",
      retention: "lifecycleRetention.ts",
      "customer-base": "lifecycleCustomerBase.ts",
    };
    for (const [name, file] of Object.entries(examples)) {
      const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
      expect(await shownCode(page, `live-example-lc-${name}`)).toBe(source.trimEnd());
      const result = page.getByTestId(`live-example-lc-${name}-result`);
      await expect(result.locator("script, astro-island").count()).resolves.toBe(0);
    }
    for (const name of ["product-stage", "retention"]) {
      const svg = page.getByTestId(`live-example-lc-${name}-result`).locator("svg");
      await expect(svg.count()).resolves.toBeGreaterThan(0);
      await expect(svg.first().getAttribute("aria-label")).resolves.toBeTruthy();
    }
  });
});
