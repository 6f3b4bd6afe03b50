/**
 * Browser test of the built site: every page of both language editions in Debian's Chromium (via
 * playwright-core) against `astro preview`. Run with `pnpm --filter @opsbook/docs run test:browser`,
 * which builds the site first.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMean } from "../src/lib/dailyActiveUsersFormat.ts";
import {
  assertBuilt,
  axeViolations,
  type BrowserSession,
  distDir,
  docsRoot,
  openBrowserSession,
  shownCode,
  visit,
  watchProblems,
} from "./browserHarness.ts";

assertBuilt();

/** Page paths listed in the built sitemap, e.g. `/`, `/zh-cn/guides/core/`. */
const sitemapPaths = [
  ...readFileSync(join(distDir, "sitemap-0.xml"), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g),
]
  .map((match) => new URL(match[1] ?? "").pathname)
  .sort();

/** Page paths of every built HTML page, from dist/ itself. */
function builtPagePaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "_astro" || entry.name === "pagefind" ? [] : builtPagePaths(path);
    if (entry.name !== "index.html") return [];
    const folder = relative(distDir, dir).split(sep).join("/");
    return [folder === "" ? "/" : `/${folder}/`];
  });
}

/** Pages that carry the daily-active-users live example, in both editions. */
const liveExamplePaths = [
  "/start-here/",
  "/guides/sample-data/",
  "/zh-cn/start-here/",
  "/zh-cn/guides/sample-data/",
];

/**
 * The expected live numbers, recomputed here with the same packages but without the example's code:
 * the window's UTC calendar days are 24-hour steps from its start, and an event's UTC day is the
 * first ten characters of its ISO-8601 timestamp.
 */
function expectedDailyActiveUsers() {
  const product = generateProduct({ seed: 42, users: 500, days: 60 });
  const usersByDay = new Map<string, Set<string>>();
  for (const { userId, timestamp } of product.events) {
    const day = new Date(timestamp).toISOString().slice(0, 10);
    const users = usersByDay.get(day) ?? new Set<string>();
    users.add(userId);
    usersByDay.set(day, users);
  }
  const dayMs = 24 * 60 * 60 * 1000;
  const days = Array.from({ length: 60 }, (_, i) =>
    new Date(product.window.start + i * dayMs).toISOString().slice(0, 10),
  );
  const counts = days.map((day) => usersByDay.get(day)?.size ?? 0);
  const peak = Math.max(...counts);
  return {
    rows: days.map((date, i) => ({ date, activeUsers: counts[i] })),
    peak,
    peakDay: days[counts.indexOf(peak)],
    mean: counts.reduce((sum, n) => sum + n, 0) / counts.length,
  };
}

let session: BrowserSession | undefined;
let page: Page;
let origin: string;

beforeAll(async () => {
  session = await openBrowserSession();
  page = session.page;
  origin = session.origin;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe("the built site", () => {
  it("lists every built page in the sitemap, in both language editions", () => {
    expect(sitemapPaths).toEqual(builtPagePaths(distDir).sort());
    const english = sitemapPaths.filter((path) => !path.startsWith("/zh-cn/"));
    const chinese = sitemapPaths.filter((path) => path.startsWith("/zh-cn/"));
    expect(chinese.map((path) => path.slice("/zh-cn".length))).toEqual(english);
    for (const path of [
      "/",
      "/start-here/",
      "/guides/core/",
      "/guides/sample-data/",
      "/guides/experiments/",
      "/plays/",
      "/api/",
      "/api/opsbook/experiments/",
    ]) {
      expect(english).toContain(path);
    }
  });

  it("gives every page a meta description", () => {
    for (const path of sitemapPaths) {
      const html = readFileSync(join(distDir, path, "index.html"), "utf8");
      expect(html, path).toMatch(/<meta name="description" content="[^"]{20,}"/);
    }
  });
});

/**
 * Every page is opened in one of a few tabs at a time: most of a visit is spent waiting for the
 * network to go idle, so concurrent tabs shorten the run without loading the machine more.
 */
const tabCount = 4;
const idleTabs: Page[] = [];
const waitingForTab: ((tab: Page) => void)[] = [];

async function withTab<T>(use: (tab: Page) => Promise<T>): Promise<T> {
  const tab = idleTabs.pop() ?? (await new Promise<Page>((resolve) => waitingForTab.push(resolve)));
  try {
    return await use(tab);
  } finally {
    const next = waitingForTab.shift();
    if (next) next(tab);
    else idleTabs.push(tab);
  }
}

describe("every page", () => {
  beforeAll(async () => {
    if (!session) throw new Error("no browser session");
    for (let i = 0; i < tabCount; i++) idleTabs.push(await session.browser.newPage());
  });

  afterAll(async () => {
    await Promise.all(idleTabs.splice(0).map((tab) => tab.close().catch(() => {})));
  });

  it.concurrent.for(sitemapPaths)(
    "%s loads without console errors, failed requests or accessibility violations",
    async (path, { expect }) => {
      await withTab(async (tab) => {
        const problems = await visit(tab, `${origin}${path}`);
        expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
        const lang = await tab.locator("html").getAttribute("lang");
        expect(lang).toBe(path.startsWith("/zh-cn/") ? "zh-CN" : "en");
        expect(await axeViolations(tab)).toEqual([]);
      });
    },
  );
});

describe.each(liveExamplePaths)("live example on %s", (path) => {
  const expected = expectedDailyActiveUsers();

  beforeAll(async () => {
    await visit(page, `${origin}${path}`);
  });

  it("shows the daily active users computed by the packages", async () => {
    const example = page.getByTestId("live-example-dau");
    await expect(example.count()).resolves.toBe(1);
    const text = async (testId: string) =>
      (await example.getByTestId(testId).textContent())?.trim();
    expect(await text("dau-days")).toBe(String(expected.rows.length));
    expect(await text("dau-peak")).toBe(String(expected.peak));
    expect(await text("dau-peak-day")).toBe(expected.peakDay);
    expect(await text("dau-mean")).toBe(formatMean(expected.mean));
    const dates = (await example.getByTestId("dau-row-date").allTextContents()).map((s) =>
      s.trim(),
    );
    const values = (await example.getByTestId("dau-row-value").allTextContents()).map((s) =>
      s.trim(),
    );
    expect(dates.length).toBeGreaterThanOrEqual(7);
    expect(dates.map((date, i) => ({ date, activeUsers: Number(values[i]) }))).toEqual(
      expected.rows.slice(0, dates.length),
    );
  });

  it("draws the chart as static SVG and ships no script or island for the result", async () => {
    const result = page.getByTestId("live-example-dau-result");
    await expect(result.locator("figure svg path").count()).resolves.toBeGreaterThan(0);
    await expect(result.locator("script, astro-island").count()).resolves.toBe(0);
  });

  it("shows the source code that computed the numbers, line for line", async () => {
    const source = readFileSync(join(docsRoot, "src/examples/dailyActiveUsers.ts"), "utf8");
    expect(await shownCode(page, "live-example-dau")).toBe(source.trimEnd());
  });
});

describe("search", () => {
  it.each([
    ["/", "daily active users"],
    ["/zh-cn/", "日活跃用户"],
  ])("finds the live example from %s with Pagefind", async (path, query) => {
    const stop = watchProblems(page);
    await page.goto(`${origin}${path}`, { waitUntil: "load" });
    await page.locator("opsbook-search button[data-open-modal]:not([disabled])").click();
    await page.locator("dialog[open] .pagefind-ui__search-input").fill(query);
    const results = page.locator("dialog[open] .pagefind-ui__result-link");
    await results.first().waitFor({ timeout: 10_000 });
    const hrefs = await results.evaluateAll((links) =>
      links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
    );
    const edition = path === "/" ? "" : path.slice(0, -1);
    expect(hrefs).toContain(`${edition}/guides/sample-data/`);
    await page.waitForLoadState("networkidle");
    expect(stop()).toEqual({ consoleErrors: [], failedRequests: [] });
  });
});

describe("the problem watcher", () => {
  /** Holds every favicon request until released, so the test decides when it ends. */
  async function holdFavicon(): Promise<() => Promise<void>> {
    const held: (() => Promise<void>)[] = [];
    await page.route("**/favicon.svg", (route) => {
      held.push(() => route.continue().catch(() => {}));
    });
    return async () => {
      await page.unroute("**/favicon.svg");
      await Promise.all(held.map((release) => release()));
    };
  }

  it("leaves out a request aborted because the test navigated elsewhere", async () => {
    const release = await holdFavicon();
    const stop = watchProblems(page);
    try {
      // The browser asks for the favicon after the page has loaded; it is held, then left behind.
      const faviconAsked = page.waitForRequest("**/favicon.svg");
      await page.goto(`${origin}/start-here/`, { waitUntil: "load" });
      await faviconAsked;
      const abortSeen = page.waitForEvent("requestfailed");
      await page.goto(`${origin}/zh-cn/start-here/`, { waitUntil: "load" });
      expect((await abortSeen).failure()?.errorText).toBe("net::ERR_ABORTED");
    } finally {
      await release();
    }
    await page.waitForLoadState("networkidle");
    expect(stop()).toEqual({ consoleErrors: [], failedRequests: [] });
  });

  it("keeps a request aborted on the page that is showing", async () => {
    await page.route("**/favicon.svg", (route) => route.abort("aborted"));
    const stop = watchProblems(page);
    try {
      await page.goto(`${origin}/start-here/`, { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
    } finally {
      await page.unroute("**/favicon.svg");
    }
    expect(stop().failedRequests).toEqual([`${origin}/favicon.svg (net::ERR_ABORTED)`]);
  });
});
