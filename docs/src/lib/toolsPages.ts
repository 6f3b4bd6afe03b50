/**
 * The tool pages of the Tools section, in the order the hub and the tool navigation list them:
 * each page's path under `/tools/`, its name in both editions and the URL-parameter prefix of its
 * calculator.
 */
export const toolPages = [
  { slug: "sample-size", en: "Sample size", zh: "样本量", prefix: "ss." },
  { slug: "significance", en: "Significance", zh: "显著性", prefix: "sig." },
  { slug: "tier-pricing", en: "Tier pricing", zh: "阶梯定价", prefix: "price." },
  { slug: "xp-curve", en: "XP curve", zh: "等级经验曲线", prefix: "xp." },
  { slug: "van-westendorp", en: "Van Westendorp", zh: "价格敏感度", prefix: "vw." },
  { slug: "bass-stage", en: "Bass stage", zh: "产品阶段", prefix: "bass." },
  { slug: "rfm", en: "RFM segments", zh: "RFM 分群", prefix: "rfm." },
] as const;
