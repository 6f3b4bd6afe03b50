import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listPlays } from "@opsbook/plays";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { opsbook } from "./binary.ts";

// The shipped plays change as plays are added: the test copies whichever play the package ships
// first, preferring one with a config so that both files are exercised.
const english = listPlays({ language: "en" });
const play = english.find((candidate) => candidate.config) ?? english[0]!;
const chinese = listPlays({ language: "zh-cn" }).find((candidate) => candidate.slug === play.slug);
const fileNames = [`${play.slug}.md`, ...(play.config ? [play.config.fileName] : [])].sort();

const scratch = mkdtempSync(join(tmpdir(), "opsbook-cli-init-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let cwd = scratch;
let run = 0;
beforeEach(() => {
  cwd = join(scratch, `case-${++run}`);
  mkdirSync(cwd);
});
const init = (...args: string[]) => opsbook(["init", ...args], { cwd });

describe("opsbook init", () => {
  it("has a play to copy (the plays package ships at least one)", () => {
    expect(english.length).toBeGreaterThan(0);
  });

  it("copies the play's Markdown and its config into a new folder, byte for byte", () => {
    const result = init(play.slug, "ops/plays");
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(cwd, "ops/plays")).sort()).toEqual(fileNames);
    expect(readFileSync(join(cwd, "ops/plays", `${play.slug}.md`), "utf8")).toBe(play.markdown);
    if (play.config) {
      expect(readFileSync(join(cwd, "ops/plays", play.config.fileName), "utf8")).toBe(
        play.config.text,
      );
    }
    expect(result.stdout).toContain(`created ops/plays/${play.slug}.md`);
    // The copies validate as they are.
    const copies = fileNames.map((name) => join("ops/plays", name));
    expect(opsbook(["validate", ...copies], { cwd }).status).toBe(0);
  });

  it("copies into the current folder by default, the Chinese edition with --lang zh-cn, silently with --quiet", () => {
    if (!chinese) return;
    const result = init(play.slug, "--lang", "zh-cn", "--quiet");
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(cwd, `${play.slug}.md`), "utf8")).toBe(chinese.markdown);
  });

  it("refuses to overwrite an existing file without --force, writing nothing (exit 2)", () => {
    writeFileSync(join(cwd, `${play.slug}.md`), "my edited copy\n");
    const result = init(play.slug);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(`nothing written: ${play.slug}.md already exists`);
    expect(result.stderr).toContain("use --force to overwrite");
    expect(readdirSync(cwd)).toEqual([`${play.slug}.md`]);
    expect(readFileSync(join(cwd, `${play.slug}.md`), "utf8")).toBe("my edited copy\n");

    const forced = init(play.slug, "--force");
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(join(cwd, `${play.slug}.md`), "utf8")).toBe(play.markdown);
  });

  it("never writes through a symbolic link: refuses one in the way, even with --force", () => {
    const outside = join(scratch, `outside-${run}.md`);
    writeFileSync(outside, "not yours\n");
    symlinkSync(outside, join(cwd, `${play.slug}.md`));
    const refused = init(play.slug, "--force");
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`${play.slug}.md exists and is not a regular file`);
    expect(readFileSync(outside, "utf8")).toBe("not yours\n");
  });

  it.each([
    ["../x", "a parent-folder path"],
    ["/etc/passwd", "an absolute path"],
    ["acquisition/referral-launch", "a name with a slash"],
    ["..\\x", "a Windows-style traversal"],
    ["x.md", "a file name"],
  ])("rejects %s (%s) with exit 2 and writes nothing", (name) => {
    const result = init(name, "target");
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(`"${name}" is not a play name`);
    expect(readdirSync(cwd)).toEqual([]);
    expect(existsSync(join(scratch, "x"))).toBe(false);
  });

  it("rejects an unknown play with exit 2, suggests close names and points to opsbook plays", () => {
    const prefix = play.slug.split("-").slice(0, 2).join("-");
    const result = init(prefix === play.slug ? `${prefix}-nope` : prefix);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/unknown play ".+" in en; did you mean /);
    expect(result.stderr).toContain('"opsbook plays" lists the');
    expect(init("no-such-play-anywhere").stderr).toContain(
      'unknown play "no-such-play-anywhere" in en',
    );
  });

  it("rejects a target that is a file, and a missing or extra argument, with exit 2", () => {
    writeFileSync(join(cwd, "notes.txt"), "");
    expect(init(play.slug, "notes.txt").stderr).toContain('"notes.txt" exists and is not a folder');
    expect(init().stderr).toContain("missing argument; usage: opsbook init <play> [dir]");
    expect(init(play.slug, "a", "b").stderr).toContain('unexpected argument "b"');
  });
});
