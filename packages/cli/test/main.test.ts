import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtures, opsbook, packageDir } from "./binary.ts";

const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  version: string;
};
const commands = ["plays", "init", "validate", "analyze", "simulate", "sample"];

describe("opsbook (the built binary)", () => {
  it("prints its version with --version and -v, exit 0, on the machine's Node and the workspace's", () => {
    for (const flag of ["--version", "-v"]) {
      const result = opsbook([flag]);
      expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    }
    expect(opsbook(["--version"], { node: process.execPath }).stdout).toBe(`${version}\n`);
  });

  it("lists the commands and the exit codes with --help, exit 0", () => {
    const result = opsbook(["--help"]);
    expect(result.status, result.stderr).toBe(0);
    for (const command of commands)
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(result.stdout).toContain("Exit codes:");
  });

  it("prints the same help with help [command], exit 0", () => {
    const result = opsbook(["help"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(opsbook(["--help"]).stdout);
    expect(opsbook(["help", "sample"]).stdout).toBe(opsbook(["sample", "--help"]).stdout);
  });

  it("prints the overview on stderr and exits 2 when no command is given", () => {
    const result = opsbook([]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: opsbook <command>");
  });

  it.each(commands)("has --help for %s with usage, options, examples and exit codes", (command) => {
    const result = opsbook([command, "--help"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: opsbook ${command}`));
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toMatch(new RegExp(`^  opsbook ${command} `, "m"));
    expect(result.stdout).toContain("Exit codes:");
  });

  it("rejects an unknown command with exit 2 and names the commands", () => {
    const result = opsbook(["analyse"]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'unknown command "analyse"; the commands are plays, init, validate, analyze, simulate, sample',
    );
  });

  it("rejects an unknown option with exit 2 and points to the command's help", () => {
    const result = opsbook(["plays", "--colour"]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain("opsbook plays: unknown option --colour");
    expect(result.stderr).toContain('Run "opsbook plays --help" for usage.');
  });

  it("rejects an option without its value and an unexpected argument with exit 2", () => {
    expect(opsbook(["plays", "--category"]).stderr).toContain("option --category takes a value");
    const extra = opsbook(["plays", "retention"]);
    expect(extra.status, extra.stderr).toBe(2);
    expect(extra.stderr).toContain('unexpected argument "retention"');
  });

  it("colours only when asked: never in a pipe, with FORCE_COLOR, never with NO_COLOR or --no-color", () => {
    const ansi = /\[1m|\[32m/;
    const args = ["validate", join(fixtures, "plays", "activation-threshold.md")];
    expect(opsbook(args).stdout).not.toMatch(ansi);
    expect(opsbook(args, { env: { FORCE_COLOR: "1" } }).stdout).toMatch(ansi);
    expect(opsbook(args, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(ansi);
    expect(opsbook([...args, "--no-color"], { env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(
      ansi,
    );
  });
});
