/** Valid plays to start tests from: every field filled, every section present. */

export const englishFrontmatter = `title: Find the activation threshold
summary: Names the early action that predicts retention, with its threshold.
category: activation
lifecycleStages: [growth, maturity]
effort: { prep: P2D, run: P1W, people: "2-3" }
roles: [product operator, data analyst]
whenToUse:
  - A few thousand sign-ups with event data.
whenNotToUse:
  - Fewer than a few hundred retained users.
inputs:
  - Sign-ups and events of the last 90 days.
packages: ["@opsbook/metrics"]
metrics:
  primary: Week-4 retention
  inputs: [Activation rate, Time to first core action, Core actions in week 1]
  guardrails: [Sign-up conversion]
risks:
  - Correlation read as causation.
lastReviewed: 2026-11-01`;

export const englishBody = `## Goal

Name the early action that predicts retention.

## When to use / when not

Use it once the product has a few thousand sign-ups.

## Inputs

Sign-ups and events.

## Steps

### 1. Pick candidate actions (1 h)

List the actions.

### 2. Compare retention (2 days)

Compare cohorts.

## Metrics & targets

Week-4 retention.

## Risks & guardrails

Hold out a group.

## Variations

By channel.

## Follow-up

Test the onboarding change.
`;

export const chineseFrontmatter = `title: 找到激活阈值
summary: 找出最能预示留存的早期行为及其次数阈值。
category: activation
lifecycleStages: [growth, maturity]
effort: { prep: P2D, run: P1W, people: "2-3" }
roles: [运营负责人, 数据分析师]
whenToUse:
  - 已有数千注册用户和行为数据。
whenNotToUse:
  - 留存用户不足几百人。
inputs:
  - 最近 90 天的注册与行为数据。
packages: ["@opsbook/metrics"]
metrics:
  primary: 第 4 周留存率
  inputs: [激活率, 首次核心行为用时, 首周核心行为次数]
  guardrails: [注册转化率]
risks:
  - 把相关当成因果。
lastReviewed: 2026-11-01`;

export const chineseBody = `## 目标

找出最能预示留存的早期行为。

## 适用与不适用

注册用户达到数千时使用。

## 所需输入

注册与行为数据。

## 步骤

### 1. 列出候选行为（1 小时）

列出行为。

### 2. 对比留存（2 天）

对比分组。

## 指标与目标值

第 4 周留存率。

## 风险与护栏

保留对照组。

## 变体

按渠道拆分。

## 后续跟进

验证新手引导的改动。
`;

/** A play file: frontmatter between --- lines, then the body. */
export const play = (frontmatter: string, body: string): string =>
  `---\n${frontmatter}\n---\n\n${body}`;

export const englishPlay = play(englishFrontmatter, englishBody);
export const chinesePlay = play(chineseFrontmatter, chineseBody);

/** 1-based line of the first line of `text` containing `needle`. */
export const lineOf = (text: string, needle: string): number => {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" not found`);
  return index + 1;
};

/** 1-based column of `needle` on its line. */
export const columnOf = (text: string, needle: string): number => {
  const line = text.split("\n")[lineOf(text, needle) - 1]!;
  return line.indexOf(needle) + 1;
};

/** Runs `fn`, expects an OpsbookError, returns it. */
export const caught = (fn: () => unknown): Error & { code: string; issues: LocatedIssue[] } => {
  try {
    fn();
  } catch (error) {
    return error as Error & { code: string; issues: LocatedIssue[] };
  }
  throw new Error("expected an error");
};

export interface LocatedIssue {
  code: string;
  path: (string | number)[];
  message: string;
  file?: string;
  line: number;
  column: number;
}

const retentionFrontmatter = (frontmatter: string) =>
  frontmatter
    .replace("category: activation", "category: retention")
    .replace("lifecycleStages: [growth, maturity]", "lifecycleStages: [maturity, decline]")
    .replace('packages: ["@opsbook/metrics"]', "packages: []");

/** A small playbook: two plays in two categories, each in English and Chinese. */
export const fixturePlaybook = (): { path: string; text: string }[] => [
  { path: "README.md", text: "# Plays\n" },
  { path: "_template.md", text: englishPlay },
  { path: "activation/activation-threshold.md", text: englishPlay },
  {
    path: "retention/win-back.md",
    text: play(retentionFrontmatter(englishFrontmatter), englishBody),
  },
  { path: "zh-cn/README.md", text: "# 玩法\n" },
  { path: "zh-cn/_template.md", text: chinesePlay },
  { path: "zh-cn/activation/activation-threshold.md", text: chinesePlay },
  {
    path: "zh-cn/retention/win-back.md",
    text: play(retentionFrontmatter(chineseFrontmatter), chineseBody),
  },
];
