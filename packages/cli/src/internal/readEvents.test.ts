import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpsbookError, type OpsEvent, toEpochMs } from "@opsbook/core";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ReadEventsOptions,
  type ReadSummary,
  readEvents,
  readEventsInto,
  timestampOf,
} from "./readEvents.ts";

const scratch = mkdtempSync(join(tmpdir(), "opsbook-cli-read-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const fixtures = new URL("../../test/fixtures/events/", import.meta.url);

const options = (path: string): ReadEventsOptions => ({
  path,
  label: "events",
  columns: { user: undefined, event: undefined, time: undefined },
  properties: [],
});
const summary = (): ReadSummary => ({ format: undefined, columns: undefined, rows: 0 });

/** What each reader gives: the events (copied) and the summary, or the error message. */
function streamed(path: string): { events: OpsEvent[]; summary: ReadSummary } | string {
  const s = summary();
  try {
    return { events: [...readEvents(options(path), s)].map((e) => ({ ...e })), summary: s };
  } catch (error) {
    return (error as Error).message;
  }
}
function compact(path: string): { events: OpsEvent[]; summary: ReadSummary } | string {
  const s = summary();
  const events: OpsEvent[] = [];
  const add = (userId: string, event: string, timestamp: number) =>
    events.push({ userId, event, timestamp });
  try {
    readEventsInto(options(path), s, {
      add,
      addSpan: (text, userStart, userEnd, eventStart, eventEnd, timestamp) =>
        add(text.slice(userStart, userEnd), text.slice(eventStart, eventEnd), timestamp),
    });
    return { events, summary: s };
  } catch (error) {
    return (error as Error).message;
  }
}

describe("timestampOf", () => {
  // The fast path for `YYYY-MM-DDTHH:MM:SS(.f…)Z` must agree with core's toEpochMs (the general
  // path) on every such string, valid or not, and with ECMAScript's Date.parse (ECMA-262 §21.4.1.32,
  // Date Time String Format) on the valid ones with milliseconds or none.
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const isoLike = fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.integer({ min: 0, max: 61 }),
      fraction: fc.option(fc.stringMatching(/^\d{1,7}$/), { nil: undefined }),
    })
    .map(
      (t) =>
        `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction === undefined ? "" : `.${t.fraction}`}Z`,
    );

  it("equals core's toEpochMs on ISO 8601 UTC strings, and refuses what it refuses", () => {
    fc.assert(
      fc.property(isoLike, fc.array(isoLike, { maxLength: 3 }), (text, before) => {
        // Strings read before exercise the cache of the last date.
        for (const other of before) timestampOf(other, false);
        let expected: number | undefined;
        try {
          expected = toEpochMs(text);
        } catch (error) {
          expect(error).toBeInstanceOf(OpsbookError);
        }
        const actual = timestampOf(text, false);
        if (expected === undefined) expect(typeof actual).toBe("string");
        else expect(actual).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("equals Date.parse on valid ISO 8601 UTC date-times with or without milliseconds", () => {
    const valid = fc
      .integer({ min: Date.UTC(0, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(valid, fc.boolean(), (iso, whole) => {
        const text = whole ? iso.replace(/\.\d{3}Z$/, "Z") : iso;
        expect(timestampOf(text, false)).toBe(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("readEventsInto", () => {
  it("reads every fixture as readEvents does: same events, same summary, same errors", () => {
    const files = [
      ...readdirSync(fixtures).filter((f) => !f.endsWith(".ts") && f !== "bad"),
      ...readdirSync(new URL("bad/", fixtures)).map((f) => `bad/${f}`),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const path = new URL(file, fixtures).pathname;
      expect(compact(path), file).toEqual(streamed(path));
    }
  });

  it("reads quoted rows, CRLF, ragged rows, empty values and non-UTC times as readEvents does", () => {
    const path = join(scratch, "mixed.csv");
    writeFileSync(
      path,
      [
        "user_id,event,timestamp,note",
        "u1,view,2026-01-01T00:00:00Z,",
        '"u2",view,2026-01-01T00:00:01.5Z,"a, b"',
        "u1,buy,2026-01-01T01:00:00+02:00,x\r",
        "u3,view,1767225600,",
        "u3,view,2026-01-01 10:00:00,",
        "u4,,2026-01-01T00:00:00Z,",
        ",view,2026-01-01T00:00:00Z,",
        "u5,view,2026-02-30T00:00:00Z,",
        "u6,view,2026-01-01T00:00:00Z",
        "u7,view,2026-01-01T00:00:00Z,,",
        "",
      ].join("\n"),
    );
    const result = compact(path);
    expect(typeof result).toBe("string");
    expect(result).toEqual(streamed(path));
    expect(result).toMatch(/line 7 \(row 6\)/);

    const good = join(scratch, "good.tsv");
    writeFileSync(
      good,
      'user_id\tevent\ttimestamp\nu1\tview\t2026-01-01T00:00:00Z\r\nu2\t"a\tb"\t2026-01-01T00:00:00.123456Z\n',
    );
    const read = compact(good);
    expect(read).toEqual(streamed(good));
    expect((read as { events: OpsEvent[] }).events).toEqual([
      { userId: "u1", event: "view", timestamp: Date.UTC(2026, 0, 1) },
      { userId: "u2", event: "a\tb", timestamp: Date.UTC(2026, 0, 1, 0, 0, 0, 123) },
    ]);
  });
});
