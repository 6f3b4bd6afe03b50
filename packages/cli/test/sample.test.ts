import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { streamEvents } from "@opsbook/sample-data";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { binary, cleanEnv, nodeForBinary, opsbook } from "./binary.ts";

const scratch = mkdtempSync(join(tmpdir(), "opsbook-cli-sample-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let cwd = scratch;
let run = 0;
beforeEach(() => {
  cwd = join(scratch, `case-${++run}`);
  mkdirSync(cwd);
});
const sample = (...args: string[]) => opsbook(["sample", ...args], { cwd });
const options = { users: 40, days: 21, seed: "cli" };
const expected = [...streamEvents(options)];

describe("opsbook sample", () => {
  it("writes the sample product's events as NDJSON, the same as streamEvents with the same seed", () => {
    const result = sample(
      "--users",
      "40",
      "--days",
      "21",
      "--seed",
      "cli",
      "--out",
      "events.ndjson",
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `wrote events.ndjson: ${expected.length} events of 40 users over 21 days (seed cli, ndjson)\n`,
    );
    const lines = readFileSync(join(cwd, "events.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      expected.map((event) => ({ ...event, timestamp: new Date(event.timestamp).toISOString() })),
    );
    expect(readdirSync(cwd)).toEqual(["events.ndjson"]);
  });

  it("writes CSV (from --format or the .csv extension) with a header and RFC 4180 quoting", () => {
    const result = sample(
      "--users",
      "40",
      "--days",
      "21",
      "--seed",
      "cli",
      "-o",
      "events.csv",
      "-q",
    );
    expect(result).toEqual({ status: 0, stdout: "", stderr: "" });
    const lines = readFileSync(join(cwd, "events.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("userId,event,timestamp,properties");
    expect(lines).toHaveLength(expected.length + 1);
    const withProperties = expected.findIndex((event) => event.properties);
    const event = expected[withProperties]!;
    expect(lines[withProperties + 1]).toBe(
      `${event.userId},${event.event},${new Date(event.timestamp).toISOString()},"${JSON.stringify(event.properties).replaceAll('"', '""')}"`,
    );
    sample("--users", "40", "--days", "21", "--seed", "cli", "--format", "csv", "-o", "events.txt");
    expect(readFileSync(join(cwd, "events.txt"), "utf8")).toBe(
      readFileSync(join(cwd, "events.csv"), "utf8"),
    );
  });

  it("rejects bad options with exit 2, naming the option, and writes nothing", () => {
    const cases: [string[], string][] = [
      [["--users", "40"], "missing --out <file>"],
      [["--users", "many", "-o", "x.ndjson"], "--users: expected a whole number"],
      [["--days", "3", "-o", "x.ndjson"], "--days: expected number ≥ 7"],
      [["--users", "0", "-o", "x.ndjson"], "--users: expected number ≥ 1"],
      [["--format", "xml", "-o", "x.ndjson"], "--format: expected one of ndjson, csv"],
      [["--rows", "5", "-o", "x.ndjson"], "unknown option --rows"],
    ];
    for (const [args, message] of cases) {
      const result = sample(...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("leaves an existing file untouched and no partial file when it cannot write (exit 1)", () => {
    writeFileSync(join(cwd, "events.ndjson"), "previous\n");
    const missingFolder = sample("--users", "5", "-o", "no/such/folder/events.ndjson");
    expect(missingFolder.status, missingFolder.stderr).toBe(1);
    expect(missingFolder.stderr).toContain(
      'cannot write "no/such/folder/events.ndjson": the folder does not exist',
    );
    mkdirSync(join(cwd, "folder"));
    const folder = sample("--users", "5", "-o", "folder");
    expect(folder.status, folder.stderr).toBe(2);
    expect(folder.stderr).toContain('"folder" is a folder');
    expect(readdirSync(cwd).sort()).toEqual(["events.ndjson", "folder"]);
    expect(readdirSync(join(cwd, "folder"))).toEqual([]);
    expect(readFileSync(join(cwd, "events.ndjson"), "utf8")).toBe("previous\n");
  });

  it("leaves no partial file when interrupted with Ctrl-C (SIGINT) mid-stream: exit 130", async () => {
    writeFileSync(join(cwd, "events.ndjson"), "previous\n");
    const child = spawn(
      nodeForBinary,
      [binary, "sample", "--users", "100000", "-o", "events.ndjson"],
      {
        cwd,
        env: cleanEnv(),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Wait until the temporary file is being written, then interrupt.
    const deadline = Date.now() + 15_000;
    while (!readdirSync(cwd).some((name) => name.endsWith(".tmp")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(readdirSync(cwd).some((name) => name.endsWith(".tmp"))).toBe(true);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain('stopped by SIGINT; "events.ndjson" was not written');
    expect(readdirSync(cwd)).toEqual(["events.ndjson"]);
    expect(readFileSync(join(cwd, "events.ndjson"), "utf8")).toBe("previous\n");
  });
});
