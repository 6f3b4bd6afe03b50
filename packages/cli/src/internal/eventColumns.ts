/**
 * Where the user, event name and time of an event are in an export: a column name (CSV, TSV) or a
 * dotted path into each object (NDJSON, JSON), with a fallback for the user (Segment's
 * `anonymousId` when `userId` is empty).
 */
export interface EventColumns {
  /** The export format recognised, for the summary line ("Segment/RudderStack track"…). */
  preset: string;
  /** User id columns, the first non-empty one is used. */
  user: string[];
  event: string;
  time: string;
  /** Numbers in the time column are epoch seconds (Mixpanel) rather than detected. */
  timeInSeconds: boolean;
  /** Where properties are: an object (JSON) or JSON text (CSV) at this path; columns otherwise. */
  properties: string | undefined;
}

interface Preset {
  name: string;
  user: string[];
  event: string[];
  time: string[];
  timeInSeconds?: boolean;
  properties?: string;
  /** Fields that must be present for the preset to be chosen. */
  requires: string[];
}

// Checked in order; the first whose required fields all exist wins.
const presets: readonly Preset[] = [
  {
    // Mixpanel's raw export: {"event": …, "properties": {"distinct_id": …, "time": seconds, …}}.
    name: "Mixpanel export",
    user: ["properties.distinct_id"],
    event: ["event"],
    time: ["properties.time"],
    timeInSeconds: true,
    properties: "properties",
    requires: ["event", "properties.distinct_id", "properties.time"],
  },
  {
    // Amplitude's export API: user_id (device_id for anonymous users), event_type, event_time
    // ("2026-11-25 09:30:00.123456", UTC without an offset), event_properties.
    name: "Amplitude export",
    user: ["user_id", "device_id"],
    event: ["event_type"],
    time: ["event_time", "client_event_time"],
    properties: "event_properties",
    requires: ["event_type", "event_time"],
  },
  {
    // Segment and RudderStack track calls (and Opsbook's own files): userId or anonymousId.
    name: "Segment/RudderStack track",
    user: ["userId", "anonymousId"],
    event: ["event"],
    time: ["timestamp", "originalTimestamp", "receivedAt"],
    properties: "properties",
    requires: ["event", "timestamp"],
  },
  {
    // PostHog's CSV and JSON exports: distinct_id, event, timestamp, properties.
    name: "PostHog export",
    user: ["distinct_id", "person_id"],
    event: ["event"],
    time: ["timestamp"],
    properties: "properties",
    requires: ["distinct_id", "event", "timestamp"],
  },
];

/** Names tried, case-insensitively, when no preset fits. */
const generic = {
  user: ["userId", "user_id", "user", "distinct_id", "customerId", "customer_id", "anonymousId"],
  event: ["event", "event_name", "eventName", "event_type", "name", "action"],
  time: ["timestamp", "time", "event_time", "ts", "date", "created_at", "createdAt"],
};

/** What the command line says about the columns (each overrides detection). */
export interface ColumnOptions {
  user?: string;
  event?: string;
  time?: string;
}

/** Why the columns could not be found: the missing roles and the fields that exist. */
export class MissingColumnsError extends Error {
  override readonly name = "MissingColumnsError";
  readonly missing: string[];
  readonly found: string[];

  constructor(missing: string[], found: string[]) {
    super(`missing ${missing.join("; ")}`);
    this.missing = missing;
    this.found = found;
  }
}

/**
 * Finds the columns of an export from its field names (a CSV header, or the dotted keys of the
 * first object): a known export format first, then common names; `given` overrides each role.
 */
export function detectColumns(fields: readonly string[], given: ColumnOptions): EventColumns {
  const has = new Set(fields);
  const preset = presets.find(
    (p) => p.requires.every((f) => has.has(f)) && p.user.some((f) => has.has(f)),
  );
  const lower = new Map(fields.map((f) => [f.toLowerCase(), f]));
  const pick = (names: readonly string[]) =>
    names
      .filter((name) => has.has(name))
      .concat(
        names
          .filter((name) => !has.has(name) && lower.has(name.toLowerCase()))
          .map((name) => lower.get(name.toLowerCase())!),
      );
  const user = given.user !== undefined ? [given.user] : pick(preset?.user ?? generic.user);
  const event = given.event ?? pick(preset?.event ?? generic.event)[0];
  const time = given.time ?? pick(preset?.time ?? generic.time)[0];
  const missing: string[] = [];
  const need = (
    role: string,
    option: string,
    value: string | undefined,
    names: readonly string[],
  ) => {
    if (value !== undefined && !has.has(value))
      missing.push(`the ${role} column "${value}" (given with --${option})`);
    else if (value === undefined)
      missing.push(`a ${role} column (one of ${names.join(", ")}; or name it with --${option})`);
  };
  need("user", "user-column", user[0], generic.user);
  need("event", "event-column", event, generic.event);
  need("time", "time-column", time, generic.time);
  if (missing.length > 0) throw new MissingColumnsError(missing, [...fields]);
  const properties = preset?.properties ?? (has.has("properties") ? "properties" : undefined);
  return {
    preset:
      preset && given.user === undefined && given.event === undefined && given.time === undefined
        ? preset.name
        : "columns",
    user,
    event: event!,
    time: time!,
    timeInSeconds: preset?.timeInSeconds === true && given.time === undefined,
    properties,
  };
}

/** The field names of an object for detection: its keys, and `parent.child` one level down. */
export function fieldNames(value: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    names.push(key);
    if (typeof inner === "object" && inner !== null && !Array.isArray(inner)) {
      for (const child of Object.keys(inner)) names.push(`${key}.${child}`);
    }
  }
  return names;
}
