/**
 * Browser test of the funnels-and-cohorts guide in both editions: its live numbers, recomputed here
 * by calling @opsbook/metrics directly on the same sample product; the funnel builder island, driven
 * by choosing steps and a window and checked against `funnel` on the same embedded events; its URL
 * parameters; and the page's JavaScript budget.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startOfPeriod } from "@opsbook/core";
import {
  activationThreshold,
  funnel,
  growthAccounting,
  lifecycle,
  retention,
} from "@opsbook/metrics";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import { generateProduct } from "@opsbook/sample-data";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatPercent, formatRatio } from "../src/lib/metricsFormat.ts";
import { compactEvents, expandEvents } from "../src/lib/metricsFunnelSample.ts";
import {
  assertBuilt,
  type BrowserSession,
  docsRoot,
  expectShown,
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

assertBuilt();

const guides = ["/guides/metrics/", "/zh-cn/guides/metrics/"];

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const lastFullWeekEnd = startOfPeriod(product.window.end, "week") - 1;

/** The numbers the guide's live examples must show, computed here from the same product. */
function expectedLiveNumbers(): Record<string, string> {
  const shown: Record<string, string> = {};
  const f = funnel(product.events, {
    steps: [
      "signup",
      "onboarding_profile",
      "onboarding_project",
      "onboarding_tutorial",
      "core_action",
      "upgrade",
    ].map((event) => ({ event })),
  });
  for (const step of f.steps) {
    shown[`metrics-funnel-users-${step.index}`] = formatCount(step.users);
    shown[`metrics-funnel-from-previous-${step.index}`] = formatPercent(
      step.conversionFromPrevious,
    );
  }
  shown["metrics-funnel-overall"] = formatPercent(
    f.steps[f.steps.length - 1]?.conversionFromStart ?? 0,
  );
  const worst = [...f.steps.slice(1)].sort((a, b) => b.dropOff - a.dropOff)[0];
  shown["metrics-funnel-biggest-drop"] = worst?.event ?? "";
  shown["metrics-funnel-minutes"] = ((f.steps[4]?.timeToConvert.median ?? 0) / 60_000).toFixed(1);

  const r = retention(product.events, {
    startEvent: { event: "signup" },
    cohort: "first-time",
    unit: "week",
    to: lastFullWeekEnd,
  });
  shown["metrics-retention-cohorts"] = String(r.cohorts.length);
  shown["metrics-retention-week1"] = formatPercent(r.mean.weighted[1] ?? 0);
  shown["metrics-retention-week4"] = formatPercent(r.mean.weighted[4] ?? 0);

  const weeks = lifecycle(product.events, { unit: "week", to: lastFullWeekEnd });
  const last = weeks[weeks.length - 1];
  shown["metrics-lifecycle-week"] = last?.key ?? "";
  for (const status of ["new", "returning", "resurrecting", "dormant"] as const) {
    shown[`metrics-lifecycle-${status}`] = formatCount(last?.[status] ?? 0);
  }

  const growth = growthAccounting(product.events, { unit: "week", to: lastFullWeekEnd });
  const recent = growth.slice(-4);
  const gained = recent.reduce((sum, w) => sum + w.new + w.resurrected, 0);
  const churned = recent.reduce((sum, w) => sum + w.churned, 0);
  shown["metrics-growth-gained"] = formatCount(gained);
  shown["metrics-growth-churned"] = formatCount(churned);
  shown["metrics-growth-quick-ratio"] = formatRatio(gained / churned);

  const scan = activationThreshold(product.events, {
    actions: ["core_action", "invite_sent"],
    signupEvent: "signup",
  });
  const best = scan.ranked[0];
  shown["metrics-activation-eligible"] = formatCount(scan.eligibleUsers);
  shown["metrics-activation-base"] = formatPercent(scan.baseRetention);
  shown["metrics-activation-action"] = best?.action ?? "";
  shown["metrics-activation-threshold"] = String(best?.threshold);
  shown["metrics-activation-window"] = String(best?.windowDays);
  shown["metrics-activation-coverage"] = formatPercent(best?.coverage ?? 0);
  shown["metrics-activation-hit"] = formatPercent(best?.retainedIfHit ?? 0);
  shown["metrics-activation-miss"] = formatPercent(best?.retainedIfMiss ?? 0);
  shown["metrics-activation-lift"] = formatRatio(best?.lift ?? null);
  shown["metrics-activation-phi"] = formatRatio(best?.phi ?? 0);
  return shown;
}

/** The growth-accounting table rows: the last six full weeks. */
function expectedGrowthRows(): string[][] {
  return growthAccounting(product.events, { unit: "week", to: lastFullWeekEnd })
    .slice(-6)
    .map((w) => [
      w.key,
      formatCount(w.active),
      formatCount(w.new),
      formatCount(w.retained),
      formatCount(w.resurrected),
      formatCount(w.churned),
      formatRatio(w.quickRatio),
    ]);
}

// The builder's embedded sample, rebuilt here the way the page builds it.
const small = generateProduct({ seed: 42, users: 300, days: 60 });
const builderEvents = expandEvents(compactEvents(small.events, small.window.start));

/** What the builder must show for these form values. */
function expectedBuilder(values: Record<string, string>): Record<string, string> {
  const steps = [1, 2, 3, 4, 5].map((n) => values[`step${n}`] ?? "").filter((step) => step !== "");
  const result = funnel(builderEvents, {
    steps: steps.map((event) => ({ event })),
    conversionWindow: Number(values.window) * 86_400_000,
    order: values.order as "ordered" | "strict" | "unordered",
  });
  const shown: Record<string, string> = {};
  for (const step of result.steps) {
    shown[`metrics-builder-step-${step.index}`] = step.event;
    shown[`metrics-builder-users-${step.index}`] = formatCount(step.users);
    shown[`metrics-builder-from-start-${step.index}`] = formatPercent(step.conversionFromStart);
    shown[`metrics-builder-from-previous-${step.index}`] = formatPercent(
      step.conversionFromPrevious,
    );
  }
  shown["metrics-builder-overall"] = formatPercent(
    result.steps[result.steps.length - 1]?.conversionFromStart ?? 0,
  );
  return shown;
}

async function visibleRows(builder: Locator): Promise<number> {
  return builder.locator("[data-builder-row]:not([hidden])").count();
}

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  // A phone-sized screen: the builder must work at 375 px.
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe("the plays' metrics configs", () => {
  it.each([
    ["find-activation-threshold", "activation-scan"],
    ["diagnose-funnel-drop-off", "funnel-definition"],
    ["weekly-growth-accounting-review", "growth-accounting"],
  ])("%s ships a valid %s config in both languages", (slug, kind) => {
    for (const language of ["en", "zh-cn"] as const) {
      const play = getPlay(slug, language);
      const checked = validatePlayConfig(play.config?.text ?? "", {
        path: play.config?.path ?? "",
      });
      expect(checked.kind).toBe(kind);
    }
  });
});

describe.each(guides)("the funnels-and-cohorts guide at %s", (path) => {
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(page, `${session?.origin}${path}`));
  });

  it("shows the live numbers computed by @opsbook/metrics on the sample product", async () => {
    const expected = expectedLiveNumbers();
    const shown = await shownTexts(page, Object.keys(expected));
    expect(shown).toEqual(expected);
    // The scan finds the rule the generator planted: core_action ≥ 3 in the first 7 days.
    expect(product.groundTruth.aha).toMatchObject({
      event: "core_action",
      threshold: 3,
      windowDays: 7,
    });
    expect([shown["metrics-activation-action"], shown["metrics-activation-threshold"]]).toEqual([
      "core_action",
      "3",
    ]);
    expect(shown["metrics-activation-window"]).toBe("7");

    const rows = page.getByTestId("metrics-growth-row");
    const table: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = await rows.nth(i).locator("th, td").allTextContents();
      table.push(cells.map((cell) => cell.trim()));
    }
    expect(table).toEqual(expectedGrowthRows());
  });

  it("shows the source that computed each example, line for line, and ships no script for it", async () => {
    const files = {
      funnel: "metricsFunnel.ts",
      retention: "metricsRetention.ts",
      lifecycle: "metricsLifecycle.ts",
      growth: "metricsGrowthAccounting.ts",
      activation: "metricsActivation.ts",
    };
    for (const [name, file] of Object.entries(files)) {
      const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
      expect(await shownCode(page, `live-example-metrics-${name}`)).toBe(source.trimEnd());
      await expect(
        page
          .getByTestId(`live-example-metrics-${name}-result`)
          .locator("script, astro-island")
          .count(),
      ).resolves.toBe(0);
    }
    // Funnel chart, retention heatmap and lifecycle bars are SVG rendered at build time.
    for (const name of ["funnel", "retention", "lifecycle"]) {
      await expect(
        page.getByTestId(`live-example-metrics-${name}-result`).locator("svg").count(),
      ).resolves.toBeGreaterThan(0);
    }
  });

  it("computes the default funnel in the builder, then the steps and window chosen", async () => {
    const builder = page.getByTestId("metrics-funnel-builder");
    await builder.scrollIntoViewIfNeeded();
    const defaults = {
      step1: "signup",
      step2: "onboarding_project",
      step3: "core_action",
      step4: "upgrade",
      step5: "",
      window: "14",
      order: "ordered",
    };
    await expectShown(builder, expectedBuilder(defaults));
    expect(await visibleRows(builder)).toBe(4);

    const oneDay = { ...defaults, step2: "core_action", step3: "", step4: "", window: "1" };
    await fillFields(builder, oneDay);
    await expectShown(builder, expectedBuilder(oneDay));
    expect(await visibleRows(builder)).toBe(2);

    const chosen = {
      ...defaults,
      step2: "onboarding_profile",
      step3: "onboarding_tutorial",
      step4: "core_action",
      step5: "invite_sent",
      window: "7",
      order: "strict",
    };
    await fillFields(builder, chosen);
    const expected = expectedBuilder(chosen);
    await expectShown(builder, expected);
    expect(await visibleRows(builder)).toBe(5);
    // The strict order really changes the result on this sample.
    expect(expected).not.toEqual(expectedBuilder({ ...chosen, order: "ordered" }));
    await expect(builder.getAttribute("data-state")).resolves.toBe("ready");

    await fillFields(builder, { window: "0" });
    await expect.poll(() => builder.getAttribute("data-state")).toBe("error");
    await expect(builder.getByTestId("metrics-builder-overall").textContent()).resolves.toBe("—");
    await fillFields(builder, { window: "7" });
    await expectShown(builder, expected);
  });

  it("keeps the builder's choice in the URL and restores it from a shared link", async () => {
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      step1: "signup",
      step2: "onboarding_profile",
      step3: "onboarding_tutorial",
      step4: "core_action",
      step5: "invite_sent",
      window: "7",
      order: "strict",
    });
    url.searchParams.set("step3", "core_action");
    url.searchParams.set("step4", "upgrade");
    url.searchParams.set("step5", "");
    url.searchParams.set("window", "30");
    url.searchParams.set("order", "ordered");
    await page.goto(url.href, { waitUntil: "load" });
    const builder = page.getByTestId("metrics-funnel-builder");
    const values: Record<string, string> = {};
    for (const name of ["step1", "step2", "step3", "step4", "step5", "window", "order"]) {
      values[name] = await builder.locator(`[name="${name}"]`).inputValue();
    }
    expect(values).toEqual({
      step1: "signup",
      step2: "onboarding_profile",
      step3: "core_action",
      step4: "upgrade",
      step5: "",
      window: "30",
      order: "ordered",
    });
    await expectShown(builder, expectedBuilder(values));
    expect(await visibleRows(builder)).toBe(4);
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS with the builder loaded, without errors`, async () => {
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const gzipped = gzippedScripts(scripts);
    expect(gzipped.some((s) => /metricsFunnelBuilder/.test(s.pathname))).toBe(true);
    const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
    expect(total, JSON.stringify(gzipped)).toBeLessThanOrEqual(jsBudgetBytes);
  });
});
