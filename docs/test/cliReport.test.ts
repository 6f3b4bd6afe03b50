/**
 * Browser test of `opsbook analyze --html`: the built CLI (packages/cli/dist) writes a report from
 * the CLI's event fixture, and Chromium opens it from a file:// URL — no console error, no request
 * at all (the report is self-contained), its SVG charts drawn, and its key numbers equal to what
 * @opsbook/metrics computes from the same events.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { funnel, retention } from "@opsbook/metrics";
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, docsRoot, openBrowserSession, visit } from "./browserHarness.ts";

const cliDir = join(docsRoot, "..", "packages", "cli");
const binary = join(cliDir, "dist", "cli.js");
const fixture = join(cliDir, "test", "fixtures", "events", "events.csv");
const scratch = mkdtempSync(join(tmpdir(), "opsbook-cli-report-"));

// The fixture's events, read here with a plain split (the file has no quoted fields).
const events = readFileSync(fixture, "utf8")
  .trimEnd()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [userId = "", event = "", timestamp = ""] = line.split(",");
    return { userId, event, timestamp: Date.parse(timestamp) };
  });

function report(args: string[], name: string): string {
  if (!existsSync(binary)) {
    throw new Error(
      "packages/cli/dist/cli.js is missing: build the packages first (turbo run build)",
    );
  }
  const out = join(scratch, name);
  const result = spawnSync(
    process.execPath,
    [binary, "analyze", ...args, "--events", fixture, "--html", out],
    {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  expect(result.status, result.stderr).toBe(0);
  return out;
}

let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowserSession();
});
afterAll(async () => {
  await session?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("opsbook analyze --html report in Chromium", () => {
  it("shows a funnel report offline: no console error, no request, its chart and numbers", async () => {
    const steps = ["signup", "core_action", "purchase"];
    const file = report(["funnel", "--steps", steps.join(",")], "funnel.html");
    const { page } = session;
    const requests: string[] = [];
    const onRequest = (request: Request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    };
    page.on("request", onRequest);
    const problems = await visit(page, pathToFileURL(file).href);
    page.off("request", onRequest);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    expect(requests).toEqual([]);

    const expected = funnel(events, { steps: steps.map((event) => ({ event })) });
    expect(await page.locator("h1").textContent()).toBe("Funnel: signup → core_action → purchase");
    const summary = Object.fromEntries(
      await page
        .locator("dl.summary > div")
        .evaluateAll((items) =>
          items.map((item) => [
            item.querySelector("dt")?.textContent,
            item.querySelector("dd")?.textContent,
          ]),
        ),
    );
    expect(summary.Entered).toBe(expected.entered.toLocaleString("en-US"));
    expect(summary.Converted).toBe(expected.converted.toLocaleString("en-US"));

    // One chart: a bar per step, each bar's height in proportion to the step's users.
    const chart = page.locator("figure svg");
    expect(await chart.count()).toBe(1);
    expect(await chart.isVisible()).toBe(true);
    const bars = await chart.locator("rect").evaluateAll((rects) =>
      rects.map((rect) => ({
        height: (rect as SVGRectElement).getBBox().height,
        title: rect.querySelector("title")?.textContent,
      })),
    );
    expect(bars.map((bar) => bar.title)).toEqual(
      expected.steps.map(
        (s) => `${s.index + 1}. ${s.event}, users: ${s.users.toLocaleString("en-US")}`,
      ),
    );
    const scale = bars[0]!.height / expected.steps[0]!.users;
    for (const [i, bar] of bars.entries()) {
      expect(bar.height).toBeCloseTo(expected.steps[i]!.users * scale, 0);
    }
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);

    const rows = await page.locator("table tbody tr").allTextContents();
    expect(rows).toHaveLength(steps.length);
  });

  it("shows a retention report with its curve and the cohort table", async () => {
    const file = report(["retention", "--unit", "week", "--periods", "3"], "retention.html");
    const { page } = session;
    const problems = await visit(page, pathToFileURL(file).href);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    const expected = retention(events, { unit: "week", periods: 3 });
    expect(await page.locator("figure svg polyline").count()).toBe(1);
    expect(await page.locator("figure svg circle").count()).toBe(expected.columns.length);
    const cohortKeys = await page.locator("table tbody tr td:first-child").allTextContents();
    expect(cohortKeys).toEqual(expected.cohorts.map((c) => c.key));
  });
});
