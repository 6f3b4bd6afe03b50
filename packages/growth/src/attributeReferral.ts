import { type TimestampInput, toEpochMs } from "@opsbook/core";
import { localDayNumber } from "./internal/zoneClock.ts";
import { normalizeReferralCode } from "./referralCodes.ts";

/**
 * One referral touch before a conversion: a click on a referral link (`via: "link"`, the default)
 * or a code typed in a form (`via: "code"`).
 *
 * @category Referral attribution
 * @since 0.1.0
 */
export interface ReferralTouch {
  code: string;
  at: TimestampInput;
  via?: "link" | "code";
}

/**
 * Attribution options: `windowDays` (default 60, Rewardful's default cookie window), counted in
 * calendar days of `timeZone` (default `"UTC"`) with the day of the touch as day 1; `model`
 * `first-touch` (default, Rewardful's default for new campaigns) or `last-touch`; `precedence`
 * `code-over-link` (default: a code typed by the referee beats link clicks) or `touch-order`.
 *
 * @category Referral attribution
 * @since 0.1.0
 */
export interface AttributionOptions {
  windowDays?: number;
  model?: "first-touch" | "last-touch";
  precedence?: "code-over-link" | "touch-order";
  timeZone?: string;
}

/**
 * Which touch a conversion is credited to, or why none is: `no_touch` (no touch at or before the
 * conversion), `outside_window` (every touch is older than the window; GrowSurf's "Credit
 * Expired"), `malformed_code` (every touch carried a malformed code).
 *
 * @category Referral attribution
 * @since 0.1.0
 */
export type AttributionResult =
  | { ok: true; code: string; index: number; at: number; via: "link" | "code" }
  | { ok: false; reason: "no_touch" | "outside_window" | "malformed_code"; message: string };

/**
 * Credits a conversion to one referral touch. A touch is eligible when it is at or before the
 * conversion and the conversion falls on day 1 to `windowDays` counted from the touch's calendar
 * day (day 1) in `timeZone` — so a 30-day window from a click on 1 June credits conversions up to
 * and including 30 June, as Rewardful documents. Among eligible touches, `precedence:
 * "code-over-link"` keeps only typed codes when there is one; then `first-touch` picks the earliest
 * and `last-touch` the latest (ties: the earlier in the list for first touch, the later for last
 * touch). Touches with malformed codes are skipped. Never throws for bad touches: the result says
 * why nothing was credited.
 *
 * @param touches - The touches, any order.
 * @param conversionAt - When the referee converted (signed up).
 * @param options - Window, model, precedence, time zone.
 * @returns The credited touch (`index` in `touches`, normalised `code`) or a typed reason.
 * @category Referral attribution
 * @since 0.1.0
 * @example
 * ```ts
 * import { attributeReferral } from "@opsbook/growth";
 *
 * const touches = [
 *   { code: "ANNA0001", at: "2026-06-01T09:00:00Z" },
 *   { code: "BEN00002", at: "2026-06-20T09:00:00Z" },
 *   { code: "CARA0003", at: "2026-06-25T09:00:00Z", via: "code" as const },
 * ];
 * attributeReferral(touches.slice(0, 2), "2026-06-30T23:00:00Z", { windowDays: 30 }).ok //=> true
 * attributeReferral(touches.slice(0, 2), "2026-06-30T23:00:00Z", { windowDays: 30 })
 * //=> { ok: true, code: "ANNA0001", index: 0, at: Date.parse("2026-06-01T09:00:00Z"), via: "link" }
 * const last = attributeReferral(touches.slice(0, 2), "2026-06-30T23:00:00Z", { windowDays: 30, model: "last-touch" });
 * last.ok ? last.code : last.reason //=> "BEN00002"
 * const typed = attributeReferral(touches, "2026-06-30T23:00:00Z");
 * typed.ok ? typed.code : typed.reason //=> "CARA0003"
 * attributeReferral(touches.slice(0, 1), "2026-07-01T00:00:00Z", { windowDays: 30 })
 * //=> { ok: false, reason: "outside_window", message: "every touch is older than the 30-day attribution window" }
 * ```
 */
export function attributeReferral(
  touches: readonly ReferralTouch[],
  conversionAt: TimestampInput,
  options: AttributionOptions = {},
): AttributionResult {
  const windowDays = options.windowDays ?? 60;
  const model = options.model ?? "first-touch";
  const precedence = options.precedence ?? "code-over-link";
  const zone = options.timeZone ?? "UTC";
  let conversion: number;
  try {
    conversion = typeof conversionAt === "number" ? conversionAt : toEpochMs(conversionAt);
  } catch {
    return { ok: false, reason: "no_touch", message: "the conversion time is not a valid instant" };
  }
  const conversionDay = localDayNumber(conversion, zone);
  let best = -1;
  let bestAt = 0;
  let bestCode = "";
  let bestVia: "link" | "code" = "link";
  let bestIsCode = false;
  let before = 0;
  let wellFormed = 0;
  for (let i = 0; i < touches.length; i++) {
    const touch = touches[i] as ReferralTouch;
    const code = normalizeReferralCode(touch?.code);
    if (!code.ok) continue;
    wellFormed++;
    let at: number;
    try {
      at = typeof touch.at === "number" ? touch.at : toEpochMs(touch.at);
    } catch {
      continue;
    }
    if (!Number.isFinite(at) || at > conversion) continue;
    before++;
    const age = conversionDay - localDayNumber(at, zone);
    if (age >= windowDays) continue;
    const isCode = touch.via === "code";
    if (best >= 0 && precedence === "code-over-link" && bestIsCode !== isCode) {
      if (bestIsCode) continue;
    } else if (best >= 0) {
      const better = model === "first-touch" ? at < bestAt : at >= bestAt;
      if (!better) continue;
    }
    best = i;
    bestAt = at;
    bestCode = code.code;
    bestVia = isCode ? "code" : "link";
    bestIsCode = isCode;
  }
  if (best >= 0) return { ok: true, code: bestCode, index: best, at: bestAt, via: bestVia };
  if (touches.length > 0 && wellFormed === 0)
    return { ok: false, reason: "malformed_code", message: "every touch carried a malformed code" };
  if (before === 0)
    return {
      ok: false,
      reason: "no_touch",
      message: "no referral touch at or before the conversion",
    };
  return {
    ok: false,
    reason: "outside_window",
    message: `every touch is older than the ${windowDays}-day attribution window`,
  };
}
