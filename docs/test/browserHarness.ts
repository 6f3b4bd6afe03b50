/**
 * What the browser tests share: one `astro preview` of the built site and one Chromium, started
 * once for all test files by `globalSetup.ts` and reached here through Vitest's `inject`, and the
 * helpers that watch a page for console errors and failed requests.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import {
  type Browser,
  type ConsoleMessage,
  chromium,
  type Locator,
  type Page,
  type Request,
  type Response,
} from "playwright-core";
import { expect, inject } from "vitest";

export const docsRoot = fileURLToPath(new URL("../", import.meta.url));
export const distDir = join(docsRoot, "dist");

/** Fails early, with the fix, when the site has not been built. */
export function assertBuilt(): void {
  if (!existsSync(join(distDir, "sitemap-0.xml"))) {
    throw new Error(
      "dist/ has no sitemap: run `astro build` first (the test:browser script does).",
    );
  }
}

/** Debian's Chromium (or `CHROMIUM_PATH`), headless, without background network traffic. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
  ],
};

/** A connection to the shared Chromium, a fresh page in it, and the preview server's origin. */
export interface BrowserSession {
  origin: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The phone-sized screen every island and calculator must work on. */
export const phoneViewport = { width: 375, height: 800 };

/**
 * Connects to the Chromium started by the global setup and opens a page (call in `beforeAll`),
 * sized to `options.viewport` when given.
 */
export async function openBrowserSession(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserSession> {
  const browser = await chromium.connect(inject("browserEndpoint"));
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
  return {
    origin: inject("previewOrigin"),
    browser,
    page,
    close: async () => {
      await page.close().catch(() => {});
      await browser.close();
    },
  };
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

/**
 * Records console errors, uncaught errors, failed requests and HTTP errors on a page until the
 * returned function is called, which detaches the listeners and returns what was seen.
 *
 * A request the browser aborted because the test navigated the page elsewhere (a late favicon
 * fetch, say) is not a problem of the page: an `ERR_ABORTED` failure that arrives after a newer
 * main-frame navigation began than the one the request belonged to is left out. Every other
 * failure, aborts within the page that is showing included, is kept.
 */
export function watchProblems(page: Page): () => PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
  let navigations = 0;
  const issuedAt = new WeakMap<Request, number>();
  const onRequest = (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations += 1;
    issuedAt.set(request, navigations);
  };
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  };
  const onPageError = (error: Error) => problems.consoleErrors.push(`uncaught: ${error.message}`);
  const onRequestFailed = (request: Request) => {
    const errorText = request.failure()?.errorText ?? "failed";
    const leftBehind = (issuedAt.get(request) ?? navigations) < navigations;
    if (errorText === "net::ERR_ABORTED" && leftBehind) return;
    problems.failedRequests.push(`${request.url()} (${errorText})`);
  };
  const onResponse = (response: Response) => {
    if (response.status() >= 400) {
      problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
    }
  };
  page.on("request", onRequest);
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("requestfailed", onRequestFailed);
  page.on("response", onResponse);
  return () => {
    page.off("request", onRequest);
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
    page.off("requestfailed", onRequestFailed);
    page.off("response", onResponse);
    return problems;
  };
}

/** Opens a page, waits until the network is idle and returns the problems seen while loading. */
export async function visit(page: Page, url: string): Promise<PageProblems> {
  const stop = watchProblems(page);
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
  } catch (error) {
    stop();
    throw error;
  }
  return stop();
}

/** The code shown inside the element with this `data-testid`, line by line as Expressive Code renders it. */
export async function shownCode(page: Page, testId: string): Promise<string> {
  const lines = await page.getByTestId(testId).locator("pre .ec-line").allTextContents();
  // An empty line is rendered holding only its line break.
  return lines
    .map((line) => line.replace(/\n$/, ""))
    .join("\n")
    .trimEnd();
}

/** The current value of each named field of an island. */
export async function fieldValues(root: Locator, names: string[]): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of names) values[name] = await root.locator(`[name="${name}"]`).inputValue();
  return values;
}

/** Sets each named field of an island (a select gets the option, any other field is filled). */
export async function fillFields(root: Locator, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = root.locator(`[name="${name}"]`);
    if ((await field.evaluate((element) => element.tagName)) === "SELECT") {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
}

/** Waits until every output shows its expected text (an island loads when scrolled into view). */
export async function expectShown(root: Locator, shown: Record<string, string>): Promise<void> {
  await root.scrollIntoViewIfNeeded();
  for (const [testId, text] of Object.entries(shown)) {
    await expect
      .poll(async () => (await root.getByTestId(testId).textContent())?.trim(), {
        timeout: 10_000,
        message: testId,
      })
      .toBe(text);
  }
}

/** The page's JavaScript budget with every island loaded (60 KB gzipped). */
export const jsBudgetBytes = 60 * 1024;

/** Gzipped size of each script a page loaded, read from the built site. */
export function gzippedScripts(
  pathnames: Iterable<string>,
): Array<{ pathname: string; bytes: number }> {
  return [...pathnames].map((pathname) => ({
    pathname,
    bytes: gzipSync(readFileSync(join(distDir, pathname))).length,
  }));
}

/**
 * Opens a page while recording every script it loads (for the JS budget) and watching it for
 * problems; `stopWatching` ends both and returns what went wrong.
 */
export async function openRecordingScripts(
  page: Page,
  url: string,
): Promise<{ scripts: Set<string>; stopWatching: () => PageProblems }> {
  const scripts = new Set<string>();
  const stopProblems = watchProblems(page);
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === "script")
      scripts.add(new URL(response.url()).pathname);
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  return {
    scripts,
    stopWatching: () => {
      page.off("response", onResponse);
      return stopProblems();
    },
  };
}

/** The trimmed text of each element with one of the given test ids. */
export async function shownTexts(
  page: Page,
  testIds: Iterable<string>,
): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const testId of testIds) {
    shown[testId] = (await page.getByTestId(testId).textContent())?.trim() ?? "";
  }
  return shown;
}

/** One accessibility rule that failed on a page, with up to five of the elements that fail it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (all its default rules: WCAG 2.x A and AA and best practices) on the page as it is
 * now and returns the violations. axe is injected into the page on first use after a navigation.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[] }[];
      }[];
    };
    const axe = (
      globalThis as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(" ")),
    }));
  });
}
