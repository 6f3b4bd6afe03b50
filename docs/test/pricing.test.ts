/**
 * Browser test of the pricing guide in both editions: its live numbers (Van Westendorp, unit
 * economics, a quote), recomputed here by calling @opsbook/pricing and @opsbook/sample-data
 * directly; its tier calculator, driven by typing quantities and checked against `priceUsage`; the
 * calculator's URL parameter; and the page's JavaScript budget.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Money } from "@opsbook/core";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import {
  arppu,
  arpu,
  cacPayback,
  cheapestPlan,
  ltv,
  ltvToCac,
  parsePriceBook,
  payerConversion,
  quote,
  vanWestendorp,
} from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatMoney,
  formatOneDecimal,
  formatPrice,
  formatQuantity,
  formatShare,
} from "../src/lib/pricingFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  docsRoot,
  expectShown,
  gzippedScripts,
  jsBudgetBytes,
  openBrowserSession,
  openRecordingScripts,
  type PageProblems,
  phoneViewport,
  shownCode,
  shownTexts,
} from "./browserHarness.ts";
import { expectedTierPricing } from "./calculatorExpectations.ts";

assertBuilt();

const guides = ["/guides/pricing/", "/zh-cn/guides/pricing/"];

const usd = (amount: number): Money => ({ amount, currency: "USD" });

/** The live numbers the guide must show, recomputed from the sample product and the play's price book. */
function expectedLiveNumbers(): Record<string, string> {
  const product = generateProduct({ seed: 42 });

  // Van Westendorp on the survey answers in whole dollars (pricesensitivitymeter's convention by default).
  const answers = product.survey.map((r) => ({
    tooCheap: r.tooCheap.amount / 100,
    cheap: r.cheap.amount / 100,
    expensive: r.expensive.amount / 100,
    tooExpensive: r.tooExpensive.amount / 100,
  }));
  const research = vanWestendorp(answers);
  const blog = vanWestendorp(answers, { convention: "blog" });

  // Unit economics of the last 30 days of the window, counted here with plain loops.
  const start = product.window.end - 30 * 86_400_000;
  const active = new Set<string>();
  for (const event of product.events) if (event.timestamp >= start) active.add(event.userId);
  let revenueCents = 0;
  const payers = new Set<string>();
  for (const order of product.orders) {
    if (order.createdAt < start || order.refundedAt !== null) continue;
    revenueCents += order.amount.amount;
    payers.add(order.userId);
  }
  let live = 0;
  let ended = 0;
  for (const s of product.subscriptions) {
    if (s.startedAt >= start || (s.canceledAt !== null && s.canceledAt < start)) continue;
    live += 1;
    if (s.canceledAt !== null) ended += 1;
  }
  const churnRate = ended / live;
  const channelSpend = new Map(product.channels.map((c) => [c.id, c.dailySpend.amount]));
  const spendCents = product.channels.reduce(
    (sum, c) => sum + c.dailySpend.amount * product.window.days,
    0,
  );
  const channelOf = new Map(product.users.map((u) => [u.id, u.channel]));
  const paidCustomers = new Set(
    product.orders
      .filter(
        (o) => o.refundedAt === null && (channelSpend.get(channelOf.get(o.userId) ?? "") ?? 0) > 0,
      )
      .map((o) => o.userId),
  ).size;
  const cac = usd(Math.round(spendCents / paidCustomers));
  const monthlyArppu = arppu(usd(revenueCents), payers.size);
  const lifetimeValue = ltv({ arpa: monthlyArppu, grossMargin: 0.8, churnRate });

  // The quote from the good-better-best play's price book.
  const play = getPlay("good-better-best-tiers", "en");
  const book = parsePriceBook(
    validatePlayConfig(play.config?.text ?? "", { path: "price-book.yaml" }).config,
  );
  const usage = { events: 400_000 };
  const monthly = quote(book, "plus", usage, { addOns: { seats: 2 }, coupon: "MIGRATE20" });
  const lines = Object.fromEntries(
    monthly.lines.map((line, i) => [`pricing-quote-line-${i + 1}`, formatMoney(line.amount)]),
  );

  return {
    "pricing-vw-respondents": formatQuantity(research.respondents),
    "pricing-vw-pmc": formatPrice(research.pmc),
    "pricing-vw-opp": formatPrice(research.opp),
    "pricing-vw-idp": formatPrice(research.idp),
    "pricing-vw-pme": formatPrice(research.pme),
    "pricing-vw-blog-range": `${formatPrice(blog.pmc)}–${formatPrice(blog.pme)}`,
    "pricing-ue-arpu": formatMoney(arpu(usd(revenueCents), active.size)),
    "pricing-ue-arppu": formatMoney(monthlyArppu),
    "pricing-ue-conversion": formatShare(payerConversion(payers.size, active.size)),
    "pricing-ue-churn": formatShare(churnRate),
    "pricing-ue-ltv": formatMoney(lifetimeValue),
    "pricing-ue-cac": formatMoney(cac),
    "pricing-ue-payback": formatOneDecimal(
      cacPayback({ cac, arpa: monthlyArppu, grossMargin: 0.8 }),
    ),
    "pricing-ue-ltv-cac": formatOneDecimal(ltvToCac(lifetimeValue, cac)),
    ...lines,
    "pricing-quote-total": formatMoney(monthly.total),
    "pricing-quote-annual": formatMoney(quote(book, "plus", {}, { interval: "year" }).total),
    "pricing-quote-cheapest": cheapestPlan(book, usage, { features: ["api-access"] }).planId ?? "—",
  };
}

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  // A phone-sized screen: the calculator must work at 375 px.
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe.each(guides)("the pricing guide at %s", (path) => {
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(page, `${session?.origin}${path}`));
  });

  it("shows the Van Westendorp points, unit economics and quote computed by the packages", async () => {
    const expected = expectedLiveNumbers();
    const shown = await shownTexts(page, Object.keys(expected));
    expect(shown).toEqual(expected);
    // The quote's lines add up to its total (Plus $49 + events $45 + 2 seats $16 − 20 %).
    expect(shown["pricing-quote-total"]).toBe("$88.00");
  });

  it("draws the four Van Westendorp curves as a static SVG chart", async () => {
    const chart = page.getByTestId("pricing-vw-chart");
    await expect(chart.locator("svg").count()).resolves.toBe(1);
    // Four curves (one path each) in the chart, and no script anywhere in the examples.
    await expect(chart.locator("svg g[aria-label='line'] path").count()).resolves.toBe(4);
    for (const name of ["research", "economics", "quote"]) {
      await expect(
        page
          .getByTestId(`live-example-pricing-${name}-result`)
          .locator("script, astro-island")
          .count(),
      ).resolves.toBe(0);
    }
  });

  it("shows the source that computed each example, line for line", async () => {
    const files = { research: "pricingVanWestendorp.ts", economics: "pricingUnitEconomics.ts" };
    for (const [name, file] of Object.entries({ ...files, quote: "pricingQuote.ts" })) {
      const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
      expect(await shownCode(page, `live-example-pricing-${name}`)).toBe(source.trimEnd());
    }
  });

  it("prices typed quantities as graduated and volume tiers, as priceUsage does", async () => {
    const calculator = page.getByTestId("calc-pricing");
    const seats = calculator.getByTestId("calc-pricing-seats");
    for (const quantity of [7, 50, 51, 1234]) {
      await seats.fill(String(quantity));
      await expectShown(calculator, expectedTierPricing(quantity));
    }
    // The slider follows the field within its range, and moving it reprices.
    await expect(calculator.getByTestId("calc-pricing-range").inputValue()).resolves.toBe("400");
    await calculator.getByTestId("calc-pricing-range").fill("120");
    await expect(seats.inputValue()).resolves.toBe("120");
    await expectShown(calculator, expectedTierPricing(120));
    // The bars are drawn: the larger total fills the width.
    const widths = await calculator
      .locator(".pricing-calc__bar")
      .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute("width"))));
    expect(Math.max(...widths)).toBeCloseTo(235, 5);
    // A negative quantity is refused with the package's error and clears the totals.
    await seats.fill("-3");
    await expect.poll(() => calculator.getAttribute("data-state")).toBe("error");
    await expect(calculator.getByTestId("calc-pricing-volume").textContent()).resolves.toBe("—");
    await seats.fill("120");
    await expectShown(calculator, expectedTierPricing(120));
    await expect(calculator.getAttribute("data-state")).resolves.toBe("ready");
  });

  it("keeps the quantity in the URL and restores it from a shared link", async () => {
    const url = new URL(page.url());
    // The parameter carries the calculator's prefix, as on the tools page.
    expect(url.searchParams.get("price.seats")).toBe("120");
    expect(url.searchParams.has("seats")).toBe(false);
    url.searchParams.set("price.seats", "275");
    await page.goto(url.href, { waitUntil: "load" });
    const calculator = page.getByTestId("calc-pricing");
    await expect(calculator.getByTestId("calc-pricing-seats").inputValue()).resolves.toBe("275");
    await expect(calculator.getByTestId("calc-pricing-range").inputValue()).resolves.toBe("275");
    await expectShown(calculator, expectedTierPricing(275));
    // A link made before the prefix (`?seats=`) still opens with its quantity.
    await page.goto(`${url.origin}${url.pathname}?seats=33`, { waitUntil: "load" });
    await expect(calculator.getByTestId("calc-pricing-seats").inputValue()).resolves.toBe("33");
    await expectShown(calculator, expectedTierPricing(33));
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS with the calculator loaded, without errors`, async () => {
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const gzipped = gzippedScripts(scripts);
    expect(gzipped.some((s) => /pricingCalculator/.test(s.pathname))).toBe(true);
    const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
    console.info(`${path}: ${gzipped.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeLessThanOrEqual(jsBudgetBytes);
  });
});
