import { describe, expect, it } from "vitest";
import { bayesianTest } from "./bayesianTest.ts";
import { decide } from "./decide.ts";
import { frequentistTest } from "./frequentistTest.ts";
import { sequentialTest } from "./sequentialTest.ts";

const base = {
  name: "Onboarding checklist",
  hypothesis: "A checklist raises day-7 activation.",
  primaryMetric: { name: "activated" },
  guardrails: [{ name: "refunds", direction: "decrease" as const }],
  minimumDetectableEffect: 0.1,
  split: [1, 1],
  duration: { minDays: 14, maxDays: 28 },
};
const win = {
  c: { type: "proportion", n: 5000, conversions: 500 },
  t: { type: "proportion", n: 5000, conversions: 600 },
} as const;
const flat = {
  c: { type: "proportion", n: 5000, conversions: 500 },
  t: { type: "proportion", n: 5000, conversions: 502 },
} as const;

describe("decide", () => {
  it("ships a frequentist win only after the planned minimum duration", () => {
    const plan = { ...base, decisionRule: { engine: "frequentist" as const } };
    const primary = frequentistTest(win.c, win.t);
    expect(decide({ daysRunning: 10, primary }, plan).decision).toBe("keep-running");
    expect(decide({ daysRunning: 14, primary }, plan).decision).toBe("ship");
  });
  it("lets a sequential plan ship early", () => {
    const plan = { ...base, decisionRule: { engine: "sequential" as const } };
    const primary = sequentialTest(win.c, { type: "proportion", n: 5000, conversions: 700 });
    expect(decide({ daysRunning: 3, primary }, plan).decision).toBe("ship");
  });
  it("stops on SRM and on a harmed guardrail", () => {
    const plan = { ...base, decisionRule: { engine: "frequentist" as const } };
    const primary = frequentistTest(win.c, win.t);
    expect(decide({ daysRunning: 20, primary, srmPValue: 1e-6 }, plan).reason).toMatch(
      /Sample ratio mismatch/,
    );
    const refunds = frequentistTest(win.c, win.t); // refunds went up: bad for a "decrease" guardrail
    expect(decide({ daysRunning: 20, primary, guardrails: { refunds } }, plan)).toMatchObject({
      decision: "stop",
    });
  });
  it("stops an inconclusive test at the maximum duration", () => {
    const plan = { ...base, decisionRule: { engine: "bayesian" as const } };
    const primary = bayesianTest(flat.c, flat.t);
    expect(decide({ daysRunning: 20, primary }, plan).decision).toBe("keep-running");
    expect(decide({ daysRunning: 28, primary }, plan).decision).toBe("stop");
  });
  it("rejects an invalid plan and a result from another engine with OpsbookError", () => {
    const primary = frequentistTest(win.c, win.t);
    expect(() =>
      decide(
        { daysRunning: 1, primary },
        { ...base, split: [0, 0], decisionRule: { engine: "frequentist" } },
      ),
    ).toThrow(/plan\.split/);
    expect(() =>
      decide({ daysRunning: 1, primary }, { ...base, decisionRule: { engine: "bayesian" } }),
    ).toThrow(expect.objectContaining({ code: "conflict" }));
  });
});
