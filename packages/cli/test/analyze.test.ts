import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpsEvent } from "@opsbook/core";
import {
  activationThreshold,
  funnel,
  growthAccounting,
  lifecycle,
  retention,
  stickiness,
} from "@opsbook/metrics";
import { rfmSegments, rfmTransactionsFromEvents } from "@opsbook/persona";
import { afterAll, describe, expect, it } from "vitest";
import { fixtures, opsbook } from "./binary.ts";

const eventsDir = join(fixtures, "events");
const badDir = join(eventsDir, "bad");
const scratch = mkdtempSync(join(tmpdir(), "opsbook-cli-analyze-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The events every fixture holds, read independently of the CLI from the Segment NDJSON file
// (userId, else anonymousId, as Segment's identity rules say).
const events: OpsEvent[] = readFileSync(join(eventsDir, "segment.ndjson"), "utf8")
  .trimEnd()
  .split("\n")
  .map((line) => {
    const row = JSON.parse(line);
    const properties = Object.keys(row.properties).length > 0 ? row.properties : undefined;
    return {
      userId: row.userId ?? row.anonymousId,
      event: row.event,
      timestamp: Date.parse(row.timestamp),
      ...(properties ? { properties } : {}),
    };
  });

const analyze = (args: string[], cwd = eventsDir) => opsbook(["analyze", ...args], { cwd });
const json = (args: string[]) => {
  const result = analyze([...args, "--json"]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};
/** What a library result looks like after JSON (undefined fields dropped). */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

const steps = ["signup", "core_action", "purchase"];
const analyses: [name: string, args: string[], expected: () => unknown][] = [
  [
    "funnel",
    ["--steps", steps.join(","), "--window", "P7D"],
    () => funnel(events, { steps: steps.map((event) => ({ event })), conversionWindow: "P7D" }),
  ],
  [
    "retention",
    ["--unit", "week", "--periods", "4", "--cohort", "first-time"],
    () => retention(events, { unit: "week", periods: 4, cohort: "first-time" }),
  ],
  ["lifecycle", ["--unit", "day"], () => lifecycle(events, { unit: "day" })],
  ["growth", ["--unit", "week"], () => growthAccounting(events, { unit: "week" })],
  ["stickiness", [], () => stickiness(events, { unit: "day" })],
  [
    "rfm",
    [],
    () => rfmSegments(rfmTransactionsFromEvents(events.filter((e) => e.event === "purchase"))),
  ],
  [
    "activation",
    [
      "--actions",
      "core_action,invite_sent",
      "--signup-event",
      "signup",
      "--retention-days",
      "14,21",
      "--min-support",
      "3",
    ],
    () =>
      activationThreshold(events, {
        actions: ["core_action", "invite_sent"],
        signupEvent: "signup",
        retentionDays: [14, 21],
        minSupport: 3,
      }),
  ],
];

describe("opsbook analyze: results equal the library functions called directly", {
  timeout: 120_000,
}, () => {
  for (const [name, args, expected] of analyses) {
    it(`${name} on CSV and NDJSON gives what @opsbook/metrics or @opsbook/persona returns`, () => {
      const want = plain(expected());
      for (const file of ["events.csv", "segment.ndjson"]) {
        const out = json([name, "--events", file, ...args]);
        expect(out.analysis).toBe(name);
        expect(out.input.events).toBe(events.length);
        expect(out.result, `${name} ${file}`).toEqual(want);
      }
    });
  }
});

describe("opsbook analyze: formats and auto-detection", { timeout: 120_000 }, () => {
  const cases: [file: string, format: string, preset: string, extra: string[]][] = [
    ["segment.ndjson", "ndjson", "Segment/RudderStack track", []],
    ["segment-array.json", "json", "Segment/RudderStack track", []],
    ["amplitude.jsonl", "ndjson", "Amplitude export", []],
    ["mixpanel.txt", "ndjson", "Mixpanel export", []],
    ["posthog.csv", "csv", "PostHog export", []],
    ["events.csv", "csv", "Segment/RudderStack track", []],
    [
      "custom.tsv",
      "tsv",
      "columns",
      ["--user-column", "uid", "--event-column", "action", "--time-column", "at"],
    ],
  ];
  const want = plain(funnel(events, { steps: steps.map((event) => ({ event })) }));
  for (const [file, format, preset, extra] of cases) {
    it(`reads ${file} as ${format} (${preset}) with the same funnel`, () => {
      const out = json(["funnel", "--events", file, "--steps", steps.join(","), ...extra]);
      expect(out.input).toMatchObject({ format, preset, events: events.length, users: 60 });
      expect(out.result).toEqual(want);
    });
  }

  it("reads RFM amounts from a JSON properties column (PostHog CSV) and from nested objects (Mixpanel)", () => {
    const want = plain(
      rfmSegments(rfmTransactionsFromEvents(events.filter((e) => e.event === "purchase"))),
    );
    for (const file of ["posthog.csv", "mixpanel.txt", "amplitude.jsonl", "segment-array.json"]) {
      expect(json(["rfm", "--events", file]).result, file).toEqual(want);
    }
  });

  it("takes --format over detection", () => {
    const result = analyze([
      "funnel",
      "--events",
      "custom.tsv",
      "--format",
      "csv",
      "--steps",
      "a,b",
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("missing a user column");
    expect(result.stderr).toContain("The columns: uid\taction\tat");
  });
});

describe("opsbook analyze: output", { timeout: 120_000 }, () => {
  it("prints a readable table with the key numbers", () => {
    const result = analyze(["funnel", "--events", "events.csv", "--steps", steps.join(",")]);
    expect(result.status, result.stderr).toBe(0);
    const f = funnel(events, { steps: steps.map((event) => ({ event })) });
    expect(result.stdout).toContain("Funnel: signup → core_action → purchase");
    expect(result.stdout).toContain(
      `events.csv: ${events.length} events of 60 users (csv, Segment/RudderStack track`,
    );
    expect(result.stdout).toMatch(new RegExp(`Entered\\s+${f.entered}\\n`));
    expect(result.stdout).toMatch(new RegExp(`2  core_action\\s+${f.steps[1]!.users}\\s`));
    expect(result.stderr).toBe("");
  });

  it("prints the main table as CSV with --csv", () => {
    const result = analyze(["lifecycle", "--events", "events.csv", "--unit", "week", "--csv"]);
    expect(result.status, result.stderr).toBe(0);
    const periods = lifecycle(events, { unit: "week" });
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("period,new,returning,resurrecting,dormant");
    expect(lines.slice(1)).toEqual(
      periods.map((p) => [p.key, p.new, p.returning, p.resurrecting, p.dormant].join(",")),
    );
  });

  it("writes a self-contained HTML report with SVG charts and no script or external reference", () => {
    const out = join(scratch, "growth.html");
    const result = analyze([
      "growth",
      "--events",
      "segment.ndjson",
      "--unit",
      "week",
      "--html",
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`wrote ${out}: Growth accounting by week\n`);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|src=|href="http|url\(/);
    const last = growthAccounting(events, { unit: "week" }).at(-1)!;
    expect(html).toContain(`<td>${last.key}</td><td class="n">${last.active}</td>`);
  });

  it("says which options belong to which analysis and checks them (exit 2)", () => {
    const cases: [string[], string][] = [
      [["funnel", "--steps", "a,b"], "missing --events <file>"],
      [["cohorts", "--events", "events.csv"], 'unknown analysis "cohorts"'],
      [
        ["retention", "--events", "events.csv", "--steps", "a,b"],
        "--steps does not apply to retention",
      ],
      [["funnel", "--events", "events.csv"], "--steps takes two or more event names"],
      [
        ["funnel", "--events", "events.csv", "--steps", "a,b", "--window", "a week"],
        "--window: expected positive milliseconds",
      ],
      [
        ["retention", "--events", "events.csv", "--unit", "year"],
        "--unit: expected one of day, week, month",
      ],
      [
        ["funnel", "--events", "nowhere.csv", "--steps", "a,b"],
        'cannot read "nowhere.csv": no such file',
      ],
      [
        ["funnel", "--events", "events.csv", "--steps", "a,b", "--json", "--csv"],
        "choose one output",
      ],
      [
        ["funnel", "--events", "events.csv", "--steps", "a,b", "--format", "xml"],
        'unknown format "xml"',
      ],
    ];
    for (const [args, message] of cases) {
      const result = analyze(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe("");
    }
  });

  it("documents the analyses, their options and examples in --help", () => {
    const result = analyze(["--help"]);
    expect(result.status).toBe(0);
    for (const text of [
      "funnel      --steps a,b,c (required)",
      "--html <file>",
      "Amplitude",
      "Mixpanel",
      "PostHog",
      "Exit codes:",
    ]) {
      expect(result.stdout).toContain(text);
    }
  });
});

describe("opsbook analyze: bad input stops with the line, exit 1 and no report file", {
  timeout: 120_000,
}, () => {
  const cases: [file: string, message: string][] = [
    [
      "utf16.csv",
      "utf16.csv: the file is UTF-16 little-endian (it starts with a byte-order mark); save it as UTF-8",
    ],
    [
      "latin1.csv",
      "latin1.csv: line 3: the file is not valid UTF-8 (it may be Latin-1 or Windows-1252)",
    ],
    ["ragged.csv", "ragged.csv: line 4 (row 3): expected 3 fields (as the header has), found 4"],
    ["unclosed-quote.csv", "unclosed-quote.csv: line 3: a quoted field is not closed"],
    ["stray-quote.csv", "stray-quote.csv: line 2: a quote inside an unquoted field"],
    [
      "missing-columns.csv",
      "missing-columns.csv: missing a user column (one of userId, user_id, user, distinct_id, customerId, customer_id, anonymousId; or name it with --user-column); a time column",
    ],
    [
      "bad-time.ndjson",
      'bad-time.ndjson: line 3 (row 3): timestamp: expected Date, ISO-8601 string with offset, or epoch milliseconds, received string "yesterday"',
    ],
    ["broken.ndjson", "broken.ndjson: line 2: not valid JSON"],
    ["unclosed-array.txt", "unclosed-array.txt: line 4: the JSON array is not closed"],
  ];
  for (const [file, message] of cases) {
    it(`${file}: ${message.slice(file.length + 2, file.length + 60)}…`, () => {
      const out = join(scratch, `${file}.html`);
      const result = analyze(
        ["funnel", "--events", file, "--steps", "signup,purchase", "--html", out],
        badDir,
      );
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toContain(`opsbook analyze: ${message}`);
      expect(result.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
    });
  }

  it("names the columns found when one is missing", () => {
    const result = analyze(["funnel", "--events", "missing-columns.csv", "--steps", "a,b"], badDir);
    expect(result.stderr).toContain("The columns: customer, action, when");
    expect(result.stderr).not.toContain("an event column");
  });

  it("leaves no temporary file beside the report", () => {
    expect(readdirSync(scratch).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
