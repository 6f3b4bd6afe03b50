/**
 * Live metrics of the play pages: for the plays whose primary metric a package computes, that metric
 * on the seeded sample product (the one the guides use: seed 42, 2,000 users, 120 days), computed
 * when the site is built. Plays without an entry show no live metric. The browser test recomputes
 * each value by calling the packages itself and compares it with the page, using the formats below.
 */
import { startOfPeriod } from "@opsbook/core";
import { activationThreshold, funnel, growthAccounting } from "@opsbook/metrics";
import type { PlayLanguage } from "@opsbook/plays";
import { vanWestendorp } from "@opsbook/pricing";
import { generateProduct, type SampleProduct } from "@opsbook/sample-data";

/** What a play page shows as its live metric. */
export interface PlayLiveMetric {
  /** The primary metric, as measured here, per language. */
  label: Readonly<Record<PlayLanguage, string>>;
  /** The value, formatted (the same text in both languages). */
  value: string;
  /** How it was computed: the function and the inputs, per language. */
  method: Readonly<Record<PlayLanguage, string>>;
}

/** A share as a percentage with one decimal: `0.5617` → `56.2%`. */
export function formatPlayPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A ratio with two decimals; `—` when there is none. */
export function formatPlayRatio(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "—" : value.toFixed(2);
}

/** A price range in US dollars: `$9.00–$24.50`; `—` for an end the answers do not give. */
export function formatPlayPriceRange(range: readonly [number | null, number | null]): string {
  const dollars = (value: number | null) => (value === null ? "—" : `$${value.toFixed(2)}`);
  return `${dollars(range[0])}–${dollars(range[1])}`;
}

/** An ISO week key in Chinese: `2026-W18` → "2026 年第 18 周". */
function chineseWeek(key: string | undefined): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(key ?? "");
  return match ? `${match[1]} 年第 ${Number(match[2])} 周` : "—";
}

let sample: SampleProduct | undefined;
/** The sample product of the guides, generated once per build. */
function sampleProduct(): SampleProduct {
  sample ??= generateProduct({ seed: 42, users: 2000, days: 120 });
  return sample;
}

/** The live metric of each play that has one, by play slug (the same in both languages). */
export const playMetrics: Readonly<Record<string, () => PlayLiveMetric>> = {
  "find-activation-threshold": () => {
    const scan = activationThreshold(sampleProduct().events, {
      actions: ["core_action"],
      signupEvent: "signup",
      windowsDays: [7],
      thresholds: [3],
      retentionDays: [28, 35],
      minSupport: 1,
    });
    return {
      label: {
        en: "Week-4 retention of sign-ups (active on days 28–35)",
        "zh-cn": "新用户第 4 周留存（注册后第 28–35 天仍活跃）",
      },
      value: formatPlayPercent(scan.baseRetention),
      method: {
        en: `baseRetention of activationThreshold (@opsbook/metrics) over the ${scan.eligibleUsers.toLocaleString("en-US")} sign-ups whose window has ended`,
        "zh-cn": `@opsbook/metrics 的 activationThreshold 返回的 baseRetention，统计对象是留存窗口已结束的 ${scan.eligibleUsers.toLocaleString("en-US")} 名新用户`,
      },
    };
  },
  "diagnose-funnel-drop-off": () => {
    const result = funnel(sampleProduct().events, {
      steps: [{ event: "signup" }, { event: "core_action" }],
      conversionWindow: "P7D",
    });
    return {
      label: {
        en: "Conversion from sign-up to first core action within 7 days",
        "zh-cn": "注册后 7 天内完成首次核心操作的转化率",
      },
      value: formatPlayPercent(result.converted / result.entered),
      method: {
        en: "converted ÷ entered of funnel (@opsbook/metrics), steps signup → core_action, window P7D",
        "zh-cn":
          "@opsbook/metrics 的 funnel 中 converted ÷ entered，步骤 signup → core_action，转化窗口 P7D",
      },
    };
  },
  "weekly-growth-accounting-review": () => {
    const product = sampleProduct();
    // Full weeks only: the window's last week has just started.
    const to = startOfPeriod(product.window.end, "week") - 1;
    const weeks = growthAccounting(product.events, { unit: "week", to });
    const last = weeks.at(-1);
    return {
      label: {
        en: `Weekly quick ratio, (new + resurrected) ÷ churned, week ${last?.key ?? "—"}`,
        "zh-cn": `每周快速比率 =（新增 + 回流）÷ 流失，${chineseWeek(last?.key)}`,
      },
      value: formatPlayRatio(last?.quickRatio ?? null),
      method: {
        en: "quickRatio of the last full week of growthAccounting (@opsbook/metrics), ISO weeks in UTC",
        "zh-cn": "@opsbook/metrics 的 growthAccounting 最后一个完整周的 quickRatio（ISO 周，UTC）",
      },
    };
  },
  "van-westendorp-price-research": () => {
    const answers = sampleProduct().survey.map((r) => ({
      tooCheap: r.tooCheap.amount / 100,
      cheap: r.cheap.amount / 100,
      expensive: r.expensive.amount / 100,
      tooExpensive: r.tooExpensive.amount / 100,
    }));
    const research = vanWestendorp(answers);
    return {
      label: {
        en: "Acceptable monthly price range (PMC to PME)",
        "zh-cn": "可接受月价区间（边际便宜点 PMC 到边际昂贵点 PME）",
      },
      value: formatPlayPriceRange(research.acceptableRange),
      method: {
        en: `acceptableRange of vanWestendorp (@opsbook/pricing) on the sample pricing survey, ${research.respondents.toLocaleString("en-US")} consistent answers`,
        "zh-cn": `@opsbook/pricing 的 vanWestendorp 在示例价格问卷上得到的 acceptableRange，有效答卷 ${research.respondents.toLocaleString("en-US")} 份`,
      },
    };
  },
};

/** The live metric of a play, or `undefined` when none of the packages computes its primary metric. */
export function playLiveMetric(slug: string): PlayLiveMetric | undefined {
  return playMetrics[slug]?.();
}
