/**
 * The small event sample behind the funnel builder: generated at build time, embedded in the page
 * as compact JSON, and expanded in the browser (and in the browser test, which must compute on
 * exactly the same events). Session starts are left out to keep the page light.
 */

/** Events of a few hundred users: event names once, then per user `[code, seconds since the previous event, …]`. */
export interface CompactEvents {
  /** Epoch milliseconds the first offset of each user counts from. */
  start: number;
  /** Event names, indexed by code. */
  names: string[];
  /** Per user, flat pairs of event code and whole seconds since that user's previous event (or `start`). */
  users: number[][];
}

/** One event of the expanded sample, as `@opsbook/metrics` takes it. */
export interface SampleEvent {
  userId: string;
  event: string;
  timestamp: number;
}

/** Events left out of the embedded sample. */
const omitted = new Set(["session_start"]);

/** Packs events (any order) into the compact form, rounding times down to whole seconds. */
export function compactEvents(events: Iterable<SampleEvent>, start: number): CompactEvents {
  const names: string[] = [];
  const codes = new Map<string, number>();
  const byUser = new Map<string, SampleEvent[]>();
  for (const event of events) {
    if (omitted.has(event.event)) continue;
    if (!codes.has(event.event)) {
      codes.set(event.event, names.length);
      names.push(event.event);
    }
    const list = byUser.get(event.userId) ?? [];
    byUser.set(event.userId, list);
    list.push(event);
  }
  const users = [...byUser.values()].map((list) => {
    list.sort((a, b) => a.timestamp - b.timestamp);
    const flat: number[] = [];
    let previous = 0;
    for (const event of list) {
      const seconds = Math.floor((event.timestamp - start) / 1000);
      flat.push(codes.get(event.event) ?? 0, seconds - previous);
      previous = seconds;
    }
    return flat;
  });
  return { start, names, users };
}

/** Unpacks the compact form into events (user ids `s1`, `s2`… in the order stored). */
export function expandEvents(sample: CompactEvents): SampleEvent[] {
  const events: SampleEvent[] = [];
  sample.users.forEach((flat, u) => {
    let seconds = 0;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      seconds += flat[i + 1] ?? 0;
      events.push({
        userId: `s${u + 1}`,
        event: sample.names[flat[i] ?? 0] ?? "",
        timestamp: sample.start + seconds * 1000,
      });
    }
  });
  return events;
}
