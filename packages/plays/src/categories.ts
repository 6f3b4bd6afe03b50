import type { PlayLanguage } from "./schemas.ts";

/**
 * One area of an operator's job. Plays are grouped by category in `playbooks/<category>/`, and the
 * site's handbook has one chapter per category, with the same slugs.
 *
 * @category Categories
 * @since 0.1.0
 * @example
 * ```ts
 * import { categories, type PlayCategory } from "@opsbook/plays";
 *
 * const retention: PlayCategory | undefined = categories.find((c) => c.slug === "retention");
 * retention?.name["zh-cn"] //=> "留存与活跃"
 * ```
 */
export interface PlayCategory {
  /** Used in paths (`playbooks/<slug>/`) and in the `category` field of a play. */
  slug: PlayCategorySlug;
  /** Position in the handbook, from 1 (the operator's job end to end). */
  order: number;
  /** Display name per language. */
  name: Readonly<Record<PlayLanguage, string>>;
  /** What the category covers, one line per language. */
  description: Readonly<Record<PlayLanguage, string>>;
}

/**
 * The slug of a play category: `"market"`, `"acquisition"`, `"activation"`, `"retention"`,
 * `"monetization"`, `"ecosystem"`, `"data"`, `"collaboration"`, `"lifecycle"`, `"risk"`, `"brand"` or
 * `"innovation"`.
 *
 * @category Categories
 * @since 0.1.0
 * @example
 * ```ts
 * import { categories, type PlayCategorySlug } from "@opsbook/plays";
 *
 * const slugs: PlayCategorySlug[] = categories.map((c) => c.slug);
 * slugs.slice(0, 3) //=> ["market", "acquisition", "activation"]
 * ```
 */
export type PlayCategorySlug = (typeof categorySlugs)[number];

/**
 * The category slugs in handbook order; the single source of the `category` enum.
 *
 * @category Categories
 * @since 0.1.0
 * @example
 * ```ts
 * import { categorySlugs } from "@opsbook/plays";
 *
 * categorySlugs.length //=> 12
 * categorySlugs.includes("retention") //=> true
 * ```
 */
export const categorySlugs = [
  "market",
  "acquisition",
  "activation",
  "retention",
  "monetization",
  "ecosystem",
  "data",
  "collaboration",
  "lifecycle",
  "risk",
  "brand",
  "innovation",
] as const;

const names: Record<PlayCategorySlug, [en: string, zhCn: string, enLine: string, zhLine: string]> =
  {
    market: [
      "Product and market understanding",
      "产品与市场洞察",
      "Personas, positioning, the market and where the product stands in it.",
      "用户画像、产品定位、市场格局与产品所处的位置。",
    ],
    acquisition: [
      "Acquisition",
      "用户获取",
      "Channels, referrals and campaigns that bring new users in.",
      "带来新用户的渠道、邀请裂变与投放活动。",
    ],
    activation: [
      "Activation",
      "用户激活",
      "Onboarding and the first week: getting new users to the value moment.",
      "新手引导与首周体验：让新用户尽快抵达价值时刻。",
    ],
    retention: [
      "Retention and engagement",
      "留存与活跃",
      "Habits, points and levels, reactivation and win-back.",
      "用户习惯、积分与等级体系、促活与召回。",
    ],
    monetization: [
      "Monetisation and pricing",
      "变现与定价",
      "Plans, price levels, trials, discounts and unit economics.",
      "套餐设计、价格水平、试用、折扣与单位经济模型。",
    ],
    ecosystem: [
      "Content and ecosystem",
      "内容与生态",
      "Creators, content supply and the balance of two-sided markets.",
      "创作者激励、内容供给与双边市场的供需平衡。",
    ],
    data: [
      "Data and experimentation",
      "数据与实验",
      "Metrics, dashboards and experiments that decide what works.",
      "用指标、看板和实验判断什么真正有效。",
    ],
    collaboration: [
      "Working across teams",
      "跨团队协作",
      "Launches and routines shared with product, engineering, sales and support.",
      "与产品、研发、销售、客服共同推进的发布与日常机制。",
    ],
    lifecycle: [
      "Lifecycle management",
      "生命周期管理",
      "User lifecycle stages, customer value and the product's own lifecycle stage.",
      "用户生命周期分层、客户价值与产品自身所处的生命周期阶段。",
    ],
    risk: [
      "Risk and crisis response",
      "风险与危机应对",
      "Fraud, campaign risk reviews and incidents that reach users.",
      "反作弊、活动风险评估以及影响用户的事故处置。",
    ],
    brand: [
      "Brand",
      "品牌建设",
      "Voice, consistency and the reputation every touchpoint builds.",
      "品牌调性、一致性，以及每个触点累积的口碑。",
    ],
    innovation: [
      "Innovation",
      "创新探索",
      "Cheap tests of new ideas, features and markets.",
      "以低成本验证新想法、新功能和新市场。",
    ],
  };

/**
 * The twelve play categories in handbook order, with their names and one-line descriptions in English
 * and Simplified Chinese. They follow the operator's job end to end, from understanding the market to
 * innovation.
 *
 * @category Categories
 * @since 0.1.0
 * @example
 * ```ts
 * import { categories } from "@opsbook/plays";
 *
 * categories.length //=> 12
 * categories[4] //=> {
 * //   slug: "monetization",
 * //   order: 5,
 * //   name: { en: "Monetisation and pricing", "zh-cn": "变现与定价" },
 * //   description: {
 * //     en: "Plans, price levels, trials, discounts and unit economics.",
 * //     "zh-cn": "套餐设计、价格水平、试用、折扣与单位经济模型。",
 * //   },
 * // }
 * ```
 */
export const categories: readonly PlayCategory[] = Object.freeze(
  categorySlugs.map((slug, index) => {
    const [en, zhCn, enLine, zhLine] = names[slug];
    return Object.freeze({
      slug,
      order: index + 1,
      name: Object.freeze({ en, "zh-cn": zhCn }),
      description: Object.freeze({ en: enLine, "zh-cn": zhLine }),
    });
  }),
);
