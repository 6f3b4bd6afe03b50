import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configValidators } from "@opsbook/plays";
import { afterAll, describe, expect, it } from "vitest";
import { fixtures, opsbook } from "./binary.ts";

// Config kinds are registered as packages ship their plays: the list comes from @opsbook/plays.
const knownKinds = Object.keys(configValidators).sort().join(", ");
const scratch = mkdtempSync(join(tmpdir(), "opsbook-cli-validate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Paths are given relative to the fixtures folder, as a user names files relative to where they are.
const validate = (...args: string[]) => opsbook(["validate", ...args], { cwd: fixtures });

describe("opsbook validate", () => {
  it("accepts a valid play and a valid config: exit 0, one ok line each and a summary", () => {
    const result = validate("plays/activation-threshold.md", "configs/experiment-plan.yaml");
    expect(result).toEqual({
      status: 0,
      stdout: [
        "ok    plays/activation-threshold.md (play)",
        "ok    configs/experiment-plan.yaml (config)",
        "2 files valid",
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(validate("--quiet", "plays/activation-threshold.md").stdout).toBe("");
  });

  it("reports every frontmatter problem of a play with file:line:column and what was expected, exit 1", () => {
    const result = validate("plays/broken/activation-threshold.md");
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      'plays/broken/activation-threshold.md:5:27: error lifecycleStages[1]: expected one of "introduction", "growth", "maturity", "decline", received string "booming"',
      'plays/broken/activation-threshold.md:6:27: error effort.run: expected an ISO-8601 duration such as PT2H, P3D, P2W or P1M, received string "1 week"',
      "2 problems in 1 of 1 file",
      "",
    ]);
  });

  it("locates YAML syntax errors and a missing frontmatter", () => {
    const unclosed = validate("plays/broken/unclosed-list.md");
    expect(unclosed.status, unclosed.stderr).toBe(1);
    expect(unclosed.stdout).toMatch(
      /^plays\/broken\/unclosed-list\.md:8:1: error frontmatter: .*\]/m,
    );
    const missing = validate("plays/broken/no-frontmatter.md");
    expect(missing.stdout).toContain(
      "plays/broken/no-frontmatter.md:1:1: error frontmatter: a play starts with YAML frontmatter between two --- lines",
    );
    const duplicate = validate("configs/duplicate-key.yaml");
    expect(duplicate.status, duplicate.stderr).toBe(1);
    expect(duplicate.stdout).toContain(
      "configs/duplicate-key.yaml:4:1: error config: Map keys must be unique",
    );
  });

  it("checks configs with the validator of their kind, naming each wrong value's line and column", () => {
    const result = validate("configs/bad-values.yaml", "configs/unknown-kind.yaml");
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      "configs/bad-values.yaml:3:7: error name: expected string, received number 42",
      "configs/bad-values.yaml:19:10: error decisionRule.alpha: expected number < 1, received number 5",
      `configs/unknown-kind.yaml:1:7: error kind: no validator for config kind "loyalty-galaxy" (known kinds: ${knownKinds})`,
      "3 problems in 2 of 2 files",
      "",
    ]);
  });

  it("rejects a config in the wrong format (JSON) as a problem of that file, exit 1", () => {
    const result = validate("configs/experiment-plan.json", "configs/experiment-plan.yaml");
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain(
      "configs/experiment-plan.json:1:1: error file: expected a play (.md) or a YAML config (.yaml or .yml), received a .json file",
    );
    expect(result.stdout).toContain("ok    configs/experiment-plan.yaml (config)");
  });

  it("reads a Chinese play's language from its headings, or from --lang", () => {
    expect(validate("plays/zh/activation-threshold.md").status).toBe(0);
    const forcedEnglish = validate("--lang", "en", "plays/zh/activation-threshold.md");
    expect(forcedEnglish.status, forcedEnglish.stderr).toBe(1);
    expect(forcedEnglish.stdout).toMatch(/plays\/zh\/activation-threshold\.md:\d+:\d+: error /);
  });

  it("prints JSON with --json: validity, and each problem's line, column, path and expectation", () => {
    const result = validate(
      "--json",
      "plays/activation-threshold.md",
      "plays/broken/activation-threshold.md",
    );
    expect(result.status, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.files[0]).toEqual({
      file: "plays/activation-threshold.md",
      kind: "play",
      valid: true,
      problems: [],
    });
    expect(report.files[1].problems[1]).toMatchObject({
      line: 6,
      column: 27,
      code: "invalid_input",
      path: ["effort", "run"],
      expected: "duration string",
      received: 'string "1 week"',
    });
  });

  it("exits 2 for a file that does not exist or a folder, and 2 without any file", () => {
    const missing = validate("plays/activation-threshold.md", "plays/nope.md");
    expect(missing.status, missing.stderr).toBe(2);
    expect(missing.stderr).toContain('cannot read "plays/nope.md": no such file');
    const folder = validate("plays");
    expect(folder.status, folder.stderr).toBe(2);
    expect(folder.stderr).toContain('cannot read "plays": it is a folder');
    const none = validate();
    expect(none.status, none.stderr).toBe(2);
    expect(none.stderr).toContain("missing argument; usage: opsbook validate <files...>");
  });

  it("handles Windows line endings and a byte-order mark", () => {
    const file = join(scratch, "plan.yaml");
    writeFileSync(file, "\uFEFFkind: experiment-plan\r\nname: 7\r\n");
    const result = opsbook(["validate", file]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain(`${file}:2:7: error name: expected string, received number 7`);
  });
});
