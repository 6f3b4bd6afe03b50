/**
 * Browser test of handbook chapters 7–12 (data, collaboration, lifecycle, risk, brand, innovation)
 * and the metrics glossary, in both editions: no console errors or failed requests; every live
 * number recomputed here by calling the packages directly (with the test's own counting, not the
 * examples' code); the code shown beside each example is its module line for line and ships no
 * script; every glossary anchor the chapters link to exists; the play links reach play cards.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMoney, startOfPeriod } from "@opsbook/core";
import {
  assignVariation,
  experimentDuration,
  frequentistTest,
  minimumDetectableEffect,
  sampleSize,
  srmCheck,
} from "@opsbook/experiments";
import {
  classifyProductStage,
  classifyUserStages,
  productStagePlays,
  userStages,
} from "@opsbook/lifecycle";
import { channelReport, funnel, growthAccounting, stickiness } from "@opsbook/metrics";
import { listPlays } from "@opsbook/plays";
import { generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatCount,
  formatInterval,
  formatLift,
  formatPercent,
  formatPValue,
} from "../src/lib/experimentsFormat.ts";
import { formatFixed } from "../src/lib/lifecycleFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  distDir,
  docsRoot,
  openBrowserSession,
  phoneViewport,
  shownCode,
  shownTexts,
  visit,
} from "./browserHarness.ts";

assertBuilt();

const DAY = 86_400_000;
const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const users = product.users.length;
const usersWith = (event: string) =>
  new Set(product.events.filter((e) => e.event === event).map((e) => e.userId));

/** Live numbers of each chapter, by chapter slug and `data-testid`. */
function expectedNumbers(): Record<string, Record<string, string>> {
  // Data: an A/A test of the upgrade rate, then the plan of a real test.
  const upgraded = usersWith("upgrade");
  const arms = [0, 1].map(() => ({ type: "proportion" as const, n: 0, conversions: 0 }));
  for (const user of product.users) {
    const { variation } = assignVariation(user.id, { key: "handbook-aa-upgrade", variations: 2 });
    const arm = variation === null ? undefined : arms[variation];
    if (!arm) continue;
    arm.n += 1;
    if (upgraded.has(user.id)) arm.conversions += 1;
  }
  const [control, treatment] = arms as [(typeof arms)[0], (typeof arms)[0]];
  const readout = frequentistTest(control, treatment);
  const baseline = upgraded.size / users;
  const plan = sampleSize({ metric: { type: "proportion", baseline }, effect: 0.1 });
  const data = {
    "hb-data-control-n": formatCount(control.n),
    "hb-data-control-conversions": formatCount(control.conversions),
    "hb-data-control-rate": formatPercent(control.conversions / control.n),
    "hb-data-treatment-n": formatCount(treatment.n),
    "hb-data-treatment-conversions": formatCount(treatment.conversions),
    "hb-data-treatment-rate": formatPercent(treatment.conversions / treatment.n),
    "hb-data-srm-p": formatPValue(srmCheck([control.n, treatment.n], [1, 1]).pValue),
    "hb-data-lift": formatLift(readout.estimate),
    "hb-data-ci": formatInterval(readout.ci),
    "hb-data-p": formatPValue(readout.pValue),
    "hb-data-baseline": formatPercent(baseline),
    "hb-data-per-variation": formatCount(plan.perVariation),
    "hb-data-per-day": (users / product.window.days).toFixed(1),
    "hb-data-days": formatCount(
      experimentDuration({ perVariation: plan.perVariation, dailyUnits: users / 120 }).days,
    ),
  };

  // Collaboration: adoption funnel of invitations, reach among MAU, guardrails.
  const adoption = funnel(product.events, {
    steps: ["signup", "core_action", "invite_sent"].map((event) => ({ event })),
    conversionWindow: 14 * DAY,
  });
  const monthStart = product.window.end - 30 * DAY;
  const recent = product.events.filter((e) => e.timestamp >= monthStart);
  const mau = new Set(recent.map((e) => e.userId)).size;
  const inviters = new Set(recent.filter((e) => e.event === "invite_sent").map((e) => e.userId));
  const count = (name: string) => product.events.filter((e) => e.event === name).length;
  const collaboration: Record<string, string> = {
    "hb-collab-median-days": ((adoption.steps[2]?.timeToConvert.median ?? 0) / DAY).toFixed(1),
    "hb-collab-mau": formatCount(mau),
    "hb-collab-inviters": formatCount(inviters.size),
    "hb-collab-reach": formatPercent(inviters.size / mau),
    "hb-collab-dau-mau": formatPercent(
      stickiness(product.events, { to: product.window.end - 1 }).actives.dauOverMau,
    ),
    "hb-collab-refund-rate": formatPercent(count("refund") / count("purchase")),
  };
  adoption.steps.forEach((step, i) => {
    collaboration[`hb-collab-step-${i}-users`] = formatCount(step.users);
    collaboration[`hb-collab-step-${i}-start`] = formatPercent(step.conversionFromStart);
    collaboration[`hb-collab-step-${i}-previous`] = formatPercent(step.conversionFromPrevious);
  });

  // Lifecycle: product stage from weekly signups (from the events), user stages on the last day.
  const weekly = Array.from({ length: 17 }, () => 0);
  for (const e of product.events) {
    const week = Math.floor((e.timestamp - product.window.start) / (7 * DAY));
    if (e.event === "signup" && week < 17) weekly[week] = (weekly[week] ?? 0) + 1;
  }
  const stage = classifyProductStage(weekly);
  const classified = classifyUserStages(product.events, product.window.end - 1, {
    activityEvents: ["session_start", "core_action"],
    dormantDays: 14,
    churnedDays: 30,
  });
  const lifecycle: Record<string, string> = {
    "hb-lc-stage": stage.stage,
    "hb-lc-confidence": `${formatFixed(stage.confidence, 2)} (${stage.confidenceLevel})`,
    "hb-lc-growth": formatPercent(stage.evidence.growthRate),
    "hb-lc-weeks": String(stage.evidence.periodsInStage),
    "hb-lc-plays": productStagePlays[stage.stage].map((play) => play.slug).join(", "),
    "hb-lc-users-total": formatCount(classified.users.length),
  };
  for (const s of userStages) {
    const n = classified.users.filter((u) => u.stage === s).length;
    lifecycle[`hb-lc-users-${s}`] = formatCount(n);
    lifecycle[`hb-lc-share-${s}`] = formatPercent(n / classified.users.length);
  }

  // Risk: referred signups per day (from the users), the alert band, and the planted ring.
  const days = growthAccounting(product.events, {
    event: { event: "signup", where: { channel: "referral" } },
    unit: "day",
    to: product.window.end - 1,
  });
  const perDay = Array.from({ length: product.window.days }, () => 0);
  for (const u of product.users) {
    const day = Math.floor((u.createdAt - product.window.start) / DAY);
    if (u.channel === "referral") perDay[day] = (perDay[day] ?? 0) + 1;
  }
  expect(days.map((d) => d.new)).toEqual(perDay);
  const medianOf = (values: number[]) => {
    const s = [...values].sort((a, b) => a - b);
    const k = s.length >> 1;
    return s.length % 2 ? (s[k] ?? 0) : ((s[k - 1] ?? 0) + (s[k] ?? 0)) / 2;
  };
  const alerts = perDay.flatMap((n, i) => {
    if (i < 14) return [];
    const median = medianOf(perDay.slice(i - 14, i));
    const upper = median + 4 * Math.sqrt(Math.max(median, 1));
    return n > upper ? [{ day: days[i]?.key ?? "", n, median, upper }] : [];
  });
  const ring = product.groundTruth.fraudRing;
  const risk: Record<string, string> = {
    "hb-risk-flagged": formatCount(ring?.userIds.length ?? 0),
    "hb-risk-ring": formatCount(ring?.userIds.length ?? 0),
    "hb-risk-caught": formatCount(ring?.userIds.length ?? 0),
    "hb-risk-false-positives": "0",
  };
  alerts.forEach((alert, i) => {
    risk[`hb-risk-alert-${i}-day`] = alert.day;
    risk[`hb-risk-alert-${i}-signups`] = String(alert.n);
    risk[`hb-risk-alert-${i}-median`] = formatFixed(alert.median, 1);
    risk[`hb-risk-alert-${i}-upper`] = formatFixed(alert.upper, 1);
  });
  // The alerts fall on the days of the ring's two bursts, and only there.
  const burstDays = (ring?.bursts ?? []).map((b) => new Date(b.start).toISOString().slice(0, 10));
  expect(alerts.map((a) => a.day)).toEqual(burstDays);

  // Brand: channels side by side, unpaid share of signups, returning users of the last full week.
  const report = channelReport({
    users: product.users.map((u) => ({ userId: u.id, channel: u.channel, createdAt: u.createdAt })),
    events: product.events,
    activationEvent: "core_action",
    spend: Object.fromEntries(
      product.channels.map((c) => [c.id, { amount: c.dailySpend.amount * 120, currency: "USD" }]),
    ),
  });
  const unpaid = product.users.filter((u) => ["organic", "referral"].includes(u.channel)).length;
  const weeks = growthAccounting(product.events, {
    unit: "week",
    to: startOfPeriod(product.window.end, "week") - 1,
  });
  const lastWeek = weeks.at(-1);
  const brand: Record<string, string> = {
    "hb-brand-unpaid-share": formatPercent(unpaid / users),
    "hb-brand-returning-share": formatPercent(
      lastWeek ? lastWeek.retained / lastWeek.active : Number.NaN,
    ),
  };
  for (const row of report) {
    brand[`hb-brand-${row.channel}-users`] = formatCount(
      product.users.filter((u) => u.channel === row.channel).length,
    );
    brand[`hb-brand-${row.channel}-activation`] = formatPercent(row.activationRate);
    brand[`hb-brand-${row.channel}-d30`] =
      row.retention.d30 === null ? "—" : formatPercent(row.retention.d30);
    brand[`hb-brand-${row.channel}-cac`] = row.cac === null ? "—" : formatMoney(row.cac, "en-US");
  }

  // Innovation: the smallest detectable lift after a number of weeks, for two baselines.
  const onboarding = usersWith("onboarding_tutorial").size / users;
  const innovation: Record<string, string> = {
    "hb-innov-baseline-onboarding": formatPercent(onboarding),
    "hb-innov-baseline-upgrade": formatPercent(baseline),
  };
  for (const w of [2, 4, 8, 13, 26]) {
    const usersPerVariation = Math.floor((users / 120) * 7 * w * 0.5);
    const mde = (b: number) => {
      const value = minimumDetectableEffect({
        metric: { type: "proportion", baseline: b },
        usersPerVariation,
      });
      return value === null ? "—" : formatPercent(value);
    };
    innovation[`hb-innov-${w}-users`] = formatCount(usersPerVariation);
    innovation[`hb-innov-${w}-onboarding`] = mde(onboarding);
    innovation[`hb-innov-${w}-upgrade`] = mde(baseline);
  }

  return { data, collaboration, lifecycle, risk, brand, innovation };
}

/** Chapter slug → live-example test id and module file. */
const chapters = {
  data: ["live-example-hb-data", "handbookDataAaTest.ts"],
  collaboration: ["live-example-hb-collab", "handbookCollaborationLaunch.ts"],
  lifecycle: ["live-example-hb-lifecycle", "handbookLifecycleStages.ts"],
  risk: ["live-example-hb-risk", "handbookRiskSignals.ts"],
  brand: ["live-example-hb-brand", "handbookBrandChannels.ts"],
  innovation: ["live-example-hb-innovation", "handbookInnovationSizing.ts"],
} as const;

/** Anchors of the glossary that must exist in both editions. */
const glossaryAnchors = [
  "dau-wau-mau",
  "stickiness",
  "n-day-retention",
  "unbounded-retention",
  "rolling-retention",
  "churn-rate",
  "growth-accounting",
  "quick-ratio",
  "funnel-conversion",
  "activation-rate",
  "k-factor",
  "viral-cycle-time",
  "arpu",
  "arppu",
  "payer-conversion",
  "ltv",
  "discounted-ltv",
  "cac",
  "cac-payback",
  "ltv-cac",
  "mrr-movements",
  "nps",
  "rfm",
  "price-elasticity",
  "van-westendorp",
  "sample-size",
  "mde",
  "p-value",
  "confidence-interval",
  "srm",
  "bg-nbd",
  "p-alive",
];

let session: BrowserSession | undefined;
let page: Page;
let expected: ReturnType<typeof expectedNumbers>;

beforeAll(async () => {
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
  expected = expectedNumbers();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.each(["", "/zh-cn"])(
  "handbook chapters 7–12 and the glossary (edition '%s')",
  (prefix) => {
    it.each(Object.keys(chapters) as (keyof typeof chapters)[])(
      "chapter %s shows its live numbers, its source, its glossary links and its plays",
      async (slug) => {
        const problems = await visit(page, `${session?.origin}${prefix}/handbook/${slug}/`);
        expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });

        const numbers = expected[slug];
        expect(await shownTexts(page, Object.keys(numbers))).toEqual(numbers);

        const [testId, file] = chapters[slug];
        const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
        expect(await shownCode(page, testId)).toBe(source.trimEnd());
        await expect(
          page.getByTestId(`${testId}-result`).locator("script, astro-island").count(),
        ).resolves.toBe(0);

        // Glossary links of the chapter point into this edition's glossary.
        const glossaryLinks = await page
          .locator(".sl-markdown-content a[href*='/glossary/#']")
          .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
        expect(glossaryLinks.length).toBeGreaterThan(3);
        for (const href of glossaryLinks)
          expect(href.startsWith(`${prefix}/glossary/#`)).toBe(true);

        // Every play of the category is linked, to its own page in this edition.
        const language = prefix === "" ? "en" : "zh-cn";
        const plays = listPlays({ category: slug, language });
        expect(plays.length).toBeGreaterThan(0);
        for (const play of plays) {
          const href = await page.getByTestId(`chapter-play-${play.slug}`).getAttribute("href");
          expect(href).toBe(`${prefix}/plays/${play.slug}/`);
          expect(existsSync(join(distDir, prefix, "plays", play.slug, "index.html"))).toBe(true);
        }
      },
    );

    it("the glossary has a stable anchor for every metric the chapters link to", async () => {
      const problems = await visit(page, `${session?.origin}${prefix}/glossary/`);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
      const ids = new Set(
        await page.locator("section[id]").evaluateAll((sections) => sections.map((s) => s.id)),
      );
      for (const id of glossaryAnchors) expect(ids, id).toContain(id);
      // No two elements share an id.
      const allIds = await page.locator("[id]").evaluateAll((els) => els.map((e) => e.id));
      expect(allIds.length).toBe(new Set(allIds).size);
      // Every glossary link of every chapter resolves here (collected from the built pages).
      for (const slug of Object.keys(chapters)) {
        const html = readFileSync(
          join(docsRoot, "dist", prefix.replace(/^\//, ""), "handbook", slug, "index.html"),
          "utf8",
        );
        for (const match of html.matchAll(/href="[^"]*\/glossary\/#([a-z0-9-]+)"/g))
          expect(ids, `${slug} → ${match[1]}`).toContain(match[1]);
      }
    });
  },
);
