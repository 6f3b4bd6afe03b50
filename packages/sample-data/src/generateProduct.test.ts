import type { OpsEvent } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProduct } from "./generateProduct.ts";
import type { SampleProduct } from "./sampleProduct.ts";

const DAY = 86_400_000;

/** JSON with object keys sorted, so that the hash does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** 32-bit FNV-1a over UTF-16 code units (Fowler–Noll–Vo, draft-eastlake-fnv). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** Local (UTC) day index of a timestamp within the window. */
function dayOf(product: SampleProduct, timestamp: number): number {
  return Math.floor((timestamp - product.window.start) / DAY);
}

interface Activity {
  signupDay: Map<string, number>;
  activeDays: Map<string, Set<number>>;
  earlyCore: Map<string, number>;
  coreTotal: Map<string, number>;
}

function activityOf(product: SampleProduct): Activity {
  const signupDay = new Map(product.users.map((u) => [u.id, dayOf(product, u.createdAt)]));
  const activeDays = new Map<string, Set<number>>(product.users.map((u) => [u.id, new Set()]));
  const earlyCore = new Map<string, number>();
  const coreTotal = new Map<string, number>();
  for (const e of product.events) {
    const day = dayOf(product, e.timestamp);
    activeDays.get(e.userId)?.add(day);
    if (e.event !== "core_action") continue;
    coreTotal.set(e.userId, (coreTotal.get(e.userId) ?? 0) + 1);
    if (day - (signupDay.get(e.userId) as number) < 7)
      earlyCore.set(e.userId, (earlyCore.get(e.userId) ?? 0) + 1);
  }
  return { signupDay, activeDays, earlyCore, coreTotal };
}

/** N-day retention: share of `users` active on calendar day `n` after their signup day. */
function retention(activity: Activity, users: string[], n: number): number {
  let active = 0;
  for (const u of users) {
    if (activity.activeDays.get(u)?.has((activity.signupDay.get(u) as number) + n)) active++;
  }
  return active / users.length;
}

function leastSquares(xs: number[], ys: number[]): { slope: number; r2: number } {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return { slope: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) };
}

const defaultProduct = generateProduct();

describe("generateProduct determinism", () => {
  it("gives the same product for seed 42 with default options (FNV-1a hash of canonical JSON)", () => {
    const product = defaultProduct;
    expect(product.options.seed).toBe(42);
    expect(product.users).toHaveLength(2000);
    expect(fnv1a(canonicalJson(product))).toBe("e9a786e2");
  });

  it("gives the docs site's product (seed 42, 500 users, 60 days) a fixed hash", () => {
    const product = generateProduct({ seed: 42, users: 500, days: 60 });
    expect(fnv1a(canonicalJson(product))).toBe("2c11dcfa");
  });

  it("is deterministic for any seed and differs between seeds (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.string({ maxLength: 12 })),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 7, max: 40 }),
        (seed, users, days) => {
          const a = generateProduct({ seed, users, days });
          const b = generateProduct({ seed, users, days });
          expect(canonicalJson(a)).toBe(canonicalJson(b));
        },
      ),
      { numRuns: 25 },
    );
    const a = generateProduct({ seed: 1, users: 50, days: 30 });
    const b = generateProduct({ seed: 2, users: 50, days: 30 });
    expect(canonicalJson(a.events)).not.toBe(canonicalJson(b.events));
  });

  it("round-trips through JSON unchanged (plain JSON-safe data)", () => {
    const product = generateProduct({ users: 200, days: 30 });
    expect(JSON.parse(JSON.stringify(product))).toEqual(product);
  });
});

/** Every broken invariant, as readable strings (empty when the product is consistent). */
function invariantProblems(product: SampleProduct): string[] {
  const problems: string[] = [];
  const fail = (message: string) => {
    if (problems.length < 20) problems.push(message);
  };
  const users = new Map(product.users.map((u) => [u.id, u]));
  if (users.size !== product.users.length) fail("user ids are not unique");
  if (new Set(product.users.map((u) => u.email)).size !== users.size)
    fail("e-mails are not unique");
  const { start, end } = product.window;
  let previous = Number.NEGATIVE_INFINITY;
  const purchases = new Map<string, OpsEvent>();
  product.events.forEach((e, i) => {
    const where = `events[${i}] (${e.event})`;
    if (e.timestamp < previous) fail(`${where} is earlier than the event before it`);
    previous = e.timestamp;
    const user = users.get(e.userId);
    if (!user) fail(`${where} has unknown user ${e.userId}`);
    else if (e.timestamp < user.createdAt) fail(`${where} precedes its user's signup`);
    if (e.timestamp < start || e.timestamp >= end) fail(`${where} lies outside the window`);
    if (!Number.isInteger(e.timestamp)) fail(`${where} has a fractional timestamp`);
    if (e.event === "purchase") purchases.set(e.properties?.orderId as string, e);
    if (e.event === "refund") {
      const purchase = purchases.get(e.properties?.orderId as string);
      if (!purchase || purchase.userId !== e.userId) fail(`${where} refunds no earlier purchase`);
      else if (purchase.properties?.amount !== e.properties?.amount)
        fail(`${where} amount differs`);
    }
  });
  const signups = product.events.filter((e) => e.event === "signup").length;
  if (signups !== users.size) fail(`${signups} signups for ${users.size} users`);
  if (purchases.size !== product.orders.length) fail("purchase events and orders differ");
  for (const order of product.orders) {
    if (purchases.get(order.id)?.timestamp !== order.createdAt) fail(`${order.id} has no purchase`);
    if (order.refundedAt !== null && order.refundedAt <= order.createdAt)
      fail(`${order.id} is refunded before it was paid`);
    if (!Number.isInteger(order.amount.amount)) fail(`${order.id} amount is not in minor units`);
  }
  const firstOrders = new Set(product.orders.map((o) => `${o.userId} ${o.createdAt} ${o.planId}`));
  for (const s of product.subscriptions) {
    if ((s.status === "active") !== (s.canceledAt === null)) fail(`${s.id} status`);
    if (!firstOrders.has(`${s.userId} ${s.startedAt + 1000} ${s.planId}`))
      fail(`${s.id} has no first payment`);
    if (s.canceledAt !== null && (s.canceledAt <= s.startedAt || s.canceledAt >= end))
      fail(`${s.id} is canceled outside its life`);
    if (users.get(s.userId)?.plan !== (s.status === "active" ? s.planId : "free"))
      fail(`${s.userId} plan does not match ${s.id}`);
  }
  for (const r of product.referrals) {
    const referrer = users.get(r.referrerId);
    if (!referrer || referrer.createdAt > r.invitedAt)
      fail(`${r.id} invited before the referrer joined`);
    if (r.invitedAt > r.signedUpAt) fail(`${r.id} signed up before the invitation`);
    if (users.get(r.refereeId)?.channel !== "referral")
      fail(`${r.id} referee is not from referral`);
  }
  for (const a of product.survey) {
    const prices = [a.tooCheap, a.cheap, a.expensive, a.tooExpensive].map((m) => m.amount);
    if (prices.some((p, i) => i > 0 && p <= (prices[i - 1] as number)))
      fail(`survey answer of ${a.userId} is not increasing: ${prices.join(", ")}`);
  }
  return problems;
}

describe("generateProduct invariants", () => {
  it("sorts events, keeps them after their user's signup, and refunds after purchases (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 7, max: 70 }),
        fc.constantFrom("UTC", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe"),
        (seed, users, days, timeZone) => {
          expect(invariantProblems(generateProduct({ seed, users, days, timeZone }))).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("holds the invariants on the default product", () => {
    expect(invariantProblems(defaultProduct)).toEqual([]);
  });

  it("counts days in the time zone: a window over the US spring-forward day is one hour short", () => {
    const product = generateProduct({
      users: 50,
      days: 14,
      startDate: "2026-03-02",
      timeZone: "America/New_York",
    });
    expect(product.window.start).toBe(Date.parse("2026-03-02T00:00:00-05:00"));
    expect(product.window.end).toBe(Date.parse("2026-03-16T00:00:00-04:00"));
    expect(product.window.end - product.window.start).toBe(14 * DAY - 3_600_000);
  });

  it("prices plans in the chosen currency with its exponent (JPY has none)", () => {
    const product = generateProduct({ users: 300, days: 60, currency: "JPY" });
    expect(product.plans.map((p) => p.price)).toEqual([
      { amount: 0, currency: "JPY" },
      { amount: 1400, currency: "JPY" },
      { amount: 4400, currency: "JPY" },
      { amount: 12000, currency: "JPY" },
    ]);
    const prices = new Map(product.plans.map((p) => [p.id, p.price.amount]));
    for (const order of product.orders) {
      expect(order.amount.currency).toBe("JPY");
      if (order.planId) expect(order.amount.amount).toBe(prices.get(order.planId));
    }
  });

  it("rejects invalid options with an OpsbookError naming each path", () => {
    expect(() => generateProduct({ users: 0 })).toThrowError(/users/);
    expect(() => generateProduct({ days: 3 })).toThrowError(/days/);
    expect(() => generateProduct({ startDate: "2026-02-30" })).toThrowError(/startDate/);
    expect(() => generateProduct({ timeZone: "Mars/Base" })).toThrowError(/timeZone/);
    expect(() => generateProduct({ users: 100, fraudRingSize: 30 })).toThrowError(/fraudRingSize/);
    try {
      generateProduct({ users: -1, seed: 0.5 } as never);
    } catch (error) {
      expect((error as Error).name).toBe("OpsbookError");
      expect((error as { issues: unknown[] }).issues).toHaveLength(2);
    }
    expect.assertions(7);
  });
});

describe("the generative model, measured on 3,000 users over 120 days", () => {
  const product = generateProduct({ seed: 2026, users: 3000, days: 120 });
  const activity = activityOf(product);
  const ids = product.users.map((u) => u.id);
  const ring = new Set(product.groundTruth.fraudRing?.userIds ?? []);

  it("plants an aha moment: ≥ 3 core actions in the first 7 days doubles day-28–32 retention", () => {
    const observed = ids.filter((u) => (activity.signupDay.get(u) as number) <= 120 - 33);
    const aha = observed.filter((u) => (activity.earlyCore.get(u) ?? 0) >= 3);
    const others = observed.filter((u) => (activity.earlyCore.get(u) ?? 0) < 3);
    let ahaRetention = 0;
    let otherRetention = 0;
    for (let n = 28; n <= 32; n++) {
      ahaRetention += retention(activity, aha, n) / 5;
      otherRetention += retention(activity, others, n) / 5;
    }
    expect(aha.length).toBeGreaterThan(500);
    expect(others.length).toBeGreaterThan(500);
    expect(ahaRetention / otherRetention).toBeGreaterThan(1.7);
    expect(ahaRetention / otherRetention).toBeLessThan(2.3);
  });

  it("decays retention like a power law (log-log slope ≈ −β = −0.5, straighter than log-linear)", () => {
    const observed = ids.filter((u) => (activity.signupDay.get(u) as number) <= 120 - 61);
    const days: number[] = [];
    const rates: number[] = [];
    for (let n = 7; n <= 60; n++) {
      days.push(n);
      rates.push(Math.log(retention(activity, observed, n)));
    }
    const powerLaw = leastSquares(days.map(Math.log), rates);
    const exponential = leastSquares(days, rates);
    expect(powerLaw.slope).toBeGreaterThan(-0.65);
    expect(powerLaw.slope).toBeLessThan(-0.35);
    expect(powerLaw.r2).toBeGreaterThan(exponential.r2);
  });

  it("has weekly seasonality: weekdays ≈ 1.4 × weekend days (factors 1.09 vs 0.78)", () => {
    const weekday = [0, 0];
    const weekend = [0, 0];
    for (const u of ids) {
      const first = activity.signupDay.get(u) as number;
      const active = activity.activeDays.get(u) as Set<number>;
      for (let d = first + 7; d < 120; d++) {
        const iso = (new Date(product.window.start + d * DAY).getUTCDay() + 6) % 7;
        const bucket = iso >= 5 ? weekend : weekday;
        bucket[1] = (bucket[1] as number) + 1;
        if (active.has(d)) bucket[0] = (bucket[0] as number) + 1;
      }
    }
    const ratio =
      (weekday[0] as number) /
      (weekday[1] as number) /
      ((weekend[0] as number) / (weekend[1] as number));
    expect(ratio).toBeGreaterThan(1.28);
    expect(ratio).toBeLessThan(1.52);
  });

  it("has signups that rise, peak near the Bass peak, then fall (a lifecycle)", () => {
    const weeks = Array.from({ length: 17 }, () => 0);
    for (const u of ids) {
      const w = Math.floor((activity.signupDay.get(u) as number) / 7);
      if (w < 17) weeks[w] = (weeks[w] as number) + 1;
    }
    const peak = Math.max(...weeks);
    const peakWeek = weeks.indexOf(peak);
    expect(weeks[0]).toBeLessThan(peak / 2.5);
    expect(weeks[16]).toBeLessThan(peak * 0.85);
    expect(Math.abs(peakWeek * 7 + 3.5 - product.groundTruth.lifecycle.peakDay)).toBeLessThan(21);
    expect(product.groundTruth.lifecycle.stage).toBe("maturity");
  });

  it("activates users at each channel's planted rate (within 0.08 for channels of ≥ 100 users)", () => {
    const activated = new Set(
      product.events.filter((e) => e.event === "onboarding_tutorial").map((e) => e.userId),
    );
    for (const channel of product.channels) {
      const members = product.users.filter((u) => u.channel === channel.id && !ring.has(u.id));
      if (members.length < 100) continue;
      const rate = members.filter((u) => activated.has(u.id)).length / members.length;
      expect(Math.abs(rate - channel.activationRate), channel.id).toBeLessThan(0.08);
    }
    const rateOf = (id: string) => product.channels.find((c) => c.id === id)?.activationRate ?? 0;
    expect(rateOf("referral")).toBeGreaterThan(rateOf("paid_social"));
  });

  it("has heavy-tailed activity: the top 10 % of users do over 40 % of core actions", () => {
    const totals = ids.map((u) => activity.coreTotal.get(u) ?? 0).sort((a, b) => b - a);
    const all = totals.reduce((a, b) => a + b, 0);
    const top = totals.slice(0, ids.length / 10).reduce((a, b) => a + b, 0);
    expect(top / all).toBeGreaterThan(0.4);
    expect(totals[0]).toBeGreaterThan(20 * (totals[ids.length / 2] as number));
  });

  it("sets each paid channel's daily spend to its target CAC times its users over the window", () => {
    const cac = { paid_search: 40, paid_social: 60, content: 25 } as Record<string, number>;
    for (const channel of product.channels) {
      const count = product.users.filter((u) => u.channel === channel.id).length;
      const expected = Math.round(((cac[channel.id] ?? 0) * count) / 120) * 100;
      expect(channel.dailySpend).toEqual({ amount: expected, currency: "USD" });
    }
  });

  it("plants a fraud ring: shared devices and IPs, plus-addressed e-mails, bursts, flagged referrals", () => {
    const truth = product.groundTruth.fraudRing;
    expect(truth?.userIds).toHaveLength(30);
    const members = product.users.filter((u) => ring.has(u.id));
    expect(new Set(members.map((u) => u.deviceId)).size).toBe(2);
    expect(new Set(members.map((u) => u.ipAddress)).size).toBe(3);
    expect(new Set(members.map((u) => u.ipAddress.split(".").slice(0, 3).join("."))).size).toBe(1);
    expect(new Set(members.map((u) => u.paymentFingerprint)).size).toBe(1);
    const [local, domain] = (truth?.emailBase ?? "").split("@");
    for (const u of members) expect(u.email).toMatch(new RegExp(`^${local}\\+\\d+@${domain}$`));
    expect(product.users.find((u) => u.id === truth?.referrerId)?.email).toBe(truth?.emailBase);
    const outsiders = product.users.filter((u) => !ring.has(u.id));
    const ringDevices = new Set(truth?.deviceIds);
    expect(outsiders.some((u) => ringDevices.has(u.deviceId))).toBe(false);
    for (const burst of truth?.bursts ?? []) {
      expect(burst.end - burst.start).toBeLessThanOrEqual(90 * 60_000);
      const inBurst = members.filter((u) => u.createdAt >= burst.start && u.createdAt <= burst.end);
      expect(inBurst).toHaveLength(burst.count);
    }
    const flagged = product.referrals.filter((r) => r.fraud);
    expect(flagged.map((r) => r.refereeId).sort()).toEqual([...ring].sort());
    expect(new Set(flagged.map((r) => r.referrerId))).toEqual(new Set([truth?.referrerId]));
  });

  it("answers the pricing survey around the planted median value", () => {
    const { survey } = product;
    expect(survey.length).toBeGreaterThan(200);
    const expensive = survey.map((r) => r.expensive.amount / 100).sort((a, b) => a - b);
    const median = expensive[Math.floor(expensive.length / 2)] as number;
    // expensive ≈ 1.4 × value; the planted median value is 24 USD
    expect(median / 1.4).toBeGreaterThan(20);
    expect(median / 1.4).toBeLessThan(28);
    expect(product.groundTruth.pricing.medianValue).toEqual({ amount: 2400, currency: "USD" });
  });
});
