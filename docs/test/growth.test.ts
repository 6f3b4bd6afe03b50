/**
 * Browser test of the points-levels-and-membership guide in both editions: the live ledger
 * example, recomputed here by running the same member history through `createLedger` of
 * @opsbook/growth with the policy of the "Launch a points programme" play; the XP-curve designer and
 * the tier simulator, driven by typing values and checked against `levelThresholds`, `levelForXp`
 * and `tierTimeline`; their URL parameters (prefixes `xp.` and `tier.`); and the page's
 * JavaScript budget with both islands loaded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createLedger,
  createProgramme,
  type LedgerCommand,
  type LedgerEntry,
  type MemberLedger,
  type ProgrammeConfigInput,
  tierTimeline,
} from "@opsbook/growth";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  entryTypeLabels,
  formatDay,
  formatLastDay,
  formatLots,
  formatPoints,
  formatSigned,
  tierLabels,
} from "../src/lib/growthFormat.ts";
import { tierDefaults, tierSimulationOf } from "../src/lib/growthTierSimulator.ts";
import { xpDefaults } from "../src/lib/growthXpDesigner.ts";
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
import { designXpCurves, expectedXp } from "./calculatorExpectations.ts";

assertBuilt();

const editions = [
  ["en", "/guides/growth/"],
  ["zh-cn", "/zh-cn/guides/growth/"],
] as const;
type Edition = (typeof editions)[number][0];

/** The play's programme, read as the example reads it. */
function playProgramme(language: "en" | "zh-cn" = "en") {
  const play = getPlay("launch-points-programme", language);
  const file = validatePlayConfig(play.config?.text ?? "", { path: "points-programme.yaml" });
  return createProgramme(file.config as ProgrammeConfigInput);
}

/**
 * The member history of the live example, written out with its amounts: run through the ledger of
 * the play's policy, it gives the journal and the balance the page must show.
 */
function expectedLedger(edition: Edition): {
  numbers: Record<string, string>;
  rows: string[][];
} {
  const ledger = createLedger(playProgramme().config.policy);
  let state: MemberLedger = ledger.open("member-8817");
  const states: MemberLedger[] = [];
  const journal: LedgerEntry[] = [];
  const commands: LedgerCommand[] = [
    {
      type: "earn",
      at: "2025-03-08T12:30:00+08:00",
      amount: 468,
      key: "A-1001",
      reference: "A-1001",
    },
    {
      type: "earn",
      at: "2025-05-20T20:10:00+08:00",
      amount: 129,
      key: "A-1002",
      reference: "A-1002",
    },
    { type: "reverse", at: "2025-05-27T10:00:00+08:00", entry: 2, reference: "return A-1002" },
    {
      type: "earn",
      at: "2025-06-18T00:05:00+08:00",
      amount: 899,
      key: "A-1003",
      reference: "A-1003",
    },
    {
      type: "burn",
      at: "2025-08-15T19:00:00+08:00",
      amount: 300,
      key: "V-300",
      reference: "voucher V-300",
    },
    {
      type: "earn",
      at: "2025-11-11T00:01:00+08:00",
      amount: 1599,
      key: "A-1004",
      reference: "A-1004",
    },
    {
      type: "burn",
      at: "2025-12-12T21:00:00+08:00",
      amount: 1000,
      key: "G-2001",
      reference: "gift G-2001",
    },
    { type: "reverse", at: "2025-12-20T09:00:00+08:00", entry: 7, reference: "cancel G-2001" },
    { type: "expire", at: "2026-04-01T02:00:00+08:00" },
  ];
  for (const command of commands) {
    const result = ledger.apply(state, command);
    state = result.state;
    states.push(state);
    journal.push(...result.entries);
  }
  const asOf = Date.parse("2026-04-30T12:00:00+08:00");
  const balance = ledger.balance(state, asOf);
  const next = ledger.expiringSoon(state, asOf, "P6M")[0];
  const redeemed = -journal
    .filter((e) => e.type === "burn" || (e.type === "reverse" && e.amount > 0))
    .reduce((sum, e) => sum + e.amount, 0);
  const expired = -journal.filter((e) => e.type === "expire").reduce((s, e) => s + e.amount, 0);
  const numbers = {
    "growth-ledger-available": formatPoints(balance.available),
    "growth-ledger-pending": formatPoints(balance.pending),
    "growth-ledger-redeemed": formatPoints(redeemed),
    "growth-ledger-expired": formatPoints(expired),
    "growth-ledger-sum": formatPoints(journal.reduce((s, e) => s + e.amount, 0)),
    "growth-ledger-total": formatPoints(state.total),
    "growth-ledger-expiring-points": formatPoints(next?.points ?? 0),
    "growth-ledger-expiring-date": next ? formatLastDay(next.expiresAt) : "—",
  };
  const rows = journal.map((entry) => {
    const after = states.find((s) => s.seq >= entry.id) ?? state;
    const b = ledger.balance(after, after.updatedAt ?? entry.at);
    return [
      String(entry.id),
      formatDay(entry.at),
      entryTypeLabels[edition][entry.type],
      entry.reference ?? "—",
      formatSigned(entry.amount),
      formatLots(entry.lots),
      `${formatPoints(b.available)} / ${formatPoints(b.pending)}`,
    ];
  });
  return { numbers, rows };
}

/** What the tier simulator must show for these field values: the outputs and the spans. */
function expectedTiers(
  edition: Edition,
  values: Record<string, string>,
): { shown: Record<string, string>; spans: string[][] } {
  const s = tierSimulationOf(new Map(Object.entries(values)));
  const spans = tierTimeline(s.config, s.activity, { joinedAt: s.joinedAt, until: s.until });
  const names = tierLabels[edition];
  const last = spans[spans.length - 1];
  return {
    shown: {
      "growth-tier-current": names.tiers[(last?.tier ?? "member") as keyof typeof names.tiers],
      "growth-tier-upgrades": String(spans.filter((x) => x.reason === "qualified").length),
      "growth-tier-downgrades": String(spans.filter((x) => x.reason === "downgraded").length),
    },
    spans: spans.map((span) => [
      names.tiers[span.tier as keyof typeof names.tiers],
      formatDay(span.from),
      span.until === null ? "—" : formatLastDay(span.until),
      names.reasons[span.reason],
    ]),
  };
}

async function tableRows(root: Locator, testId: string): Promise<string[][]> {
  const rows = root.getByTestId(testId);
  const table: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = await rows.nth(i).locator("th, td").allTextContents();
    table.push(cells.map((cell) => cell.trim()));
  }
  return table;
}

async function expectSpans(simulator: Locator, spans: string[][]): Promise<void> {
  await expect
    .poll(() => tableRows(simulator, "growth-tier-span"), { timeout: 10_000 })
    .toEqual(spans);
}

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  // A phone-sized screen: the islands must work at 375 px.
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe("the growth plays' configs", () => {
  it.each([
    ["launch-points-programme", "points-programme.yaml"],
    ["design-membership-tiers", "membership-tiers.yaml"],
    ["seasonal-challenge", "seasonal-challenge.yaml"],
  ])("%s ships a valid growth-programme config (%s) in both languages", (slug, path) => {
    for (const language of ["en", "zh-cn"] as const) {
      const play = getPlay(slug, language);
      expect(play.config?.path).toMatch(new RegExp(`${path.replace(".", "\\.")}$`));
      const checked = validatePlayConfig(play.config?.text ?? "", { path });
      expect(checked.kind).toBe("growth-programme");
      expect(() => createProgramme(checked.config as ProgrammeConfigInput)).not.toThrow();
    }
  });

  it("earns what the play's rules say: 1 point per whole yuan, plus 200 on the first order", () => {
    const programme = playProgramme("zh-cn");
    const order = (total: number, isFirstOrder: boolean) =>
      programme.earn({
        userId: "m",
        event: "order_paid",
        timestamp: "2025-03-08T12:30:00+08:00",
        properties: { total, isFirstOrder },
      }).points;
    expect(order(268.5, true)).toBe(468);
    expect(order(58.9, false)).toBe(58);
  });
});

describe.each(editions)("the points-levels-and-membership guide (%s)", (edition, path) => {
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(page, `${session?.origin}${path}`));
  });

  it("shows the ledger numbers and journal computed by @opsbook/growth", async () => {
    const { numbers, rows } = expectedLedger(edition);
    expect(await shownTexts(page, Object.keys(numbers))).toEqual(numbers);
    // Worked out by hand: 468 + 899 + 1,599 earned and kept, 300 spent, the 168 left of lot 1 expired.
    expect(numbers["growth-ledger-available"]).toBe("2,498");
    expect(numbers["growth-ledger-expired"]).toBe("168");
    expect(numbers["growth-ledger-sum"]).toBe(numbers["growth-ledger-total"]);
    expect(numbers["growth-ledger-expiring-date"]).toBe("2026-07-31");
    expect(await tableRows(page.getByTestId("growth-ledger-journal"), "growth-ledger-row")).toEqual(
      rows,
    );
  });

  it("shows the source that computed the example, line for line, and ships no script for it", async () => {
    const source = readFileSync(join(docsRoot, "src/examples/growthLedger.ts"), "utf8");
    expect(await shownCode(page, "live-example-growth-ledger")).toBe(source.trimEnd());
    const result = page.getByTestId("live-example-growth-ledger-result");
    await expect(result.locator("script, astro-island").count()).resolves.toBe(0);
    await expect(result.getByTestId("growth-ledger-chart").locator("svg").count()).resolves.toBe(1);
  });

  it("designs XP curves: the default relative curve, then linear and polynomial ones", async () => {
    const designer = page.getByTestId("growth-xp-designer");
    const polynomial = await designXpCurves(designer);
    await expect(designer.getAttribute("data-state")).resolves.toBe("ready");

    await fillFields(designer, { "xp.levels": "0" });
    await expect.poll(() => designer.getAttribute("data-state")).toBe("error");
    await expect(designer.getByTestId("growth-xp-level").textContent()).resolves.toBe("—");
    await fillFields(designer, { "xp.levels": "20" });
    await expectShown(designer, expectedXp(polynomial));
  });

  it("simulates tiers: the default member, then recompute and lifetime points", async () => {
    const simulator = page.getByTestId("growth-tier-simulator");
    const defaults = { ...tierDefaults };
    const byDefault = expectedTiers(edition, defaults);
    await expectShown(simulator, byDefault.shown);
    await expectSpans(simulator, byDefault.spans);
    // Open Loyalty-style year-end downgrade, one step, after one month of grace: gold → silver.
    expect(byDefault.spans.map((s) => s[0])).toEqual(
      ["member", "silver", "gold", "silver"].map((t) => tierLabels[edition].tiers[t as "gold"]),
    );
    expect(byDefault.spans[3]?.[1]).toBe("2027-02-01");

    const recomputeFields = { "tier.downgrade": "recompute", "tier.grace": "0" };
    const recompute = { ...defaults, ...recomputeFields };
    await fillFields(simulator, recomputeFields);
    const recomputed = expectedTiers(edition, recompute);
    await expectShown(simulator, recomputed.shown);
    await expectSpans(simulator, recomputed.spans);
    expect(recomputed.shown["growth-tier-current"]).toBe(tierLabels[edition].tiers.member);

    const lifetimeFields = {
      "tier.basis": "lifetime-points",
      "tier.points": "900, 800, 1200, -300, 2500, 4000",
    };
    const lifetime = { ...recompute, ...lifetimeFields };
    await fillFields(simulator, lifetimeFields);
    const life = expectedTiers(edition, lifetime);
    await expectShown(simulator, life.shown);
    await expectSpans(simulator, life.spans);
    await expect(simulator.locator('[name="tier.window"]').isVisible()).resolves.toBe(false);
    await expect(simulator.getByTestId("growth-tier-strip").locator("rect").count()).resolves.toBe(
      6,
    );

    await fillFields(simulator, { "tier.start": "2025-13" });
    await expect.poll(() => simulator.getAttribute("data-state")).toBe("error");
    await fillFields(simulator, { "tier.start": "2025-01" });
    await expectShown(simulator, life.shown);
  });

  it("keeps both islands' fields in the URL under their prefixes and restores them from a link", async () => {
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      "xp.kind": "polynomial",
      "xp.scale": "50",
      "xp.levels": "20",
      "tier.basis": "lifetime-points",
      "tier.downgrade": "recompute",
      "tier.start": "2025-01",
    });
    const shared = new URL(`${session?.origin}${path}`);
    const xp = {
      ...xpDefaults,
      "xp.kind": "flat",
      "xp.levels": "12",
      "xp.base": "250",
      "xp.xp": "2750",
    };
    const tiers = {
      ...tierDefaults,
      "tier.window": "anniversary-12",
      "tier.silver": "1500",
      "tier.start": "2025-04",
    };
    for (const [name, value] of Object.entries({ ...xp, ...tiers }))
      shared.searchParams.set(name, value);
    await page.goto(shared.href, { waitUntil: "load" });

    const designer = page.getByTestId("growth-xp-designer");
    const simulator = page.getByTestId("growth-tier-simulator");
    for (const [name, value] of Object.entries(xp)) {
      await expect(designer.locator(`[name="${name}"]`).inputValue()).resolves.toBe(value);
    }
    for (const [name, value] of Object.entries(tiers)) {
      await expect(simulator.locator(`[name="${name}"]`).inputValue()).resolves.toBe(value);
    }
    await expectShown(designer, expectedXp(xp));
    const expected = expectedTiers(edition, tiers);
    await expectShown(simulator, expected.shown);
    await expectSpans(simulator, expected.spans);
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS with both islands loaded, without errors`, async () => {
    await page.getByTestId("growth-xp-designer").scrollIntoViewIfNeeded();
    await page.getByTestId("growth-tier-simulator").scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const gzipped = gzippedScripts(scripts);
    expect(gzipped.some((s) => /growthXpDesigner/.test(s.pathname))).toBe(true);
    expect(gzipped.some((s) => /growthTierSimulator/.test(s.pathname))).toBe(true);
    const total = gzipped.reduce((sum, s) => sum + s.bytes, 0);
    expect(total, JSON.stringify(gzipped)).toBeLessThanOrEqual(jsBudgetBytes);
  });
});
