import { toEpochMs, validate } from "@opsbook/core";
import { timeSpan } from "./internal/range.ts";
import { ratio } from "./internal/stats.ts";
import { compileMatchers, filterKeys } from "./internal/steps.ts";
import { type EventsInput, toTable } from "./internal/table.ts";
import { type ActivationThresholdOptions, activationThresholdOptionsSchema } from "./schemas.ts";

const DAY = 86_400_000;

/**
 * One candidate rule of {@link activationThreshold}: "did `action` at least `threshold` times in
 * the first `windowDays` days".
 *
 * @category Activation
 * @since 0.1.0
 */
export interface ActivationCandidate {
  action: string;
  windowDays: number;
  threshold: number;
  /** The 2×2 table: users who met the rule and were retained, met it and were not, and so on. */
  table: {
    hitRetained: number;
    hitNotRetained: number;
    missRetained: number;
    missNotRetained: number;
  };
  /** Share of users who met the rule. */
  coverage: number;
  /** Retention of users who met the rule. */
  retainedIfHit: number;
  /** Retention of users who did not. */
  retainedIfMiss: number;
  /** `retainedIfHit ÷ retainedIfMiss` (`null` when no miss was retained). */
  lift: number | null;
  /** Phi coefficient of the 2×2 table (0 when a margin is empty). */
  phi: number;
}

/**
 * Result of {@link activationThreshold}.
 *
 * @category Activation
 * @since 0.1.0
 */
export interface ActivationThresholdResult {
  /** Users whose retention window had ended by `asOf` (the only ones scanned). */
  eligibleUsers: number;
  /** Share of them retained. */
  baseRetention: number;
  /** Candidates with at least `minSupport` users on both sides of the rule, by phi, highest first. */
  ranked: ActivationCandidate[];
  /** Candidates left out for lack of support. */
  belowSupport: number;
}

/**
 * The "magic number" scan (Facebook's "7 friends in 10 days", Slack's "2,000 messages"): for every
 * candidate action, window and threshold, it builds the 2×2 table of "met the rule" against
 * "retained", and ranks the rules by the phi coefficient (the correlation of two binary variables,
 * `(ad − bc) ÷ √((a+b)(c+d)(a+c)(b+d))`), with lift and coverage beside it. Rules met or missed by
 * fewer than `minSupport` users are left out.
 *
 * A user's clock starts at their `signupEvent` (default: their first event). They are retained
 * when they did the `retentionEvent` (default: any event) between `retentionDays[0]` and
 * `retentionDays[1]` whole days after signup (24-hour days); only users whose retention window has
 * ended by `asOf` (default: the last event) are counted. This is correlation: users who would
 * stay anyway may also do more early; confirm a threshold with an experiment that moves it.
 *
 * @param events - Events or an `EventTable`.
 * @param options - See {@link activationThresholdOptionsSchema}.
 * @returns The ranked candidates.
 * @throws {@link OpsbookError} naming the bad row or option.
 * @category Activation
 * @since 0.1.0
 * @example
 * ```ts
 * import { activationThreshold } from "@opsbook/metrics";
 *
 * const D = 86_400_000;
 * const events = ["a", "b", "c", "d"].flatMap((userId, i) => [
 *   { userId, event: "signup", timestamp: 0 },
 *   ...Array.from({ length: i }, (_, k) => ({ userId, event: "post", timestamp: (k + 1) * 3_600_000 })),
 *   ...(i >= 2 ? [{ userId, event: "visit", timestamp: 30 * D }] : []),
 * ]);
 * const result = activationThreshold(events, {
 *   actions: ["post"], windowsDays: [1], thresholds: [1, 2], retentionDays: [28, 35], minSupport: 1, asOf: 40 * D,
 * });
 * result.ranked.map((c) => [c.threshold, c.phi]) //=> [[2, 1], [1, 0.5773502691896258]]
 * ```
 */
export function activationThreshold(
  events: EventsInput,
  options: ActivationThresholdOptions,
): ActivationThresholdResult {
  const o = validate(activationThresholdOptionsSchema, options, {
    path: ["options"],
    label: "options",
  });
  const retentionMatchers =
    o.retentionEvent === undefined
      ? undefined
      : Array.isArray(o.retentionEvent)
        ? o.retentionEvent
        : [o.retentionEvent];
  const table = toTable(events, filterKeys(retentionMatchers ?? []));
  const asOf = o.asOf === undefined ? timeSpan(table)[1] : toEpochMs(o.asOf, ["options", "asOf"]);
  const actions = [...new Set(o.actions)];
  const windows = [...new Set(o.windowsDays)].sort((a, b) => a - b);
  const thresholds = [...new Set(o.thresholds)].sort((a, b) => a - b);
  const actionCode = actions.map((a) => table.eventCode(a));
  const signupCode = o.signupEvent === undefined ? -1 : table.eventCode(o.signupEvent);
  const ret = compileMatchers(table, retentionMatchers ?? []);
  const A = actions.length;
  const W = windows.length;
  const T = thresholds.length;
  // cells[((a * W + w) * T + k) * 2 + retained]: users who met rule (a, w, k).
  const hits = new Float64Array(A * W * T * 2);
  const counts = new Int32Array(A * W);
  let eligible = 0;
  let retainedUsers = 0;
  const [r0, r1] = o.retentionDays;
  const codes = table.events;
  const times = table.timestamps;
  for (let u = 0; u < table.userCount; u++) {
    const from = table.userOffsets[u]!;
    const to = table.userOffsets[u + 1]!;
    let signup = Number.NaN;
    for (let i = from; i < to; i++) {
      if (signupCode < 0 ? o.signupEvent === undefined : codes[i] === signupCode) {
        signup = times[i]!;
        break;
      }
    }
    if (Number.isNaN(signup) || signup + (r1 + 1) * DAY > asOf) continue;
    eligible++;
    counts.fill(0);
    let retained = 0;
    for (let i = from; i < to; i++) {
      const dt = times[i]! - signup;
      if (dt < 0) continue;
      const code = codes[i]!;
      for (let a = 0; a < A; a++) {
        if (code !== actionCode[a]) continue;
        for (let w = 0; w < W; w++) if (dt < windows[w]! * DAY) counts[a * W + w]! += 1;
      }
      if (dt >= r0 * DAY && dt < (r1 + 1) * DAY) {
        if (retentionMatchers === undefined) retained = 1;
        else {
          let m = ret.byCode[code]!;
          if ((m & ret.filtered) !== 0) m = ret.rowMask(i, code);
          if (m !== 0) retained = 1;
        }
      }
    }
    retainedUsers += retained;
    for (let aw = 0; aw < A * W; aw++) {
      const c = counts[aw]!;
      for (let k = 0; k < T && thresholds[k]! <= c; k++) hits[(aw * T + k) * 2 + retained]! += 1;
    }
  }
  const ranked: ActivationCandidate[] = [];
  let belowSupport = 0;
  for (let a = 0; a < A; a++) {
    for (let w = 0; w < W; w++) {
      for (let k = 0; k < T; k++) {
        const cell = ((a * W + w) * T + k) * 2;
        const hitRetained = hits[cell + 1]!;
        const hitNotRetained = hits[cell]!;
        const missRetained = retainedUsers - hitRetained;
        const missNotRetained = eligible - retainedUsers - hitNotRetained;
        const hit = hitRetained + hitNotRetained;
        const miss = missRetained + missNotRetained;
        if (hit < o.minSupport || miss < o.minSupport) {
          belowSupport++;
          continue;
        }
        const denominator = Math.sqrt(hit * miss * retainedUsers * (eligible - retainedUsers));
        const retainedIfHit = ratio(hitRetained, hit);
        const retainedIfMiss = ratio(missRetained, miss);
        ranked.push({
          action: actions[a]!,
          windowDays: windows[w]!,
          threshold: thresholds[k]!,
          table: { hitRetained, hitNotRetained, missRetained, missNotRetained },
          coverage: ratio(hit, eligible),
          retainedIfHit,
          retainedIfMiss,
          lift: retainedIfMiss === 0 ? null : retainedIfHit / retainedIfMiss,
          phi:
            denominator === 0
              ? 0
              : (hitRetained * missNotRetained - hitNotRetained * missRetained) / denominator,
        });
      }
    }
  }
  ranked.sort((x, y) => y.phi - x.phi);
  return {
    eligibleUsers: eligible,
    baseRetention: ratio(retainedUsers, eligible),
    ranked,
    belowSupport,
  };
}
