/**
 * Browser test of the referral-programmes guide in both editions: the three live examples, their
 * numbers recomputed here by calling @opsbook/growth, @opsbook/plays and @opsbook/sample-data
 * directly — the simulation of the "Double-sided referral launch" play's programme, the planted
 * fraud ring replayed through the "Referral fraud review" play's rules, and the K-factor and viral
 * projection of the sample product; the code shown beside each result; the static chart; and the
 * page's JavaScript budget.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createReferralProgramme,
  kFactor,
  projectViralGrowth,
  type ReferralEvent,
  type ReferralProgrammeConfigInput,
  referralPopulation,
  simulateProgramme,
} from "@opsbook/growth";
import { getPlay, validatePlayConfig } from "@opsbook/plays";
import { generateProduct } from "@opsbook/sample-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatCents,
  formatCount,
  formatDecimal,
  formatShare,
  formatSimulationValue,
  shownPercentiles,
  simulationMetrics,
} from "../src/lib/referralsFormat.ts";
import {
  assertBuilt,
  type BrowserSession,
  docsRoot,
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

const editions = [
  ["en", "/guides/referrals/"],
  ["zh-cn", "/zh-cn/guides/referrals/"],
] as const;

const product = generateProduct({ seed: 42, users: 2000, days: 120 });
const population = referralPopulation(product);

function playConfig(slug: string, path: string): ReferralProgrammeConfigInput {
  const play = getPlay(slug, "en");
  return validatePlayConfig(play.config?.text ?? "", { path })
    .config as ReferralProgrammeConfigInput;
}

/** The simulation's table: percentiles of each metric over 50 seeded runs of the play's programme. */
function expectedSimulation(): Record<string, string> {
  const sim = simulateProgramme(
    playConfig("double-sided-referral-launch", "referral-programme.yaml"),
    population,
    { runs: 50, seed: "referrals-guide", pointValue: 1, currency: "USD", redemptionRate: 0.7 },
  );
  const shown: Record<string, string> = {
    "referrals-sim-runs": "50",
    "referrals-sim-population": `${formatCount(sim.population.referrals)} / ${formatCount(sim.population.fraudReferrals)}`,
  };
  for (const metric of simulationMetrics) {
    const id = metric.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    for (const p of shownPercentiles)
      shown[`referrals-sim-${id}-${p}`] = formatSimulationValue(metric, sim.metrics[metric][p]);
  }
  return shown;
}

/**
 * The fraud ring: every referral of the sample product replayed through the fraud-review play's
 * rules (reward paid at signup) and through the same programme with every rule off. The ring is
 * taken from the generator's ground truth (`groundTruth.fraudRing.userIds`).
 */
function expectedFraudRing(): { shown: Record<string, string>; reasons: Record<string, string> } {
  const reviewed = playConfig("referral-fraud-review", "referral-fraud-rules.yaml");
  const config = {
    ...reviewed,
    rewards: [{ id: "join", action: "signup" as const, referrer: 1000, referee: 1000 }],
  };
  const off = {
    ...config,
    fraud: {
      selfReferral: false as const,
      sharedFingerprint: false as const,
      velocity: false as const,
      disposableEmail: false as const,
      existingCustomer: false as const,
      refundRate: false as const,
    },
  };
  const ring = new Set(product.groundTruth.fraudRing?.userIds ?? []);
  const byId = new Map(product.users.map((u) => [u.id, u]));
  const signals = (id: string) => {
    const u = byId.get(id);
    return {
      email: u?.email ?? undefined,
      deviceId: u?.deviceId ?? undefined,
      ipAddress: u?.ipAddress ?? undefined,
      paymentFingerprint: u?.paymentFingerprint ?? undefined,
    };
  };
  const referrers = [...new Set(population.referrals.map((r) => r.referrerId))];
  const timed: { at: number; event: ReferralEvent }[] = [];
  referrers.forEach((referrerId, i) => {
    const at = byId.get(referrerId)?.createdAt ?? 0;
    const code = `REF${String(i).padStart(5, "0")}`;
    timed.push({
      at,
      event: { type: "code", at, referrerId, code, identity: signals(referrerId) },
    });
  });
  const codeOf = new Map(referrers.map((id, i) => [id, `REF${String(i).padStart(5, "0")}`]));
  for (const r of population.referrals) {
    const event: ReferralEvent = {
      type: "signup",
      at: r.signedUpAt,
      refereeId: r.refereeId,
      identity: signals(r.refereeId),
    };
    const code = codeOf.get(r.referrerId);
    if (code !== undefined) event.code = code;
    timed.push({ at: r.signedUpAt, event });
  }
  (population.orders ?? []).forEach((o, i) => {
    const orderId = o.id ?? `order-${i}`;
    timed.push({
      at: o.createdAt,
      event: { type: "purchase", at: o.createdAt, refereeId: o.userId, orderId, amount: o.amount },
    });
    if (o.refundedAt !== null)
      timed.push({ at: o.refundedAt, event: { type: "refund", at: o.refundedAt, orderId } });
  });
  timed.sort((a, b) => a.at - b.at);

  const guarded = createReferralProgramme(config);
  const open = createReferralProgramme(off, { postToLedger: false });
  const outcomes = {
    ring: { rejected: 0, held: 0, approved: 0 },
    honest: { rejected: 0, held: 0, approved: 0 },
  };
  const reasons: Record<string, number> = {};
  for (const { event } of timed) {
    open.process(event);
    const outcome = guarded.process(event);
    if (event.type !== "signup") continue;
    const inRing = ring.has(event.refereeId);
    const tally = inRing ? outcomes.ring : outcomes.honest;
    const status =
      outcome.status === "rejected"
        ? "rejected"
        : guarded.referral(event.refereeId)?.status === "held"
          ? "held"
          : "approved";
    tally[status]++;
    if (inRing)
      for (const reason of outcome.risk?.reasons ?? [])
        reasons[reason.code] = (reasons[reason.code] ?? 0) + 1;
  }
  const paid = (programme: typeof guarded) =>
    programme
      .rewards()
      .filter((r) => ring.has(r.refereeId) && r.status === "posted")
      .reduce((sum, r) => sum + r.points - r.clawedBack, 0);
  const withRules = paid(guarded);
  const withoutRules = paid(open);
  const total = (t: { rejected: number; held: number; approved: number }) =>
    t.rejected + t.held + t.approved;
  return {
    shown: {
      "referrals-ring-size": formatCount(total(outcomes.ring)),
      "referrals-ring-rejected": formatCount(outcomes.ring.rejected),
      "referrals-ring-held": formatCount(outcomes.ring.held),
      "referrals-ring-approved": formatCount(outcomes.ring.approved),
      "referrals-ring-honest": formatCount(total(outcomes.honest)),
      "referrals-ring-false-positives": formatCount(
        outcomes.honest.rejected + outcomes.honest.held,
      ),
      "referrals-ring-paid-without-rules": formatCount(withoutRules),
      "referrals-ring-paid-with-rules": formatCount(withRules),
      "referrals-ring-prevented": formatCount(withoutRules - withRules),
      "referrals-ring-prevented-money": formatCents(withoutRules - withRules),
    },
    reasons: Object.fromEntries(
      Object.entries(reasons).map(([code, n]) => [`referrals-ring-reason-${code}`, formatCount(n)]),
    ),
  };
}

/** K = invitations per user × conversion of invitations into honest referrals (Skok). */
function expectedViral(): Record<string, string> {
  const invites = product.events.filter((e) => e.event === "invite_sent").length;
  const honest = product.referrals.filter((r) => !r.fraud);
  const i = invites / product.users.length;
  const c = honest.length / invites;
  const k = kFactor(i, c);
  const joined = new Map(product.users.map((u) => [u.id, u.createdAt]));
  const gaps = honest
    .map((r) => (r.signedUpAt - (joined.get(r.referrerId) ?? r.signedUpAt)) / 86_400_000)
    .sort((a, b) => a - b);
  const cycle = Math.max(1, Math.round(gaps[Math.floor(gaps.length / 2)] ?? 1));
  const projection = projectViralGrowth({
    initialUsers: 1000,
    k,
    cycleTimeDays: cycle,
    days: 180,
    decay: 0.1,
  });
  return {
    "referrals-viral-invites": formatCount(invites),
    "referrals-viral-invites-per-user": formatDecimal(i, 3),
    "referrals-viral-conversion": formatShare(c),
    "referrals-viral-k": formatDecimal(k, 3),
    "referrals-viral-cycle": formatCount(cycle),
    "referrals-viral-amplification": k < 1 ? formatDecimal(1 / (1 - k), 2) : "—",
    "referrals-viral-total": formatCount(projection.totalUsers),
    "referrals-viral-limit": projection.limit === null ? "—" : formatCount(projection.limit),
  };
}

const simulation = expectedSimulation();
const fraudRing = expectedFraudRing();
const viral = expectedViral();

let session: BrowserSession | undefined;
let page: Page;

beforeAll(async () => {
  session = await openBrowserSession({ viewport: phoneViewport });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe("the referral examples' expected values", () => {
  it("catch every referral of the planted ring without stopping an honest one", () => {
    const ringSize = product.groundTruth.fraudRing?.userIds.length ?? 0;
    expect(ringSize).toBeGreaterThan(0);
    expect(fraudRing.shown["referrals-ring-size"]).toBe(formatCount(ringSize));
    expect(fraudRing.shown["referrals-ring-rejected"]).toBe(formatCount(ringSize));
    expect(fraudRing.shown["referrals-ring-false-positives"]).toBe("0");
    expect(fraudRing.shown["referrals-ring-paid-with-rules"]).toBe("0");
    expect(fraudRing.shown["referrals-ring-prevented"]).not.toBe("0");
    // The ring plus-addresses the referrer's e-mail: every one of its referrals is a self-referral.
    expect(fraudRing.reasons["referrals-ring-reason-self_referral"]).toBe(formatCount(ringSize));
  });

  it("find no fraud exposure under a first-purchase reward: the ring never buys", () => {
    for (const p of shownPercentiles) {
      expect(simulation[`referrals-sim-fraud-exposure-${p}`]).toBe("0.00");
      expect(simulation[`referrals-sim-fraud-exposure-without-rules-${p}`]).toBe("0.00");
    }
  });
});

describe.each(editions)("the referral-programmes guide (%s)", (_edition, path) => {
  let scripts = new Set<string>();
  let stopWatching: () => PageProblems;

  beforeAll(async () => {
    ({ scripts, stopWatching } = await openRecordingScripts(page, `${session?.origin}${path}`));
  });

  it("shows the simulation's percentiles computed by simulateProgramme", async () => {
    expect(await shownTexts(page, Object.keys(simulation))).toEqual(simulation);
  });

  it("shows what the fraud-review rules did to the planted ring", async () => {
    expect(await shownTexts(page, Object.keys(fraudRing.shown))).toEqual(fraudRing.shown);
    expect(await shownTexts(page, Object.keys(fraudRing.reasons))).toEqual(fraudRing.reasons);
    await expect(
      page.getByTestId("referrals-ring-reasons").locator("tbody tr").count(),
    ).resolves.toBe(Object.keys(fraudRing.reasons).length);
  });

  it("shows the K-factor and viral projection of the sample product", async () => {
    expect(await shownTexts(page, Object.keys(viral))).toEqual(viral);
  });

  it.each([
    ["live-example-referrals-simulation", "referralsSimulation.ts"],
    ["live-example-referrals-fraud-ring", "referralsFraudRing.ts"],
    ["live-example-referrals-viral", "referralsViral.ts"],
  ])(
    "shows the source of %s line for line, and ships no script in its result",
    async (testId, file) => {
      const source = readFileSync(join(docsRoot, "src/examples", file), "utf8");
      expect(await shownCode(page, testId)).toBe(source.trimEnd());
      const result = page.getByTestId(`${testId}-result`);
      await expect(result.locator("script, astro-island").count()).resolves.toBe(0);
    },
  );

  it("draws the cost percentiles as a static SVG chart", async () => {
    const chart = page.getByTestId("referrals-sim-chart");
    await expect(chart.locator("svg").count()).resolves.toBe(1);
    // One tick per run, and the three percentile lines with their labels.
    const labels = await chart.locator("svg text").allTextContents();
    for (const p of ["P5", "P50", "P95"])
      expect(labels.some((t) => t.startsWith(`${p} `))).toBe(true);
  });

  it(`loads at most ${jsBudgetBytes / 1024} KB of gzipped JS, without errors`, async () => {
    await page.getByTestId("live-example-referrals-fraud-ring").scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    expect(stopWatching()).toEqual({ consoleErrors: [], failedRequests: [] });
    const total = gzippedScripts(scripts).reduce((sum, s) => sum + s.bytes, 0);
    expect(total).toBeLessThanOrEqual(jsBudgetBytes);
  });
});
