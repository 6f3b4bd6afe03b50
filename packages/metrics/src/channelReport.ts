import { type Money, OpsbookError, toEpochMs, validate } from "@opsbook/core";
import { timeSpan } from "./internal/range.ts";
import { ratio } from "./internal/stats.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type ChannelReportInput, channelReportInputSchema } from "./schemas.ts";

const DAY = 86_400_000;
const RETENTION_DAYS = [1, 7, 30] as const;

/**
 * One channel of {@link channelReport}.
 *
 * @category Channels
 * @since 0.1.0
 */
export interface ChannelRow {
  channel: string;
  /** Users acquired through the channel. */
  users: number;
  /** Share who did the activation event within `activationDays` of signup. */
  activationRate: number;
  /**
   * Day-1, day-7 and day-30 retention: the share of users active (any event) in the 24 hours
   * starting N days after signup, over users whose day N had ended by `asOf` (`null` when none had).
   */
  retention: { d1: number | null; d7: number | null; d30: number | null };
  /** Spend on the channel (zero in the first spend currency seen, or USD, when none was given). */
  spend: Money;
  /** Customer acquisition cost: spend ÷ users, rounded half-even to the minor unit; `null` without users. */
  cac: Money | null;
}

/**
 * Acquisition channels side by side: users, activation rate, day-1 / day-7 / day-30 retention,
 * spend and CAC (spend divided by users acquired). Retention days are 24-hour blocks from signup
 * (Amplitude's "N-day" retention), counted only over users old enough to have them.
 *
 * @param input - `users` (`{ userId, channel, createdAt }`), `events`, `activationEvent`,
 *   `activationDays` (default 7), `spend` per channel as `Money`, `asOf` (default the last event).
 * @returns One row per channel, most users first.
 * @throws {@link OpsbookError} naming the bad field; spends in two currencies are a `conflict`.
 * @category Channels
 * @since 0.1.0
 * @example
 * ```ts
 * import { channelReport } from "@opsbook/metrics";
 *
 * const D = 86_400_000;
 * const report = channelReport({
 *   users: [
 *     { userId: "a", channel: "ads", createdAt: 0 },
 *     { userId: "b", channel: "ads", createdAt: 0 },
 *     { userId: "c", channel: "seo", createdAt: 0 },
 *   ],
 *   events: [
 *     { userId: "a", event: "activate", timestamp: D / 2 },
 *     { userId: "a", event: "visit", timestamp: 1.5 * D },
 *     { userId: "c", event: "visit", timestamp: 40 * D },
 *   ],
 *   activationEvent: "activate",
 *   spend: { ads: { amount: 1001, currency: "USD" } },
 * });
 * report.map((r) => [r.channel, r.users, r.activationRate, r.retention.d1, r.cac?.amount ?? null])
 * //=> [["ads", 2, 0.5, 0.5, 500], ["seo", 1, 0, 0, 0]]
 * ```
 */
export function channelReport(input: ChannelReportInput): ChannelRow[] {
  const o = validate(channelReportInputSchema, input, { path: ["input"], label: "input" });
  const table = toTable(o.events as EventsInput);
  const asOf = o.asOf === undefined ? timeSpan(table)[1] : toEpochMs(o.asOf, ["input", "asOf"]);
  const currencies = new Set(Object.values(o.spend).map((m) => m.currency));
  if (currencies.size > 1) {
    throw new OpsbookError(
      "conflict",
      `input.spend: expected one currency, received ${[...currencies].join(", ")}`,
      ["input", "spend"],
    );
  }
  const currency = [...currencies][0] ?? "USD";
  const activation = table.eventCode(o.activationEvent);
  type Acc = { users: number; activated: number; eligible: number[]; retained: number[] };
  const byChannel = new Map<string, Acc>();
  o.users.forEach((user, index) => {
    const created = toEpochMs(user.createdAt, ["input", "users", index, "createdAt"]);
    let acc = byChannel.get(user.channel);
    if (!acc) {
      acc = { users: 0, activated: 0, eligible: [0, 0, 0], retained: [0, 0, 0] };
      byChannel.set(user.channel, acc);
    }
    acc.users++;
    const u = table.userCode(user.userId);
    let activated = false;
    const active = [false, false, false];
    if (u >= 0) {
      for (let i = table.userOffsets[u]!; i < table.userOffsets[u + 1]!; i++) {
        const dt = table.timestamps[i]! - created;
        if (dt < 0) continue;
        if (table.events[i] === activation && dt < o.activationDays * DAY) activated = true;
        RETENTION_DAYS.forEach((n, k) => {
          if (dt >= n * DAY && dt < (n + 1) * DAY) active[k] = true;
        });
      }
    }
    if (activated) acc.activated++;
    RETENTION_DAYS.forEach((n, k) => {
      if (created + (n + 1) * DAY <= asOf) {
        acc.eligible[k]! += 1;
        if (active[k]) acc.retained[k]! += 1;
      }
    });
  });
  const rows: ChannelRow[] = [...byChannel.entries()].map(([channel, acc]) => {
    const spend = o.spend[channel] ?? { amount: 0, currency };
    const share = (k: number) =>
      acc.eligible[k] === 0 ? null : acc.retained[k]! / acc.eligible[k]!;
    return {
      channel,
      users: acc.users,
      activationRate: ratio(acc.activated, acc.users),
      retention: { d1: share(0), d7: share(1), d30: share(2) },
      spend,
      cac:
        acc.users === 0
          ? null
          : { amount: divideHalfEven(spend.amount, acc.users), currency: spend.currency },
    };
  });
  return rows.sort((a, b) => b.users - a.users || a.channel.localeCompare(b.channel));
}

/** Integer division rounded half to even (banker's rounding), exact for safe integers. */
function divideHalfEven(amount: number, by: number): number {
  const q = Math.floor(amount / by);
  const r = amount - q * by;
  if (2 * r > by || (2 * r === by && q % 2 !== 0)) return q + 1;
  return q;
}
