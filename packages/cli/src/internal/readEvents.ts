import { extname } from "node:path";
import { type OpsEvent, toEpochMs } from "@opsbook/core";
import { CsvSplitter, TextFormatError } from "./csvSplitter.ts";
import {
  type ColumnOptions,
  detectColumns,
  type EventColumns,
  fieldNames,
  MissingColumnsError,
} from "./eventColumns.ts";
import { JsonSplitter } from "./jsonSplitter.ts";
import { textChunks } from "./textChunks.ts";
import { CommandError } from "./usageError.ts";

/** The event file formats `opsbook analyze` reads. */
export const inputFormats = ["csv", "tsv", "ndjson", "json"] as const;
export type InputFormat = (typeof inputFormats)[number];

export interface ReadEventsOptions {
  /** Absolute path of the file. */
  path: string;
  /** The file as the user named it, for messages. */
  label: string;
  /** The format; detected from the content and extension when absent. */
  format?: InputFormat;
  columns: ColumnOptions;
  /** Property keys to read into each event's `properties`. */
  properties: readonly string[];
  /** Called after each chunk read. */
  onProgress?: (bytesRead: number, size: number) => void;
}

/** What reading found out: filled in as the file is read. */
export interface ReadSummary {
  format: InputFormat | undefined;
  columns: EventColumns | undefined;
  rows: number;
}

/** Problems listed before reading stops. */
const maxListed = 10;

/**
 * Streams the events of an export file, one at a time, with bounded memory: chunks are decoded
 * and split into records, each record is mapped to `{ userId, event, timestamp, properties? }`
 * (timestamps as epoch milliseconds) and validated. The yielded object is reused: copy it to keep
 * it (an `EventTable` reads it at once).
 *
 * Problems — encoding, malformed text, missing columns, bad values — end reading with a
 * {@link CommandError} naming the file, the lines (and data rows) and what is wrong.
 */
export function* readEvents(options: ReadEventsOptions, summary: ReadSummary): Generator<OpsEvent> {
  const pending: OpsEvent[] = [];
  // Without properties, one reused object per position of a chunk serves every row (an
  // EventTable copies what it reads); with them, each row gets its own object, since they are kept.
  const reusable: OpsEvent[] = [];
  const emit: Emit = (userId, event, timestamp, properties) => {
    if (properties !== undefined) {
      pending.push({ userId, event, timestamp, properties });
      return;
    }
    let target = reusable[pending.length];
    if (target === undefined) {
      target = { userId, event, timestamp };
      reusable[pending.length] = target;
    }
    target.userId = userId;
    target.event = event;
    target.timestamp = timestamp;
    pending.push(target);
  };
  for (const _ of scanEvents(options, summary, emit)) {
    for (const event of pending) yield event;
    pending.length = 0;
  }
}

/**
 * Reads every event of an export file into `sink` (no properties), with the same checks and
 * messages as {@link readEvents} but without an object per row: CSV and TSV lines without quotes
 * are read field by field from the decoded text, and only the user, event and time fields are
 * taken out of it.
 */
export function readEventsInto(
  options: ReadEventsOptions,
  summary: ReadSummary,
  sink: EventSink,
): void {
  for (const _ of scanEvents({ ...options, properties: [] }, summary, sink.add, sink.addSpan)) {
    // Each step is one chunk read and mapped into the sink.
  }
}

/**
 * The reading loop shared by {@link readEvents} and {@link readEventsInto}: maps every record to
 * `emit` and yields after each chunk (so that a consumer can take what was emitted), then throws
 * the problems found, if any.
 */
function* scanEvents(
  options: ReadEventsOptions,
  summary: ReadSummary,
  emitEvent: Emit,
  emitSpanEvent?: EventSink["addSpan"],
): Generator<void> {
  const { label } = options;
  const problems: string[] = [];
  let rows = 0;
  const emit: Emit = (userId, event, timestamp, properties) => {
    rows += 1;
    emitEvent(userId, event, timestamp, properties);
  };
  const emitSpan: EmitSpan = (text, userStart, userEnd, eventStart, eventEnd, timestamp) => {
    rows += 1;
    if (emitSpanEvent !== undefined) {
      emitSpanEvent(text, userStart, userEnd, eventStart, eventEnd, timestamp);
    } else {
      const event = text.slice(eventStart, eventEnd);
      emitEvent(text.slice(userStart, userEnd), event, timestamp, undefined);
    }
  };
  let recordIndex = 0;
  let mapper: ((record: unknown, line: number) => void) | undefined;
  let lineMapper: LineMapper | undefined;
  let splitter: CsvSplitter | JsonSplitter | undefined;

  const fail = (line: number, message: string) => {
    problems.push(`line ${line} (row ${recordIndex}): ${message}`);
  };
  const stopIfFull = () => {
    if (problems.length >= maxListed) throw badRows(label, problems, true);
  };

  // Builds the mapper of one record to an event, once the header or first object is known.
  const onCsv = (fields: string[], line: number) => {
    if (mapper === undefined) {
      const mappers = csvMapper(fields, options, summary, emit, emitSpan, fail);
      mapper = mappers.record;
      lineMapper = mappers.line;
      return;
    }
    recordIndex += 1;
    mapper(fields, line);
  };
  let delimiter = ",";
  const onCsvLine = (text: string, start: number, end: number, line: number) => {
    if (lineMapper === undefined) {
      onCsv(text.slice(start, end).split(delimiter), line);
      return;
    }
    recordIndex += 1;
    lineMapper(text, start, end, line);
  };
  const onJson = (value: unknown, line: number) => {
    recordIndex += 1;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      fail(
        line,
        `expected an event object, found ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`,
      );
      return;
    }
    mapper ??= jsonMapper(value as Record<string, unknown>, options, summary, emit, fail);
    mapper(value, line);
  };

  let lastLine = 1;
  for (const chunk of textChunks(options.path, label)) {
    if (splitter === undefined) {
      summary.format = options.format ?? sniffFormat(chunk.text, options.path);
      delimiter = summary.format === "csv" ? "," : "\t";
      splitter =
        summary.format === "csv" || summary.format === "tsv"
          ? new CsvSplitter(summary.format === "csv" ? "," : "\t")
          : new JsonSplitter(summary.format === "json" ? "array" : "ndjson");
    }
    const final = chunk.bytesRead >= chunk.size;
    try {
      if (splitter instanceof CsvSplitter) splitter.push(chunk.text, final, onCsv, onCsvLine);
      else splitter.push(chunk.text, final, onJson);
      lastLine = splitter.line;
    } catch (error) {
      if (error instanceof TextFormatError) {
        problems.push(`line ${error.line}: ${error.message}`);
        throw badRows(label, problems, true);
      }
      if (error instanceof MissingColumnsError) throw missingColumns(label, summary.format!, error);
      throw error;
    }
    options.onProgress?.(chunk.bytesRead, chunk.size);
    yield;
    summary.rows += rows;
    rows = 0;
    if (problems.length > 0) stopIfFull();
  }
  if (problems.length > 0) throw badRows(label, problems, false);
  if (mapper === undefined) {
    throw new CommandError(`${label}: line ${lastLine}: the file has no events`, "analyze");
  }
}

function badRows(label: string, problems: string[], stopped: boolean): CommandError {
  const head =
    problems.length === 1
      ? `${label}: ${problems[0]}`
      : `${label}: ${problems.length} problems${stopped ? " (reading stopped there)" : ""}:\n${problems.map((p) => `  ${p}`).join("\n")}`;
  return new CommandError(head, "analyze");
}

function missingColumns(
  label: string,
  format: InputFormat,
  error: MissingColumnsError,
): CommandError {
  const kind = format === "csv" || format === "tsv" ? "columns" : "fields of the first event";
  return new CommandError(
    `${label}: missing ${error.missing.join("; ")}.\nThe ${kind}: ${error.found.join(", ") || "(none)"}`,
    "analyze",
  );
}

/**
 * The format of a file: JSON when its first character opens an array (`[`) or an object (`{`, one
 * per line: NDJSON), whatever the extension (Mixpanel writes NDJSON to `.json` files); otherwise
 * CSV or TSV from the extension, else from whether the first line has more tabs than commas.
 */
export function sniffFormat(text: string, path: string): InputFormat {
  const start = text.search(/\S/);
  const first = start === -1 ? "" : text[start];
  if (first === "[") return "json";
  if (first === "{") return "ndjson";
  const extension = extname(path).toLowerCase();
  if (extension === ".tsv" || extension === ".tab") return "tsv";
  if (extension === ".csv") return "csv";
  const firstLine = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  const tabs = firstLine.split("\t").length;
  const commas = firstLine.split(",").length;
  return tabs > commas ? "tsv" : "csv";
}

type Fail = (line: number, message: string) => void;
type EmitSpan = (
  text: string,
  userStart: number,
  userEnd: number,
  eventStart: number,
  eventEnd: number,
  timestamp: number,
) => void;

/** Where {@link readEventsInto} puts events: one by one, or as spans of the text read. */
export interface EventSink {
  add: (userId: string, event: string, timestamp: number) => void;
  addSpan: EmitSpan;
}
type LineMapper = (text: string, start: number, end: number, line: number) => void;
type Emit = (
  userId: string,
  event: string,
  timestamp: number,
  properties: Record<string, unknown> | undefined,
) => void;

function csvMapper(
  header: string[],
  options: ReadEventsOptions,
  summary: ReadSummary,
  emit: Emit,
  emitSpan: EmitSpan,
  fail: Fail,
): { record: (record: unknown, line: number) => void; line: LineMapper | undefined } {
  const names = header.map((name) => name.trim());
  const columns = detectColumns(names, options.columns);
  summary.columns = columns;
  const index = (name: string) => names.indexOf(name);
  const userColumns = columns.user.map(index).filter((i) => i !== -1);
  const eventColumn = index(columns.event);
  const timeColumn = index(columns.time);
  const width = names.length;
  const root = columns.properties === undefined ? -1 : index(columns.properties);
  const keyColumns = options.properties.map((key) => {
    const direct = index(key);
    return direct !== -1 ? direct : index(`${columns.properties ?? "properties"}.${key}`);
  });
  const wantsProperties = options.properties.length > 0;
  const inSeconds = columns.timeInSeconds;
  const singleUser = userColumns.length === 1 ? userColumns[0]! : -1;

  const record = (record: unknown, line: number) => {
    const fields = record as string[];
    if (fields.length !== width) {
      fail(line, `expected ${width} fields (as the header has), found ${fields.length}`);
      return;
    }
    let userId = singleUser === -1 ? "" : fields[singleUser]!;
    if (singleUser === -1) {
      for (const c of userColumns) {
        if (fields[c] !== "") {
          userId = fields[c]!;
          break;
        }
      }
    }
    const event = fields[eventColumn]!;
    if (userId === "") return fail(line, `the user id (${columns.user.join(" or ")}) is empty`);
    if (event === "") return fail(line, `the event name (${columns.event}) is empty`);
    const time = timestampOf(fields[timeColumn]!, inSeconds);
    if (typeof time === "string") return fail(line, `${columns.time}: ${time}`);
    let properties: Record<string, unknown> | undefined;
    if (wantsProperties) {
      let parsedRoot: Record<string, unknown> | undefined;
      for (let k = 0; k < keyColumns.length; k++) {
        const key = options.properties[k]!;
        const c = keyColumns[k]!;
        let value: unknown;
        if (c !== -1) value = csvValue(fields[c]!);
        else if (root !== -1 && fields[root] !== "") {
          if (parsedRoot === undefined) {
            try {
              parsedRoot = JSON.parse(fields[root]!) as Record<string, unknown>;
            } catch {
              return fail(line, `${columns.properties}: not valid JSON`);
            }
          }
          value = parsedRoot?.[key];
        }
        if (value !== undefined) (properties ??= {})[key] = value;
      }
    }
    emit(userId, event, time, properties);
  };
  if (wantsProperties) return { record, line: undefined };

  // A line without quotes, read in place: the span of each field is found with indexOf, and only
  // the user, event and time fields become strings. Whatever is not the common case (a wrong field
  // count, an empty value, a time that is not ISO 8601 in UTC) goes through `record`, so that
  // results and messages are the same.
  const delimiter = options.format === "tsv" || summary.format === "tsv" ? "\t" : ",";
  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  const located = eventColumn >= 0 && timeColumn >= 0 && userColumns.length > 0;
  const line: LineMapper = (text, start, end, lineNumber) => {
    let column = 0;
    let from = start;
    for (;;) {
      let next = text.indexOf(delimiter, from);
      if (next === -1 || next > end) next = end;
      if (column < width) {
        starts[column] = from;
        ends[column] = next;
      }
      column += 1;
      if (next === end) break;
      from = next + 1;
    }
    if (column !== width || !located) {
      record(text.slice(start, end).split(delimiter), lineNumber);
      return;
    }
    let user = singleUser;
    if (user === -1) {
      for (const c of userColumns) {
        if (ends[c]! > starts[c]!) {
          user = c;
          break;
        }
      }
    }
    const time = user === -1 ? Number.NaN : isoUtc(text, starts[timeColumn]!, ends[timeColumn]!);
    if (
      Number.isNaN(time) ||
      ends[user]! === starts[user]! ||
      ends[eventColumn]! === starts[eventColumn]!
    ) {
      record(text.slice(start, end).split(delimiter), lineNumber);
      return;
    }
    emitSpan(text, starts[user]!, ends[user]!, starts[eventColumn]!, ends[eventColumn]!, time);
  };
  return { record, line };
}

function jsonMapper(
  first: Record<string, unknown>,
  options: ReadEventsOptions,
  summary: ReadSummary,
  emit: Emit,
  fail: Fail,
): (record: unknown, line: number) => void {
  const columns = detectColumns(fieldNames(first), options.columns);
  summary.columns = columns;
  const userPaths = columns.user.map((p) => p.split("."));
  const eventPath = columns.event.split(".");
  const timePath = columns.time.split(".");
  const rootPath = columns.properties?.split(".");
  const inSeconds = columns.timeInSeconds;
  return (record, line) => {
    const object = record as Record<string, unknown>;
    let userId: unknown;
    for (const path of userPaths) {
      userId = at(object, path);
      if (userId !== undefined && userId !== null && userId !== "") break;
    }
    if (typeof userId === "number") userId = String(userId);
    const event = at(object, eventPath);
    if (typeof userId !== "string" || userId === "") {
      return fail(line, `no user id (${columns.user.join(" or ")})`);
    }
    if (typeof event !== "string" || event === "") {
      return fail(line, `no event name (${columns.event})`);
    }
    const time = timestampOf(at(object, timePath), inSeconds);
    if (typeof time === "string") return fail(line, `${columns.time}: ${time}`);
    let properties: Record<string, unknown> | undefined;
    if (options.properties.length > 0) {
      const root = rootPath ? at(object, rootPath) : undefined;
      for (const key of options.properties) {
        const value =
          (typeof root === "object" && root !== null
            ? (root as Record<string, unknown>)[key]
            : undefined) ?? object[key];
        if (value !== undefined) (properties ??= {})[key] = value;
      }
    }
    emit(userId, event, time, properties);
  };
}

function at(object: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A CSV cell as a property value: numbers as numbers, the rest as text. */
function csvValue(text: string): unknown {
  if (text === "") return undefined;
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return text;
}

const naiveDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
const epochNumber = /^-?\d+(?:\.\d+)?$/;

/**
 * A time value as epoch milliseconds, or the reason it is not one. Accepted: ISO 8601 with an
 * offset; ISO 8601 date-times without one, read as UTC (Amplitude and PostHog write UTC that way);
 * epoch numbers — seconds below 100,000,000,000 (or always, for Mixpanel), milliseconds above.
 */
export function timestampOf(value: unknown, inSeconds: boolean): number | string {
  if (typeof value === "string") {
    const fast = isoUtc(value, 0, value.length);
    if (!Number.isNaN(fast)) return fast;
    if (epochNumber.test(value)) return epoch(Number(value), inSeconds);
    if (naiveDateTime.test(value)) value = `${value}Z`;
  } else if (typeof value === "number") {
    return epoch(value, inSeconds);
  }
  if (value === undefined || value === null || value === "") return "the time is empty";
  try {
    return toEpochMs(value as string);
  } catch (error) {
    return (error as Error).message.replace(/^[^:]*: /, "");
  }
}

function epoch(value: number, inSeconds: boolean): number | string {
  if (!Number.isFinite(value)) return `expected a time, found ${value}`;
  const ms = inSeconds || Math.abs(value) < 1e11 ? Math.round(value * 1000) : value;
  return Math.abs(ms) <= 8.64e15 ? ms : `the time ${value} is out of range`;
}

// The last date read and its epoch milliseconds at midnight UTC: exports are in time order, so
// consecutive rows mostly share the date, which is then checked and converted once.
let cachedDate = "1970-01-01";
let cachedDateMs = 0;

/**
 * The common case, fast: `YYYY-MM-DDTHH:MM:SS[.fff…]Z` from `from` to `to` of `s`, with the checks
 * core's ISO parser makes (fractions truncated to milliseconds). NaN for anything else, which
 * takes the general path.
 */
function isoUtc(s: string, from: number, to: number): number {
  const n = to - from;
  const o = from;
  if (
    n < 20 ||
    s.charCodeAt(to - 1) !== 90 ||
    s.charCodeAt(o + 4) !== 45 ||
    s.charCodeAt(o + 7) !== 45 ||
    s.charCodeAt(o + 10) !== 84 ||
    s.charCodeAt(o + 13) !== 58 ||
    s.charCodeAt(o + 16) !== 58
  ) {
    return Number.NaN;
  }
  let dateMs = cachedDateMs;
  if (!s.startsWith(cachedDate, o)) {
    const year = digits(s, o, 4);
    const month = digits(s, o + 5, 2);
    const day = digits(s, o + 8, 2);
    if (
      (year | month | day) < 0 ||
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysInMonth(year, month)
    ) {
      return Number.NaN;
    }
    dateMs = daysFromCivil(year, month, day) * 86_400_000;
    cachedDate = s.slice(o, o + 10);
    cachedDateMs = dateMs;
  }
  const hour = digits(s, o + 11, 2);
  const minute = digits(s, o + 14, 2);
  const second = digits(s, o + 17, 2);
  let ms = 0;
  if (n > 20) {
    if (s.charCodeAt(o + 19) !== 46 || n === 21) return Number.NaN;
    const fraction = digits(s, o + 20, n - 21);
    if (fraction < 0) return Number.NaN;
    ms = n - 21 >= 3 ? digits(s, o + 20, 3) : n - 21 === 2 ? fraction * 10 : fraction * 100;
  }
  if ((hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return dateMs + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

function digits(s: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant, "chrono-Compatible Low-Level
// Date Algorithms", days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
