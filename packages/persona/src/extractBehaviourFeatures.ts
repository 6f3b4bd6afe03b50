import {
  type EventInput,
  EventTable,
  OpsbookError,
  type OpsEvent,
  periodKey,
  type TimestampInput,
  toEpochMs,
  validate,
} from "@opsbook/core";
import { z } from "zod";

const DAY = 86_400_000;

/**
 * Options of {@link extractBehaviourFeatures}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface BehaviourFeatureOptions {
  /** Date recency and tenure are measured to (default: the latest event). */
  asOf?: TimestampInput;
  /** Purchase event name (default `"purchase"`). */
  purchaseEvent?: string;
  /** Property holding a purchase's amount, in one currency's minor units or any one unit (default `"amount"`). */
  amountProperty?: string;
  /** Property holding the currency, checked to be the same on every purchase (default `"currency"`). */
  currencyProperty?: string;
  /** Property naming the user's acquisition channel; the first event that has it counts (default `"channel"`). */
  channelProperty?: string;
  /** Time zone of active days (default `"UTC"`). */
  timeZone?: string;
}

/**
 * Result of {@link extractBehaviourFeatures}.
 *
 * @category Clustering
 * @since 0.1.0
 */
export interface BehaviourFeatures {
  /** Feature names, the columns of `rows`. */
  features: string[];
  /** User ids, the rows of `rows`, in order of first appearance. */
  userIds: string[];
  /** One row of feature values per user. */
  rows: number[][];
  /** The same values as users with attributes, ready for {@link assignPersonas}; `channel` holds the channel name. */
  users: { id: string; attributes: Record<string, number | string | null> }[];
  /** Channels found, in order of first appearance (the `channel:<name>` indicator columns). */
  channels: string[];
}

const optionsSchema = z
  .object({
    asOf: z.union([z.date(), z.string(), z.number()]).optional(),
    purchaseEvent: z.string().min(1).default("purchase"),
    amountProperty: z.string().min(1).default("amount"),
    currencyProperty: z.string().min(1).default("currency"),
    channelProperty: z.string().min(1).default("channel"),
    timeZone: z.string().default("UTC"),
  })
  .strict();

/** Names of the behaviour features, in column order (channel indicators follow). */
const BASE = [
  "events",
  "activeDays",
  "eventsPerActiveDay",
  "breadth",
  "recencyDays",
  "tenureDays",
  "purchases",
  "spend",
] as const;

/**
 * Summarises each user's events into behaviour features for clustering and rules:
 * - activity: `events` (count), `activeDays` (distinct calendar days in `timeZone`),
 *   `eventsPerActiveDay`;
 * - breadth: `breadth`, the number of distinct event names used;
 * - recency: `recencyDays` from the last event to `asOf`, and `tenureDays` from the first;
 * - spend: `purchases` and `spend`, the sum of `amountProperty` on purchase events (one currency:
 *   mixed currencies are a `conflict` error);
 * - channel: one indicator column `channel:<name>` per channel found in `channelProperty` (1 for
 *   the user's channel, else 0; a user without one has all 0).
 *
 * @param events - Events (`{ userId, event, timestamp, properties? }`).
 * @param options - `asOf`, `purchaseEvent`, `amountProperty`, `currencyProperty`, `channelProperty`, `timeZone`.
 * @returns Feature names, user ids, the feature matrix and the same as user attributes.
 * @throws {@link OpsbookError} `invalid_input` for no events or bad events; `conflict` for mixed currencies.
 * @category Clustering
 * @since 0.1.0
 * @example
 * ```ts
 * import { extractBehaviourFeatures } from "@opsbook/persona";
 *
 * const result = extractBehaviourFeatures([
 *   { userId: "u1", event: "signup", timestamp: "2026-01-01T10:00:00Z", properties: { channel: "organic" } },
 *   { userId: "u1", event: "purchase", timestamp: "2026-01-03T10:00:00Z", properties: { amount: 900, currency: "USD" } },
 *   { userId: "u2", event: "signup", timestamp: "2026-01-05T10:00:00Z", properties: { channel: "referral" } },
 * ]);
 * result.features
 * //=> ["events", "activeDays", "eventsPerActiveDay", "breadth", "recencyDays", "tenureDays", "purchases", "spend", "channel:organic", "channel:referral"]
 * result.rows //=> [[2, 2, 1, 2, 2, 4, 1, 900, 1, 0], [1, 1, 1, 1, 0, 0, 0, 0, 0, 1]]
 * result.users[1]?.attributes.channel //=> "referral"
 * extractBehaviourFeatures([]) //=> throws OpsbookError
 * ```
 */
export function extractBehaviourFeatures(
  events: Iterable<EventInput | OpsEvent>,
  options: BehaviourFeatureOptions = {},
): BehaviourFeatures {
  const opts = validate(optionsSchema, options, { path: ["options"], label: "feature options" });
  const table = EventTable.from(events, {
    properties: [opts.amountProperty, opts.currencyProperty, opts.channelProperty],
  });
  if (table.length === 0)
    throw new OpsbookError("invalid_input", "events: expected at least one event, received none", [
      "events",
    ]);
  const amounts = table.property(opts.amountProperty) ?? [];
  const currencies = table.property(opts.currencyProperty) ?? [];
  const channelValues = table.property(opts.channelProperty) ?? [];
  const purchaseCode = table.eventCode(opts.purchaseEvent);
  let latest = Number.NEGATIVE_INFINITY;
  for (const t of table.timestamps) latest = Math.max(latest, t);
  const asOf = opts.asOf === undefined ? latest : toEpochMs(opts.asOf, ["options", "asOf"]);
  const channels: string[] = [];
  const channelIndex = new Map<string, number>();
  let currency: string | undefined;
  const base: number[][] = [];
  const userChannel: (string | null)[] = [];
  for (let u = 0; u < table.userCount; u++) {
    const from = table.userOffsets[u] as number;
    const to = table.userOffsets[u + 1] as number;
    const days = new Set<string>();
    const names = new Set<number>();
    let purchases = 0;
    let spend = 0;
    let channel: string | null = null;
    for (let i = from; i < to; i++) {
      const t = table.timestamps[i] as number;
      days.add(periodKey(t, "day", { timeZone: opts.timeZone }));
      const code = table.events[i] as number;
      names.add(code);
      if (channel === null) {
        const c = channelValues[i];
        if (typeof c === "string" && c !== "") channel = c;
      }
      if (code === purchaseCode) {
        purchases++;
        const amount = amounts[i];
        if (typeof amount === "number" && Number.isFinite(amount)) spend += amount;
        const cur = currencies[i];
        if (typeof cur === "string") {
          currency ??= cur;
          if (cur !== currency)
            throw new OpsbookError(
              "conflict",
              `events: purchases in ${currency} and ${cur}; spend needs one currency (convert first)`,
              ["events"],
            );
        }
      }
    }
    if (channel !== null && !channelIndex.has(channel)) {
      channelIndex.set(channel, channels.length);
      channels.push(channel);
    }
    userChannel.push(channel);
    const first = table.timestamps[from] as number;
    const last = table.timestamps[to - 1] as number;
    const count = to - from;
    base.push([
      count,
      days.size,
      count / days.size,
      names.size,
      (asOf - last) / DAY,
      (asOf - first) / DAY,
      purchases,
      spend,
    ]);
  }
  const features = [...BASE, ...channels.map((c) => `channel:${c}`)];
  const rows = base.map((row, u) => {
    const indicators = channels.map(() => 0);
    const c = userChannel[u];
    if (c != null) indicators[channelIndex.get(c) as number] = 1;
    return [...row, ...indicators];
  });
  const users = rows.map((row, u) => {
    const attributes: Record<string, number | string | null> = {};
    features.forEach((name, j) => {
      attributes[name] = row[j] as number;
    });
    attributes.channel = userChannel[u] ?? null;
    return { id: table.userIds[u] as string, attributes };
  });
  return { features, userIds: [...table.userIds], rows, users, channels };
}
