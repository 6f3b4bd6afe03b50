import { type TierConfigInput, type TierSpan, tierTimeline } from "@opsbook/growth";

/** The simulator's tiers, lowest first; the member tier starts at 0 points. */
export const simulatorTiers = ["member", "silver", "gold"] as const;

/** The simulator's time zone (the configs of the growth plays use it too). */
export const simulatorTimeZone = "Asia/Shanghai";

/**
 * The simulator's starting values: two years of a member's monthly points, strong in the first
 * (a June sale and Double 11), weak in the second, against the "Design membership tiers" config.
 */
export const tierDefaults: Readonly<Record<string, string>> = {
  "tier.start": "2025-01",
  "tier.points":
    "400, 350, 500, 600, 800, 1200, 500, 450, 700, 900, 2000, 900, 200, 150, 100, 150, 100, 300, 100, 50, 100, 150, 300, 100",
  "tier.basis": "points-in-period",
  "tier.window": "year",
  "tier.silver": "2000",
  "tier.gold": "8000",
  "tier.downgrade": "one-step",
  "tier.grace": "1",
};

const windows = {
  year: { type: "calendar", unit: "year" },
  quarter: { type: "calendar", unit: "quarter" },
  "rolling-12": { type: "rolling", duration: "P12M" },
  "anniversary-12": { type: "anniversary", duration: "P12M" },
} as const;

/** A month `YYYY-MM` plus `k` months. */
function addMonths(month: string, k: number): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (m - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The simulator's input, read from its fields. */
export interface TierSimulation {
  config: TierConfigInput;
  /** One activity per month, on the 15th at noon in Beijing time. */
  activity: { timestamp: string; points: number }[];
  joinedAt: string;
  until: string;
  months: string[];
}

/** Reads the simulator's fields (`tier.*`) into a tier configuration and monthly activity. */
export function tierSimulationOf(values: ReadonlyMap<string, string>): TierSimulation {
  const start = values.get("tier.start")?.trim() ?? "";
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(start)) {
    throw new RangeError(`tier.start: expected a month such as 2025-01, received "${start}"`);
  }
  const points = (values.get("tier.points") ?? "")
    .split(/[\s,，、]+/)
    .filter((part) => part !== "")
    .map(Number);
  if (points.length === 0 || points.some((p) => !Number.isInteger(p))) {
    throw new RangeError("tier.points: expected whole numbers of points, one per month");
  }
  if (points.length > 60) throw new RangeError("tier.points: at most 60 months");
  const grace = Number(values.get("tier.grace") ?? "0");
  const basis = (values.get("tier.basis") ?? "points-in-period") as TierConfigInput["basis"];
  const windowKey = (values.get("tier.window") ?? "year") as keyof typeof windows;
  const config: TierConfigInput = {
    timeZone: simulatorTimeZone,
    basis,
    tiers: [
      { id: "member", threshold: 0 },
      { id: "silver", threshold: Number(values.get("tier.silver")) },
      { id: "gold", threshold: Number(values.get("tier.gold")) },
    ],
    downgrade: values.get("tier.downgrade") === "recompute" ? "recompute" : "one-step",
  };
  if (basis === "points-in-period") config.window = windows[windowKey] ?? windows.year;
  if (grace > 0) config.gracePeriod = `P${grace}M`;
  const months = points.map((_, i) => addMonths(start, i));
  const end = addMonths(start, points.length + (Number.isInteger(grace) && grace > 0 ? grace : 0));
  return {
    config,
    activity: months.map((month, i) => ({
      timestamp: `${month}-15T12:00:00+08:00`,
      points: points[i] as number,
    })),
    joinedAt: `${start}-01T00:00:00+08:00`,
    until: `${end}-01T00:00:00+08:00`,
    months,
  };
}

/** The tier timeline of the simulator's member (`tierTimeline`) and the tier of each month. */
export function simulateTiers(values: ReadonlyMap<string, string>): {
  spans: TierSpan[];
  monthly: { month: string; points: number; tier: string }[];
} {
  const s = tierSimulationOf(values);
  const spans = tierTimeline(s.config, s.activity, { joinedAt: s.joinedAt, until: s.until });
  const monthly = s.activity.map((a, i) => {
    const at = Date.parse(a.timestamp);
    const span = spans.findLast((x) => x.from <= at) ?? spans[0];
    return { month: s.months[i] as string, points: a.points, tier: span?.tier ?? "member" };
  });
  return { spans, monthly };
}
