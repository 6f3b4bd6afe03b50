import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createProgramme, referralPopulation, simulateProgramme } from "@opsbook/growth";
import { validatePlayConfig } from "@opsbook/plays";
import { cheapestPlan } from "@opsbook/pricing";
import { generateProduct } from "@opsbook/sample-data";
import { describe, expect, it } from "vitest";
import { fixtures, opsbook } from "./binary.ts";

const configs = join(fixtures, "configs");
const simulate = (...args: string[]) => opsbook(["simulate", ...args], { cwd: configs });
const json = (...args: string[]) => {
  const result = simulate(...args, "--json");
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};
/** A fixture config as plain data (YAML read by @opsbook/plays, `kind` removed), unchecked. */
function configOf(file: string): Record<string, unknown> {
  const raw = { parse: (config: unknown) => config, package: "test" };
  const text = readFileSync(join(configs, file), "utf8");
  const kind = /^kind: (\S+)$/m.exec(text)![1]!;
  return validatePlayConfig(text, { path: file, validators: { [kind]: { kind, ...raw } } })
    .config as Record<string, unknown>;
}
const small = ["--users", "120", "--days", "30"];

describe("opsbook simulate", { timeout: 120_000 }, () => {
  it("runs a referral programme with simulateProgramme on the sample product's referrals (same percentiles)", () => {
    const out = json("referral-programme.yaml", "--runs", "12", "--seed", "7", ...small);
    const population = referralPopulation(generateProduct({ seed: "7/0", users: 120, days: 30 }));
    const direct = simulateProgramme(configOf("referral-programme.yaml") as never, population, {
      runs: 12,
      seed: 7,
      redemptionRate: 0.7,
      pointValue: 1,
    });
    expect(out.kind).toBe("referral-programme");
    expect(out.metrics).toEqual(JSON.parse(JSON.stringify(direct.metrics)));
    expect(out.details.population).toEqual(direct.population);
  });

  it("shares a referral simulation's runs between threads without changing its result", () => {
    const args = ["referral-programme.yaml", "--runs", "7", "--seed", "5", ...small];
    const one = json(...args, "--workers", "1");
    expect(one.details.firstRun).toBe(0);
    expect(json(...args, "--workers", "3")).toEqual(one);
    // More threads than runs: one run each.
    expect(json(...args, "--workers", "12")).toEqual(one);
  });

  it("runs a points programme: points issued as createProgramme's earning rules give them, breakage by redemption rate", () => {
    const product = generateProduct({ seed: "42/0", users: 120, days: 30 });
    const programme = createProgramme(configOf("points-programme.yaml") as never);
    const caps = new Map<string, never>();
    let issued = 0;
    for (const event of product.events) {
      const earned = programme.earn(event, { caps: caps.get(event.userId) ?? {} });
      caps.set(event.userId, earned.caps as never);
      issued += earned.points;
    }
    expect(issued).toBeGreaterThan(0);
    const none = json(
      "points-programme.yaml",
      "--runs",
      "1",
      "--redemption-rate",
      "0",
      ...small,
    ).metrics;
    expect(none.issued.p50).toBe(issued);
    expect(none.redeemed.p50).toBe(0);
    expect(none.breakageRate.p50).toBeCloseTo(
      (none.expired.p50 + none.outstanding.p50) / issued,
      10,
    );
    const all = json(
      "points-programme.yaml",
      "--runs",
      "1",
      "--redemption-rate",
      "1",
      "--point-value",
      "2",
      ...small,
    ).metrics;
    expect(all.issued.p50).toBe(issued);
    expect(all.breakagePoints.p50).toBe(all.expired.p50);
    expect(all.redeemed.p50 + all.expired.p50 + all.outstanding.p50).toBe(issued);
    expect(all.cost.p50).toBe(all.redeemed.p50 * 2);
  });

  it("prices a price book's cheapest fitting plan for each active user (cheapestPlan), percentiles over runs", () => {
    const out = json("price-book.yaml", "--runs", "3", "--usage-scale", "100", ...small);
    const revenues = [0, 1, 2].map((run) => {
      const product = generateProduct({ seed: `42/${run}`, users: 120, days: 30 });
      const from = product.window.end - 30 * 86_400_000;
      const usage = new Map<string, number>();
      for (const e of product.events) {
        if (e.timestamp >= from && e.timestamp < product.window.end)
          usage.set(e.userId, (usage.get(e.userId) ?? 0) + 1);
      }
      let revenue = 0;
      for (const count of usage.values()) {
        const choice = cheapestPlan(configOf("price-book.yaml") as never, {
          events: count * 100,
          seats: 1,
        });
        revenue += choice.candidates.find((c) => c.planId === choice.planId)!.total.amount;
      }
      return revenue;
    });
    expect(out.metrics.revenue.min).toBe(Math.min(...revenues));
    expect(out.metrics.revenue.max).toBe(Math.max(...revenues));
    expect(out.metrics.revenue.mean).toBeCloseTo(revenues.reduce((a, b) => a + b) / 3, 6);
    expect(out.metrics["plan:growth"].mean).toBeGreaterThan(0);
  });

  it("prints a table of percentiles, the same for the same seed", () => {
    const first = simulate("price-book.yaml", "--runs", "2", ...small);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Simulation of price-book.yaml (price-book)");
    expect(first.stdout).toMatch(/mean\s+p5\s+p25\s+p50\s+p75\s+p95/);
    expect(first.stdout).toContain("monthly revenue (USD)");
    expect(simulate("price-book.yaml", "--runs", "2", ...small).stdout).toBe(first.stdout);
  });

  it("reports a config that does not validate, or is not YAML, with file:line:column (exit 1)", () => {
    const bad = simulate("bad-points-programme.yaml", ...small);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe(
      "opsbook simulate: bad-points-programme.yaml:6:36: rules[0].reward.points: expected number > 0, received number -10\n",
    );
    const json = simulate("price-book.txt", ...small);
    expect(json.status).toBe(1);
    expect(json.stderr).toContain("price-book.txt:1:53: config: Flow sequence in block collection");
  });

  it("refuses kinds it cannot simulate, missing files and bad options (exit 2)", () => {
    const cases: [string[], string][] = [
      [
        ["experiment-plan.yaml"],
        "a config of kind experiment-plan cannot be simulated; simulate runs price-book, growth-programme, referral-programme configs",
      ],
      [["nowhere.yaml"], 'cannot read "nowhere.yaml": no such file'],
      [["price-book.yaml", "--runs", "0"], "--runs: expected a whole number from 1 to 10000"],
      [
        ["price-book.yaml", "--redemption-rate", "2"],
        "--redemption-rate: expected a number from 0 to 1",
      ],
      [
        ["referral-programme.yaml", "--workers", "0"],
        "--workers: expected a whole number from 1 to 64",
      ],
      [[], "missing argument; usage: opsbook simulate <config>"],
    ];
    for (const [args, message] of cases) {
      const result = simulate(...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});
