import { describeValue, OpsbookError, type OpsbookIssue } from "./errors.ts";
import { type EventInput, eventIssues, type OpsEvent } from "./events.ts";
import { isPlainRecord, MAX_EPOCH_MS, timestampOf } from "./internal/timestamp.ts";

/**
 * Options of {@link EventTable.from}.
 *
 * @category Events
 * @since 0.1.0
 */
export interface EventTableOptions {
  /** Property keys to keep, each as one column; other properties are dropped. */
  properties?: string[];
}

/** Bad rows listed in full in the error; more are counted. */
const MAX_LISTED_ROWS = 100;

function growUint32(array: Uint32Array, size: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(size);
  next.set(array);
  return next;
}

/**
 * Events in columns, for analyses that scan millions of events in one pass: user ids and event
 * names are dictionary-encoded (`userIds`, `eventNames`), and each row is a user code, an event
 * code and a timestamp in typed arrays — 14 bytes per event plus 4 per user. Rows are sorted by user
 * (users numbered in order of first appearance), then by time; events with equal timestamps keep
 * their input order. `userOffsets` gives each user's rows, so a per-user scan needs no grouping.
 * Properties are kept column-wise, and only for the keys asked for.
 *
 * Building validates every row with the rules of {@link eventSchema} (a tight loop, not a zod parse
 * per row; tested to agree) and throws one {@link OpsbookError} listing the bad rows.
 *
 * @category Events
 * @since 0.1.0
 * @example
 * ```ts
 * import { EventTable } from "@opsbook/core";
 *
 * const table = EventTable.from([
 *   { userId: "bo", event: "signup", timestamp: "2026-11-25T10:00:00Z" },
 *   { userId: "al", event: "signup", timestamp: "2026-11-25T09:00:00Z" },
 *   { userId: "bo", event: "buy", timestamp: "2026-11-25T08:00:00Z", properties: { plan: "pro" } },
 * ], { properties: ["plan"] });
 * table.length //=> 3
 * table.userIds //=> ["bo", "al"]
 * table.eventNames //=> ["signup", "buy"]
 * Array.from(table.users) //=> [0, 0, 1]
 * Array.from(table.events) //=> [1, 0, 0]
 * Array.from(table.userOffsets) //=> [0, 2, 3]
 * table.property("plan") //=> ["pro", undefined, undefined]
 * table.row(0)
 * //=> { userId: "bo", event: "buy", timestamp: 1795593600000, properties: { plan: "pro" } }
 * table.eventCode("buy") //=> 1
 * table.byteLength //=> 54
 * ```
 */
export class EventTable {
  /** Number of events (rows). */
  readonly length: number;
  /** Number of distinct users. */
  readonly userCount: number;
  /** User ids by user code, in order of first appearance in the input. */
  readonly userIds: string[];
  /** Event names by event code, in order of first appearance in the input. */
  readonly eventNames: string[];
  /** User code of each row (rows are grouped by user code, ascending). */
  readonly users: Uint32Array;
  /** Event code of each row (`Uint16Array` when there are at most 65 536 event names). */
  readonly events: Uint16Array | Uint32Array;
  /** Timestamp of each row in epoch milliseconds, ascending within each user. */
  readonly timestamps: Float64Array;
  /** Rows of user `u` are `[userOffsets[u], userOffsets[u + 1])`; length `userCount + 1`. */
  readonly userOffsets: Uint32Array;
  readonly #columns: Map<string, unknown[]>;
  readonly #eventIndex: Map<string, number>;
  readonly #userIndex: Map<string, number>;

  private constructor(parts: {
    userIds: string[];
    eventNames: string[];
    users: Uint32Array;
    events: Uint16Array | Uint32Array;
    timestamps: Float64Array;
    userOffsets: Uint32Array;
    columns: Map<string, unknown[]>;
    eventIndex: Map<string, number>;
    userIndex: Map<string, number>;
  }) {
    this.length = parts.timestamps.length;
    this.userCount = parts.userIds.length;
    this.userIds = parts.userIds;
    this.eventNames = parts.eventNames;
    this.users = parts.users;
    this.events = parts.events;
    this.timestamps = parts.timestamps;
    this.userOffsets = parts.userOffsets;
    this.#columns = parts.columns;
    this.#eventIndex = parts.eventIndex;
    this.#userIndex = parts.userIndex;
  }

  /**
   * Builds a table from events (an array or any iterable, such as a generator streaming millions
   * of events). Timestamps may be `Date`s, ISO-8601 strings or epoch milliseconds.
   *
   * @param events - The events.
   * @param options - `properties`: keys to keep as columns.
   * @returns The table.
   * @throws {@link OpsbookError} listing the bad rows (paths like `events[3].timestamp`).
   * @example
   * ```ts
   * import { EventTable } from "@opsbook/core";
   *
   * EventTable.from([{ userId: "u", event: "e", timestamp: 0 }]).length //=> 1
   * EventTable.from([{ userId: "", event: "e", timestamp: 0 }]) //=> throws OpsbookError
   * ```
   */
  static from(
    events: Iterable<EventInput | OpsEvent>,
    options: EventTableOptions = {},
  ): EventTable {
    if (
      events === null ||
      typeof (events as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== "function"
    ) {
      throw new OpsbookError(
        "invalid_input",
        `events: expected array or iterable of events, received ${describeValue(events)}`,
        ["events"],
      );
    }
    const keys = readKeys(options);
    const isArray = Array.isArray(events);
    let capacity = isArray ? (events as unknown[]).length : 4096;
    let users = new Uint32Array(capacity);
    let codes = new Uint32Array(capacity);
    let times = new Float64Array(capacity);
    const columns: unknown[][] = keys.map(() => []);
    const userIndex = new Map<string, number>();
    const userIds: string[] = [];
    const eventIndex = new Map<string, number>();
    const eventNames: string[] = [];
    let lastUser = "";
    let lastUserCode = 0;
    let lastEvent = "";
    let lastEventCode = 0;
    let userOrdered = true;
    let n = 0;
    let index = -1;
    let badRows = 0;
    const issues: OpsbookIssue[] = [];

    for (const row of events as Iterable<unknown>) {
      index += 1;
      // The rules of eventSchema, checked inline (see eventSchema and normalizeEvent).
      let ok = typeof row === "object" && row !== null && !Array.isArray(row);
      let userId: unknown;
      let event: unknown;
      let time = Number.NaN;
      let properties: unknown;
      if (ok) {
        const r = row as Record<string, unknown>;
        userId = r.userId;
        event = r.event;
        const raw = r.timestamp;
        properties = r.properties;
        time =
          typeof raw === "number"
            ? raw >= -MAX_EPOCH_MS && raw <= MAX_EPOCH_MS
              ? raw
              : Number.NaN
            : timestampOf(raw);
        ok =
          typeof userId === "string" &&
          userId.length > 0 &&
          typeof event === "string" &&
          event.length > 0 &&
          !Number.isNaN(time) &&
          (properties === undefined || isPlainRecord(properties));
      }
      if (!ok) {
        badRows += 1;
        if (badRows <= MAX_LISTED_ROWS) issues.push(...eventIssues(row, index));
        continue;
      }
      if (badRows > 0) continue;

      if (userId !== lastUser || n === 0) {
        let code = userIndex.get(userId as string);
        if (code === undefined) {
          code = userIds.length;
          userIndex.set(userId as string, code);
          userIds.push(userId as string);
        }
        if (code < lastUserCode) userOrdered = false;
        lastUser = userId as string;
        lastUserCode = code;
      }
      if (event !== lastEvent || n === 0) {
        let code = eventIndex.get(event as string);
        if (code === undefined) {
          code = eventNames.length;
          eventIndex.set(event as string, code);
          eventNames.push(event as string);
        }
        lastEvent = event as string;
        lastEventCode = code;
      }
      if (n === capacity) {
        capacity *= 2;
        users = growUint32(users, capacity);
        codes = growUint32(codes, capacity);
        const grown = new Float64Array(capacity);
        grown.set(times);
        times = grown;
      }
      users[n] = lastUserCode;
      codes[n] = lastEventCode;
      times[n] = time;
      for (let k = 0; k < keys.length; k++) {
        columns[k]![n] =
          properties === undefined ? undefined : (properties as Record<string, unknown>)[keys[k]!];
      }
      n += 1;
    }

    if (badRows > 0) {
      const listed = badRows > MAX_LISTED_ROWS ? `; the first ${MAX_LISTED_ROWS} listed` : "";
      throw OpsbookError.fromIssues(
        issues,
        `events (${badRows} bad row${badRows > 1 ? "s" : ""}${listed})`,
      );
    }

    const userCount = userIds.length;
    // Rows per user, counted in a tight loop of its own (faster than inside the validation loop
    // when users are many and interleaved), then turned into offsets.
    const userOffsets = new Uint32Array(userCount + 1);
    for (let i = 0; i < n; i++) userOffsets[users[i]! + 1]! += 1;
    for (let u = 0; u < userCount; u++) userOffsets[u + 1]! += userOffsets[u]!;

    // Group rows by user with a stable counting sort, unless they already are.
    let rowUsers: Uint32Array;
    let rowCodes: Uint32Array;
    let rowTimes: Float64Array;
    let order: Uint32Array | undefined;
    if (userOrdered) {
      rowUsers = users.length === n ? users : users.slice(0, n);
      rowCodes = codes.length === n ? codes : codes.slice(0, n);
      rowTimes = times.length === n ? times : times.slice(0, n);
      if (keys.length > 0) order = identity(n);
    } else {
      const cursor = userOffsets.slice(0, userCount);
      rowCodes = new Uint32Array(n);
      rowTimes = new Float64Array(n);
      if (keys.length > 0) {
        order = new Uint32Array(n);
        for (let i = 0; i < n; i++) {
          const position = cursor[users[i]!]!++;
          rowCodes[position] = codes[i]!;
          rowTimes[position] = times[i]!;
          order[position] = i;
        }
      } else {
        // Without property columns the input position is not needed after this scatter.
        for (let i = 0; i < n; i++) {
          const position = cursor[users[i]!]!++;
          rowCodes[position] = codes[i]!;
          rowTimes[position] = times[i]!;
        }
      }
      rowUsers = new Uint32Array(n);
      for (let u = 0; u < userCount; u++) rowUsers.fill(u, userOffsets[u]!, userOffsets[u + 1]!);
    }

    // Sort each user's rows by time, stably, only where they are out of order.
    for (let u = 0; u < userCount; u++) {
      const from = userOffsets[u]!;
      const to = userOffsets[u + 1]!;
      let sorted = true;
      for (let i = from + 1; i < to; i++) {
        if (rowTimes[i]! < rowTimes[i - 1]!) {
          sorted = false;
          break;
        }
      }
      if (!sorted) sortSlice(from, to, rowTimes, rowCodes, order);
    }

    const events16or32 = eventNames.length <= 65_536 ? Uint16Array.from(rowCodes) : rowCodes;
    const columnMap = new Map<string, unknown[]>();
    keys.forEach((key, k) => {
      const source = columns[k]!;
      const column = new Array<unknown>(n);
      if (order) for (let i = 0; i < n; i++) column[i] = source[order[i]!];
      else for (let i = 0; i < n; i++) column[i] = source[i];
      columnMap.set(key, column);
    });
    return new EventTable({
      userIds,
      eventNames,
      users: rowUsers,
      events: events16or32,
      timestamps: rowTimes,
      userOffsets,
      columns: columnMap,
      eventIndex,
      userIndex,
    });
  }

  /**
   * The code of an event name, or −1 if no row has it.
   *
   * @example
   * ```ts
   * import { EventTable } from "@opsbook/core";
   *
   * const table = EventTable.from([{ userId: "u", event: "signup", timestamp: 0 }]);
   * table.eventCode("signup") //=> 0
   * table.eventCode("refund") //=> -1
   * ```
   */
  eventCode(name: string): number {
    return this.#eventIndex.get(name) ?? -1;
  }

  /**
   * The code of a user id, or −1 if no row has it.
   *
   * @example
   * ```ts
   * import { EventTable } from "@opsbook/core";
   *
   * EventTable.from([{ userId: "u", event: "signup", timestamp: 0 }]).userCode("u") //=> 0
   * ```
   */
  userCode(userId: string): number {
    return this.#userIndex.get(userId) ?? -1;
  }

  /**
   * The column of a property asked for at build time, in row order (`undefined` where a row lacks
   * it), or `undefined` for a key that was not asked for.
   *
   * @example
   * ```ts
   * import { EventTable } from "@opsbook/core";
   *
   * const rows = [{ userId: "u", event: "buy", timestamp: 0, properties: { amount: 5 } }];
   * EventTable.from(rows, { properties: ["amount"] }).property("amount") //=> [5]
   * EventTable.from(rows).property("amount") //=> undefined
   * ```
   */
  property(key: string): unknown[] | undefined {
    return this.#columns.get(key);
  }

  /**
   * Row `i` as an event object; `properties` holds the kept keys that the row has, and is absent
   * when it has none.
   *
   * @example
   * ```ts
   * import { EventTable } from "@opsbook/core";
   *
   * EventTable.from([{ userId: "u", event: "e", timestamp: 5 }]).row(0)
   * //=> { userId: "u", event: "e", timestamp: 5 }
   * ```
   */
  row(i: number): OpsEvent {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new OpsbookError(
        "out_of_range",
        `i: expected integer row index from 0 to ${this.length - 1}, received ${describeValue(i)}`,
        ["i"],
      );
    }
    const event: OpsEvent = {
      userId: this.userIds[this.users[i]!]!,
      event: this.eventNames[this.events[i]!]!,
      timestamp: this.timestamps[i]!,
    };
    if (this.#columns.size > 0) {
      let properties: Record<string, unknown> | undefined;
      for (const [key, column] of this.#columns) {
        const value = column[i];
        if (value !== undefined) (properties ??= {})[key] = value;
      }
      if (properties) event.properties = properties;
    }
    return event;
  }

  /**
   * The rows as event objects, in table order.
   *
   * @example
   * ```ts
   * import { EventTable } from "@opsbook/core";
   *
   * const table = EventTable.from([
   *   { userId: "u", event: "b", timestamp: 2 },
   *   { userId: "u", event: "a", timestamp: 1 },
   * ]);
   * [...table].map((e) => e.event) //=> ["a", "b"]
   * ```
   */
  *[Symbol.iterator](): Iterator<OpsEvent> {
    for (let i = 0; i < this.length; i++) yield this.row(i);
  }

  /**
   * Bytes held by the typed arrays (users, events, timestamps, user offsets); dictionaries and
   * property columns are not counted.
   */
  get byteLength(): number {
    return (
      this.users.byteLength +
      this.events.byteLength +
      this.timestamps.byteLength +
      this.userOffsets.byteLength
    );
  }
}

function readKeys(options: EventTableOptions): string[] {
  const keys = options?.properties ?? [];
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string")) {
    throw new OpsbookError(
      "invalid_input",
      `options.properties: expected array of property keys, received ${describeValue(keys)}`,
      ["options", "properties"],
    );
  }
  return [...new Set(keys)];
}

function identity(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** Stable sort of rows [from, to) by time; rows already grouped by user keep input order on ties. */
function sortSlice(
  from: number,
  to: number,
  times: Float64Array,
  codes: Uint32Array,
  order: Uint32Array | undefined,
): void {
  const size = to - from;
  const positions = new Array<number>(size);
  for (let i = 0; i < size; i++) positions[i] = from + i;
  // Array.prototype.sort is stable (ES2019), and positions start in input order within the user.
  positions.sort((a, b) => times[a]! - times[b]!);
  const t = times.slice(from, to);
  const c = codes.slice(from, to);
  const o = order?.slice(from, to);
  for (let i = 0; i < size; i++) {
    const p = positions[i]! - from;
    times[from + i] = t[p]!;
    codes[from + i] = c[p]!;
    if (order && o) order[from + i] = o[p]!;
  }
}
