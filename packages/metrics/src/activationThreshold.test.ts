import { generateProduct } from "@opsbook/sample-data";
import { describe, expect, it } from "vitest";
import { activationThreshold } from "./activationThreshold.ts";

const D = 86_400_000;

describe("activationThreshold", () => {
  it("builds the 2×2 table, phi, lift and coverage", () => {
    // 10 users: 4 post 3+ times on day 0 (3 retained), 6 post less (1 retained).
    const events = Array.from({ length: 10 }, (_, i) => {
      const userId = `u${i}`;
      const posts = i < 4 ? 3 : 1;
      const retained = i < 3 || i === 9;
      return [
        { userId, event: "signup", timestamp: 0 },
        ...Array.from({ length: posts }, (_, k) => ({
          userId,
          event: "post",
          timestamp: (k + 1) * 60_000,
        })),
        ...(retained ? [{ userId, event: "visit", timestamp: 30 * D }] : []),
      ];
    }).flat();
    const result = activationThreshold(events, {
      actions: ["post"],
      windowsDays: [1],
      thresholds: [3],
      minSupport: 1,
      asOf: 60 * D,
    });
    const [best] = result.ranked;
    expect(best!.table).toEqual({
      hitRetained: 3,
      hitNotRetained: 1,
      missRetained: 1,
      missNotRetained: 5,
    });
    // phi = (3·5 − 1·1) / √(4·6·4·6) = 14 / 24
    expect(best!.phi).toBeCloseTo(14 / 24, 12);
    expect(best!.lift).toBeCloseTo(0.75 / (1 / 6), 12);
    expect(best!.coverage).toBe(0.4);
    expect(result.baseRetention).toBe(0.4);
  });
  it("leaves out users whose retention window has not ended, and rules without support", () => {
    const events = [
      { userId: "old", event: "signup", timestamp: 0 },
      { userId: "new", event: "signup", timestamp: 50 * D },
    ];
    const result = activationThreshold(events, { actions: ["post"], asOf: 60 * D });
    expect(result.eligibleUsers).toBe(1);
    expect(result.ranked).toEqual([]);
    expect(result.belowSupport).toBe(15);
  });
  it("finds the aha moment planted in the sample product (3 core actions in 7 days)", () => {
    const product = generateProduct({ seed: 7, users: 3000, days: 120 });
    const result = activationThreshold(product.events, {
      actions: ["core_action"],
      windowsDays: [7],
      thresholds: [1, 3, 10],
      signupEvent: "signup",
      retentionDays: [28, 32],
    });
    const rule = result.ranked.find((c) => c.threshold === 3)!;
    expect(rule.lift).toBeGreaterThan(1.5);
    expect(rule.phi).toBeGreaterThan(0);
  });
  it("gives zeros for empty input and names bad options", () => {
    expect(activationThreshold([], { actions: ["a"] })).toMatchObject({
      eligibleUsers: 0,
      ranked: [],
    });
    expect(() => activationThreshold([], { actions: [] })).toThrow(/options\.actions/);
    expect(() => activationThreshold([], { actions: ["a"], retentionDays: [9, 2] })).toThrow(
      /options\.retentionDays/,
    );
  });
});
