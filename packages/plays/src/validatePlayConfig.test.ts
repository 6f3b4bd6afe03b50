import { OpsbookError, validate } from "@opsbook/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { caught, columnOf, lineOf } from "../test/fixtures.ts";
import { configValidators, type PlayConfigValidator } from "./configValidators.ts";
import { validatePlayConfig } from "./validatePlayConfig.ts";

// A validator the way a domain package writes one: its zod schema through core's validate.
const referralSchema = z.strictObject({
  reward: z.strictObject({ referrer: z.number().int().min(0), referee: z.number().int().min(0) }),
  qualification: z.strictObject({ event: z.string(), within: z.iso.duration() }),
});
const validators: Record<string, PlayConfigValidator> = {
  "referral-programme": {
    kind: "referral-programme",
    package: "@opsbook/growth",
    parse: (config) => validate(referralSchema, config, { label: "config" }),
  },
};

const config = `# Double-sided referral
kind: referral-programme
reward:
  referrer: 500
  referee: 500
qualification: { event: first_purchase, within: P30D }
`;
const path = "playbooks/acquisition/referral-programme.yaml";

describe("validatePlayConfig", () => {
  it("hands the document without kind to the validator of its kind", () => {
    expect(validatePlayConfig(config, { path, validators })).toEqual({
      kind: "referral-programme",
      package: "@opsbook/growth",
      config: {
        reward: { referrer: 500, referee: 500 },
        qualification: { event: "first_purchase", within: "P30D" },
      },
    });
  });

  it("locates every problem the validator reports at its value in the file", () => {
    const text = config.replace("referee: 500", "referee: -5").replace("P30D", "30 days");
    const error = caught(() => validatePlayConfig(text, { path, validators }));
    expect(error.name).toBe("OpsbookError");
    expect(error.issues.map((i) => [i.path.join("."), i.line, i.column])).toEqual([
      ["reward.referee", lineOf(text, "referee"), columnOf(text, "-5")],
      ["qualification.within", lineOf(text, "30 days"), columnOf(text, "30 days")],
    ]);
    // The validator's message (core's wording), then the place in the file.
    expect(error.issues[0]!.message).toMatch(
      /^reward\.referee: expected .*≥ 0, received number -5 \(playbooks\/acquisition\/referral-programme\.yaml:5:12\)$/,
    );
  });

  it("refuses a kind that no validator handles (unsupported) and names the known kinds", () => {
    const error = caught(() =>
      validatePlayConfig("kind: points-programme\n", { path: "points.yaml", validators }),
    );
    expect(error.code).toBe("unsupported");
    expect(error.issues[0]).toMatchObject({ path: ["kind"], line: 1, column: 7 });
    expect(error.message).toMatch(/known kinds: referral-programme/);
  });

  it("uses the package registry by default, which knows the experiment plan and the price book", () => {
    expect(Object.keys(configValidators)).toEqual(
      expect.arrayContaining(["experiment-plan", "price-book", "lifecycle-thresholds"]),
    );
    const seatPlan = config.replace("kind: referral-programme", "kind: seat-plan");
    expect(caught(() => validatePlayConfig(seatPlan, { path })).message).toMatch(
      /no validator for config kind "seat-plan" \(known kinds: (?:[a-z-]+, )*experiment-plan, (?:[a-z-]+, )*price-book[,)]/,
    );
  });

  it("requires a mapping with a kebab-case kind", () => {
    expect(caught(() => validatePlayConfig("reward: 5\n", { path, validators })).message).toMatch(
      /^kind: missing \(expected string\)/,
    );
    expect(
      caught(() => validatePlayConfig("kind: Referral\n", { path, validators })).message,
    ).toMatch(/^kind: expected the config kind in kebab-case/);
    expect(caught(() => validatePlayConfig("- a\n- b\n", { path, validators })).name).toBe(
      "OpsbookError",
    );
  });

  it("reports YAML syntax errors with their line", () => {
    const error = caught(() =>
      validatePlayConfig("kind: referral-programme\nreward: [1, 2\n", { path, validators }),
    );
    expect(error.issues[0]!.message).toMatch(/^config: /);
    expect(error.issues[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("lets errors other than OpsbookError through unchanged", () => {
    const broken: PlayConfigValidator = {
      kind: "broken",
      package: "@opsbook/core",
      parse: () => {
        throw new RangeError("bug");
      },
    };
    expect(() => validatePlayConfig("kind: broken\n", { path, validators: { broken } })).toThrow(
      RangeError,
    );
  });

  it("does not take inherited properties for validators", () => {
    expect(caught(() => validatePlayConfig("kind: constructor\n", { path, validators })).code).toBe(
      "unsupported",
    );
  });

  it("validates its options", () => {
    expect(() => validatePlayConfig(config, { path: "" })).toThrow(OpsbookError);
    expect(() =>
      validatePlayConfig(config, { path, validators: { x: {} as PlayConfigValidator } }),
    ).toThrow(OpsbookError);
  });
});
