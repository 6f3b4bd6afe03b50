import { generateProduct } from "@opsbook/sample-data";
import { describe, expect, it } from "vitest";
import { discoverPersonas } from "./discoverPersonas.ts";
import { extractBehaviourFeatures } from "./extractBehaviourFeatures.ts";
import { personaSchema } from "./schemas.ts";

const product = generateProduct({ seed: 11, users: 400, days: 60 });

describe("extractBehaviourFeatures", () => {
  const features = extractBehaviourFeatures(product.events);

  it("makes one row per user with activity, breadth, recency, spend and channel indicators", () => {
    expect(features.userIds).toHaveLength(new Set(product.events.map((e) => e.userId)).size);
    expect(features.features.slice(0, 8)).toEqual([
      "events",
      "activeDays",
      "eventsPerActiveDay",
      "breadth",
      "recencyDays",
      "tenureDays",
      "purchases",
      "spend",
    ]);
    expect(features.channels.sort()).toEqual(
      ["content", "organic", "paid_search", "paid_social", "referral"].sort(),
    );
    for (const row of features.rows) expect(row.slice(8).reduce((s, v) => s + v, 0)).toBe(1);
  });
  it("agrees with the sample product's own records: spend equals the purchase orders' totals", () => {
    const spend = features.rows.reduce((s, r) => s + (r[7] as number), 0);
    expect(spend).toBe(product.orders.reduce((s, o) => s + o.amount.amount, 0));
    const u = features.users.find((x) => x.id === product.users[0]?.id);
    expect(u?.attributes.channel).toBe(product.users[0]?.channel);
  });
  it("counts active days in the given time zone", () => {
    const events = [
      { userId: "u", event: "a", timestamp: "2026-01-01T15:00:00Z" },
      { userId: "u", event: "a", timestamp: "2026-01-01T17:00:00Z" },
    ];
    expect(extractBehaviourFeatures(events).rows[0]?.[1]).toBe(1);
    expect(extractBehaviourFeatures(events, { timeZone: "Asia/Shanghai" }).rows[0]?.[1]).toBe(2);
  });
  it("rejects no events and mixed purchase currencies", () => {
    expect(() => extractBehaviourFeatures([])).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    expect(() =>
      extractBehaviourFeatures([
        {
          userId: "a",
          event: "purchase",
          timestamp: 0,
          properties: { amount: 1, currency: "USD" },
        },
        {
          userId: "b",
          event: "purchase",
          timestamp: 0,
          properties: { amount: 1, currency: "EUR" },
        },
      ]),
    ).toThrow(expect.objectContaining({ code: "conflict" }));
  });
});

describe("discoverPersonas", () => {
  it("clusters the sample product, picks k by silhouette and drafts a valid persona card per cluster", () => {
    const result = discoverPersonas(product.events, { k: [2, 4], seed: 1, nInit: 3 });
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4]);
    const best = Math.max(...result.candidates.map((c) => c.silhouette ?? -1));
    expect(result.silhouette).toBe(best);
    expect(result.clusters).toHaveLength(result.k);
    expect(result.clusters.reduce((s, c) => s + c.size, 0)).toBe(result.assignments.length);
    const sizes = result.clusters.map((c) => c.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const cluster of result.clusters) {
      expect(personaSchema.safeParse(cluster.persona).success).toBe(true);
      expect(cluster.distinguishing.length).toBeGreaterThan(0);
      const zs = cluster.distinguishing.map((d) => Math.abs(d.z));
      expect(zs).toEqual([...zs].sort((a, b) => b - a));
    }
  });
  it("gives the same result for the same seed", () => {
    const a = discoverPersonas(product.events, { k: 3, seed: "s", nInit: 2 });
    const b = discoverPersonas(product.events, { k: 3, seed: "s", nInit: 2 });
    expect(a).toEqual(b);
  });
  it("finds two planted groups and describes them by z-scores of the distinguishing feature", () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => [20 + (i % 3), 100 + i, 5]),
      ...Array.from({ length: 10 }, (_, i) => [1 + (i % 2), i % 3, 5]),
    ];
    const result = discoverPersonas(
      { features: ["activeDays", "spend", "seats"], userIds: rows.map((_, i) => `u${i}`), rows },
      { k: [2, 5], seed: 3 },
    );
    expect(result.k).toBe(2);
    expect(result.constantFeatures).toEqual(["seats"]);
    for (const c of result.clusters) {
      expect(c.zScores.seats).toBe(0);
      expect(c.distinguishing.map((d) => d.feature)).not.toContain("seats");
    }
    expect(result.clusters[0]?.persona.summary).toMatch(
      /^10 users \(50 %\)\. Distinguished by (high|low) /,
    );
  });
  it("clusters on a chosen subset of features and rejects unknown ones with not_found", () => {
    const result = discoverPersonas(product.events, {
      k: 2,
      features: ["activeDays", "spend"],
      nInit: 1,
    });
    expect(result.features).toEqual(["activeDays", "spend"]);
    expect(() => discoverPersonas(product.events, { k: 2, features: ["sessions"] })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
  });
  it("falls back to k ≤ n − 1 in a range, and rejects k larger than the number of users", () => {
    const small = { features: ["x"], userIds: ["a", "b", "c"], rows: [[0], [1], [10]] };
    expect(discoverPersonas(small, { k: [2, 8] }).candidates.map((c) => c.k)).toEqual([2]);
    expect(() => discoverPersonas(small, { k: 4 })).toThrow(
      expect.objectContaining({ code: "out_of_range" }),
    );
    expect(() =>
      discoverPersonas({ features: ["x"], userIds: ["a", "b"], rows: [[0], [1]] }, { k: [2, 3] }),
    ).toThrow(expect.objectContaining({ code: "out_of_range" }));
    expect(discoverPersonas(small, { k: 3 }).silhouette).toBeNull();
  });
  it("scores the silhouette on a seeded sample when there are more users than silhouetteSampleSize", () => {
    const result = discoverPersonas(product.events, { k: 2, nInit: 1, silhouetteSampleSize: 50 });
    expect(result.silhouette).not.toBeNull();
  });
});
