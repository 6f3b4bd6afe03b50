import { durationToMs, validate } from "@opsbook/core";
import { isDisposableEmail } from "./disposableEmailDomains.ts";
import { normalizeEmail } from "./normalizeEmail.ts";
import { type FraudRules, type FraudRulesInput, fraudRulesSchema } from "./referralSchemas.ts";

/**
 * The reason code of a fraud check that fired.
 *
 * @category Referral anti-fraud
 * @since 0.1.0
 */
export type FraudReasonCode =
  | "self_referral"
  | "shared_device"
  | "shared_payment"
  | "shared_ip"
  | "velocity"
  | "disposable_email"
  | "existing_customer"
  | "refund_rate";

/**
 * A fraud check that fired: its `code`, the `score` it added and a readable `message`.
 *
 * @category Referral anti-fraud
 * @since 0.1.0
 */
export interface FraudReason {
  code: FraudReasonCode;
  score: number;
  message: string;
}

/**
 * The risk of a referral: `score` (0–100, the capped sum of the checks that fired), the `outcome`
 * under the thresholds, and every `reasons` entry.
 *
 * @category Referral anti-fraud
 * @since 0.1.0
 */
export interface RiskAssessment {
  outcome: "approve" | "hold" | "reject";
  score: number;
  reasons: FraudReason[];
}

/**
 * What is known about a referral when it is checked. Identity fields are optional: a check whose
 * inputs are missing does not fire.
 *
 * @category Referral anti-fraud
 * @since 0.1.0
 */
export interface ReferralRiskInput {
  /** When the referral happens, epoch milliseconds. */
  at: number;
  referrer: {
    id?: string;
    email?: string;
    deviceId?: string;
    ipAddress?: string;
    paymentFingerprint?: string;
    /** Times of the referrer's earlier referrals, ascending (for velocity). */
    referralTimes?: readonly number[];
    /** Referred customers who paid, and of them those with a refund (FirstPromoter's refund rate). */
    customers?: number;
    refundedCustomers?: number;
  };
  referee: {
    id?: string;
    email?: string;
    deviceId?: string;
    ipAddress?: string;
    paymentFingerprint?: string;
    existingCustomer?: boolean;
  };
  /** Whether the referee's device, IP address or card was already seen on another account. */
  seenElsewhere?: { device?: boolean; ip?: boolean; payment?: boolean };
}

/** Fraud rules with their velocity windows in milliseconds, for the hot path. */
export interface CompiledFraudRules {
  rules: FraudRules;
  windowsMs: { ms: number; max: number; within: string }[];
  extraDomains: readonly string[];
}

/** Compiles parsed rules once. */
export function compileFraudRules(rules: FraudRules): CompiledFraudRules {
  return {
    rules,
    windowsMs:
      rules.velocity === false
        ? []
        : rules.velocity.windows.map((w) => ({
            ms: durationToMs(w.within),
            max: w.max,
            within: w.within,
          })),
    extraDomains: rules.disposableEmail === false ? [] : rules.disposableEmail.extraDomains,
  };
}

/** Number of values in ascending `times` that are greater than `after`. */
function countAfter(times: readonly number[], after: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) > after) hi = mid;
    else lo = mid + 1;
  }
  return times.length - lo;
}

/**
 * The assessment itself, on compiled rules (no validation: the hot path of the engine).
 * `emailKeys` are the e-mails already normalised, when the caller keeps them.
 */
export function assessRisk(
  input: ReferralRiskInput,
  compiled: CompiledFraudRules,
  emailKeys?: { referrer: string | null; referee: string | null },
): RiskAssessment {
  const { rules } = compiled;
  const reasons: FraudReason[] = [];
  const { referrer, referee } = input;
  if (rules.selfReferral !== false) {
    const sameId = referrer.id !== undefined && referrer.id === referee.id;
    const a = emailKeys
      ? emailKeys.referrer
      : referrer.email !== undefined
        ? normalizeEmail(referrer.email)
        : null;
    const b = emailKeys
      ? emailKeys.referee
      : referee.email !== undefined
        ? normalizeEmail(referee.email)
        : null;
    if (sameId || (a !== null && a === b))
      reasons.push({
        code: "self_referral",
        score: rules.selfReferral.score,
        message: sameId
          ? "the referee is the referrer"
          : `the referee's e-mail normalises to the referrer's (${a})`,
      });
  }
  if (rules.sharedFingerprint !== false) {
    const seen = input.seenElsewhere ?? {};
    const s = rules.sharedFingerprint;
    const shared = (mine: string | undefined, theirs: string | undefined, elsewhere?: boolean) =>
      mine !== undefined && mine !== "" && (mine === theirs || elsewhere === true);
    if (shared(referee.deviceId, referrer.deviceId, seen.device) && s.device > 0)
      reasons.push({
        code: "shared_device",
        score: s.device,
        message: "device already seen on another account",
      });
    if (
      shared(referee.paymentFingerprint, referrer.paymentFingerprint, seen.payment) &&
      s.payment > 0
    )
      reasons.push({
        code: "shared_payment",
        score: s.payment,
        message: "payment card already seen on another account",
      });
    if (shared(referee.ipAddress, referrer.ipAddress, seen.ip) && s.ip > 0)
      reasons.push({
        code: "shared_ip",
        score: s.ip,
        message: "IP address already seen on another account",
      });
  }
  if (rules.velocity !== false && referrer.referralTimes !== undefined) {
    for (const w of compiled.windowsMs) {
      const count = countAfter(referrer.referralTimes, input.at - w.ms) + 1;
      if (count > w.max) {
        reasons.push({
          code: "velocity",
          score: rules.velocity.score,
          message: `${count} referrals within ${w.within} (max ${w.max})`,
        });
        break;
      }
    }
  }
  if (
    rules.disposableEmail !== false &&
    referee.email !== undefined &&
    isDisposableEmail(referee.email, compiled.extraDomains)
  )
    reasons.push({
      code: "disposable_email",
      score: rules.disposableEmail.score,
      message: "the referee's e-mail domain is a disposable-mail service",
    });
  if (rules.existingCustomer !== false && referee.existingCustomer === true)
    reasons.push({
      code: "existing_customer",
      score: rules.existingCustomer.score,
      message: "the referee was already a customer",
    });
  if (rules.refundRate !== false) {
    const customers = referrer.customers ?? 0;
    const refunded = referrer.refundedCustomers ?? 0;
    if (
      customers >= rules.refundRate.minCustomers &&
      refunded / customers >= rules.refundRate.threshold
    )
      reasons.push({
        code: "refund_rate",
        score: rules.refundRate.score,
        message: `referrer's refund rate ${refunded}/${customers} is at or above ${rules.refundRate.threshold}`,
      });
  }
  let score = 0;
  for (const r of reasons) score += r.score;
  if (score > 100) score = 100;
  const outcome =
    score >= rules.thresholds.reject
      ? "reject"
      : score >= rules.thresholds.hold
        ? "hold"
        : "approve";
  return { outcome, score, reasons };
}

/**
 * Runs the anti-fraud checks on one referral and decides approve / hold for review / reject.
 * Checks (each with its reason code and score, see {@link fraudRulesSchema}): `self_referral`
 * (same id, or e-mails equal after {@link normalizeEmail}), `shared_device`, `shared_payment` and
 * `shared_ip` (the referee's fingerprint is the referrer's or was seen on another account),
 * `velocity` (the referrer's referrals in any window, this one included, exceed its `max`),
 * `disposable_email`, `existing_customer`, and `refund_rate` (FirstPromoter: refunded customers ÷
 * paying customers at or above the threshold, 25 % by default). The score is the sum of the scores
 * that fired, capped at 100.
 *
 * @param input - The referral and what is known about both sides.
 * @param rules - Anti-fraud rules (validated; defaults as in {@link fraudRulesSchema}).
 * @returns The assessment.
 * @category Referral anti-fraud
 * @since 0.1.0
 * @example
 * ```ts
 * import { assessReferralRisk } from "@opsbook/growth";
 *
 * const risk = assessReferralRisk({
 *   at: Date.parse("2026-03-01T20:00:00Z"),
 *   referrer: { id: "u1", email: "mallory@gmail.com", deviceId: "d1" },
 *   referee: { id: "u2", email: "Mal.lory+2@gmail.com", deviceId: "d1" },
 * });
 * risk.outcome //=> "reject"
 * risk.reasons.map((r) => r.code) //=> ["self_referral", "shared_device"]
 * risk.score //=> 100
 * assessReferralRisk({ at: 0, referrer: { id: "u1" }, referee: { id: "u3", email: "a@yopmail.com" } }).outcome //=> "hold"
 * assessReferralRisk({ at: 0, referrer: {}, referee: {} }, { thresholds: { hold: 90, reject: 10 } }) //=> throws OpsbookError
 * ```
 */
export function assessReferralRisk(
  input: ReferralRiskInput,
  rules: FraudRulesInput = {},
): RiskAssessment {
  const parsed = validate(fraudRulesSchema, rules, { label: "fraud rules" });
  return assessRisk(input, compileFraudRules(parsed));
}
