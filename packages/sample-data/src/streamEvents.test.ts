import { execFile } from "node:child_process";
import type { OpsEvent } from "@opsbook/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProduct } from "./generateProduct.ts";
import { streamEvents } from "./streamEvents.ts";

/** The in-memory events regrouped by user (signup order), each user's events kept in order. */
function groupedByUser(events: OpsEvent[], userIds: string[]): OpsEvent[] {
  const byUser = new Map<string, OpsEvent[]>(userIds.map((id) => [id, []]));
  for (const e of events) byUser.get(e.userId)?.push(e);
  return userIds.flatMap((id) => byUser.get(id) ?? []);
}

describe("streamEvents", () => {
  const options = { seed: 11, users: 400, days: 60 };
  const product = generateProduct(options);
  const userIds = product.users.map((u) => u.id);

  it("yields generateProduct's events, in the same order, when one block holds every user", () => {
    expect([...streamEvents({ ...options, blockSize: 400 })]).toEqual(product.events);
    expect([...streamEvents({ ...options, blockSize: 10_000 })]).toEqual(product.events);
  });

  it("yields one user at a time by default: users in signup order, each user's events in time order", () => {
    const streamed = [...streamEvents(options)];
    expect(streamed).toEqual(groupedByUser(product.events, userIds));
  });

  it("sorts each block of users by time and keeps blocks in signup order (fast-check over block sizes)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 450 }), (blockSize) => {
        const streamed = [...streamEvents({ ...options, blockSize })];
        expect(streamed).toHaveLength(product.events.length);
        const blockOf = (e: OpsEvent) => Math.floor((Number(e.userId.slice(1)) - 1) / blockSize);
        for (let i = 1; i < streamed.length; i++) {
          const a = streamed[i - 1] as OpsEvent;
          const b = streamed[i] as OpsEvent;
          expect(blockOf(a)).toBeLessThanOrEqual(blockOf(b));
          if (blockOf(a) === blockOf(b)) expect(a.timestamp).toBeLessThanOrEqual(b.timestamp);
        }
        expect(groupedByUser(streamed, userIds)).toEqual(groupedByUser(product.events, userIds));
      }),
      { numRuns: 8 },
    );
  });

  it("is lazy: the first events of a 1,000,000-user population come without generating the rest", () => {
    const started = performance.now();
    const first: OpsEvent[] = [];
    for (const event of streamEvents({ users: 1_000_000, days: 365 })) {
      first.push(event);
      if (first.length === 50) break;
    }
    expect(
      first.every(
        (e) => e.userId === "u0000001" || e.userId === "u0000002" || e.userId === "u0000003",
      ),
    ).toBe(true);
    // Generating a million users' events (about 40 million) would take minutes, not seconds.
    expect(performance.now() - started).toBeLessThan(8000);
  });

  it("streams half a million events in a 24 MB heap that cannot hold them as an array", async () => {
    // Child Node processes with a 24 MB old space and a 1 MB young space: holding ~480,000 events
    // needs more than 40 bytes each (object, boxed timestamp, array slot), about 19 MB on top of
    // the ~14 MB the modules take, and runs out of memory; streaming holds one user at a time.
    const run = (body: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(
          process.execPath,
          [
            "--max-old-space-size=24",
            "--max-semi-space-size=1",
            "--input-type=module",
            "--eval",
            `import { streamEvents } from ${JSON.stringify(new URL("./streamEvents.ts", import.meta.url).href)};
             const options = { seed: 5, users: 16_000, days: 120 };
             ${body}`,
          ],
          { encoding: "utf8", timeout: 60_000 },
          (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr }),
        );
      });
    const [streamed, held] = await Promise.all([
      run(
        "let count = 0; for (const e of streamEvents(options)) if (e.timestamp > 0) count++; console.log(count);",
      ),
      run("console.log([...streamEvents(options)].length);"),
    ]);
    expect(streamed.stderr).toBe("");
    expect(Number(streamed.stdout)).toBeGreaterThan(450_000);
    expect(held.code).not.toBe(0);
    expect(held.stderr).toMatch(/heap out of memory/i);
  }, 30_000);

  it("validates options when called, before iteration", () => {
    expect(() => streamEvents({ users: 20_000_000 })).toThrowError(/users/);
    expect(() => streamEvents({ blockSize: 1.5 })).toThrowError(/blockSize/);
  });
});
