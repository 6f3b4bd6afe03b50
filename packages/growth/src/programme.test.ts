import { describe, expect, it } from "vitest";
import { thrown } from "./fixtures/errors.ts";
import { createProgramme } from "./programme.ts";
import { type ProgrammeConfigInput, programmeConfigSchema } from "./schemas.ts";

// The shape a YAML file parses to.
const config: ProgrammeConfigInput & { rules: NonNullable<ProgrammeConfigInput["rules"]> } = {
  name: "Coffee stars",
  timeZone: "Europe/Paris",
  policy: {
    timeZone: "Europe/Paris",
    burnOrder: "earliest-expiry",
    expiry: { type: "rolling", duration: "P12M", roundTo: "month" },
    pendingFor: "P14D",
    returnPolicy: "within-balance",
  },
  rules: [
    { id: "spend", event: "purchase", reward: { type: "per-amount", property: "total", per: 1 } },
    {
      id: "review",
      event: "review",
      reward: { type: "fixed", points: 20 },
      cap: { period: "week", points: 40 },
    },
  ],
  levels: { type: "relative", levels: 10, base: 120, coefficient: 1.3 },
  tiers: {
    basis: "points-in-period",
    window: { type: "calendar", unit: "year" },
    downgrade: "one-step",
    tiers: [
      { id: "green", threshold: 0 },
      { id: "gold", threshold: 300 },
    ],
  },
  badges: [{ id: "regular", event: "purchase", criterion: "streak", count: 5 }],
  quests: [{ id: "spring", event: "purchase", target: 10, start: "2026-03-20", end: "2026-06-20" }],
};

describe("createProgramme", () => {
  it("ties rules, ledger policy, levels and tiers together from one YAML-shaped document", () => {
    const programme = createProgramme(config);
    expect(programme.config.tiers?.downgrade).toBe("one-step");
    expect(
      programme.earn({
        userId: "u",
        event: "purchase",
        timestamp: "2026-05-01T10:00:00Z",
        properties: { total: 7.9 },
      }).points,
    ).toBe(7);
    const { state } = programme.ledger.apply(programme.ledger.open("u"), {
      type: "earn",
      at: "2026-05-01T10:00:00Z",
      amount: 7,
    });
    expect(programme.ledger.balance(state, "2026-05-01T10:00:00Z").pending).toBe(7);
    expect(programme.level?.(479).level).toBe(4);
  });

  it("reports every problem with its path: unknown fields, duplicate rule ids, bad durations", () => {
    const result = programmeConfigSchema.safeParse({
      ...config,
      rules: [config.rules[0], config.rules[0]],
      policy: { ...config.policy, expiry: { type: "rolling", duration: "90 days" } },
      currency: "EUR",
    });
    expect(result.success).toBe(false);
    const error = thrown(() =>
      createProgramme({
        ...config,
        rules: [config.rules[0], config.rules[0]],
        policy: { ...config.policy, expiry: { type: "rolling", duration: "90 days" } },
      } as never),
    );
    const paths = error.issues.map((i) => i.path.join("."));
    expect(paths).toContain("rules.1.id");
    expect(paths).toContain("policy.expiry.duration");
  });
});
