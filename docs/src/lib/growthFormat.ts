/**
 * Display formats of the points-levels-and-membership guide — its live ledger example and its two
 * islands — shared with the browser test so that page and test write the same text for the same
 * number. The same in both language editions.
 */

/** Beijing time has no daylight saving time: a fixed offset of eight hours. */
const beijingOffsetMs = 8 * 3_600_000;

/** Whole points with thousands separators: `2498` → `2,498`. */
export function formatPoints(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/** A signed change of points: `+468`, `-1,000`, `0`. */
export function formatSigned(value: number): string {
  return value > 0 ? `+${formatPoints(value)}` : formatPoints(value);
}

/** The calendar day of an instant in Beijing time: `2025-03-08`. */
export function formatDay(epochMs: number): string {
  return new Date(epochMs + beijingOffsetMs).toISOString().slice(0, 10);
}

/** The last day before an instant, in Beijing time: an expiry at midnight ends the day before. */
export function formatLastDay(epochMs: number): string {
  return formatDay(epochMs - 1);
}

/** The month of an instant in Beijing time: `2025-03`. */
export function formatMonth(epochMs: number): string {
  return formatDay(epochMs).slice(0, 7);
}

/** A share as a whole percentage: `0.42` → `42%`. */
export function formatProgress(value: number): string {
  return `${Math.floor(value * 100)}%`;
}

/** The lots an entry touched: `#1 -168, #4 -832`. */
export function formatLots(lots: readonly { lot: number; amount: number }[]): string {
  return lots.map((l) => `#${l.lot} ${formatSigned(l.amount)}`).join(", ");
}

/** Display names of the tier simulator's tiers and of the reasons of a tier change, per edition. */
export const tierLabels = {
  en: {
    tiers: { member: "Member", silver: "Silver", gold: "Gold" },
    reasons: {
      joined: "joined",
      qualified: "qualified",
      downgraded: "downgraded",
      override: "override",
      "override-ended": "override ended",
    },
  },
  "zh-cn": {
    tiers: { member: "普通会员", silver: "银卡", gold: "金卡" },
    reasons: {
      joined: "入会",
      qualified: "达标升级",
      downgraded: "降级",
      override: "人工指定",
      "override-ended": "人工指定结束",
    },
  },
} as const;

/** Display names of the ledger's entry types, per edition. */
export const entryTypeLabels = {
  en: { earn: "earn", burn: "burn", reverse: "reverse", expire: "expire", adjust: "adjust" },
  "zh-cn": { earn: "获得", burn: "兑换", reverse: "冲正", expire: "过期", adjust: "调整" },
} as const;
