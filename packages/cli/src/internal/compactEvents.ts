import { EventTable, type OpsEvent } from "@opsbook/core";
import { SpanDictionary } from "./spanDictionary.ts";

/**
 * Events read from a file, held compactly (14 bytes per kept row): each distinct user id and event
 * name is stored once, rows as typed arrays of user index, event index and time that grow by
 * doubling. Every user is counted, but rows whose event is not in `keep` are dropped: a funnel only
 * looks at its steps, so a file of many event kinds shrinks to the rows the analysis reads.
 */
export class CompactEvents {
  /** The event names of kept rows, in order of first appearance. */
  readonly eventNames: string[] = [];
  length = 0;
  #users = new SpanDictionary();
  #events = new SpanDictionary();
  /** Index in `#events` → index in `eventNames`, or −1 for an event that is dropped. */
  #codes: number[] = [];
  #keep: ReadonlySet<string> | undefined;
  #rowUsers = new Uint32Array(1 << 16);
  #rowEvents = new Uint32Array(1 << 16);
  #times = new Float64Array(1 << 16);

  /** Every user id read, kept rows or not, in order of first appearance. */
  get userIds(): string[] {
    return this.#users.strings;
  }

  /** @param keep The event names whose rows are kept; all when absent. */
  constructor(keep?: ReadonlySet<string>) {
    this.#keep = keep;
  }

  /** Adds one validated event. */
  readonly add = (userId: string, event: string, timestamp: number): void => {
    this.#push(
      this.#users.indexOf(userId, 0, userId.length),
      this.#events.indexOf(event, 0, event.length),
      timestamp,
    );
  };

  /**
   * Adds one validated event whose user id and event name are spans of `text`: they are looked up
   * where they lie, so that a string is made only the first time a user or an event is seen.
   */
  readonly addSpan = (
    text: string,
    userStart: number,
    userEnd: number,
    eventStart: number,
    eventEnd: number,
    timestamp: number,
  ): void => {
    this.#push(
      this.#users.indexOf(text, userStart, userEnd),
      this.#events.indexOf(text, eventStart, eventEnd),
      timestamp,
    );
  };

  #push(user: number, event: number, timestamp: number): void {
    let code = this.#codes[event];
    if (code === undefined) {
      const name = this.#events.strings[event]!;
      code = this.#keep === undefined || this.#keep.has(name) ? this.eventNames.length : -1;
      if (code !== -1) this.eventNames.push(name);
      this.#codes.push(code);
    }
    if (code === -1) return;
    const n = this.length;
    if (n === this.#times.length) this.#grow();
    this.#rowUsers[n] = user;
    this.#rowEvents[n] = code;
    this.#times[n] = timestamp;
    this.length = n + 1;
  }

  #grow(): void {
    const capacity = this.#times.length * 2;
    const users = new Uint32Array(capacity);
    users.set(this.#rowUsers);
    this.#rowUsers = users;
    const events = new Uint32Array(capacity);
    events.set(this.#rowEvents);
    this.#rowEvents = events;
    const times = new Float64Array(capacity);
    times.set(this.#times);
    this.#times = times;
  }

  /**
   * The kept rows as an `EventTable`. They are handed over grouped by user (a stable counting
   * sort, so equal times keep their file order) with each user id as the one string stored, which
   * lets `EventTable.from` look a user up once per user instead of once per row, and skip its own
   * regrouping. The compact arrays are dropped as the table takes over.
   */
  toTable(): EventTable {
    const n = this.length;
    const users = this.#rowUsers;
    const userCount = this.userIds.length;
    const start = new Uint32Array(userCount + 1);
    for (let i = 0; i < n; i++) start[users[i]! + 1]! += 1;
    for (let u = 0; u < userCount; u++) start[u + 1]! += start[u]!;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[start[users[i]!]!++] = i;
    const events = this.#rowEvents;
    const times = this.#times;
    const { userIds, eventNames } = this;
    this.#rowUsers = new Uint32Array(0);
    this.#rowEvents = new Uint32Array(0);
    this.#times = new Float64Array(0);
    this.length = 0;
    // A hand-written iterator with one reused row and one reused result: lighter than a generator.
    const row: OpsEvent = { userId: "", event: "", timestamp: 0 };
    const result: IteratorResult<OpsEvent> = { done: false, value: row };
    let k = 0;
    const rows: Iterable<OpsEvent> = {
      [Symbol.iterator]: () => ({
        next: () => {
          if (k >= n) return { done: true, value: undefined };
          const i = order[k++]!;
          row.userId = userIds[users[i]!]!;
          row.event = eventNames[events[i]!]!;
          row.timestamp = times[i]!;
          return result;
        },
      }),
    };
    return EventTable.from(rows);
  }
}
