/**
 * Interface text of the plays gallery and the play pages, per language, with the category and
 * stage names of @opsbook/plays. Kept here (not in the site-wide i18n files) because only these
 * components and their browser test use it.
 */
import {
  categories,
  type PlayLanguage,
  type ProductLifecycleStage,
  productLifecycleStages,
} from "@opsbook/plays";

export const playLabels = {
  en: {
    filters: "Filter the plays",
    category: "Category",
    allCategories: "All categories",
    stage: "Lifecycle stage",
    allStages: "All stages",
    clear: "Show all plays",
    stages: "Lifecycle stages",
    effort: "Effort",
    roles: "Roles",
    packages: "Packages",
    noPackages: "None",
    primaryMetric: "Primary metric",
    guardrails: "Guardrails",
    lastReviewed: "Last reviewed",
    about: "About this play",
    steps: "Steps at a glance",
    liveMetric: "Live metric",
    liveMetricNote:
      "Computed when this site was built, on the Opsbook sample product (seed 42, 2,000 users, 120 days):",
    copy: "Copy Markdown",
    copied: "Copied",
    copyFailed: "Copying failed: download the file instead",
    downloadMarkdown: "Download the Markdown",
    downloadConfig: "Download the config",
    galleryLink: "All plays",
    none: "No play matches these filters.",
    /** "Showing 3 of 24 plays", "Showing all 24 plays". */
    count: (shown: number, total: number) =>
      shown === total ? `Showing all ${total} plays` : `Showing ${shown} of ${total} plays`,
    list: (items: readonly string[]) => items.join(", "),
    date: (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
        day: "numeric",
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }),
  },
  "zh-cn": {
    filters: "筛选玩法",
    category: "类别",
    allCategories: "全部类别",
    stage: "产品阶段",
    allStages: "全部阶段",
    clear: "显示全部玩法",
    stages: "适用阶段",
    effort: "投入",
    roles: "参与角色",
    packages: "用到的包",
    noPackages: "无",
    primaryMetric: "核心指标",
    guardrails: "护栏指标",
    lastReviewed: "最近审阅",
    about: "玩法概览",
    steps: "步骤一览",
    liveMetric: "实时指标",
    liveMetricNote: "本站构建时在 Opsbook 示例产品（种子 42，2,000 名用户，120 天）上计算：",
    copy: "复制 Markdown",
    copied: "已复制",
    copyFailed: "复制失败，请改用下载",
    downloadMarkdown: "下载 Markdown 文件",
    downloadConfig: "下载配置文件",
    galleryLink: "全部玩法",
    none: "没有符合筛选条件的玩法。",
    count: (shown: number, total: number) =>
      shown === total ? `共 ${total} 个玩法` : `显示 ${shown} 个玩法（共 ${total} 个）`,
    list: (items: readonly string[]) => items.join("、"),
    date: (iso: string) => {
      const [year, month, day] = iso.split("-").map(Number);
      return `${year} 年 ${month} 月 ${day} 日`;
    },
  },
} as const;

/** A category's name in a language (the slug when unknown). */
export function categoryName(slug: string, language: PlayLanguage): string {
  return categories.find((c) => c.slug === slug)?.name[language] ?? slug;
}

/** A product lifecycle stage's name in a language. */
export function stageName(stage: ProductLifecycleStage, language: PlayLanguage): string {
  return productLifecycleStages.find((s) => s.stage === stage)?.name[language] ?? stage;
}

/** The path of a play's page in its language edition: `/plays/<slug>/`, `/zh-cn/plays/<slug>/`. */
export function playPagePath(slug: string, language: PlayLanguage): string {
  return `${language === "zh-cn" ? "/zh-cn" : ""}/plays/${slug}/`;
}

/** The paths of a play's downloadable files: its Markdown and, when it has one, its config. */
export function playFilePaths(play: {
  slug: string;
  language: PlayLanguage;
  config?: { fileName: string };
}): { markdown: string; config?: string } {
  const page = playPagePath(play.slug, play.language);
  return {
    markdown: `${page}${play.slug}.md`,
    ...(play.config ? { config: `${page}${play.config.fileName}` } : {}),
  };
}
