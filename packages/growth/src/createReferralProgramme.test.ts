import { OpsbookError } from "@opsbook/core";
import { generateProduct } from "@opsbook/sample-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createReferralProgramme, type ReferralEvent } from "./createReferralProgramme.ts";
import type { ReferralProgrammeConfigInput } from "./referralSchemas.ts";

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-05T09:00:00Z");

/** Dropbox Basic: 500 MB to both sides per referral, up to 32 referrals (16 GB) for the referrer
 * (Dropbox Help Center, "How do I earn more space by referring friends?"). Points are megabytes. */
const dropbox: ReferralProgrammeConfigInput = {
  id: "dropbox-basic",
  rewards: [{ id: "space", action: "signup", referrer: 500, referee: 500 }],
  caps: { perReferrer: { referrals: 32, points: 16_000 } },
};

const code = (referrerId: string, c: string, extra: Partial<ReferralEvent> = {}): ReferralEvent =>
  ({ type: "code", at: T0, referrerId, code: c, ...extra }) as ReferralEvent;
const signup = (refereeId: string, c: string, at = T0 + DAY, extra = {}): ReferralEvent => ({
  type: "signup",
  at,
  refereeId,
  code: c,
  identity: { email: `${refereeId}@example.com` },
  ...extra,
});

describe("createReferralProgramme: documented programmes", () => {
  it("caps Dropbox Basic's double-sided 500 MB reward at 32 referrals = 16 GB for the referrer, while friends keep their 500 MB", () => {
    const p = createReferralProgramme(dropbox);
    p.process(code("ada", "ADA00001", { identity: { email: "ada@example.com" } }));
    for (let i = 0; i < 40; i++) {
      const out = p.process(signup(`f${i}`, "ADA00001", T0 + DAY + i * 3 * 3_600_000));
      expect(out.status).toBe("accepted");
    }
    const points = p.memberPoints();
    expect(points.ada).toBe(16_000);
    expect(points.f0).toBe(500);
    expect(points.f39).toBe(500);
    const s = p.summary();
    expect(s.points.referrer).toBe(16_000);
    expect(s.points.referee).toBe(40 * 500);
    expect(p.balance("ada", T0 + 10 * DAY).available).toBe(16_000);
  });

  it("marks the capped side of the 33rd referral as referrer_cap", () => {
    const p = createReferralProgramme(dropbox);
    p.process(code("ada", "ADA00001"));
    let last: ReturnType<typeof p.process> | undefined;
    for (let i = 0; i < 33; i++)
      last = p.process(signup(`f${i}`, "ADA00001", T0 + DAY + i * 3 * 3_600_000));
    expect(last?.status === "accepted" && last.grants).toEqual([
      expect.objectContaining({
        memberId: "ada",
        points: 0,
        requested: 500,
        capped: "referrer_cap",
      }),
      expect.objectContaining({ memberId: "f32", points: 500, requested: 500 }),
    ]);
  });

  it("returns Talon.One's rejection reasons as values: ReferralNotFound, ReferralStartDateInFuture, ReferralExpired, ReferralLimitReached, ReferralRecipientIdSameAsAdvocate, ReferralCustomerAlreadyReferred (Talon.One API, RejectReferralEffectProps)", () => {
    const p = createReferralProgramme({ ...dropbox, codes: { maxUses: 1 } });
    p.process(code("ada", "ADA00001", { startsAt: T0 + DAY, expiresAt: T0 + 10 * DAY }));
    p.process(code("bo", "BO000001"));
    const reasons = [
      p.process(signup("x1", "ZZZZ9999")),
      p.process(signup("x2", "ADA00001", T0)),
      p.process(signup("x3", "ADA00001", T0 + 11 * DAY)),
      p.process(signup("x4", "ADA00001", T0 + 2 * DAY)),
      p.process(signup("x5", "ADA00001", T0 + 3 * DAY)),
      p.process(signup("bo", "BO000001")),
      p.process(signup("x4", "BO000001", T0 + 3 * DAY)),
      p.process(signup("x6", "**")),
    ].map((o) => (o.status === "rejected" ? [o.reason, o.talonOne] : [o.status]));
    expect(reasons).toEqual([
      ["unknown_code", "ReferralNotFound"],
      ["code_not_started", "ReferralStartDateInFuture"],
      ["code_expired", "ReferralExpired"],
      ["accepted"],
      ["code_usage_limit", "ReferralLimitReached"],
      ["self_referral", "ReferralRecipientIdSameAsAdvocate"],
      ["already_referred", "ReferralCustomerAlreadyReferred"],
      ["malformed_code", "ReferralNotFound"],
    ]);
  });

  it("treats maxUses 0 as unlimited (Talon.One usageLimit: '0 means no limit')", () => {
    const p = createReferralProgramme({
      id: "p",
      rewards: [{ id: "r", action: "signup", referee: 1 }],
      fraud: { velocity: false },
    });
    p.process(code("ada", "ADA00001"));
    for (let i = 0; i < 50; i++)
      expect(p.process(signup(`f${i}`, "ADA00001")).status).toBe("accepted");
  });

  it("never throws for bad events: unknown programme, missing fields, bad timestamps, unknown types", () => {
    const p = createReferralProgramme(dropbox);
    const bad: unknown[] = [
      null,
      { type: "signup", at: T0, refereeId: "a", code: "ADA00001", programme: "other" },
      { type: "signup", at: "yesterday", refereeId: "a", code: "ADA00001" },
      { type: "signup", at: T0, code: "ADA00001" },
      { type: "teleport", at: T0 },
      { type: "refund", at: T0, orderId: "nope" },
      { type: "purchase", at: T0, refereeId: "ghost", orderId: "o1" },
      { type: "review", at: T0, refereeId: "ghost", decision: "maybe" },
    ];
    const out = bad.map((e) => p.process(e as ReferralEvent));
    expect(out.map((o) => (o.status === "rejected" ? o.reason : o.status))).toEqual([
      "invalid_event",
      "unknown_programme",
      "invalid_event",
      "invalid_event",
      "invalid_event",
      "unknown_order",
      "not_referred",
      "invalid_event",
    ]);
    expect(out.every((o) => o.status === "rejected" && o.event !== undefined)).toBe(true);
    expect(p.summary().rejectedEvents).toBe(8);
  });

  it("issues generated codes collision-free, re-issues the same code idempotently and refuses another referrer's code", () => {
    const p = createReferralProgramme({ ...dropbox, codes: { length: 6, prefix: "DB" } });
    const issued = [
      p.process({ type: "code", at: T0, referrerId: "ada" }),
      p.process({ type: "code", at: T0, referrerId: "bo" }),
    ];
    const codes = issued.map((o) => (o.status === "accepted" ? o.code : undefined));
    expect(codes.every((c) => /^DB[0-9A-HJKMNP-TV-Z]{6}$/.test(c ?? ""))).toBe(true);
    expect(new Set(codes).size).toBe(2);
    const again = p.process(code("ada", codes[0] as string));
    expect(again.status === "accepted" && again.code).toBe(codes[0]);
    const stolen = p.process(code("mallory", codes[0] as string));
    expect(stolen.status === "rejected" && stolen.reason).toBe("duplicate_code");
    expect(p.summary().codes).toBe(2);
  });

  it("attributes a signup from touches with the programme's window and model (Rewardful defaults: 60 days, first touch)", () => {
    const p = createReferralProgramme(dropbox);
    p.process(code("ada", "ADA00001"));
    p.process(code("bo", "BO000001"));
    const out = p.process({
      type: "signup",
      at: T0 + 30 * DAY,
      refereeId: "cy",
      touches: [
        { code: "BO000001", at: T0 + 20 * DAY },
        { code: "ADA00001", at: T0 + 2 * DAY },
      ],
    });
    expect(out.status === "accepted" && out.referrerId).toBe("ada");
    const late = p.process({
      type: "signup",
      at: T0 + 100 * DAY,
      refereeId: "di",
      touches: [{ code: "ADA00001", at: T0 }],
    });
    expect(late.status === "rejected" && late.reason).toBe("outside_window");
  });

  it("throws OpsbookError naming the field for an invalid config", () => {
    const attempt = () =>
      createReferralProgramme({ id: "x", rewards: [{ id: "r", action: "event", referrer: 5 }] });
    expect(attempt).toThrowError(OpsbookError);
    expect(attempt).toThrowError(/rewards\[0\]\.event/);
    expect(() => createReferralProgramme({ ...dropbox, pendingFor: "soon" })).toThrowError(
      /pendingFor/,
    );
    expect(() =>
      createReferralProgramme({ ...dropbox, fraud: { thresholds: { hold: 95, reject: 50 } } }),
    ).toThrowError(/fraud\.thresholds\.hold/);
  });
});

/** A first-purchase programme with a 30-day pending period (the refund window). */
const purchaseProgramme: ReferralProgrammeConfigInput = {
  id: "shop",
  rewards: [
    { id: "first", action: "first-purchase", referrer: 1000, referee: 500, minAmount: 2000 },
  ],
  pendingFor: "P30D",
};

function withReferee(config: ReferralProgrammeConfigInput) {
  const p = createReferralProgramme(config);
  p.process(code("ada", "ADA00001", { identity: { email: "ada@example.com" } }));
  p.process(signup("bob", "ADA00001"));
  return p;
}

describe("createReferralProgramme: pending rewards and clawback", () => {
  it("keeps rewards pending in the ledger until the refund window closes", () => {
    const p = withReferee(purchaseProgramme);
    const out = p.process({
      type: "purchase",
      at: T0 + 2 * DAY,
      refereeId: "bob",
      orderId: "o1",
      amount: 4900,
    });
    expect(out.status === "accepted" && out.grants.map((g) => g.points)).toEqual([1000, 500]);
    expect(p.balance("ada", T0 + 10 * DAY)).toEqual({ available: 0, pending: 1000, deficit: 0 });
    expect(p.balance("ada", T0 + 32 * DAY)).toEqual({ available: 1000, pending: 0, deficit: 0 });
  });

  it("pays nothing below minAmount, and only on the first purchase for a first-purchase reward", () => {
    const p = withReferee(purchaseProgramme);
    const small = p.process({
      type: "purchase",
      at: T0 + 2 * DAY,
      refereeId: "bob",
      orderId: "o1",
      amount: 900,
    });
    expect(small.status === "accepted" && small.grants).toEqual([]);
    const second = p.process({
      type: "purchase",
      at: T0 + 3 * DAY,
      refereeId: "bob",
      orderId: "o2",
      amount: 9000,
    });
    expect(second.status === "accepted" && second.grants).toEqual([]);
  });

  it("claws back exactly the rewards linked to the refunded order, both sides, and nothing else (FirstPromoter: refunds become negative commissions)", () => {
    const p = withReferee({
      ...purchaseProgramme,
      rewards: [
        { id: "signup", action: "signup", referrer: 100 },
        { id: "each", action: "every-purchase", referrer: 250, referee: 50 },
      ],
    });
    p.process({
      type: "purchase",
      at: T0 + 2 * DAY,
      refereeId: "bob",
      orderId: "o1",
      amount: 4900,
    });
    p.process({
      type: "purchase",
      at: T0 + 3 * DAY,
      refereeId: "bob",
      orderId: "o2",
      amount: 4900,
    });
    const refund = p.process({ type: "refund", at: T0 + 4 * DAY, orderId: "o1" });
    expect(
      refund.status === "accepted" &&
        refund.clawbacks.map((c) => [c.memberId, c.points, c.unrecovered]),
    ).toEqual([
      ["ada", 250, 0],
      ["bob", 50, 0],
    ]);
    expect(p.memberPoints()).toEqual({ ada: 100 + 250, bob: 50 });
    // refunding twice takes nothing more
    const again = p.process({ type: "refund", at: T0 + 5 * DAY, orderId: "o1" });
    expect(again.status === "accepted" && again.clawbacks).toEqual([]);
    const lots = p.ledger.lots(
      p.memberLedger("ada") as NonNullable<ReturnType<typeof p.memberLedger>>,
    );
    expect(lots.map((l) => [l.amount, l.reversed])).toEqual([
      [100, 0],
      [250, 250],
      [250, 0],
    ]);
  });

  it("reports what the ledger's return policy does not take back as unrecovered, never more than was granted", () => {
    const p = withReferee({
      id: "shop",
      rewards: [{ id: "each", action: "every-purchase", referrer: 300 }],
      pendingFor: "P7D",
      ledger: { returnPolicy: "only-pending" },
    });
    p.process({ type: "purchase", at: T0 + 2 * DAY, refereeId: "bob", orderId: "o1" });
    p.process({ type: "purchase", at: T0 + 3 * DAY, refereeId: "bob", orderId: "o2" });
    // o1 is refunded while its reward is still pending: all of it comes back
    const early = p.process({ type: "refund", at: T0 + 5 * DAY, orderId: "o1" });
    expect(early.status === "accepted" && early.clawbacks[0]).toMatchObject({
      requested: 300,
      points: 300,
      unrecovered: 0,
    });
    // o2 is refunded after its points became final: an only-pending ledger takes nothing back
    const late = p.process({ type: "refund", at: T0 + 20 * DAY, orderId: "o2" });
    expect(late.status === "accepted" && late.clawbacks[0]).toMatchObject({
      requested: 300,
      points: 0,
      unrecovered: 300,
    });
    expect(p.memberPoints()).toEqual({ ada: 300 });
    expect(p.summary().points).toMatchObject({
      granted: 600,
      clawedBack: 300,
      unrecovered: 300,
      net: 300,
    });
  });

  it("frees the referrer's cap and the budget after a clawback", () => {
    const p = withReferee({
      id: "shop",
      rewards: [{ id: "each", action: "every-purchase", referrer: 300 }],
      caps: { budget: { points: 300 } },
    });
    p.process({ type: "purchase", at: T0 + 2 * DAY, refereeId: "bob", orderId: "o1" });
    const capped = p.process({
      type: "purchase",
      at: T0 + 3 * DAY,
      refereeId: "bob",
      orderId: "o2",
    });
    expect(capped.status === "accepted" && capped.grants[0]).toMatchObject({
      points: 0,
      capped: "budget",
    });
    p.process({ type: "refund", at: T0 + 4 * DAY, orderId: "o1" });
    const again = p.process({
      type: "purchase",
      at: T0 + 5 * DAY,
      refereeId: "bob",
      orderId: "o3",
    });
    expect(again.status === "accepted" && again.grants[0]?.points).toBe(300);
    expect(p.summary().budgetUsed).toBe(300);
  });

  it("holds a referrer whose refunded customers reach 25 % of paying customers (FirstPromoter's refund-rate flag)", () => {
    const p = createReferralProgramme({
      id: "shop",
      rewards: [{ id: "each", action: "every-purchase", referrer: 100 }],
    });
    p.process(code("ada", "ADA00001"));
    for (let i = 0; i < 4; i++) {
      p.process(signup(`f${i}`, "ADA00001", T0 + DAY + i));
      p.process({ type: "purchase", at: T0 + 2 * DAY + i, refereeId: `f${i}`, orderId: `o${i}` });
    }
    p.process({ type: "refund", at: T0 + 3 * DAY, orderId: "o0" });
    const next = p.process({ type: "purchase", at: T0 + 4 * DAY, refereeId: "f1", orderId: "o9" });
    expect(next.status).toBe("held");
    expect(next.status !== "rejected" && next.risk?.reasons.map((r) => r.code)).toEqual([
      "refund_rate",
    ]);
    expect(next.status !== "rejected" && next.grants[0]).toMatchObject({
      status: "held",
      points: 0,
      requested: 100,
    });
    const approved = p.process({
      type: "review",
      at: T0 + 5 * DAY,
      refereeId: "f1",
      decision: "approve",
    });
    expect(approved.status === "accepted" && approved.grants[0]?.points).toBe(100);
  });
});

describe("createReferralProgramme: milestones, hold and review", () => {
  it("pays each milestone once, at the Nth approved qualified referral", () => {
    const p = createReferralProgramme({
      id: "m",
      rewards: [{ id: "join", action: "signup", referee: 100 }],
      milestones: [
        { referrals: 3, points: 1000 },
        { referrals: 5, points: 3000 },
      ],
      qualifyingAction: "first-purchase",
    });
    p.process(code("ada", "ADA00001"));
    for (let i = 0; i < 6; i++) {
      p.process(signup(`f${i}`, "ADA00001", T0 + DAY + i));
      p.process({ type: "purchase", at: T0 + 2 * DAY + i, refereeId: `f${i}`, orderId: `o${i}` });
      p.process({ type: "purchase", at: T0 + 3 * DAY + i, refereeId: `f${i}`, orderId: `p${i}` });
    }
    expect(p.memberPoints().ada).toBe(4000);
    expect(p.summary().points.milestone).toBe(4000);
  });

  it("holds risky referrals and grants their rewards only when a review approves them", () => {
    const p = createReferralProgramme(dropbox);
    p.process(code("ada", "ADA00001"));
    const held = p.process(
      signup("bob", "ADA00001", T0 + DAY, { identity: { email: "bob@yopmail.com" } }),
    );
    expect(held.status).toBe("held");
    expect(p.memberPoints()).toEqual({});
    expect(p.summary().points.held).toBe(1000);
    const approved = p.process({
      type: "review",
      at: T0 + 2 * DAY,
      refereeId: "bob",
      decision: "approve",
    });
    expect(approved.status === "accepted" && approved.grants.map((g) => g.points)).toEqual([
      500, 500,
    ]);
    const twice = p.process({
      type: "review",
      at: T0 + 2 * DAY,
      refereeId: "bob",
      decision: "approve",
    });
    expect(twice.status === "rejected" && twice.reason).toBe("not_held");

    p.process(signup("cy", "ADA00001", T0 + DAY, { identity: { email: "cy@yopmail.com" } }));
    p.process({ type: "review", at: T0 + 2 * DAY, refereeId: "cy", decision: "reject" });
    expect(p.referral("cy")?.status).toBe("rejected");
    expect(p.memberPoints()).toEqual({ ada: 500, bob: 500 });
  });

  it("catches sample-data's planted fraud ring (plus-addressed e-mails, shared devices, card and bursts) and pays none of it", () => {
    const product = generateProduct({ seed: 3, users: 600, days: 60 });
    const ring = product.groundTruth.fraudRing;
    expect(ring).not.toBeNull();
    const p = createReferralProgramme(dropbox);
    const users = new Map(product.users.map((u) => [u.id, u]));
    const identity = (id: string) => {
      const u = users.get(id);
      return u
        ? {
            email: u.email,
            deviceId: u.deviceId,
            ipAddress: u.ipAddress,
            ...(u.paymentFingerprint ? { paymentFingerprint: u.paymentFingerprint } : {}),
          }
        : {};
    };
    const codes = new Map<string, string>();
    for (const r of product.referrals) {
      if (!codes.has(r.referrerId)) {
        const out = p.process({
          type: "code",
          at: r.invitedAt,
          referrerId: r.referrerId,
          identity: identity(r.referrerId),
        });
        codes.set(r.referrerId, out.status === "accepted" ? (out.code as string) : "");
      }
      p.process({
        type: "signup",
        at: r.signedUpAt,
        refereeId: r.refereeId,
        code: codes.get(r.referrerId) as string,
        identity: identity(r.refereeId),
      });
    }
    const points = p.memberPoints();
    for (const id of ring?.userIds ?? []) expect(points[id]).toBeUndefined();
    const honest = product.referrals.filter((r) => !r.fraud);
    const approvedHonest = honest.filter(
      (r) => p.referral(r.refereeId)?.status === "approved",
    ).length;
    expect(approvedHonest / honest.length).toBeGreaterThan(0.9);
  });
});

describe("createReferralProgramme: properties (fast-check)", () => {
  const arbitraryConfig = fc.record({
    referrer: fc.integer({ min: 0, max: 700 }),
    referee: fc.integer({ min: 1, max: 700 }),
    perPoints: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
    perReferrals: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    budget: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: undefined }),
    capMode: fc.constantFrom("partial" as const, "all-or-nothing" as const),
  });
  const arbitraryEvents = fc.array(
    fc.record({
      referrer: fc.integer({ min: 0, max: 3 }),
      purchases: fc.integer({ min: 0, max: 3 }),
      refund: fc.boolean(),
    }),
    { maxLength: 25 },
  );

  function build(cfg: typeof arbitraryConfig extends fc.Arbitrary<infer T> ? T : never) {
    return createReferralProgramme({
      id: "prop",
      rewards: [
        { id: "join", action: "signup", referrer: cfg.referrer, referee: cfg.referee },
        { id: "buy", action: "every-purchase", referrer: cfg.referrer + 1, referee: 10 },
      ],
      milestones: [{ referrals: 2, points: 400 }],
      caps: {
        perReferrer: {
          ...(cfg.perPoints !== undefined ? { points: cfg.perPoints } : {}),
          ...(cfg.perReferrals !== undefined ? { referrals: cfg.perReferrals } : {}),
        },
        ...(cfg.budget !== undefined ? { budget: { points: cfg.budget } } : {}),
      },
      capMode: cfg.capMode,
      fraud: { velocity: false },
    });
  }

  function script(
    plan: { referrer: number; purchases: number; refund: boolean }[],
  ): ReferralEvent[] {
    const events: ReferralEvent[] = [];
    plan.forEach((s, i) => {
      const at = T0 + DAY + i * 60_000;
      events.push(signup(`f${i}`, `REF0000${s.referrer}`, at));
      for (let k = 0; k < s.purchases; k++)
        events.push({
          type: "purchase",
          at: at + (k + 1) * 1000,
          refereeId: `f${i}`,
          orderId: `o${i}-${k}`,
        });
      if (s.refund && s.purchases > 0)
        events.push({ type: "refund", at: at + 10_000, orderId: `o${i}-0` });
    });
    return events;
  }

  it("never pays a referrer beyond its caps, nor the programme beyond its budget", () => {
    fc.assert(
      fc.property(arbitraryConfig, arbitraryEvents, (cfg, plan) => {
        const p = build(cfg);
        for (let r = 0; r < 4; r++) p.process(code(`r${r}`, `REF0000${r}`));
        let rewarded = new Map<string, Set<string>>();
        for (const e of script(plan)) {
          p.process(e);
          const s = p.summary();
          if (cfg.budget !== undefined) expect(s.budgetUsed).toBeLessThanOrEqual(cfg.budget);
          expect(s.points.net).toBe(s.budgetUsed);
        }
        const points = p.memberPoints();
        const state = p.state();
        rewarded = new Map();
        for (const r of state.rewards) {
          if (r.role !== "referrer" || r.points === 0 || r.rule.startsWith("milestone")) continue;
          const set = rewarded.get(r.memberId) ?? new Set();
          set.add(r.refereeId);
          rewarded.set(r.memberId, set);
        }
        for (let r = 0; r < 4; r++) {
          if (cfg.perPoints !== undefined)
            expect(points[`r${r}`] ?? 0).toBeLessThanOrEqual(cfg.perPoints);
          if (cfg.perReferrals !== undefined)
            expect(rewarded.get(`r${r}`)?.size ?? 0).toBeLessThanOrEqual(cfg.perReferrals);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("never claws back more than a reward granted, and the ledger agrees with the records", () => {
    fc.assert(
      fc.property(arbitraryConfig, arbitraryEvents, (cfg, plan) => {
        const p = build(cfg);
        for (let r = 0; r < 4; r++) p.process(code(`r${r}`, `REF0000${r}`));
        for (const e of script(plan)) p.process(e);
        const state = p.state();
        for (const r of state.rewards) {
          expect(r.clawedBack + r.unrecovered).toBeLessThanOrEqual(r.points);
          expect(r.clawedBack).toBeGreaterThanOrEqual(0);
        }
        for (const l of state.ledgers) {
          expect(l.total).toBe(p.memberPoints()[l.memberId] ?? 0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same final state for signups in any order when no cap or velocity makes order matter", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
        fc.integer(),
        (referrers, seed) => {
          const run = (order: number[]) => {
            const p = createReferralProgramme({
              id: "order",
              rewards: [{ id: "join", action: "signup", referrer: 300, referee: 200 }],
              milestones: [{ referrals: 3, points: 1000 }],
              fraud: { velocity: false },
            });
            for (let r = 0; r < 4; r++) p.process(code(`r${r}`, `REF0000${r}`));
            for (const i of order)
              p.process(signup(`f${i}`, `REF0000${referrers[i]}`, T0 + DAY + i * 60_000));
            return { points: p.memberPoints(), summary: p.summary() };
          };
          const order = referrers.map((_, i) => i);
          const shuffled = [...order];
          let s = seed;
          for (let i = shuffled.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
          }
          expect(run(shuffled)).toEqual(run(order));
        },
      ),
      { numRuns: 100 },
    );
  });
});
