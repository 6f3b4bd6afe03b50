/**
 * Browser test of the persona guide in both editions: its live numbers, recomputed here by calling
 * @opsbook/persona and @opsbook/sample-data directly (the R×F cell counts with the test's own
 * tally, not the example's code), the code shown beside them, and the rendered persona cards.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  assignPersonas,
  discoverPersonas,
  extractBehaviourFeatures,
  personaDrift,
  rfmSegments,
} from "@opsbook/persona";
import { cdnowSample, generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatCount,
  formatFixed,
  formatShare,
  formatValue,
  slug,
} from "../src/lib/personaFormat.ts";
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

const guides = ["/guides/persona/", "/zh-cn/guides/persona/"];
const DAY = 86_400_000;

/** The numbers the guide must show, and the draft persona names, computed here from the same inputs. */
function expectedLiveNumbers(): { shown: Record<string, string>; personaNames: string[] } {
  const shown: Record<string, string> = {};

  // RFM on the CDNOW sample, frequency by purchase days, recency to 1998-06-30.
  const rfm = rfmSegments(cdnowSample(), { asOf: "1998-06-30", frequency: "days" });
  const cells = new Map<string, number>();
  for (const c of rfm.customers) {
    const key = `${c.recencyScore}-${c.frequencyScore}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++)
      shown[`persona-rfm-cell-${r}-${f}`] = formatCount(cells.get(`${r}-${f}`) ?? 0);
  for (const s of rfm.segments) {
    const id = `persona-rfm-${slug(s.segment)}`;
    Object.assign(shown, {
      [`${id}-customers`]: formatCount(s.customers),
      [`${id}-share`]: formatShare(s.share),
      [`${id}-value`]: formatValue(s.value),
      [`${id}-value-share`]: formatShare(s.valueShare),
      [`${id}-recency`]: formatFixed(s.meanRecencyDays, 0),
      [`${id}-frequency`]: formatFixed(s.meanFrequency, 1),
    });
  }

  // Clusters of the sample product (seed 42, 500 users, 60 days).
  const product = generateProduct({ seed: 42, users: 500, days: 60 });
  const found = discoverPersonas(extractBehaviourFeatures(product.events), {
    k: [2, 6],
    seed: 1,
    features: ["activeDays", "eventsPerActiveDay", "breadth", "recencyDays", "tenureDays", "spend"],
  });
  shown["persona-k"] = String(found.k);
  for (const c of found.candidates) {
    shown[`persona-candidate-${c.k}-silhouette`] =
      c.silhouette === null ? "—" : formatFixed(c.silhouette, 3);
    shown[`persona-candidate-${c.k}-inertia`] = formatFixed(c.inertia, 1);
  }
  for (const c of found.clusters) {
    shown[`persona-cluster-${c.cluster + 1}-size`] = formatCount(c.size);
    shown[`persona-cluster-${c.cluster + 1}-share`] = formatShare(c.share);
  }

  // Drift: rule-based personas of days 1–30 against days 31–60.
  const rules = [
    { persona: "Buyer", when: { field: "purchases", op: "gte" as const, value: 1 } },
    { persona: "Power user", when: { field: "activeDays", op: "gte" as const, value: 8 } },
    { persona: "Explorer", when: { field: "breadth", op: "gte" as const, value: 6 } },
  ];
  const assign = (from: number, to: number) =>
    assignPersonas(
      extractBehaviourFeatures(
        product.events.filter((e) => e.timestamp >= from && e.timestamp < to),
        { asOf: to },
      ).users,
      rules,
      { fallback: "Casual" },
    );
  const middle = product.window.start + 30 * DAY;
  const before = assign(product.window.start, middle);
  const after = assign(middle, product.window.end);
  const drift = personaDrift(before.counts, after.counts);
  for (const p of drift.personas) {
    const id = `persona-drift-${slug(p.persona)}`;
    Object.assign(shown, {
      [`${id}-before`]: `${formatCount(p.baselineCount)} (${formatShare(p.baselineShare)})`,
      [`${id}-after`]: `${formatCount(p.currentCount)} (${formatShare(p.currentShare)})`,
      [`${id}-psi`]: formatFixed(p.psi, 3),
    });
  }
  Object.assign(shown, {
    "persona-drift-psi": formatFixed(drift.psi, 3),
    "persona-drift-flagged": drift.flagged.join(", "),
    "persona-drift-status": drift.status,
    "persona-drift-chi2": `${formatFixed(drift.chiSquare.statistic, 2)} (${drift.chiSquare.degreesOfFreedom})`,
    "persona-drift-p": drift.chiSquare.pValue.toExponential(2),
    "persona-drift-coverage": `${formatShare(before.coverage)} / ${formatShare(after.coverage)}`,
  });
  return { shown, personaNames: found.clusters.map((c) => c.persona.name) };
}

let session: BrowserSession | undefined;
let page: Page;
let expected: ReturnType<typeof expectedLiveNumbers>;

beforeAll(async () => {
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
  expected = expectedLiveNumbers();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.each(guides)("the persona guide at %s", (path) => {
  beforeAll(async () => {
    const problems = await visit(page, `${session?.origin}${path}`);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
  });

  it("shows the live numbers computed by @opsbook/persona", async () => {
    const shown: Record<string, string> = {};
    for (const testId of Object.keys(expected.shown))
      shown[testId] = (await page.getByTestId(testId).textContent())?.trim() ?? "";
    expect(shown).toEqual(expected.shown);
    // Every one of the 2,357 CDNOW customers is in exactly one cell and one segment.
    const cellTotal = Object.entries(shown)
      .filter(([id]) => id.startsWith("persona-rfm-cell-"))
      .reduce((sum, [, text]) => sum + Number(text.replace(/,/g, "")), 0);
    expect(cellTotal).toBe(2357);
    // The sample is one acquisition cohort: nobody recent is a first-time buyer.
    expect([
      shown["persona-rfm-new-customers-customers"],
      shown["persona-rfm-promising-customers"],
    ]).toEqual(["0", "0"]);
  });

  it("renders one draft persona card per cluster", async () => {
    const headings = await page.locator("[data-testid^='persona-card-'] h3").allTextContents();
    expect(headings.map((h) => h.trim())).toEqual(expected.personaNames);
    const firstCard = page.getByTestId("persona-card-1");
    await expect(firstCard.locator("table th").first().textContent()).resolves.toBe("Metric");
  });

  it("shows the source that computed each example, line for line, without scripts", async () => {
    const examples = {
      rfm: "personaRfm.ts",
      clusters: "personaClusters.ts",
      drift: "personaDriftCheck.ts",
    };
    for (const [name, file] of Object.entries(examples)) {
      const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
      expect(await shownCode(page, `live-example-persona-${name}`)).toBe(source.trimEnd());
      const result = page.getByTestId(`live-example-persona-${name}-result`);
      await expect(result.locator("script, astro-island").count()).resolves.toBe(0);
    }
    // The R×F grid is a table with row and column headers, one cell per score pair.
    const grid = page.getByTestId("live-example-persona-rfm-result").locator("table").first();
    await expect(grid.locator("tbody th[scope='row']").count()).resolves.toBe(5);
    await expect(grid.locator("thead th[scope='col']").count()).resolves.toBe(5);
    await expect(grid.locator("td.persona-cell").count()).resolves.toBe(25);
  });
});
