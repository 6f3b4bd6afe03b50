/**
 * Browser test of the handbook's chapter map and its journey chapters (market, acquisition,
 * activation, retention, monetization, ecosystem) in both editions: no console errors or failed
 * requests; every live number, recomputed here by calling the packages directly on the same sample
 * product (with the test's own bucketing and sums, not the examples' code); the example source shown
 * line for line with no script; the plays listed per chapter, each link landing on its card on the
 * plays page; and the map's links, one per chapter page that exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMoney, type Money, startOfPeriod } from "@opsbook/core";
import { fitBass } from "@opsbook/lifecycle";
import {
  activationThreshold,
  channelReport,
  funnel,
  retention,
  revenueAccounting,
  stickiness,
} from "@opsbook/metrics";
import { categories, listPlays, type PlayCategorySlug } from "@opsbook/plays";
import { arppu, arpu, ltv, payerConversion } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatPercent, formatRatio } from "../src/lib/metricsFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  distDir,
  docsRoot,
  gzippedScripts,
  jsBudgetBytes,
  openBrowserSession,
  openRecordingScripts,
  phoneViewport,
  shownCode,
  shownTexts,
  visit,
} from "./browserHarness.ts";

assertBuilt();

const chapters = [
  "market",
  "acquisition",
  "activation",
  "retention",
  "monetization",
  "ecosystem",
] as const satisfies readonly PlayCategorySlug[];
type Chapter = (typeof chapters)[number];
const editions = [
  { language: "en", prefix: "" },
  { language: "zh-cn", prefix: "/zh-cn" },
] as const;
type Language = (typeof editions)[number]["language"];

const DAY = 86_400_000;
const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const usd = (amount: number) => formatMoney({ amount, currency: "USD" }, "en-US");
const money = (m: Money | null) => (m === null ? "—" : formatMoney(m, "en-US"));

/** Sum of non-refunded payments per user, in cents. */
const paidByUser = new Map<string, number>();
for (const o of product.orders) {
  if (o.refundedAt === null)
    paidByUser.set(o.userId, (paidByUser.get(o.userId) ?? 0) + o.amount.amount);
}

/** Chapter 1: Bass fit on signups per full week since launch, and the countries. */
function expectMarket(language: Language) {
  const weeks = Math.floor(product.window.days / 7);
  const weekly = new Array<number>(weeks).fill(0);
  for (const u of product.users) {
    const w = Math.floor((u.createdAt - product.window.start) / (7 * DAY));
    if (w < weeks) weekly[w]! += 1;
  }
  const fit = fitBass(weekly);
  const signups = weekly.reduce((a, b) => a + b, 0);
  const byCountry = new Map<string, string[]>();
  for (const u of product.users)
    byCountry.set(u.country, [...(byCountry.get(u.country) ?? []), u.id]);
  const sorted = [...byCountry].sort((a, b) => b[1].length - a[1].length);
  const groups: [string, string[]][] = [
    ...sorted.slice(0, 6),
    [language === "en" ? "Other" : "其他", sorted.slice(6).flatMap(([, ids]) => ids)],
  ];
  const rows = groups.map(([name, ids]) => {
    const payers = ids.filter((id) => paidByUser.has(id)).length;
    const revenue = ids.reduce((sum, id) => sum + (paidByUser.get(id) ?? 0), 0);
    return [
      name,
      formatPercent(ids.length / product.users.length),
      formatPercent(payerConversion(payers, ids.length)),
      money(arpu({ amount: revenue, currency: "USD" }, ids.length)),
    ];
  });
  return {
    values: {
      "handbook-market-signups": formatCount(signups),
      "handbook-market-potential": formatCount(fit.m),
      "handbook-market-share-won": formatPercent(signups / fit.m),
      "handbook-market-peak-week": fit.peakTime.toFixed(1),
      "handbook-market-r-squared": formatRatio(fit.rSquared),
    },
    rows,
  };
}

/** Chapter 2: channels with their media spend over the window and cost per activated user. */
function expectAcquisition() {
  const report = channelReport({
    users: product.users.map((u) => ({ userId: u.id, channel: u.channel, createdAt: u.createdAt })),
    events: product.events,
    activationEvent: "core_action",
    spend: Object.fromEntries(
      product.channels.map((c) => [
        c.id,
        { amount: c.dailySpend.amount * product.window.days, currency: "USD" },
      ]),
    ),
  });
  // Activated users counted here from the events: a core action within 7 days of signup.
  const activated = new Map<string, number>();
  const signupAt = new Map(product.users.map((u) => [u.id, u]));
  const seen = new Set<string>();
  for (const e of product.events) {
    const user = signupAt.get(e.userId);
    if (e.event !== "core_action" || !user || seen.has(user.id)) continue;
    if (e.timestamp >= user.createdAt && e.timestamp - user.createdAt < 7 * DAY) {
      seen.add(user.id);
      activated.set(user.channel, (activated.get(user.channel) ?? 0) + 1);
    }
  }
  const rows = report.map((r) => {
    const n = activated.get(r.channel) ?? 0;
    const spend = product.channels.find((c) => c.id === r.channel)?.dailySpend.amount ?? 0;
    return [
      r.channel,
      formatCount(r.users),
      formatPercent(n / r.users),
      r.retention.d30 === null ? "—" : formatPercent(r.retention.d30),
      money(r.cac),
      n === 0 ? "—" : usd(Math.round((spend * product.window.days) / n)),
    ];
  });
  return { values: {}, rows };
}

/** Chapter 3: the onboarding funnel within 7 days and the top activation rule. */
function expectActivation(language: Language) {
  const f = funnel(product.events, {
    steps: [
      "signup",
      "onboarding_profile",
      "onboarding_project",
      "onboarding_tutorial",
      "core_action",
    ].map((event) => ({ event })),
    conversionWindow: 7 * DAY,
  });
  const best = activationThreshold(product.events, {
    actions: ["core_action", "invite_sent"],
    signupEvent: "signup",
  }).ranked[0];
  if (!best) throw new Error("no activation rule");
  return {
    values: {
      "handbook-activation-rate": formatPercent(f.converted / f.entered),
      "handbook-activation-minutes": ((f.timeToConvert.median ?? 0) / 60_000).toFixed(1),
      "handbook-activation-aha":
        language === "en"
          ? `${best.action} ≥ ${best.threshold} in the first ${best.windowDays} days`
          : `${best.action} 前 ${best.windowDays} 天内 ≥ ${best.threshold} 次`,
      "handbook-activation-aha-coverage": formatPercent(best.coverage),
      "handbook-activation-aha-lift": formatRatio(best.lift),
    },
    rows: [],
  };
}

/** Chapter 4: the weighted retention curve and the last 30 days' stickiness. */
function expectRetention() {
  const r = retention(product.events, {
    startEvent: { event: "signup" },
    cohort: "first-time",
    unit: "week",
    to: startOfPeriod(product.window.end, "week") - 1,
  });
  // The weighted mean, recomputed from the cohorts' counts.
  const weighted = (week: number) => {
    let retained = 0;
    let size = 0;
    for (const c of r.cohorts) {
      const count = c.values[week];
      if (count === undefined || c.incomplete[week] || c.size === 0) continue;
      retained += count;
      size += c.size;
    }
    return retained / size;
  };
  const s = stickiness(product.events, {
    event: { event: "core_action" },
    from: product.window.end - 30 * DAY,
    to: product.window.end - 1,
  });
  return {
    values: {
      "handbook-retention-week1": formatPercent(weighted(1)),
      "handbook-retention-week4": formatPercent(weighted(4)),
      "handbook-retention-week8": formatPercent(weighted(8)),
      "handbook-retention-dau": formatCount(s.actives.dau),
      "handbook-retention-mau": formatCount(s.actives.mau),
      "handbook-retention-dau-over-mau": formatPercent(s.actives.dau / s.actives.mau),
    },
    rows: [],
  };
}

/** Chapter 5: April 2026 per head, LTV, and revenue accounting February to April. */
function expectMonetization() {
  const from = Date.UTC(2026, 3, 1);
  const to = Date.UTC(2026, 4, 1);
  const active = new Set<string>();
  for (const e of product.events) if (e.timestamp >= from && e.timestamp < to) active.add(e.userId);
  const paid = product.orders.filter(
    (o) => o.refundedAt === null && o.createdAt >= from && o.createdAt < to,
  );
  const revenue = { amount: paid.reduce((sum, o) => sum + o.amount.amount, 0), currency: "USD" };
  const payers = new Set(paid.map((o) => o.userId)).size;
  const live = product.subscriptions.filter(
    (s) => s.startedAt < from && (s.canceledAt === null || s.canceledAt >= from),
  );
  const churn = live.filter((s) => s.canceledAt !== null && s.canceledAt < to).length / live.length;
  const perPayer = arppu(revenue, payers);
  const months = revenueAccounting(
    product.orders
      .filter((o) => o.refundedAt === null)
      .map((o) => ({ userId: o.userId, timestamp: o.createdAt, amount: o.amount.amount })),
    { unit: "month", from: Date.UTC(2026, 1, 1), to: to - 1 },
  );
  return {
    values: {
      "handbook-monetization-revenue": money(revenue),
      "handbook-monetization-active": formatCount(active.size),
      "handbook-monetization-payers": formatCount(payers),
      "handbook-monetization-conversion": formatPercent(payers / active.size),
      "handbook-monetization-arpu": money(arpu(revenue, active.size)),
      "handbook-monetization-arppu": money(perPayer),
      "handbook-monetization-churn": formatPercent(churn),
      "handbook-monetization-ltv": money(
        ltv({ arpa: perPayer, grossMargin: 0.8, churnRate: churn }),
      ),
    },
    rows: months.map((m) => [
      m.key,
      usd(m.revenue),
      usd(m.new),
      usd(m.expansion),
      usd(m.resurrected),
      usd(m.churned),
      formatRatio(m.quickRatio),
    ]),
  };
}

/** Chapter 6: concentration of core actions, the invitation loop and referral retention. */
function expectEcosystem() {
  const counts = new Map<string, number>();
  for (const e of product.events)
    if (e.event === "core_action") counts.set(e.userId, (counts.get(e.userId) ?? 0) + 1);
  const perUser = product.users.map((u) => counts.get(u.id) ?? 0).sort((a, b) => b - a);
  const total = perUser.reduce((a, b) => a + b, 0);
  const top = (n: number) => perUser.slice(0, n).reduce((a, b) => a + b, 0) / total;
  const invitations = product.events.filter((e) => e.event === "invite_sent").length;
  const referred = product.referrals.filter((r) => !r.fraud).length;
  const report = channelReport({
    users: product.users.map((u) => ({
      userId: u.id,
      channel: u.channel === "referral" ? "referral" : "other",
      createdAt: u.createdAt,
    })),
    events: product.events,
    activationEvent: "core_action",
  });
  const d30 = (channel: string) => report.find((r) => r.channel === channel)?.retention.d30 ?? 0;
  return {
    values: {
      "handbook-ecosystem-top1": formatPercent(top(20)),
      "handbook-ecosystem-top10": formatPercent(top(200)),
      "handbook-ecosystem-creators": formatPercent(counts.size / product.users.length),
      "handbook-ecosystem-invites-per-user": formatRatio(invitations / product.users.length),
      "handbook-ecosystem-invite-conversion": formatPercent(referred / invitations),
      "handbook-ecosystem-k-factor": formatRatio(referred / product.users.length),
      "handbook-ecosystem-referred-d30": formatPercent(d30("referral")),
      "handbook-ecosystem-others-d30": formatPercent(d30("other")),
    },
    rows: [],
  };
}

function expected(
  chapter: Chapter,
  language: Language,
): { values: Record<string, string>; rows: string[][] } {
  switch (chapter) {
    case "market":
      return expectMarket(language);
    case "acquisition":
      return expectAcquisition();
    case "activation":
      return expectActivation(language);
    case "retention":
      return expectRetention();
    case "monetization":
      return expectMonetization();
    case "ecosystem":
      return expectEcosystem();
  }
}

/** The trimmed cells of each row with this test id. */
async function shownRows(page: Page, testId: string): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await page.getByTestId(testId).all()) {
    rows.push((await row.locator("th, td").allTextContents()).map((cell) => cell.trim()));
  }
  return rows;
}

describe("handbook: chapter map and journey chapters", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  /** Play anchors linked from the chapters, per plays page, checked on the plays page at the end. */
  const anchors = new Map<string, Set<string>>();

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: phoneViewport });
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const { language, prefix } of editions) {
    it(`${language}: the chapter map links every chapter page that exists, and only those`, async () => {
      const problems = await visit(page, `${session?.origin}${prefix}/handbook/`);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
      expect(await page.locator("html").getAttribute("lang")).toBe(
        language === "en" ? "en" : "zh-CN",
      );
      const map = page.getByTestId("handbook-map");
      for (const category of categories) {
        const node = map.getByTestId(`handbook-map-${category.slug}`);
        await expect(node.textContent()).resolves.toContain(category.name[language]);
        const href = `${prefix}/handbook/${category.slug}/`;
        const built = existsSync(join(distDir, href, "index.html"));
        const links = node.locator("a");
        expect(await links.count(), category.slug).toBe(built ? 1 : 0);
        if (built) {
          expect(await links.getAttribute("href")).toBe(href);
          const response = await page.request.get(`${session?.origin}${href}`);
          expect(response.status(), href).toBe(200);
        }
      }
      // The six chapters of this test are built, so the map links them all.
      for (const chapter of chapters) {
        await expect(map.getByTestId(`handbook-map-${chapter}`).locator("a").count()).resolves.toBe(
          1,
        );
      }
      // Following a link opens the chapter.
      await map.getByTestId("handbook-map-activation").locator("a").click();
      await page.waitForURL(`**${prefix}/handbook/activation/`);
      // Let the chapter finish loading, so the next test's navigation aborts none of its requests.
      await page.waitForLoadState("networkidle");
    });

    for (const chapter of chapters) {
      it(`${language}: ${chapter} shows the live numbers, its source and its plays`, async () => {
        const problems = await visit(page, `${session?.origin}${prefix}/handbook/${chapter}/`);
        expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
        const want = expected(chapter, language);
        expect(await shownTexts(page, Object.keys(want.values))).toEqual(want.values);
        if (want.rows.length > 0) {
          expect(await shownRows(page, `handbook-${chapter}-row`)).toEqual(want.rows);
        }

        const testId = `live-example-handbook-${chapter}`;
        const file = `handbook${chapter[0]?.toUpperCase()}${chapter.slice(1)}.ts`;
        const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
        expect(await shownCode(page, testId)).toBe(source.trimEnd());
        const result = page.getByTestId(`${testId}-result`);
        await expect(result.locator("svg").count()).resolves.toBeGreaterThan(0);
        await expect(result.locator("script, astro-island").count()).resolves.toBe(0);

        const plays = listPlays({ category: chapter, language });
        expect(plays.length).toBeGreaterThan(0);
        const playsPage = `${prefix}/plays/`;
        const hrefs = await page
          .getByTestId(`handbook-plays-${chapter}`)
          .locator("a")
          .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
        expect(hrefs).toEqual(plays.map((p) => `${playsPage}${p.slug}/`));
        const seen = anchors.get(playsPage) ?? new Set<string>();
        for (const p of plays) seen.add(p.slug);
        anchors.set(playsPage, seen);
      });
    }
  }

  it("loads at most 60 KB of gzipped JavaScript on the map and on a chapter", async () => {
    for (const path of ["/handbook/", "/zh-cn/handbook/retention/"]) {
      const { scripts, stopWatching } = await openRecordingScripts(
        page,
        `${session?.origin}${path}`,
      );
      expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
      const total = gzippedScripts(scripts).reduce((sum, s) => sum + s.bytes, 0);
      expect(total, path).toBeLessThanOrEqual(jsBudgetBytes);
    }
  });

  it("every play linked from a chapter has its own page in that edition", async () => {
    expect(anchors.size).toBe(2);
    for (const [playsPage, slugs] of anchors) {
      for (const slug of slugs) {
        const response = await page.request.get(`${session?.origin}${playsPage}${slug}/`);
        expect(response.status(), `${playsPage}${slug}/`).toBe(200);
      }
    }
  });
});
