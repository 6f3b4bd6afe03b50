import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/run.ts";
import { fixtures } from "./binary.ts";

const file = join(fixtures, "events", "events.csv");
const args = ["analyze", "funnel", "--events", file, "--steps", "signup,purchase", "--json"];

async function analyze(stderrIsTTY: boolean, extra: string[] = []) {
  let stdout = "";
  let stderr = "";
  const code = await run([...args, ...extra], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTTY, columns: 80 },
    env: {},
  });
  return { code, stdout, stderr };
}

describe("opsbook analyze progress bar", () => {
  it("draws a progress bar on stderr when it is a terminal, and clears it before the result", async () => {
    const { code, stdout, stderr } = await analyze(true);
    expect(code).toBe(0);
    // A carriage return redraws the line; the erase-line sequence (ESC [K) clears it at the end.
    expect(stderr.startsWith("\rreading ")).toBe(true);
    expect(stderr).toContain(`events.csv [${"#".repeat(30)}] 100% 0.0 / 0.0 MB`);
    expect(stderr.endsWith("\r\u001b[K")).toBe(true);
    expect(JSON.parse(stdout).analysis).toBe("funnel");
  });

  it("writes nothing to stderr when it is not a terminal, or with --quiet", async () => {
    expect((await analyze(false)).stderr).toBe("");
    expect((await analyze(true, ["--quiet"])).stderr).toBe("");
  });
});
