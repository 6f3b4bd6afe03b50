import { listPlays } from "@opsbook/plays";
import { describe, expect, it } from "vitest";
import { run } from "./run.ts";
import type { CliIo } from "./schemas.ts";

/** An in-memory terminal or pipe. */
function capture(stream: { isTTY?: boolean; columns?: number } = {}, env: CliIo["env"] = {}) {
  const out = { text: "", ...stream, write: (text: string) => (out.text += text) };
  const err = { text: "", ...stream, write: (text: string) => (err.text += text) };
  return { out, err, io: { stdout: out, stderr: err, env } satisfies CliIo };
}

const ansi = String.fromCharCode(27);
const english = listPlays({ language: "en" });

describe("run", () => {
  it("colours a terminal, but not a pipe, and never with NO_COLOR or --no-color", async () => {
    const tty = capture({ isTTY: true, columns: 200 });
    expect(await run(["plays"], tty.io)).toBe(0);
    expect(tty.out.text).toContain(`${ansi}[1mSLUG`);
    const pipe = capture();
    await run(["plays"], pipe.io);
    expect(pipe.out.text).not.toContain(ansi);
    const noColor = capture({ isTTY: true, columns: 200 }, { NO_COLOR: "1" });
    await run(["plays"], noColor.io);
    expect(noColor.out.text).not.toContain(ansi);
    const flag = capture({ isTTY: true, columns: 200 });
    await run(["plays", "--no-color"], flag.io);
    expect(flag.out.text).not.toContain(ansi);
    // An empty NO_COLOR does not count (no-color.org).
    const empty = capture({ isTTY: true, columns: 200 }, { NO_COLOR: "" });
    await run(["plays"], empty.io);
    expect(empty.out.text).toContain(ansi);
  });

  it("cuts summaries to the terminal's width, and never in a pipe", async () => {
    const narrow = capture({ isTTY: true, columns: 80 }, { NO_COLOR: "1" });
    await run(["plays"], narrow.io);
    const lines = narrow.out.text.trimEnd().split("\n");
    // The summary column keeps at least 20 columns when the others fill the window.
    const limit = Math.max(80, lines[0]!.indexOf("SUMMARY") + 20);
    expect(lines.filter((line) => line.length > limit)).toEqual([]);
    if (english.some((play) => play.summary.length > 40)) expect(narrow.out.text).toContain("…");
    const pipe = capture();
    await run(["plays"], pipe.io);
    for (const play of english) expect(pipe.out.text).toContain(play.summary);
  });

  it("counts Chinese characters as two columns when cutting", async () => {
    const narrow = capture({ isTTY: true, columns: 90 }, { NO_COLOR: "1" });
    await run(["plays", "--lang", "zh-cn"], narrow.io);
    const [header, ...rows] = narrow.out.text.trimEnd().split("\n");
    const start = header!.indexOf("SUMMARY");
    for (const row of rows) {
      let width = 0;
      for (const char of row.slice(start))
        width += /[\u2e80-\ua4cf\uff00-\uff60]/.test(char) ? 2 : 1;
      expect(width).toBeLessThanOrEqual(Math.max(20, 90 - start));
    }
  });

  it("rejects arguments that are not strings and an io without write methods (OpsbookError)", async () => {
    await expect(run([1] as never)).rejects.toMatchObject({
      name: "OpsbookError",
      code: "invalid_input",
    });
    await expect(run([], { stdout: {} as never })).rejects.toMatchObject({ name: "OpsbookError" });
  });

  it("resolves files against io.cwd", async () => {
    const { io, out } = capture();
    const cwd = new URL("../test/fixtures/", import.meta.url).pathname;
    expect(await run(["validate", "plays/activation-threshold.md"], { ...io, cwd })).toBe(0);
    expect(out.text).toContain("ok    plays/activation-threshold.md (play)");
  });
});
